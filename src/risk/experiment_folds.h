/* experiment_folds.h — repeated stratified k-fold splits of the augmentation experiment,
 * exposed so that a test can prove no fold's training part holds a held-out row. */
#ifndef RISKGAN_RISK_EXPERIMENT_FOLDS_H
#define RISKGAN_RISK_EXPERIMENT_FOLDS_H

#include <stdint.h>

#include "riskgan.h"

/* Test instrumentation: with an observer set, every table the experiment hands to a
 * generator or an oversampler is reported with the held-out part of its fold. */
typedef void (*rg_experiment_observer)(const riskgan_table *training, const riskgan_table *held_out, void *user);
void rg_experiment_observe(rg_experiment_observer observer, void *user);

#endif
