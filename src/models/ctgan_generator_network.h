/* ctgan_generator_network.h — CTGAN's generator network: its parameter layout, workspace, forward and
 * backward passes, and the conditional cross-entropy of its logits. */
#ifndef RISKGAN_MODELS_CTGAN_GENERATOR_NETWORK_H
#define RISKGAN_MODELS_CTGAN_GENERATOR_NETWORK_H

#include <stdint.h>
#include "../nn/layers.h"
#include "../transform/transformer.h"
#include "condition_sampler.h"

typedef struct {
    size_t w1, b1, gamma1, beta1, w2, b2, gamma2, beta2, w3, b3, total;
    int input, hidden, data;
} generator_layout;

typedef struct {
    int rows;
    float *x0, *a1, *n1, *s1, *bn1, *x1, *a2, *n2, *s2, *bn2, *x2, *raw, *act, *soft;
    float *d_act, *d_raw, *d_x2, *d_bn, *d_a, *d_x1;
} generator_workspace;

generator_layout rg_ctgan_generator_offsets(int input, int hidden, int data);
riskgan_status rg_generator_workspace_init(generator_workspace *w, const generator_layout *g, int rows);
void rg_generator_workspace_free(generator_workspace *w);
/* Writes [left | right] row by row into out. */
void rg_concat_rows(float *out, const float *left, int left_dim, const float *right, int right_dim, int rows);
/* Forward pass from w->x0. Training mode uses batch statistics and updates running ones. */
void rg_ctgan_generator_forward(const generator_layout *g, const float *p, float *running, generator_workspace *w,
                                const rg_transformer *t, int training, const float *logit_bias, rg_streams streams,
                                const rg_batch_sum *all);

/* Backward of the forward pass from w->d_act (and w->d_raw); parameter gradients added to dp. */
void rg_ctgan_generator_backward(const generator_layout *g, const float *p, float *dp, generator_workspace *w,
                                 const rg_transformer *t, const rg_batch_sum *all);
/* Cross-entropy of the generator's logits for the conditioned category of each row;
 * adds its gradient, divided by `batch`, to d_raw and returns the loss summed over the rows
 * divided by `batch` (the global batch: its mean once the ranks' shares are added up). */
double rg_ctgan_conditional_loss(const rg_transformer *t, const rg_condition_sampler *s, const float *raw,
                                 float *d_raw, const uint32_t *column, const uint32_t *level, int rows, double batch);

#endif
