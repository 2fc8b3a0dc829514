/* generator_registry.h — the generators riskgan knows, found by name, by model kind, or for
 * a fit's options. */
#ifndef RISKGAN_MODELS_GENERATOR_REGISTRY_H
#define RISKGAN_MODELS_GENERATOR_REGISTRY_H

#include "generator.h"

/* The generator that fits these options (kind and differential privacy), or NULL. */
const rg_generator *rg_generator_for_fit(const riskgan_fit_options *options);
/* The generator that reads and samples models of this kind, or NULL. */
const rg_generator *rg_generator_for_kind(riskgan_model_kind kind);

#endif
