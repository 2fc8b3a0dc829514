/* deviation.h — learning from a few labelled anomalies with the deviation loss of Pang,
 * Shen & van den Hengel (2019): a small network phi scores rows; unlabelled rows are pulled
 * to the reference N(0, 1) (loss |phi - mu| / sigma with mu = 0, sigma = 1), labelled
 * anomalies pushed beyond `margin` deviations (loss max(0, margin - phi)). Each batch holds
 * half labelled anomalies (drawn with replacement), half unlabelled rows. */
#ifndef RISKGAN_DETECT_DEVIATION_H
#define RISKGAN_DETECT_DEVIATION_H

#include <stddef.h>
#include <stdint.h>

#include "../nn/mlp.h"
#include "riskgan.h"

typedef struct {
    int steps, batch_size, hidden;
    double learning_rate, margin;
    uint64_t seed;
} rg_deviation_options;

void rg_deviation_options_default(rg_deviation_options *options);
/* The mean deviation loss of `rows` scores; d_score (may be NULL) receives its gradient. */
double rg_deviation_loss(const float *score, const unsigned char *anomaly, int rows, double margin, float *d_score);
/* Trains phi on rows x inputs floats; anomaly[i] != 0 marks the labelled anomalies. */
riskgan_status rg_deviation_train(rg_mlp *phi, const float *x, size_t rows, int inputs, const unsigned char *anomaly,
                                  const rg_deviation_options *options);

#endif
