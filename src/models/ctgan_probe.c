/* ctgan_probe.c — the test hook of the generator's backward pass: one training-mode forward
 * and backward pass of a model's generator on given inputs, its running statistics kept. */
#include "ctgan_probe.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "ctgan_generator_network.h"

double rg_ctgan_generator_probe(const rg_ctgan *m, const rg_transformer *t, const float *x0, int rows,
                                const float *weights, uint64_t noise_seed, float *gradient)
{
    generator_layout g = rg_ctgan_generator_offsets(m->noise_dim + m->condition_dim, m->hidden, m->data_dim);
    generator_workspace w;
    float *running = rg_calloc(4 * (size_t)m->hidden, sizeof(float));
    if (!running || rg_generator_workspace_init(&w, &g, rows) != RISKGAN_OK) {
        free(running);
        return NAN;
    }
    memcpy(running, m->running, 4 * (size_t)m->hidden * sizeof(float));
    memcpy(w.x0, x0, (size_t)rows * g.input * sizeof(float));
    rg_rng rng;
    rg_rng_seed(&rng, noise_seed);
    rg_ctgan_generator_forward(&g, m->generator, running, &w, t, 1, NULL, rg_one_stream(&rng), NULL);
    double loss = 0;
    for (size_t i = 0; i < (size_t)rows * m->data_dim; i++)
        loss += (double)w.act[i] * weights[i];
    if (gradient) {
        memcpy(w.d_act, weights, (size_t)rows * m->data_dim * sizeof(float));
        memset(w.d_raw, 0, (size_t)rows * m->data_dim * sizeof(float));
        rg_ctgan_generator_backward(&g, m->generator, gradient, &w, t, NULL);
    }
    rg_generator_workspace_free(&w);
    free(running);
    return loss;
}
