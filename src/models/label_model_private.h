/* label_model_private.h — the label model fitted under differential privacy. */
#ifndef RISKGAN_MODELS_LABEL_MODEL_PRIVATE_H
#define RISKGAN_MODELS_LABEL_MODEL_PRIVATE_H

#include "../core/rng.h"
#include "label_model.h"

/* The same with differential privacy : a binary model of the two
 * most frequent levels (by the transformer's noisy counts), fitted by noisy gradient
 * descent that spends zCDP budget rho; noisy_rows scales the gradient. */
riskgan_status rg_label_model_fit_private(rg_label_model *model, const rg_transformer *transformer,
                                          size_t target_column, const float *encoded, size_t rows, double rho,
                                          double noisy_rows, rg_rng *rng);

#endif
