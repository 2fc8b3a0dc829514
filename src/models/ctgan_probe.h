/* ctgan_probe.h — the test hook of CTGAN's generator backward pass. */
#ifndef RISKGAN_MODELS_CTGAN_PROBE_H
#define RISKGAN_MODELS_CTGAN_PROBE_H

#include <stdint.h>

#include "../transform/transformer.h"
#include "ctgan.h"

/* Test hook for the generator's backward pass: one training-mode forward pass on x0
 * (rows x (noise + condition)) with Gumbel noise drawn from noise_seed and batch-norm
 * running statistics left untouched; returns sum(activated output * weights) and, when
 * gradient != NULL, adds its gradient with respect to the generator parameters. */
double rg_ctgan_generator_probe(const rg_ctgan *model, const rg_transformer *transformer, const float *x0,
                                int rows, const float *weights, uint64_t noise_seed, float *gradient);

#endif
