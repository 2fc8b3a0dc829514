/* per_class.h — the evaluation of each class of the target on its own. */
#ifndef RISKGAN_EVAL_PER_CLASS_H
#define RISKGAN_EVAL_PER_CLASS_H

#include <cjson/cJSON.h>

#include "eval_data.h"
#include "riskgan.h"

/* Per class of the target: detection AUC, column shapes and label faithfulness of the
 * synthetic rows of that class (and, with options->model, how often conditioning on the
 * class already generated it). */
riskgan_status rg_eval_per_class(const rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section);

#endif
