/* ctgan.h — the conditional tabular GAN (Xu et al. 2019): residual generator with batch
 * norm, PacGAN discriminator with dropout, WGAN loss with exact gradient penalty. Its
 * parameters, built and stored here; trained in ctgan_training.h, sampled in
 * ctgan_generation.h. */
#ifndef RISKGAN_MODELS_CTGAN_H
#define RISKGAN_MODELS_CTGAN_H

#include <stddef.h>
#include "../core/binary_io.h"
#include "../core/rng.h"
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

void rg_ctgan_write(const rg_ctgan *model, rg_writer *writer);
riskgan_status rg_ctgan_read(rg_ctgan *model, rg_reader *reader);

#endif
