/* ctgan_generator.h — CTGAN as a generator (generator.h), trained as published or under
 * differential privacy (DP-SGD critic). */
#ifndef RISKGAN_MODELS_CTGAN_GENERATOR_H
#define RISKGAN_MODELS_CTGAN_GENERATOR_H

#include "generator.h"

extern const rg_generator rg_ctgan_generator;
extern const rg_generator rg_ctgan_private_generator;

#endif
