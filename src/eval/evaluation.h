/* evaluation.h — the riskgan_evaluation handle: the JSON document of every number and the
 * warnings, shared by the JSON and HTML writers. */
#ifndef RISKGAN_EVAL_EVALUATION_H
#define RISKGAN_EVAL_EVALUATION_H

#include <cjson/cJSON.h>

#include "riskgan.h"

struct riskgan_evaluation {
    cJSON *root;
    riskgan_evaluation_scores summary;
    char **warnings;
    size_t warning_count;
};

#endif
