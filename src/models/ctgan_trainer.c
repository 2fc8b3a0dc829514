/* ctgan_trainer.c — the state of a CTGAN training run (buffers, random streams per pack,
 * optimizer moments) and the generator update that every CTGAN trainer shares (as
 * published, ctgan_training.c; differentially private, ctgan_private.c). */
#include "ctgan_trainer.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/parallel.h"
#include "../core/threads.h"
#include "training.h"

const float rg_ctgan_dropout_rate = 0.5f;

void rg_ctgan_trainer_free(rg_ctgan_trainer *s)
{
    if (s->blas_threads)
        rg_blas_set_threads(s->blas_threads);
    rg_generator_workspace_free(&s->generator);
    rg_critic_chunks_free(&s->critic);
    void *buffers[] = {s->real_fake, s->d_input, s->condition, s->column,
                       s->level, s->permutation, s->owner, s->position, s->list, s->exchange, s->exchange_count,
                       s->pack_stream, s->generator_grad, s->generator_m, s->generator_v,
                       s->discriminator_grad, s->discriminator_m, s->discriminator_v};
    for (size_t i = 0; i < sizeof buffers / sizeof *buffers; i++)
        free(buffers[i]);
    memset(s, 0, sizeof *s);
}

riskgan_status rg_ctgan_trainer_init(rg_ctgan_trainer *s, const rg_ctgan *m, int batch, int pack_streams,
                                     const riskgan_fit_options *o, rg_rng *rng)
{
    memset(s, 0, sizeof *s);
    int cond = m->condition_dim, width = m->data_dim + cond, groups = batch / m->pac;
    int din = m->pac * width, ranks = rg_parallel_size(), rank = rg_parallel_rank();
    if (groups < ranks)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "a batch of %d packs cannot be shared by %d ranks: use a larger "
                       "batch or fewer ranks", groups, ranks);
    s->batch = batch;
    s->first_pack = (int)((long)groups * rank / ranks);
    s->packs = (int)((long)groups * (rank + 1) / ranks) - s->first_pack;
    s->first_row = s->first_pack * m->pac;
    s->rows = s->packs * m->pac;
    s->ranks = ranks;
    s->rank = rank;
    s->all = (rg_batch_sum){rg_parallel_sum_doubles, batch};
    s->shared = rng;
    s->stream_seed = rg_rng_next(rng);
    s->layout = rg_ctgan_generator_offsets(m->noise_dim + cond, m->hidden, m->data_dim);
    s->adam_g = (rg_adam_options){(float)o->generator_lr, 0.5f, 0.9f, 1e-8f, (float)o->generator_decay};
    s->adam_d = (rg_adam_options){(float)o->discriminator_lr, 0.5f, 0.9f, 1e-8f, (float)o->discriminator_decay};
    int rows = s->rows, packs = s->packs;
    riskgan_status status = rg_generator_workspace_init(&s->generator, &s->layout, rows);
    if (status == RISKGAN_OK)
        status = rg_critic_chunks_init(&s->critic, packs, din, m->discriminator_hidden, m->discriminator_count,
                                       pack_streams ? rg_critic_chunk_count(packs) : 1);
    size_t bw = (size_t)rows * width;
    if (status == RISKGAN_OK &&
        (!(s->real_fake = rg_calloc(2 * bw, sizeof(float))) || !(s->d_input = rg_calloc(bw, sizeof(float))) ||
         !(s->condition = rg_calloc((size_t)batch * (cond ? cond : 1), sizeof(float))) ||
         !(s->column = rg_calloc((size_t)batch, sizeof(uint32_t))) ||
         !(s->level = rg_calloc((size_t)batch, sizeof(uint32_t))) ||
         !(s->permutation = rg_calloc((size_t)batch, sizeof(uint32_t))) ||
         !(s->owner = rg_calloc((size_t)batch, sizeof(int))) ||
         !(s->position = rg_calloc((size_t)batch, sizeof(size_t))) ||
         !(s->list = rg_calloc((size_t)batch, sizeof(long))) ||
         !(s->exchange = rg_calloc(2 * (size_t)batch * m->data_dim, sizeof(float))) ||
         !(s->exchange_count = rg_calloc(2 * (size_t)ranks, sizeof(size_t))) ||
         !(s->pack_stream = rg_calloc(pack_streams ? (size_t)packs : 1, sizeof(rg_rng))) ||
         !(s->generator_grad = rg_calloc(m->generator_count, sizeof(float))) ||
         !(s->generator_m = rg_calloc(m->generator_count, sizeof(float))) ||
         !(s->generator_v = rg_calloc(m->generator_count, sizeof(float))) ||
         !(s->discriminator_grad = rg_calloc(m->discriminator_count, sizeof(float))) ||
         !(s->discriminator_m = rg_calloc(m->discriminator_count, sizeof(float))) ||
         !(s->discriminator_v = rg_calloc(m->discriminator_count, sizeof(float)))))
        status = RISKGAN_ERR_NO_MEMORY;
    s->stream_count = pack_streams ? (size_t)packs : 0;
    /* a batch in chunks shares its work out over OpenMP's threads (the chunks, the rows of
     * large products in rg_matmul): OpenBLAS's own threads would only compete for the cores;
     * a batch too small for chunks leaves OpenBLAS to choose */
    s->blas_threads = status == RISKGAN_OK && s->critic.count > 1 ? rg_blas_set_threads(1) : 0;
    if (status != RISKGAN_OK)
        rg_ctgan_trainer_free(s);
    return status;
}

/* Fresh streams for this rank's packs, keyed by (the training's stream seed, the pass,
 * the pack's place in the global batch): any number of ranks draws the same numbers for
 * a pack. Without pack streams every draw comes from the shared generator. */
void rg_ctgan_trainer_next_pass(rg_ctgan_trainer *s)
{
    s->pass++;
    for (size_t k = 0; k < s->stream_count; k++) {
        uint64_t key = s->stream_seed ^ ((uint64_t)s->pass * 0x9E3779B97F4A7C15ull) ^
                       (((uint64_t)s->first_pack + k) * 0xD1B54A32D192ED03ull);
        rg_rng_seed(&s->pack_stream[k], key);
    }
}

/* The generator's draws (row r of this rank: its pack's stream) and the critic's (row g:
 * pack g's stream; real and generated packs g share it). */
static rg_streams generator_streams(const rg_ctgan_trainer *s, int pac)
{
    return s->stream_count ? (rg_streams){s->pack_stream, (size_t)pac, s->stream_count} : rg_one_stream(s->shared);
}

rg_streams rg_ctgan_critic_streams(const rg_ctgan_trainer *s)
{
    return s->stream_count ? (rg_streams){s->pack_stream, 1, s->stream_count} : rg_one_stream(s->shared);
}

static const rg_batch_sum *batch_sum(const rg_ctgan_trainer *s)
{
    return s->ranks > 1 ? &s->all : NULL;
}

/* Noise rows for this rank's packs, then their conditions, into the generator's input. */
static void fill_generator_input(const rg_ctgan *m, rg_ctgan_trainer *s)
{
    const generator_layout *g = &s->layout;
    generator_workspace *gw = &s->generator;
    int cond = m->condition_dim;
    if (s->stream_count)
#pragma omp parallel for schedule(static) if (s->critic.count > 1) /* a stream a pack: the same draws */
        for (int k = 0; k < s->packs; k++)
            rg_rng_fill_normal(&s->pack_stream[k], gw->x0 + (size_t)k * m->pac * g->input,
                               (size_t)m->pac * g->input);
    else
        rg_rng_fill_normal(s->shared, gw->x0, (size_t)s->rows * g->input);
    for (int r = 0; r < s->rows; r++)
        memcpy(gw->x0 + (size_t)r * g->input + m->noise_dim, s->condition + (size_t)(s->first_row + r) * cond,
               (size_t)cond * sizeof(float));
}

float *rg_ctgan_training_fakes(rg_ctgan *m, const rg_transformer *t, const rg_condition_sampler *sampler,
                               rg_ctgan_trainer *s, int empirical_conditions)
{
    generator_workspace *gw = &s->generator;
    int cond = m->condition_dim;
    float *fake = s->real_fake + (size_t)s->rows * (m->data_dim + cond);
    rg_ctgan_trainer_next_pass(s);
    if (sampler->count && empirical_conditions)
        rg_condition_sample_empirical(sampler, (size_t)s->batch, s->shared, s->column, s->level, s->condition);
    else if (sampler->count)
        rg_condition_sample_training(sampler, (size_t)s->batch, s->shared, s->column, s->level, s->condition);
    fill_generator_input(m, s);
    rg_ctgan_generator_forward(&s->layout, m->generator, m->running, gw, t, 1, NULL, generator_streams(s, m->pac),
                               batch_sum(s));
    rg_concat_rows(fake, gw->act, m->data_dim, s->condition + (size_t)s->first_row * cond, cond, s->rows);
    return fake;
}

riskgan_status rg_ctgan_generator_step(rg_ctgan *m, const rg_transformer *t, const rg_condition_sampler *sampler,
                                       rg_ctgan_trainer *s, int empirical_conditions, int epoch, double *loss)
{
    generator_workspace *gw = &s->generator;
    int rows = s->rows, width = m->data_dim + m->condition_dim, groups = s->batch / m->pac;
    float *fake = rg_ctgan_training_fakes(m, t, sampler, s, empirical_conditions);
    double sums[2] = {0, 0}; /* the critic's score of the generated packs; the conditional loss */
    sums[0] = rg_critic_chunks_input_gradient(&s->critic, m->discriminator, fake, groups, rg_ctgan_critic_streams(s),
                                              rg_ctgan_dropout_rate, s->d_input);
    for (int r = 0; r < rows; r++)
        memcpy(gw->d_act + (size_t)r * m->data_dim, s->d_input + (size_t)r * width,
               (size_t)m->data_dim * sizeof(float));
    memset(gw->d_raw, 0, (size_t)rows * m->data_dim * sizeof(float));
    if (sampler->count > 0)
        sums[1] = rg_ctgan_conditional_loss(t, sampler, gw->raw, gw->d_raw, s->column + s->first_row,
                                   s->level + s->first_row, rows, s->batch);
    memset(s->generator_grad, 0, m->generator_count * sizeof(float));
    rg_ctgan_generator_backward(&s->layout, m->generator, s->generator_grad, gw, t, batch_sum(s));
    rg_parallel_sum_floats(s->generator_grad, m->generator_count);
    rg_parallel_sum_doubles(sums, 2);
    *loss = -sums[0] / groups + sums[1];
    riskgan_status status = rg_check_finite(*loss, "generator loss", epoch);
    if (status == RISKGAN_OK)
        rg_adam_step(m->generator, s->generator_grad, s->generator_m, s->generator_v, m->generator_count,
                     &s->adam_g, ++s->step_g);
    return status;
}
