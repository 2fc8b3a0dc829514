/* ctgan_trainer.h — the state of a CTGAN training run and the generator update that its
 * trainers share (as published, ctgan_training.c; differentially private, ctgan_private.c). */
#ifndef RISKGAN_MODELS_CTGAN_TRAINER_H
#define RISKGAN_MODELS_CTGAN_TRAINER_H

#include "../nn/layers.h"
#include "ctgan.h"
#include "critic_chunks.h"
#include "ctgan_critic.h"
#include "ctgan_generator_network.h"

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
    rg_critic_chunks critic;  /* the critic's passes, in chunks of packs side by side */
    int blas_threads;         /* OpenBLAS's count to give back (0: not changed) */
    float *real_fake;      /* [real rows; fake rows] of this rank, each (data + condition) wide */
    float *d_input;        /* the critic's gradient with respect to the generated rows */
    float *condition;      /* conditions of the global batch */
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

/* Fresh streams for this rank's packs, keyed by (the training's stream seed, the pass,
 * the pack's place in the global batch): any number of ranks draws the same numbers for
 * a pack. Without pack streams every draw comes from the shared generator. */
void rg_ctgan_trainer_next_pass(rg_ctgan_trainer *trainer);
/* The critic's draws (row g: pack g's stream; real and generated packs g share it). */
rg_streams rg_ctgan_critic_streams(const rg_ctgan_trainer *trainer);

#endif
