/* tvae_generator.h — TVAE as a generator (generator.h). */
#ifndef RISKGAN_MODELS_TVAE_GENERATOR_H
#define RISKGAN_MODELS_TVAE_GENERATOR_H

#include "generator.h"

extern const rg_generator rg_tvae_generator;

#endif
