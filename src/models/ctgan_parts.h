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

typedef struct {
    int batch;
    generator_layout layout;
    generator_workspace generator;
    rg_discriminator_workspace pairs, interpolated;
    float *real_fake;      /* [real rows; fake rows], each (data + condition) wide */
    float *interpolates, *d_out, *d_input;
    float *condition, *condition_perm, *alpha;
    uint32_t *column, *level, *permutation;
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
                                const rg_transformer *t, int training, const float *logit_bias, rg_rng *rng);

/* Buffers and optimizer settings for training with `batch` rows per step. */
riskgan_status rg_ctgan_trainer_init(rg_ctgan_trainer *trainer, const rg_ctgan *model, int batch,
                                     const riskgan_fit_options *options);
void rg_ctgan_trainer_free(rg_ctgan_trainer *trainer);
/* A training batch of generated rows (trainer->batch of them, each [data | condition]) for
 * conditions drawn by training-by-sampling or (empirical_conditions) by the level
 * frequencies; returns where they are (inside trainer->real_fake). */
float *rg_ctgan_training_fakes(rg_ctgan *model, const rg_transformer *t, const rg_condition_sampler *sampler,
                               rg_ctgan_trainer *trainer, int empirical_conditions, rg_rng *rng);
/* One generator update: fresh fake rows for conditions drawn by training-by-sampling, or
 * (empirical_conditions) by the level frequencies; WGAN loss plus the conditional
 * cross-entropy; *loss receives it. Fails with RISKGAN_ERR_NUMERIC naming the epoch. */
riskgan_status rg_ctgan_generator_step(rg_ctgan *model, const rg_transformer *t, const rg_condition_sampler *sampler,
                                       rg_ctgan_trainer *trainer, int empirical_conditions, int epoch, rg_rng *rng,
                                       double *loss);

#endif
