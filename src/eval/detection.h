/* detection.h — detectability: XGBoost telling real rows from synthetic ones. */
#ifndef RISKGAN_EVAL_DETECTION_H
#define RISKGAN_EVAL_DETECTION_H

#include <cjson/cJSON.h>

#include "eval_data.h"
#include "riskgan.h"

/* Cross-validated ROC-AUC of XGBoost telling training rows from synthetic rows. */
riskgan_status rg_eval_detection(const rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section,
                                 double *auc);
/* The detection AUC of two feature matrices (real rows vs synthetic rows, equal numbers
 * drawn from each, options->folds stratified folds); NaN when either has fewer rows than
 * folds. fold_auc receives options->folds values. */
riskgan_status rg_detection_auc(const float *real, size_t nr, const float *synthetic, size_t ns, size_t width,
                                const riskgan_evaluate_options *options, double *auc, double *fold_auc,
                                size_t *rows_per_class);

#endif
