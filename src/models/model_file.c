/* model_file.c — the .rgan model file: the payload (settings, transformer, weights,
 * calibration, label model) inside the checksummed frame of core/framed_file.h; every
 * field is validated on load. */
#include <stdlib.h>
#include <string.h>

#include "../core/framed_file.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "generator_registry.h"
#include "model.h"
#include "model_file.h"
#include "../transform/transformer_file.h"

static const char magic[8] = {'R', 'I', 'S', 'K', 'G', 'A', 'N', 0x1a};
enum { FORMAT_VERSION = 3, OLDEST_VERSION = 2 }; /* 2: double cells, column roles, dates, learned
                                                     formats; 3: the differential-privacy record */

static void write_privacy(const riskgan_privacy_report *p, rg_writer *w)
{
    rg_write_u32(w, (uint32_t)p->private_fit);
    double values[] = {p->epsilon,          p->delta,            p->statistics_epsilon, p->label_model_epsilon,
                       p->count_noise,      p->release_delta,    p->noise_multiplier,   p->sample_rate,
                       p->clip_norm};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        rg_write_f64(w, values[i]);
    rg_write_u64(w, p->unit_queries);
    rg_write_u64(w, (uint64_t)p->critic_steps);
}

static void read_privacy(rg_reader *r, riskgan_privacy_report *p)
{
    p->private_fit = (int)rg_read_u32(r);
    double *values[] = {&p->epsilon,          &p->delta,            &p->statistics_epsilon, &p->label_model_epsilon,
                        &p->count_noise,      &p->release_delta,    &p->noise_multiplier,   &p->sample_rate,
                        &p->clip_norm};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        *values[i] = rg_read_f64(r);
    p->unit_queries = rg_read_u64(r);
    p->critic_steps = (long)rg_read_u64(r);
    if (r->failure)
        return;
    if (p->private_fit != 0 && p->private_fit != 1)
        r->failure = "the privacy record is invalid (corrupt file)";
    else if (p->private_fit && !(p->epsilon >= 0 && p->epsilon < 1e6 && p->delta > 0 && p->delta < 1))
        r->failure = "the privacy guarantee is out of range (corrupt file)";
}

void rg_model_write(const riskgan_model *m, rg_writer *w)
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
    m->generator->write(m->network, w);
    rg_calibration_write(&m->calibration, w);
    rg_label_model_write(&m->label_model, w);
    write_privacy(&m->privacy, w);
}

static void write_payload_object(const void *object, rg_writer *w)
{
    rg_model_write(object, w);
}

riskgan_status riskgan_model_save(const riskgan_model *m, const char *path)
{
    return rg_framed_write(path, magic, FORMAT_VERSION, write_payload_object, m);
}

/* The payload of a model file into m; a corrupt field sets r->failure. */
static riskgan_status read_payload(rg_reader *r, uint32_t version, void *object)
{
    riskgan_model *m = object;
    m->kind = (riskgan_model_kind)rg_read_u32(r);
    m->target = rg_read_string(r);
    m->epochs = (int)rg_read_u32(r);
    m->epochs_completed = (int)rg_read_u32(r);
    m->batch_size = (int)rg_read_u32(r);
    m->pac = (int)rg_read_u32(r);
    m->discriminator_steps = (int)rg_read_u32(r);
    m->generator_lr = rg_read_f64(r);
    m->discriminator_lr = rg_read_f64(r);
    m->generator_decay = rg_read_f64(r);
    m->discriminator_decay = rg_read_f64(r);
    m->target_condition_weight = rg_read_f64(r);
    m->seed = rg_read_u64(r);
    m->training_rows = rg_read_u64(r);
    riskgan_status status = RISKGAN_OK;
    if (!r->failure && !(m->generator = rg_generator_for_kind(m->kind)))
        r->failure = "unknown model kind (corrupt file)";
    if (!r->failure)
        status = rg_transformer_read(r, &m->transformer);
    if (status == RISKGAN_OK && !r->failure && !(m->network = rg_calloc(1, m->generator->network_size)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK && !r->failure)
        status = m->generator->read(m->network, r, m->transformer);
    if (status == RISKGAN_OK && !r->failure)
        status = rg_calibration_read(&m->calibration, m->transformer, r);
    if (status == RISKGAN_OK && !r->failure)
        status = rg_label_model_read(&m->label_model, m->transformer, r);
    if (status == RISKGAN_OK && !r->failure && version >= 3)
        read_privacy(r, &m->privacy);
    if (status == RISKGAN_OK && !r->failure)
        status = rg_condition_sampler_init_for_generation(&m->sampler, m->transformer);
    return status;
}

/* A model file's payload: the model and nothing after it. */
static riskgan_status read_whole_payload(rg_reader *r, uint32_t version, void *object)
{
    riskgan_status status = read_payload(r, version, object);
    if (status == RISKGAN_OK && !r->failure && r->position != r->length)
        r->failure = "unexpected bytes after the weights (corrupt file)";
    return status;
}

static void free_model(void *object)
{
    riskgan_model_free(object);
}

riskgan_status rg_model_read(rg_reader *r, uint32_t version, riskgan_model **out)
{
    *out = NULL;
    riskgan_model *m = rg_calloc(1, sizeof *m);
    if (!m)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = read_payload(r, version, m);
    if (status != RISKGAN_OK || r->failure) {
        riskgan_model_free(m);
        return status;
    }
    *out = m;
    return RISKGAN_OK;
}

uint32_t rg_model_format_version(void)
{
    return FORMAT_VERSION;
}

static const rg_framed_kind model_kind = {"riskgan model", magic, OLDEST_VERSION, FORMAT_VERSION,
                                          sizeof(riskgan_model), read_whole_payload, free_model};

riskgan_status riskgan_model_load_memory(const void *data, size_t length, riskgan_model **out)
{
    return rg_framed_load(&model_kind, data, length, "model", (void **)out);
}

riskgan_status riskgan_model_load(const char *path, riskgan_model **out)
{
    return rg_framed_load_file(&model_kind, path, (void **)out);
}
