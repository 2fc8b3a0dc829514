/* risk_model.h — what the library's other risk modules see of a riskgan_risk_model: its
 * scorecard, if it is one. */
#ifndef RISKGAN_RISK_RISK_MODEL_H
#define RISKGAN_RISK_RISK_MODEL_H

#include "riskgan.h"
#include "../credit/scorecard.h"

/* The model's scorecard (NULL for XGBoost and logistic regression). */
const rg_scorecard *rg_risk_model_scorecard(const riskgan_risk_model *model);

#endif
