/* folds.h — stratified k-fold assignment and the tables of one fold, for every
 * cross-validation in riskgan (detection AUC, augmentation experiments, ratio search). */
#ifndef RISKGAN_LEARN_FOLDS_H
#define RISKGAN_LEARN_FOLDS_H

#include <stddef.h>
#include <stdint.h>

#include "../core/rng.h"
#include "riskgan.h"

/* Fold (0..folds-1) of every row: the rows of each class c (0..classes-1, in row order) are
 * shuffled with `rng` and dealt round-robin, so every fold holds each class in proportion.
 * A row whose class is negative (a missing target) gets fold -1. */
riskgan_status rg_stratified_folds(rg_rng *rng, const int32_t *class_of_row, size_t rows, size_t classes, int folds,
                                   int *fold_of_row);
/* The rows outside / inside `fold` (rows of fold -1 in neither), as new tables the caller
 * frees. */
riskgan_status rg_fold_tables(const riskgan_table *table, const int *fold_of_row, int fold, riskgan_table **train,
                              riskgan_table **test);

#endif
