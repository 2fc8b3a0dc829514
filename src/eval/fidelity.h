/* fidelity.h — column shapes and pair trends of synthetic against real rows. */
#ifndef RISKGAN_EVAL_FIDELITY_H
#define RISKGAN_EVAL_FIDELITY_H

#include <cjson/cJSON.h>

#include "eval_data.h"
#include "riskgan.h"

/* Per-column shapes (KS / TV complements, test p-values, histograms) and pair trends. */
riskgan_status rg_eval_fidelity(const rg_eval_data *data, cJSON *section, double *shapes, double *trends);

#endif
