/* ctgan_training.c — CTGAN trained as published: WGAN with gradient penalty, the critic step
 * never back-propagating into the generator (its gradient would be thrown away); rows from
 * memory or from blocks on disk, packs shared out over MPI ranks (docs/scaling.md). */
#include "ctgan_training.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/parallel.h"
#include "ctgan_critic.h"
#include "ctgan_trainer.h"
#include "critic_chunks.h"
#include "ctgan_generation.h"
#include "training.h"

/* Real rows for this rank's share of the batch: position p of the batch gets a row holding
 * the condition drawn for the permuted position; every rank draws where each position's
 * row is, the rank holding it sends it to the rank computing the position. */
static void gather_real_rows(const rg_ctgan *m, const rg_condition_sampler *sampler, const float *data,
                             rg_ctgan_trainer *s, float *real)
{
    int batch = s->batch, cond = m->condition_dim, width = m->data_dim + cond, data_dim = m->data_dim;
    int conditional = sampler->count > 0;
    for (int r = 0; r < batch; r++)
        s->permutation[r] = (uint32_t)r;
    rg_rng_shuffle(s->shared, s->permutation, (uint32_t)batch);
    for (int r = 0; r < batch; r++) {
        uint32_t pr = s->permutation[r];
        s->list[r] = conditional ? (long)s->column[pr] : -1;
        rg_condition_locate_row(sampler, &s->list[r], s->level[pr], s->shared, &s->owner[r], &s->position[r]);
    }
    /* what this rank sends, by destination rank, and what it receives, by source rank */
    size_t *send_count = s->exchange_count, *receive_count = s->exchange_count + s->ranks;
    size_t sent = 0;
    for (int d = 0; d < s->ranks; d++) {
        int groups = batch / m->pac, first = (int)((long)groups * d / s->ranks) * m->pac,
            end = (int)((long)groups * (d + 1) / s->ranks) * m->pac;
        send_count[d] = 0;
        for (int r = first; r < end; r++)
            if (s->owner[r] == s->rank) {
                uint32_t row = rg_condition_local_row(sampler, s->list[r], s->level[s->permutation[r]], s->position[r]);
                memcpy(s->exchange + sent++ * data_dim, data + (size_t)row * data_dim, (size_t)data_dim * sizeof(float));
                send_count[d] += (size_t)data_dim;
            }
    }
    for (int q = 0; q < s->ranks; q++)
        receive_count[q] = 0;
    for (int r = s->first_row; r < s->first_row + s->rows; r++)
        receive_count[s->owner[r]] += (size_t)data_dim;
    float *received = s->exchange + sent * data_dim;
    rg_parallel_exchange_floats(s->exchange, send_count, received, receive_count);
    /* rows arrive grouped by source rank, in position order within each */
    size_t next[s->ranks], at = 0;
    for (int q = 0; q < s->ranks; q++) {
        next[q] = at;
        at += receive_count[q] / (size_t)data_dim;
    }
    for (int r = 0; r < s->rows; r++) {
        int p = s->first_row + r;
        memcpy(real + (size_t)r * width, received + next[s->owner[p]]++ * data_dim, (size_t)data_dim * sizeof(float));
        memcpy(real + (size_t)r * width + data_dim, s->condition + (size_t)s->permutation[p] * cond,
               (size_t)cond * sizeof(float));
    }
}

/* One critic update: WGAN loss on real and generated packs, gradient penalty at random
 * points between them, the packs computed in chunks side by side; the ranks' gradients
 * summed. *loss receives loss plus penalty. */
static riskgan_status critic_step(rg_ctgan *m, const rg_transformer *t, const float *data,
                                  const rg_condition_sampler *sampler, rg_ctgan_trainer *s, int epoch, double *loss)
{
    int groups = s->batch / m->pac;
    float *real = s->real_fake;
    float *fake = rg_ctgan_training_fakes(m, t, sampler, s, 0);
    gather_real_rows(m, sampler, data, s, real);
    double sums[2]; /* critic loss, penalty */
    rg_critic_chunks_step(&s->critic, m->discriminator, real, fake, groups, rg_ctgan_critic_streams(s),
                          rg_ctgan_dropout_rate, s->discriminator_grad, sums);
    rg_parallel_sum_floats(s->discriminator_grad, m->discriminator_count);
    rg_parallel_sum_doubles(sums, 2);
    *loss = sums[0] + sums[1];
    riskgan_status status = rg_check_finite(*loss, "discriminator loss", epoch);
    if (status == RISKGAN_OK)
        rg_adam_step(m->discriminator, s->discriminator_grad, s->discriminator_m, s->discriminator_v,
                     m->discriminator_count, &s->adam_d, ++s->step_d);
    return status;
}

/* The epochs the fit will run: the options' epochs, or fewer when the step budget (at `steps`
 * generator steps an epoch) ends it first — what the progress line and its ETA count. */
static int planned_epochs(const riskgan_fit_options *o, int epoch, long steps, long steps_done)
{
    if (!o->max_steps || steps <= 0)
        return o->epochs;
    long left = o->max_steps > steps_done ? o->max_steps - steps_done : 0;
    long more = (left + steps - 1) / steps;
    return epoch + more < o->epochs ? (int)(epoch + more) : o->epochs;
}

/* The generator's parameters and batch-norm statistics, copied to or from `kept`. */
static void keep_generator(rg_ctgan *m, float *kept, int restore)
{
    size_t running = 4 * (size_t)m->hidden;
    float *from[2] = {m->generator, m->running}, *to[2] = {kept, kept + m->generator_count};
    for (int k = 0; k < 2; k++)
        memcpy(restore ? from[k] : to[k], restore ? to[k] : from[k],
               (k ? running : m->generator_count) * sizeof(float));
}

typedef struct {
    const rg_ctgan *model;
    const rg_transformer *transformer;
    const rg_condition_sampler *sampler;
} generation_context;

static riskgan_status generate_rows(void *context, size_t rows, const float *logit_bias, rg_rng *rng, float *out)
{
    const generation_context *g = context;
    return rg_ctgan_generate(g->model, g->transformer, g->sampler, rows, -1, -1, logit_bias, rng, out, NULL);
}

/* Early stopping's check after an epoch (fit_watch.h), with its own draws; the best
 * generator so far kept in `kept`. */
static riskgan_status watch_epoch(rg_ctgan *m, const rg_transformer *t, const rg_ctgan_watch *w, float *kept,
                                  int epoch, int *stop)
{
    generation_context context = {m, t, w->sampler};
    int best = 0;
    riskgan_status status = rg_fit_watch_check(w->watch, generate_rows, &context, epoch, &best, stop);
    if (status == RISKGAN_OK && best)
        keep_generator(m, kept, 0);
    return status;
}

/* What one epoch's steps add up. */
typedef struct {
    double loss_g, loss_d, rows;
    long steps;
} epoch_totals;

/* The steps of one block (max(1, its rows / batch) of them): critic updates then a generator
 * update each, until a stop request on any rank or the step budget. */
static riskgan_status train_block(rg_ctgan *m, const rg_transformer *t, const float *data,
                                  const rg_condition_sampler *sampler, rg_ctgan_trainer *s,
                                  const riskgan_fit_options *o, int epoch, epoch_totals *e)
{
    double block_rows = 0;
    for (int q = 0; q < sampler->ranks; q++)
        block_rows += sampler->rank_rows[q];
    e->rows += block_rows;
    long block_steps = (long)(block_rows / s->batch) > 1 ? (long)(block_rows / s->batch) : 1;
    riskgan_status status = RISKGAN_OK;
    for (long step = 0; step < block_steps && status == RISKGAN_OK; step++) {
        /* a stop request on any rank stops them all at the same step */
        if (rg_parallel_worst_status(o->stop && *o->stop ? RISKGAN_ERR_INTERRUPTED : RISKGAN_OK) != RISKGAN_OK)
            return rg_fail(RISKGAN_ERR_INTERRUPTED, "training stopped in epoch %d", epoch);
        if (o->max_steps && s->step_g >= o->max_steps)
            break;
        for (int k = 0; k < o->discriminator_steps && status == RISKGAN_OK; k++) {
            double loss_d;
            status = critic_step(m, t, data, sampler, s, epoch, &loss_d);
            e->loss_d += loss_d;
        }
        double loss_g;
        if (status == RISKGAN_OK)
            status = rg_ctgan_generator_step(m, t, sampler, s, 0, epoch, &loss_g);
        if (status == RISKGAN_OK)
            e->loss_g += loss_g, e->steps++;
    }
    return status;
}

/* The blocks in a shuffled order (one block: no draw). */
static void shuffle_blocks(size_t *order, size_t blocks, rg_rng *rng)
{
    for (size_t b = 0; b < blocks; b++)
        order[b] = b;
    for (size_t b = blocks; b > 1; b--) {
        size_t j = (size_t)rg_rng_below(rng, b), swap = order[b - 1];
        order[b - 1] = order[j], order[j] = swap;
    }
}

riskgan_status rg_ctgan_train(rg_ctgan *m, const rg_transformer *t, const rg_training_rows *source,
                              const riskgan_fit_options *o, int batch, const rg_ctgan_watch *watch, rg_rng *rng,
                              int *epochs_done)
{
    *epochs_done = 0;
    rg_ctgan_trainer s;
    riskgan_status status = rg_ctgan_trainer_init(&s, m, batch, 1, o, rng);
    size_t *order = status == RISKGAN_OK ? rg_calloc(source->blocks, sizeof *order) : NULL;
    float *kept = watch ? rg_calloc(m->generator_count + 4 * (size_t)m->hidden, sizeof *kept) : NULL;
    if (status == RISKGAN_OK && (!order || (watch && !kept)))
        status = RISKGAN_ERR_NO_MEMORY;
    int stop_early = 0;
    double start = rg_seconds();
    for (int epoch = 1; epoch <= o->epochs && status == RISKGAN_OK; epoch++) {
        epoch_totals e = {0};
        shuffle_blocks(order, source->blocks, rng);
        for (size_t b = 0; b < source->blocks && status == RISKGAN_OK && !(o->max_steps && s.step_g >= o->max_steps);
             b++) {
            const float *data;
            const rg_condition_sampler *sampler;
            if ((status = source->load(source->context, order[b], &data, &sampler)) == RISKGAN_OK)
                status = train_block(m, t, data, sampler, &s, o, epoch, &e);
        }
        if (status != RISKGAN_OK || e.steps == 0)
            break;
        *epochs_done = epoch;
        int planned = planned_epochs(o, epoch, e.steps, s.step_g);
        double check = NAN; /* the watch's AUC when it checked after this epoch */
        if (watch && rg_fit_watch_due(watch->watch, epoch, planned)) {
            if ((status = watch_epoch(m, t, watch, kept, epoch, &stop_early)) != RISKGAN_OK)
                break;
            check = watch->watch->last;
        }
        if (s.rank == 0)
            rg_report_epoch(o, epoch, stop_early ? epoch : planned, e.loss_g / e.steps,
                            e.loss_d / ((double)e.steps * o->discriminator_steps), start, (size_t)e.rows, check);
        if (stop_early || (o->max_steps && s.step_g >= o->max_steps))
            break; /* no better for a while, or the step budget is spent (the last epoch may be partial) */
    }
    /* the best generator the watch saw, also when training was stopped by the user */
    if (watch && watch->watch->best_epoch > 0 && watch->watch->best_epoch != *epochs_done &&
        (status == RISKGAN_OK || status == RISKGAN_ERR_INTERRUPTED))
        keep_generator(m, kept, 1);
    free(kept);
    free(order);
    rg_ctgan_trainer_free(&s);
    return status;
}
