/* ctgan.h — the conditional tabular GAN (Xu et al. 2019): residual generator with batch
 * norm, PacGAN discriminator with dropout, WGAN loss with exact gradient penalty. */
#ifndef RISKGAN_MODELS_CTGAN_H
#define RISKGAN_MODELS_CTGAN_H

#include <stddef.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../nn/layers.h"
#include "../transform/transformer.h"
#include "condition_sampler.h"
#include "riskgan.h"

typedef struct {
    int data_dim, condition_dim, noise_dim, hidden, pac, discriminator_hidden;
    size_t generator_count, discriminator_count;
    float *generator;      /* all generator parameters, one allocation */
    float *running;        /* batch-norm running mean and variance, 2 layers */
    float *discriminator;  /* all discriminator parameters */
} rg_ctgan;

/* Parameter counts and offsets follow from the shape; weights are initialized like
 * PyTorch's Linear (uniform +-1/sqrt(fan_in)), batch norm to identity. */
riskgan_status rg_ctgan_init(rg_ctgan *model, int data_dim, int condition_dim, int noise_dim,
                             int hidden, int pac, rg_rng *rng);
void rg_ctgan_free(rg_ctgan *model);

/* Where training rows come from: this rank's rows in one block held in memory, or in
 * several blocks loaded in turn (a table larger than memory). load() makes block `block`
 * of the epoch current: its encoded rows and a sampler over them that knows every rank's
 * current block (rg_condition_sampler_share; collective). `blocks` is the same on every rank. */
typedef struct {
    size_t blocks;
    riskgan_status (*load)(void *context, size_t block, const float **data, const rg_condition_sampler **sampler);
    void *context;
} rg_training_rows;

/* Trains on the rows of every rank: each step's batch is drawn from the rows of all ranks'
 * current blocks (max(1, their rows / batch) steps per block; the blocks in a shuffled order
 * each epoch), each rank computes its packs, and the gradients are summed over the ranks, so
 * every rank ends with the same weights. Returns after options->epochs epochs (or
 * options->max_steps generator steps), on a stop request (RISKGAN_ERR_INTERRUPTED) or on a
 * non-finite loss. *epochs_done is set. */
riskgan_status rg_ctgan_train(rg_ctgan *model, const rg_transformer *transformer, const rg_training_rows *rows,
                              const riskgan_fit_options *options, int batch_size, rg_rng *rng,
                              int *epochs_done);

/* Generates rows (activated: tanh and Gumbel-softmax) into out (rows x data_dim), in
 * evaluation mode. condition_column < 0: conditional vectors drawn from the training
 * frequencies; otherwise every row is conditioned on that discrete column and level.
 * logit_bias (data_dim, may be NULL) is added to the logits (marginal calibration).
 * agreeing (may be NULL) receives how many conditioned rows the generator had already given
 * the conditioned level (its own output's argmax) before the level is written in. */
riskgan_status rg_ctgan_generate(const rg_ctgan *model, const rg_transformer *transformer,
                                 const rg_condition_sampler *sampler, size_t rows,
                                 long condition_column, long condition_level, const float *logit_bias,
                                 rg_rng *rng, float *out, size_t *agreeing);

void rg_ctgan_write(const rg_ctgan *model, rg_writer *writer);
riskgan_status rg_ctgan_read(rg_ctgan *model, rg_reader *reader);

/* --- exposed for the gradient tests --- */
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

/* Test hook for the generator's backward pass: one training-mode forward pass on x0
 * (rows x (noise + condition)) with Gumbel noise drawn from noise_seed and batch-norm
 * running statistics left untouched; returns sum(activated output * weights) and, when
 * gradient != NULL, adds its gradient with respect to the generator parameters. */
double rg_ctgan_generator_probe(const rg_ctgan *model, const rg_transformer *transformer, const float *x0,
                                int rows, const float *weights, uint64_t noise_seed, float *gradient);

#endif
