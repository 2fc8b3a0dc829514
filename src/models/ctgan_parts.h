/* ctgan_parts.h — the pieces of CTGAN training that its variants share (ctgan.c trains as
 * published, ctgan_private.c with differentially private critic updates): the generator's
 * layout, workspace, forward/backward and conditional loss, the trainer's buffers and the
 * generator update. Internal to src/models. */
#ifndef RISKGAN_MODELS_CTGAN_PARTS_H
#define RISKGAN_MODELS_CTGAN_PARTS_H

#include "../nn/layers.h"
#include "ctgan.h"

typedef struct {
    size_t w1, b1, gamma1, beta1, w2, b2, gamma2, beta2, w3, b3, total;
    int input, hidden, data;
} generator_layout;

typedef struct {
    int rows;
    float *x0, *a1, *n1, *s1, *bn1, *x1, *a2, *n2, *s2, *bn2, *x2, *raw, *act, *soft;
    float *d_act, *d_raw, *d_x2, *d_bn, *d_a, *d_x1;
} generator_workspace;

/* A training batch is `batch` rows in packs of pac; a data-parallel run splits its packs
 * evenly over the ranks, and a rank computes only its own [first_row, first_row + rows).
 * Draws every rank makes alike (conditions, the real-row permutation and choice) come from
 * `shared`; draws for a pack's rows (noise, Gumbel, dropout, penalty points) from that pack's
 * stream, so that N ranks compute what one process computes (docs/scaling.md). */
typedef struct {
    int batch, first_pack, packs, first_row, rows;
    int rank, ranks;
    rg_batch_sum all;      /* batch statistics over all ranks */
    rg_rng *shared;
    uint64_t stream_seed;  /* pack streams: keyed by (stream_seed, pass, pack) */
    long pass;
    rg_rng *pack_stream;   /* stream_count of them; 0: every draw from `shared` */
    size_t stream_count;
    generator_layout layout;
    generator_workspace generator;
    rg_discriminator_workspace pairs, interpolated;
    float *real_fake;      /* [real rows; fake rows] of this rank, each (data + condition) wide */
    float *interpolates, *d_out, *d_input;
    float *condition, *alpha;                 /* conditions of the global batch */
    uint32_t *column, *level, *permutation;   /* of the global batch */
    int *owner;            /* the rank holding each position's real row */
    size_t *position;      /* its place among the owner's candidate rows */
    long *list;            /* which candidates: the discrete column's level list, or -1: all rows */
    float *exchange;       /* rows sent, then rows received */
    size_t *exchange_count;
    float *generator_grad, *generator_m, *generator_v;
    float *discriminator_grad, *discriminator_m, *discriminator_v;
    rg_adam_options adam_g, adam_d;
    long step_g, step_d;
} rg_ctgan_trainer;

extern const float rg_ctgan_dropout_rate; /* the critic's dropout */

generator_layout rg_ctgan_generator_offsets(int input, int hidden, int data);
riskgan_status rg_generator_workspace_init(generator_workspace *w, const generator_layout *g, int rows);
void rg_generator_workspace_free(generator_workspace *w);
/* Writes [left | right] row by row into out. */
void rg_concat_rows(float *out, const float *left, int left_dim, const float *right, int right_dim, int rows);
/* Forward pass from w->x0. Training mode uses batch statistics and updates running ones. */
void rg_ctgan_generator_forward(const generator_layout *g, const float *p, float *running, generator_workspace *w,
                                const rg_transformer *t, int training, const float *logit_bias, rg_streams streams,
                                const rg_batch_sum *all);

/* Buffers and optimizer settings for training with `batch` rows per step, this rank's
 * share of them; with pack_streams, per-pack random streams (else every draw from rng). */
riskgan_status rg_ctgan_trainer_init(rg_ctgan_trainer *trainer, const rg_ctgan *model, int batch, int pack_streams,
                                     const riskgan_fit_options *options, rg_rng *rng);
void rg_ctgan_trainer_free(rg_ctgan_trainer *trainer);
/* A training batch of generated rows (trainer->batch of them, each [data | condition]) for
 * conditions drawn by training-by-sampling or (empirical_conditions) by the level
 * frequencies; returns where they are (inside trainer->real_fake). */
float *rg_ctgan_training_fakes(rg_ctgan *model, const rg_transformer *t, const rg_condition_sampler *sampler,
                               rg_ctgan_trainer *trainer, int empirical_conditions);
/* One generator update: fresh fake rows for conditions drawn by training-by-sampling, or
 * (empirical_conditions) by the level frequencies; WGAN loss plus the conditional
 * cross-entropy; *loss receives it. Fails with RISKGAN_ERR_NUMERIC naming the epoch. */
riskgan_status rg_ctgan_generator_step(rg_ctgan *model, const rg_transformer *t, const rg_condition_sampler *sampler,
                                       rg_ctgan_trainer *trainer, int empirical_conditions, int epoch, double *loss);

#endif
