/* utility.h — risk models trained on real, synthetic and both, tested on real rows. */
#ifndef RISKGAN_EVAL_UTILITY_H
#define RISKGAN_EVAL_UTILITY_H

#include <cjson/cJSON.h>

#include "eval_data.h"
#include "riskgan.h"

/* TRTR / TSTR / augmented risk models (XGBoost, logistic regression and the credit scorecard)
 * on the test rows. */
riskgan_status rg_eval_utility(rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section);

#endif
