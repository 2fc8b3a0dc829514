/* calibration.h — marginal calibration of a trained generator: per-level logit biases that
 * make each discrete column's (and missing flag's) frequencies match the training data, and
 * per-column monotone quantile maps that make each continuous column's distribution match.
 * Monotone maps keep the ranks, so the dependence the network learned is preserved. */
#ifndef RISKGAN_MODELS_CALIBRATION_H
#define RISKGAN_MODELS_CALIBRATION_H

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../transform/transformer.h"
#include "riskgan.h"

typedef struct {
    size_t width, columns;
    float *logit_bias;     /* added to the generator's logits, one per encoded column */
    rg_value_map *maps;    /* per table column; points == 0 for non-mixture columns */
} rg_calibration;

/* Generates `rows` encoded, activated rows with the given logit biases. */
typedef riskgan_status (*rg_encoded_generator)(void *context, size_t rows, const float *logit_bias, rg_rng *rng,
                                               float *out);

/* Fits the biases (a few rounds of generate-and-correct on the log frequency ratio), then
 * the quantile maps (synthetic quantiles -> training quantiles). encoded: the training rows
 * as encoded for fitting; table: the same rows. */
riskgan_status rg_calibration_fit(rg_calibration *calibration, const rg_transformer *transformer,
                                  const float *encoded, const riskgan_table *table, rg_encoded_generator generate,
                                  void *context, rg_rng *rng);
/* The same toward given targets: shares[width] of every level of the calibrated spans and
 * column_quantiles[columns x RG_TARGET_QUANTILES] (evenly spaced quantiles of each mixture
 * column; NaN first: no map). Differentially private fits pass noisy statistics. */
riskgan_status rg_calibration_fit_targets(rg_calibration *calibration, const rg_transformer *transformer,
                                          const double *shares, const double *column_quantiles,
                                          rg_encoded_generator generate, void *context, rg_rng *rng);
void rg_calibration_free(rg_calibration *calibration);
void rg_calibration_write(const rg_calibration *calibration, rg_writer *writer);
riskgan_status rg_calibration_read(rg_calibration *calibration, const rg_transformer *transformer, rg_reader *reader);

#endif
