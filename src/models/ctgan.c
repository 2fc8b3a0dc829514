/* ctgan.c — the conditional tabular GAN's parameters (Xu et al. 2019): both networks built,
 * initialized like PyTorch's Linear, freed, written to and read from a model file. The
 * networks: ctgan_generator_network.c and ctgan_critic.c; training: ctgan_trainer.c and
 * ctgan_training.c; generation: ctgan_generation.c. */
#include "ctgan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "ctgan_critic.h"
#include "ctgan_generator_network.h"

riskgan_status rg_ctgan_init(rg_ctgan *m, int data_dim, int condition_dim, int noise_dim, int hidden,
                             int pac, rg_rng *rng)
{
    memset(m, 0, sizeof *m);
    m->data_dim = data_dim;
    m->condition_dim = condition_dim;
    m->noise_dim = noise_dim;
    m->hidden = hidden;
    m->discriminator_hidden = hidden;
    m->pac = pac;
    int input = noise_dim + condition_dim;
    generator_layout g = rg_ctgan_generator_offsets(input, hidden, data_dim);
    rg_discriminator_layout d = rg_ctgan_discriminator_offsets(pac * (data_dim + condition_dim), hidden);
    m->generator_count = g.total;
    m->discriminator_count = d.total;
    m->generator = rg_calloc(g.total, sizeof *m->generator);
    m->running = rg_calloc(4 * (size_t)hidden, sizeof *m->running);
    m->discriminator = rg_calloc(d.total, sizeof *m->discriminator);
    if (!m->generator || !m->running || !m->discriminator) {
        rg_ctgan_free(m);
        return RISKGAN_ERR_NO_MEMORY;
    }
    float *p = m->generator;
    rg_linear_init(p + g.w1, p + g.b1, input, hidden, rng);
    rg_linear_init(p + g.w2, p + g.b2, input + hidden, hidden, rng);
    rg_linear_init(p + g.w3, p + g.b3, input + 2 * hidden, data_dim, rng);
    for (int k = 0; k < hidden; k++) {
        p[g.gamma1 + k] = p[g.gamma2 + k] = 1;
        m->running[hidden + k] = m->running[3 * hidden + k] = 1; /* running variances */
    }
    float *q = m->discriminator;
    int din = pac * (data_dim + condition_dim);
    rg_linear_init(q + d.w1, q + d.b1, din, hidden, rng);
    rg_linear_init(q + d.w2, q + d.b2, hidden, hidden, rng);
    rg_linear_init(q + d.w3, q + d.b3, hidden, 1, rng);
    return RISKGAN_OK;
}

void rg_ctgan_free(rg_ctgan *m)
{
    free(m->generator);
    free(m->running);
    free(m->discriminator);
    memset(m, 0, sizeof *m);
}

void rg_ctgan_write(const rg_ctgan *m, rg_writer *w)
{
    rg_write_u32(w, (uint32_t)m->data_dim);
    rg_write_u32(w, (uint32_t)m->condition_dim);
    rg_write_u32(w, (uint32_t)m->noise_dim);
    rg_write_u32(w, (uint32_t)m->hidden);
    rg_write_u32(w, (uint32_t)m->pac);
    rg_write_floats(w, m->generator, m->generator_count);
    rg_write_floats(w, m->running, 4 * (size_t)m->hidden);
}

riskgan_status rg_ctgan_read(rg_ctgan *m, rg_reader *r)
{
    memset(m, 0, sizeof *m);
    uint32_t data = rg_read_u32(r), cond = rg_read_u32(r), noise = rg_read_u32(r), hidden = rg_read_u32(r),
             pac = rg_read_u32(r);
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    if (data < 1 || data > 1000000 || cond > 1000000 || noise < 1 || noise > 4096 || hidden < 1 ||
        hidden > 4096 || pac < 1 || pac > 1000) {
        r->failure = "the network shape is invalid (corrupt file)";
        return RISKGAN_ERR_FORMAT;
    }
    generator_layout g = rg_ctgan_generator_offsets((int)(noise + cond), (int)hidden, (int)data);
    if (g.total * sizeof(float) > r->length - r->position) {
        r->failure = "the generator weights run past the end of the file (truncated)";
        return RISKGAN_ERR_FORMAT;
    }
    m->data_dim = (int)data;
    m->condition_dim = (int)cond;
    m->noise_dim = (int)noise;
    m->hidden = m->discriminator_hidden = (int)hidden;
    m->pac = (int)pac;
    m->generator_count = g.total;
    m->generator = rg_calloc(g.total, sizeof(float));
    m->running = rg_calloc(4 * (size_t)hidden, sizeof(float));
    if (!m->generator || !m->running) {
        rg_ctgan_free(m);
        return RISKGAN_ERR_NO_MEMORY;
    }
    rg_read_floats(r, m->generator, g.total);
    rg_read_floats(r, m->running, 4 * (size_t)hidden);
    for (size_t i = 0; !r->failure && i < g.total; i++)
        if (!isfinite(m->generator[i]))
            r->failure = "the generator weights hold NaN/inf (corrupt file)";
    return r->failure ? RISKGAN_ERR_FORMAT : RISKGAN_OK;
}
