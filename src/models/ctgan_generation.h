/* ctgan_generation.h — rows from a trained CTGAN generator. */
#ifndef RISKGAN_MODELS_CTGAN_GENERATION_H
#define RISKGAN_MODELS_CTGAN_GENERATION_H

#include <stddef.h>
#include "../core/rng.h"
#include "../transform/transformer.h"
#include "condition_sampler.h"
#include "ctgan.h"

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

#endif
