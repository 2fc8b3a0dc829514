/* model_file.c — the .rgan model file: magic, format version, byte-order mark, payload
 * length, payload (settings, transformer, weights) and an FNV-1a checksum of the payload.
 * Written through a temporary file and renamed; every field is validated on load. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "model.h"

static const char magic[8] = {'R', 'I', 'S', 'K', 'G', 'A', 'N', 0x1a};
enum { FORMAT_VERSION = 1, BYTE_ORDER_MARK = 0x01020304, HEADER_SIZE = 8 + 4 + 4 + 8 };

static void write_payload(const riskgan_model *m, rg_writer *w)
{
    rg_write_u32(w, (uint32_t)m->kind);
    rg_write_string(w, m->target);
    rg_write_u32(w, (uint32_t)m->epochs);
    rg_write_u32(w, (uint32_t)m->epochs_completed);
    rg_write_u32(w, (uint32_t)m->batch_size);
    rg_write_u32(w, (uint32_t)m->pac);
    rg_write_u32(w, (uint32_t)m->discriminator_steps);
    rg_write_f64(w, m->generator_lr);
    rg_write_f64(w, m->discriminator_lr);
    rg_write_f64(w, m->generator_decay);
    rg_write_f64(w, m->discriminator_decay);
    rg_write_f64(w, m->target_condition_weight);
    rg_write_u64(w, m->seed);
    rg_write_u64(w, m->training_rows);
    rg_transformer_write(m->transformer, w);
    if (m->kind == RISKGAN_MODEL_CTGAN)
        rg_ctgan_write(&m->ctgan, w);
    else
        rg_tvae_write(&m->tvae, w);
    rg_calibration_write(&m->calibration, w);
    rg_label_model_write(&m->label_model, w);
}

riskgan_status riskgan_model_save(const riskgan_model *m, const char *path)
{
    /* the payload goes to memory first so the header can state its length */
    char *payload = NULL;
    size_t length = 0;
    FILE *memory = open_memstream(&payload, &length);
    if (!memory)
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory serializing the model");
    rg_writer w;
    rg_writer_init(&w, memory);
    write_payload(m, &w);
    uint64_t checksum = w.checksum;
    int failed = w.failed | (fclose(memory) != 0);
    if (failed) {
        free(payload);
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory serializing the model");
    }
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK) {
        free(payload);
        return status;
    }
    rg_writer_init(&w, file.stream);
    rg_write_bytes(&w, magic, sizeof magic);
    rg_write_u32(&w, FORMAT_VERSION);
    uint32_t mark = BYTE_ORDER_MARK;
    rg_write_bytes(&w, &mark, sizeof mark); /* native order: floats are native too */
    rg_write_u64(&w, length);
    rg_write_bytes(&w, payload, length);
    rg_write_u64(&w, checksum);
    free(payload);
    if (w.failed) {
        rg_atomic_abort(&file);
        return rg_fail(RISKGAN_ERR_IO, "cannot write %s", path);
    }
    return rg_atomic_commit(&file);
}

static riskgan_status refuse(const char *name, const char *reason)
{
    return rg_fail(RISKGAN_ERR_FORMAT, "%s: not a usable riskgan model: %s", name, reason);
}

static riskgan_status load(const unsigned char *data, size_t length, const char *name, riskgan_model **out)
{
    *out = NULL;
    if (length < sizeof magic || memcmp(data, magic, sizeof magic) != 0)
        return refuse(name, "it does not start with the riskgan magic number (a foreign file?)");
    if (length < HEADER_SIZE + 8)
        return refuse(name, "the file ends inside its header (truncated)");
    rg_reader header;
    rg_reader_init(&header, data + sizeof magic, HEADER_SIZE - sizeof magic);
    uint32_t version = rg_read_u32(&header), mark;
    rg_read_bytes(&header, &mark, sizeof mark);
    uint64_t declared = rg_read_u64(&header);
    if (version > FORMAT_VERSION) {
        char reason[160];
        snprintf(reason, sizeof reason, "it has format version %u, newer than this riskgan reads (%d): upgrade riskgan",
                 version, FORMAT_VERSION);
        return refuse(name, reason);
    }
    if (version == 0)
        return refuse(name, "format version 0 is invalid (corrupt file)");
    if (mark != BYTE_ORDER_MARK)
        return refuse(name, "it was written on a machine with another byte order");
    if (declared != length - HEADER_SIZE - 8)
        return refuse(name, declared > length - HEADER_SIZE - 8 ? "the file is shorter than its header says (truncated)"
                                                                 : "the file is longer than its header says (corrupt)");
    rg_reader r;
    rg_reader_init(&r, data + HEADER_SIZE, declared);
    rg_reader trailer;
    rg_reader_init(&trailer, data + HEADER_SIZE + declared, 8);
    uint64_t stored_checksum = rg_read_u64(&trailer);
    if (rg_checksum_bytes(RG_CHECKSUM_START, data + HEADER_SIZE, declared) != stored_checksum)
        return refuse(name, "checksum mismatch (the file is corrupt)");
    riskgan_model *m = rg_calloc(1, sizeof *m);
    if (!m)
        return RISKGAN_ERR_NO_MEMORY;
    m->kind = (riskgan_model_kind)rg_read_u32(&r);
    m->target = rg_read_string(&r);
    m->epochs = (int)rg_read_u32(&r);
    m->epochs_completed = (int)rg_read_u32(&r);
    m->batch_size = (int)rg_read_u32(&r);
    m->pac = (int)rg_read_u32(&r);
    m->discriminator_steps = (int)rg_read_u32(&r);
    m->generator_lr = rg_read_f64(&r);
    m->discriminator_lr = rg_read_f64(&r);
    m->generator_decay = rg_read_f64(&r);
    m->discriminator_decay = rg_read_f64(&r);
    m->target_condition_weight = rg_read_f64(&r);
    m->seed = rg_read_u64(&r);
    m->training_rows = rg_read_u64(&r);
    riskgan_status status = RISKGAN_OK;
    if (!r.failure && m->kind != RISKGAN_MODEL_CTGAN && m->kind != RISKGAN_MODEL_TVAE)
        r.failure = "unknown model kind (corrupt file)";
    if (!r.failure)
        status = rg_transformer_read(&r, &m->transformer);
    if (status == RISKGAN_OK && !r.failure) {
        if (m->kind == RISKGAN_MODEL_CTGAN) {
            status = rg_ctgan_read(&m->ctgan, &r);
            if (status == RISKGAN_OK && ((size_t)m->ctgan.data_dim != m->transformer->width ||
                                         (size_t)m->ctgan.condition_dim != m->transformer->condition_width))
                r.failure = "the network does not match the column layout (corrupt file)";
        } else {
            status = rg_tvae_read(&m->tvae, &r);
            if (status == RISKGAN_OK && (size_t)m->tvae.data_dim != m->transformer->width)
                r.failure = "the network does not match the column layout (corrupt file)";
        }
    }
    if (status == RISKGAN_OK && !r.failure)
        status = rg_calibration_read(&m->calibration, m->transformer, &r);
    if (status == RISKGAN_OK && !r.failure)
        status = rg_label_model_read(&m->label_model, m->transformer, &r);
    if (status == RISKGAN_OK && !r.failure && r.position != r.length)
        r.failure = "unexpected bytes after the weights (corrupt file)";
    if (status == RISKGAN_OK && !r.failure)
        status = rg_condition_sampler_init_for_generation(&m->sampler, m->transformer);
    if (r.failure || status != RISKGAN_OK) {
        riskgan_model_free(m);
        return r.failure ? refuse(name, r.failure) : status;
    }
    *out = m;
    return RISKGAN_OK;
}

riskgan_status riskgan_model_load_memory(const void *data, size_t length, riskgan_model **out)
{
    return load(data, length, "model", out);
}

riskgan_status riskgan_model_load(const char *path, riskgan_model **out)
{
    *out = NULL;
    FILE *stream = fopen(path, "rb");
    if (!stream)
        return rg_fail(RISKGAN_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    unsigned char *data = NULL;
    size_t length = 0, capacity = 0;
    for (;;) {
        if (length == capacity) {
            capacity = capacity ? capacity * 2 : 1 << 16;
            unsigned char *grown = rg_realloc_array(data, capacity, 1);
            if (!grown) {
                free(data);
                fclose(stream);
                return RISKGAN_ERR_NO_MEMORY;
            }
            data = grown;
        }
        size_t got = fread(data + length, 1, capacity - length, stream);
        length += got;
        if (got == 0)
            break;
    }
    int failed = ferror(stream);
    fclose(stream);
    riskgan_status status = failed ? rg_fail(RISKGAN_ERR_IO, "%s: read error", path) : load(data, length, path, out);
    free(data);
    return status;
}
