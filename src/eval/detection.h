/* detection.h — detectability: XGBoost telling real rows from synthetic ones. */
#ifndef RISKGAN_EVAL_DETECTION_H
#define RISKGAN_EVAL_DETECTION_H

#include <cjson/cJSON.h>

#include "../learn/detection_auc.h"
#include "eval_data.h"
#include "riskgan.h"

/* Cross-validated ROC-AUC of XGBoost telling training rows from synthetic rows. */
riskgan_status rg_eval_detection(const rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section,
                                 double *auc);

#endif
