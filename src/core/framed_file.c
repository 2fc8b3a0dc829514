/* framed_file.c — writing and validating the frame of riskgan's binary files. */
#include "framed_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "error.h"
#include "memory.h"

enum { BYTE_ORDER_MARK = 0x01020304, HEADER_SIZE = 8 + 4 + 4 + 8 };

riskgan_status rg_framed_write(const char *path, const char magic[8], uint32_t version, rg_payload_writer write,
                               const void *object)
{
    /* the payload goes to memory first so the header can state its length */
    char *payload = NULL;
    size_t length = 0;
    FILE *memory = open_memstream(&payload, &length);
    if (!memory)
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory serializing %s", path);
    rg_writer w;
    rg_writer_init(&w, memory);
    write(object, &w);
    uint64_t checksum = w.checksum;
    int failed = w.failed | (fclose(memory) != 0);
    if (failed) {
        free(payload);
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory serializing %s", path);
    }
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK) {
        free(payload);
        return status;
    }
    rg_writer_init(&w, file.stream);
    rg_write_bytes(&w, magic, 8);
    rg_write_u32(&w, version);
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

riskgan_status rg_read_whole_file(const char *path, unsigned char **data_out, size_t *length_out)
{
    if (strcmp(path, "-") == 0)
        return rg_read_stream(stdin, "standard input", data_out, length_out);
    FILE *stream = fopen(path, "rb");
    if (!stream) {
        *data_out = NULL;
        *length_out = 0;
        return rg_fail(RISKGAN_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    }
    riskgan_status status = rg_read_stream(stream, path, data_out, length_out);
    fclose(stream);
    return status;
}

riskgan_status rg_read_stream(FILE *stream, const char *path, unsigned char **data_out, size_t *length_out)
{
    *data_out = NULL;
    *length_out = 0;
    unsigned char *data = NULL;
    size_t length = 0, capacity = 0;
    for (;;) {
        if (length == capacity) {
            capacity = capacity ? capacity * 2 : 1 << 16;
            unsigned char *grown = rg_realloc_array(data, capacity, 1);
            if (!grown) {
                free(data);
                return RISKGAN_ERR_NO_MEMORY;
            }
            data = grown;
        }
        size_t got = fread(data + length, 1, capacity - length, stream);
        length += got;
        if (got == 0)
            break;
    }
    if (ferror(stream)) {
        free(data);
        return rg_fail(RISKGAN_ERR_IO, "%s: read error", path);
    }
    *data_out = data;
    *length_out = length;
    return RISKGAN_OK;
}

static riskgan_status refuse(const char *name, const char *what, const char *reason)
{
    return rg_fail(RISKGAN_ERR_FORMAT, "%s: not a usable %s: %s", name, what, reason);
}

uint32_t rg_framed_version(const unsigned char *data, size_t length)
{
    if (length < HEADER_SIZE)
        return 0;
    rg_reader header;
    rg_reader_init(&header, data + 8, 4);
    return rg_read_u32(&header);
}

riskgan_status rg_framed_open(const unsigned char *data, size_t length, const char *name, const char *what,
                              const char magic[8], uint32_t oldest, uint32_t version, rg_reader *payload)
{
    if (length < 8 || memcmp(data, magic, 8) != 0)
        return refuse(name, what, "it does not start with the right magic number (a foreign file?)");
    if (length < HEADER_SIZE + 8)
        return refuse(name, what, "the file ends inside its header (truncated)");
    rg_reader header;
    rg_reader_init(&header, data + 8, HEADER_SIZE - 8);
    uint32_t found_version = rg_read_u32(&header), mark;
    rg_read_bytes(&header, &mark, sizeof mark);
    uint64_t declared = rg_read_u64(&header);
    if (found_version > version) {
        char reason[160];
        snprintf(reason, sizeof reason, "it has format version %u, newer than this riskgan reads (%u): upgrade riskgan",
                 found_version, version);
        return refuse(name, what, reason);
    }
    if (found_version == 0)
        return refuse(name, what, "format version 0 is invalid (corrupt file)");
    if (found_version < oldest) {
        char reason[200];
        snprintf(reason, sizeof reason, "it has format version %u, written by an older riskgan; this one reads "
                 "version %u: fit the model again", found_version, version);
        return refuse(name, what, reason);
    }
    if (mark != BYTE_ORDER_MARK)
        return refuse(name, what, "it was written on a machine with another byte order");
    if (declared != length - HEADER_SIZE - 8)
        return refuse(name, what, declared > length - HEADER_SIZE - 8 ? "the file is shorter than its header says (truncated)"
                                                                      : "the file is longer than its header says (corrupt)");
    rg_reader trailer;
    rg_reader_init(&trailer, data + HEADER_SIZE + declared, 8);
    if (rg_checksum_bytes(RG_CHECKSUM_START, data + HEADER_SIZE, declared) != rg_read_u64(&trailer))
        return refuse(name, what, "checksum mismatch (the file is corrupt)");
    rg_reader_init(payload, data + HEADER_SIZE, declared);
    return RISKGAN_OK;
}

riskgan_status rg_framed_load(const rg_framed_kind *kind, const void *data, size_t length, const char *name,
                              void **out)
{
    *out = NULL;
    rg_reader payload;
    riskgan_status status = rg_framed_open(data, length, name, kind->what, kind->magic, kind->oldest, kind->version,
                                           &payload);
    if (status != RISKGAN_OK)
        return status;
    void *object = rg_calloc(1, kind->object_size);
    if (!object)
        return RISKGAN_ERR_NO_MEMORY;
    status = kind->read(&payload, rg_framed_version(data, length), object);
    if (status == RISKGAN_OK && !payload.failure) {
        *out = object;
        return RISKGAN_OK;
    }
    kind->free(object);
    if (payload.failure)
        return refuse(name, kind->what, payload.failure);
    return status == RISKGAN_ERR_NO_MEMORY ? status : rg_fail_context(status, "%s: not a usable %s", name, kind->what);
}

riskgan_status rg_framed_load_file(const rg_framed_kind *kind, const char *path, void **out)
{
    *out = NULL;
    unsigned char *data;
    size_t length;
    riskgan_status status = rg_read_whole_file(path, &data, &length);
    if (status == RISKGAN_OK)
        status = rg_framed_load(kind, data, length, path, out);
    free(data);
    return status;
}
