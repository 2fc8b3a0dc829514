/* ctgan_critic.h — CTGAN's critic network: forward, backward and the exact gradient penalty
 * (exposed for the trainers and the gradient tests). */
#ifndef RISKGAN_MODELS_CTGAN_CRITIC_H
#define RISKGAN_MODELS_CTGAN_CRITIC_H

#include <stddef.h>
#include "../nn/layers.h"
#include "riskgan.h"

typedef struct {
    size_t w1, b1, w2, b2, w3, b3, total;
} rg_discriminator_layout;

/* Where each parameter block starts in the critic's single allocation. */
rg_discriminator_layout rg_ctgan_discriminator_offsets(int input, int hidden);

typedef struct {
    int rows, input_dim, hidden;
    float *a1, *mask1, *h1, *a2, *mask2, *h2, *out;
    float *d_h2, *d_a2, *d_h1, *d_a1;              /* plain backward */
    float *g_a2, *g_h1, *g_a1, *g_x, *big_g_x;     /* gradient-penalty passes */
} rg_discriminator_workspace;

riskgan_status rg_discriminator_workspace_init(rg_discriminator_workspace *w, int rows, int input_dim,
                                               int hidden);
void rg_discriminator_workspace_free(rg_discriminator_workspace *w);
/* Forward pass; dropout masks drawn from the rows' streams (streams.stream NULL: no dropout). */
void rg_discriminator_forward(const float *parameters, rg_discriminator_workspace *w,
                              const float *in, int rows, float dropout, rg_streams streams);
/* Backward of sum(d_out[r] * out[r]); parameter gradients added to d_parameters (may be
 * NULL); the input gradient written to d_in (may be NULL). */
void rg_discriminator_backward(const float *parameters, float *d_parameters,
                               rg_discriminator_workspace *w, const float *in, const float *d_out,
                               int rows, float *d_in);
/* Gradient penalty lambda/rows * sum_r (||dD/dx_r|| - 1)^2 at the inputs of the last
 * forward pass, and (double backpropagation) its gradient added to d_parameters. */
double rg_discriminator_gradient_penalty(const float *parameters, float *d_parameters,
                                         rg_discriminator_workspace *w, int rows, float lambda);

/* The two halves of rg_discriminator_gradient_penalty, for per-row clipping: the penalty
 * with every row's input gradient and its back-propagated terms left in the workspace
 * (g_a1, g_a2, big_g_x, and G_h1 in d_h1, G_h2 in d_a2), then their parameter gradient
 * added to d_parameters with row r weighted by row_scale[r] (NULL: 1). */
double rg_discriminator_penalty_terms(const float *parameters, rg_discriminator_workspace *w, int rows,
                                      float lambda);
void rg_discriminator_penalty_accumulate(float *d_parameters, rg_discriminator_workspace *w, int rows,
                                         const float *row_scale);

#endif
