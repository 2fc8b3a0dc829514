/* privacy.h — distances to closest records, copies and membership inference. */
#ifndef RISKGAN_EVAL_PRIVACY_H
#define RISKGAN_EVAL_PRIVACY_H

#include <cjson/cJSON.h>

#include "eval_data.h"
#include "riskgan.h"

/* Distances to closest records, exact copies, nearest-neighbour ratio, membership inference. */
riskgan_status rg_eval_privacy(const rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section);

#endif
