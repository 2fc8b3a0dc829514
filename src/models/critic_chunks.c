/* critic_chunks.c — the critic update over chunks of packs in parallel: a batch of 50 packs
 * makes matrices too small for a multi-threaded sgemm to pay (two threads gave 1.2x one), so
 * each thread runs whole forward, backward and gradient-penalty passes over its own packs
 * with a single-threaded sgemm (the trainer keeps OpenBLAS on one thread); the chunks'
 * gradients are then added in chunk order. */
#include "critic_chunks.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../core/rng.h"

int rg_critic_chunk_count(int packs)
{
    int threads = omp_get_max_threads(), fit = packs / RG_PARALLEL_STREAMS;
    return fit < 1 ? 1 : fit < threads ? fit : threads;
}

void rg_critic_chunks_free(rg_critic_chunks *c)
{
    for (int k = 0; c->chunk && k < c->count; k++) {
        rg_critic_chunk *h = &c->chunk[k];
        rg_discriminator_workspace_free(&h->pairs);
        rg_discriminator_workspace_free(&h->interpolated);
        free(h->input), free(h->interpolates), free(h->d_out);
        if (c->count > 1)
            free(h->grad);
    }
    free(c->chunk);
    memset(c, 0, sizeof *c);
}

riskgan_status rg_critic_chunks_init(rg_critic_chunks *c, int packs, int din, int hidden, size_t parameters,
                                     int count)
{
    memset(c, 0, sizeof *c);
    count = count < 1 ? 1 : count > packs ? packs : count;
    c->count = count, c->din = din, c->parameters = parameters;
    if (!(c->chunk = rg_calloc((size_t)count, sizeof *c->chunk)))
        return RISKGAN_ERR_NO_MEMORY;
    for (int k = 0; k < count; k++) {
        rg_critic_chunk *h = &c->chunk[k];
        h->first_pack = (int)((long)packs * k / count);
        h->packs = (int)((long)packs * (k + 1) / count) - h->first_pack;
        size_t n = (size_t)h->packs;
        if (rg_discriminator_workspace_init(&h->pairs, 2 * h->packs, din, hidden) != RISKGAN_OK ||
            rg_discriminator_workspace_init(&h->interpolated, h->packs, din, hidden) != RISKGAN_OK ||
            !(h->input = rg_calloc(2 * n * din, sizeof(float))) ||
            !(h->interpolates = rg_calloc(n * din, sizeof(float))) ||
            !(h->d_out = rg_calloc(2 * n, sizeof(float))) ||
            (count > 1 && !(h->grad = rg_calloc(parameters, sizeof(float))))) {
            rg_critic_chunks_free(c);
            return RISKGAN_ERR_NO_MEMORY;
        }
    }
    return RISKGAN_OK;
}

/* The draws of a chunk's packs: with one chunk, the caller's streams as they are (one shared
 * stream, or one a pack); with more, the chunk's packs' own streams. */
static rg_streams chunk_streams(const rg_critic_chunks *c, const rg_critic_chunk *h, rg_streams all)
{
    return c->count == 1 ? all : (rg_streams){all.stream + h->first_pack, 1, (size_t)h->packs};
}

/* One chunk's loss, penalty and gradient (into h->grad). */
static void chunk_step(rg_critic_chunk *h, int din, const float *p, const float *real, const float *fake,
                       int groups, rg_streams streams, float dropout, size_t parameters)
{
    int packs = h->packs;
    size_t width = (size_t)packs * din;
    memcpy(h->input, real + (size_t)h->first_pack * din, width * sizeof(float));
    memcpy(h->input + width, fake + (size_t)h->first_pack * din, width * sizeof(float));
    rg_discriminator_forward(p, &h->pairs, h->input, 2 * packs, dropout, streams);
    h->loss = 0;
    for (int r = 0; r < packs; r++) {
        h->loss += h->pairs.out[packs + r] - h->pairs.out[r];
        h->d_out[r] = -1.0f / groups;
        h->d_out[packs + r] = 1.0f / groups;
    }
    h->loss /= groups;
    memset(h->grad, 0, parameters * sizeof(float));
    rg_discriminator_backward(p, h->grad, &h->pairs, h->input, h->d_out, 2 * packs, NULL);
    for (int r = 0; r < packs; r++) { /* a point between the real and the generated pack */
        float alpha = (float)rg_rng_uniform(rg_stream_of(streams, (size_t)r));
        for (int c = 0; c < din; c++) {
            size_t i = (size_t)r * din + c;
            h->interpolates[i] = alpha * h->input[i] + (1 - alpha) * h->input[width + i];
        }
    }
    rg_discriminator_forward(p, &h->interpolated, h->interpolates, packs, dropout, streams);
    /* lambda / packs here is lambda / groups over the whole batch */
    h->penalty = rg_discriminator_gradient_penalty(p, h->grad, &h->interpolated, packs, 10.0f * (float)packs / groups);
}

void rg_critic_chunks_step(rg_critic_chunks *c, const float *p, const float *real, const float *fake, int groups,
                           rg_streams streams, float dropout, float *grad, double sums[2])
{
    int count = c->count;
    if (count == 1) {
        c->chunk[0].grad = grad;
        chunk_step(&c->chunk[0], c->din, p, real, fake, groups, streams, dropout, c->parameters);
    } else {
#pragma omp parallel for schedule(static, 1) num_threads(count)
        for (int k = 0; k < count; k++)
            chunk_step(&c->chunk[k], c->din, p, real, fake, groups, chunk_streams(c, &c->chunk[k], streams), dropout,
                       c->parameters);
#pragma omp parallel for schedule(static)
        for (size_t i = 0; i < c->parameters; i++) {
            float total = 0;
            for (int k = 0; k < count; k++)
                total += c->chunk[k].grad[i];
            grad[i] = total;
        }
    }
    sums[0] = sums[1] = 0;
    for (int k = 0; k < count; k++)
        sums[0] += c->chunk[k].loss, sums[1] += c->chunk[k].penalty;
}

/* One chunk's scores of its generated packs and their input gradient. */
static void chunk_input_gradient(rg_critic_chunk *h, int din, const float *p, const float *fake, int groups,
                                 rg_streams streams, float dropout, float *d_input)
{
    int packs = h->packs;
    const float *in = fake + (size_t)h->first_pack * din;
    rg_discriminator_forward(p, &h->interpolated, in, packs, dropout, streams);
    h->loss = 0;
    for (int r = 0; r < packs; r++) {
        h->loss += h->interpolated.out[r];
        h->d_out[r] = -1.0f / groups;
    }
    rg_discriminator_backward(p, NULL, &h->interpolated, in, h->d_out, packs, d_input + (size_t)h->first_pack * din);
}

double rg_critic_chunks_input_gradient(rg_critic_chunks *c, const float *p, const float *fake, int groups,
                                       rg_streams streams, float dropout, float *d_input)
{
    int count = c->count;
#pragma omp parallel for schedule(static, 1) num_threads(count) if (count > 1)
    for (int k = 0; k < count; k++)
        chunk_input_gradient(&c->chunk[k], c->din, p, fake, groups, chunk_streams(c, &c->chunk[k], streams), dropout,
                             d_input);
    double score = 0;
    for (int k = 0; k < count; k++)
        score += c->chunk[k].loss;
    return score;
}
