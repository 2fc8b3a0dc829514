/* detection_auc.h — the detection ROC-AUC of two feature matrices: XGBoost telling real rows
 * from synthetic ones. */
#ifndef RISKGAN_LEARN_DETECTION_AUC_H
#define RISKGAN_LEARN_DETECTION_AUC_H

#include <stddef.h>

#include "riskgan.h"

/* The detection AUC of two feature matrices (real rows vs synthetic rows, equal numbers
 * drawn from each, options->folds stratified folds); NaN when either has fewer rows than
 * folds. fold_auc receives options->folds values. Of the options only folds, trees, seed and
 * threads are read. */
riskgan_status rg_detection_auc(const float *real, size_t nr, const float *synthetic, size_t ns, size_t width,
                                const riskgan_evaluate_options *options, double *auc, double *fold_auc,
                                size_t *rows_per_class);

#endif
