/* experiment_results.h — the experiment handle and the layout of its results, shared by the
 * runner and the report writers. */
#ifndef RISKGAN_RISK_EXPERIMENT_RESULTS_H
#define RISKGAN_RISK_EXPERIMENT_RESULTS_H

#include <cjson/cJSON.h>

#include "fit_score.h"
#include "riskgan.h"

/* the methods compared: augmenters, plus class weights (no rows) and the GAN with --ratio auto */
enum { M_NONE, M_WEIGHT, M_RANDOM, M_SMOTE, M_SMOTENC, M_ADASYN, M_GAN, M_GAN_MINORITY, M_GAN_AUTO, METHODS };
enum { ALGORITHMS = RG_FAMILIES, METRICS = 8 }; /* the model families of fit_score.h */
#define RESULT_INDEX(method, algorithm, metric, run, runs) \
    ((((size_t)(method) * ALGORITHMS + (size_t)(algorithm)) * METRICS + (size_t)(metric)) * (runs) + (size_t)(run))

typedef struct {
    int methods[METHODS], algorithms[ALGORITHMS];
    char positive[256], minority[256];
} experiment_plan;

struct riskgan_experiment {
    cJSON *root;    /* every number */
    char *summary;  /* the text table */
};

#endif
