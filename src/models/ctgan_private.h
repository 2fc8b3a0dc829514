/* ctgan_private.h — CTGAN training with differentially private critic updates (DP-SGD
 * with Poisson sampling, per-row clipping and Gaussian noise; see ctgan_private.c). */
#ifndef RISKGAN_MODELS_CTGAN_PRIVATE_H
#define RISKGAN_MODELS_CTGAN_PRIVATE_H

#include "condition_sampler.h"
#include "ctgan.h"
#include "ctgan_critic.h"

typedef struct {
    double sample_rate;      /* q: each training row joins a critic step with this probability */
    double noise_multiplier; /* sigma: noise standard deviation / clip norm */
    double clip_norm;        /* C: bound on one row's gradient (L2) */
    double noisy_rows;       /* the DP row count: q * noisy_rows is the expected batch */
    long steps_per_epoch;    /* generator steps per epoch (1 / q) */
} rg_dp_sgd;

/* Trains like rg_ctgan_train (model->pac must be 1; `batch` generated rows per step) with
 * every critic update a subsampled Gaussian mechanism; the epoch's discriminator figure
 * reported is the critic's mean score of generated rows. */
riskgan_status rg_ctgan_train_private(rg_ctgan *model, const rg_transformer *transformer, const float *data,
                                      size_t rows, const rg_condition_sampler *sampler,
                                      const riskgan_fit_options *options, int batch, const rg_dp_sgd *dp,
                                      rg_rng *rng, int *epochs_done);

/* Exposed for the tests: the clipped sum of the rows' critic gradients. */
typedef struct {
    int rows;                                    /* capacity */
    rg_discriminator_workspace real, interpolated;
    float *x, *xhat, *d_out, *scale;             /* rows x (data + condition); per row */
} rg_private_critic_workspace;

riskgan_status rg_private_critic_workspace_init(rg_private_critic_workspace *w, const rg_ctgan *model, int rows);
void rg_private_critic_workspace_free(rg_private_critic_workspace *w);
/* Adds sum_r min(1, clip / ||g_r||) g_r to gradient, where g_r is the parameter gradient
 * of sign * D(x_r) + 10 (||grad D(xhat_r)|| - 1)^2 (xhat NULL: no penalty term); dropout
 * masks from rng (NULL: no dropout). w->scale[r] receives each row's clip factor and
 * w->real.out[r] the critic's score of x_r. */
void rg_private_critic_rows(const rg_ctgan *model, const float *x, const float *xhat, int rows, float sign,
                            double clip, rg_rng *rng, rg_private_critic_workspace *w, float *gradient);

#endif
