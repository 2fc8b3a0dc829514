/* detection.c — detectability: can gradient-boosted trees tell real rows from synthetic ones? */
#include "detection.h"

#include <stdlib.h>

#include "../core/json.h"

riskgan_status rg_eval_detection(const rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section,
                                 double *auc)
{
    size_t width, m = 0;
    float *features[RG_TABLES];
    riskgan_status status = rg_eval_model_features(data, 1, &width, features);
    if (status != RISKGAN_OK)
        return status;
    double fold_auc[64] = {0};
    status = rg_detection_auc(features[RG_TRAIN], data->rows[RG_TRAIN], features[RG_SYNTHETIC],
                              data->rows[RG_SYNTHETIC], width, options, auc, fold_auc, &m);
    if (status == RISKGAN_OK) {
        rg_json_number(section, "auc", *auc);
        cJSON_AddNumberToObject(section, "folds", options->folds);
        cJSON_AddNumberToObject(section, "rows_per_class", (double)m);
        rg_json_numbers(section, "fold_auc", fold_auc, (size_t)options->folds);
        cJSON_AddStringToObject(section, "model", "xgboost");
    }
    for (int t = 0; t < RG_TABLES; t++)
        free(features[t]);
    return status;
}
