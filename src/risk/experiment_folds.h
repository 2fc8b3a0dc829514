/* experiment_folds.h — repeated stratified k-fold splits of the augmentation experiment,
 * exposed so that a test can prove no fold's training part holds a held-out row. */
#ifndef RISKGAN_RISK_EXPERIMENT_FOLDS_H
#define RISKGAN_RISK_EXPERIMENT_FOLDS_H

#include <stdint.h>

#include "classes.h"
#include "riskgan.h"

/* Fold (0..folds-1) of every row for one repeat: each class shuffled with the repeat's
 * seed and dealt round-robin, so every fold holds each class in proportion. */
riskgan_status rg_experiment_assign_folds(const rg_classes *classes, size_t rows, int folds, uint64_t seed,
                                          int *fold_of_row);
/* The rows outside / inside `fold`, as new tables. */
riskgan_status rg_experiment_fold_tables(const riskgan_table *table, const int *fold_of_row, int fold,
                                         riskgan_table **train, riskgan_table **test);

/* Test instrumentation: with an observer set, every table the experiment hands to a
 * generator or an oversampler is reported with the held-out part of its fold. */
typedef void (*rg_experiment_observer)(const riskgan_table *training, const riskgan_table *held_out, void *user);
void rg_experiment_observe(rg_experiment_observer observer, void *user);

#endif
