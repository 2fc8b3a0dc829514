/* tvae.h — the tabular variational autoencoder (Xu et al. 2019, TVAE). */
#ifndef RISKGAN_MODELS_TVAE_H
#define RISKGAN_MODELS_TVAE_H

#include <stddef.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../transform/transformer.h"
#include "riskgan.h"

typedef struct {
    int data_dim, hidden, latent;
    size_t count;
    float *parameters; /* encoder, decoder and the per-output sigmas, one allocation */
} rg_tvae;

riskgan_status rg_tvae_init(rg_tvae *model, int data_dim, int hidden, int latent, rg_rng *rng);
void rg_tvae_free(rg_tvae *model);
/* Trains with Adam; loss = 2 * (Gaussian NLL of tanh scalars + cross-entropy of spans) / N
 * + KL / N. Same contract as rg_ctgan_train. */
riskgan_status rg_tvae_train(rg_tvae *model, const rg_transformer *transformer, const float *data,
                             size_t rows, const riskgan_fit_options *options, int batch_size,
                             rg_rng *rng, int *epochs_done);
/* Decodes standard normal latents; scalars get the learned sigma as noise. Categories:
 * sample_categories = 0 keeps TVAE's published decoding (the most likely level); 1 draws
 * each level from softmax(logits + logit_bias), the decoder's actual distribution. */
riskgan_status rg_tvae_generate(const rg_tvae *model, const rg_transformer *transformer, size_t rows,
                                const float *logit_bias, int sample_categories, rg_rng *rng, float *out);
/* Loss of one batch (no update) and, when gradients != NULL, its gradient: used by the
 * training loop and by the finite-difference test. eps holds the reparameterization noise. */
double rg_tvae_batch_loss(const rg_tvae *model, const rg_transformer *transformer, const float *batch,
                          int rows, const float *eps, float *gradients, double *kl_out);
void rg_tvae_write(const rg_tvae *model, rg_writer *writer);
riskgan_status rg_tvae_read(rg_tvae *model, rg_reader *reader);

#endif
