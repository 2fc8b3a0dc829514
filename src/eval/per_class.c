/* per_class.c — what augmentation uses: the synthetic rows of each class of the target
 * against the real rows of that class (detection AUC, column shapes), whether the synthetic
 * labels carry the real risk signal (label faithfulness), and, given the model, whether
 * conditioning on a class generates that class by itself. Definitions: docs/metrics.md. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../learn/classifiers.h"
#include "per_class.h"
#include "detection.h"
#include "../core/json.h"
#include "../learn/metrics.h"

enum { AGREEMENT_ROWS = 2000 };

/* The rows of `table` whose target holds `level`, copied out of a rows x width matrix. */
static size_t rows_of_level(const rg_eval_data *data, int table, int32_t level, const float *x, size_t width,
                            float *out)
{
    const rg_eval_column *t = &data->column[data->target];
    size_t n = 0;
    for (size_t r = 0; r < data->rows[table]; r++)
        if (t->code[table][r] == level)
            memcpy(out + n++ * width, x + r * width, width * sizeof *out);
    return n;
}

/* 1 - total variation (discrete) or 1 - KS statistic (continuous) between the real and the
 * synthetic rows of one class, in one column. NaN when either side has no row. */
static double class_column_shape(const rg_eval_data *data, const rg_eval_column *c, int32_t level)
{
    const int32_t *real_class = data->column[data->target].code[RG_TRAIN];
    const int32_t *synthetic_class = data->column[data->target].code[RG_SYNTHETIC];
    size_t nr = data->rows[RG_TRAIN], ns = data->rows[RG_SYNTHETIC];
    if (c->discrete) {
        double *real = rg_calloc(c->levels, sizeof *real), *synthetic = rg_calloc(c->levels, sizeof *synthetic);
        double score = NAN, real_rows = 0, synthetic_rows = 0;
        if (real && synthetic) {
            for (size_t r = 0; r < nr; r++)
                if (real_class[r] == level)
                    real[c->code[RG_TRAIN][r]]++, real_rows++;
            for (size_t r = 0; r < ns; r++)
                if (synthetic_class[r] == level)
                    synthetic[c->code[RG_SYNTHETIC][r]]++, synthetic_rows++;
            if (real_rows > 0 && synthetic_rows > 0)
                score = 1 - rg_total_variation(real, synthetic, c->levels);
        }
        free(real), free(synthetic);
        return score;
    }
    double *real = rg_calloc(nr + 1, sizeof *real), *synthetic = rg_calloc(ns + 1, sizeof *synthetic);
    double score = NAN;
    size_t a = 0, b = 0;
    if (real && synthetic) {
        for (size_t r = 0; r < nr; r++)
            if (real_class[r] == level && !isnan(c->value[RG_TRAIN][r]))
                real[a++] = c->value[RG_TRAIN][r];
        for (size_t r = 0; r < ns; r++)
            if (synthetic_class[r] == level && !isnan(c->value[RG_SYNTHETIC][r]))
                synthetic[b++] = c->value[RG_SYNTHETIC][r];
        if (a && b)
            score = 1 - rg_ks_two_sample(real, a, synthetic, b, NULL);
    }
    free(real), free(synthetic);
    return score;
}

/* A model fitted on the real training rows scores the synthetic rows: ROC-AUC against the
 * synthetic labels, beside the same model's AUC on the real test rows (TRTR). */
static riskgan_status label_faithfulness(const rg_eval_data *data, const riskgan_evaluate_options *options,
                                         cJSON *section)
{
    size_t width;
    float *features[RG_TABLES];
    riskgan_status status = rg_eval_model_features(data, 0, &width, features);
    if (status != RISKGAN_OK)
        return status;
    size_t nr = data->rows[RG_TRAIN], nt = data->rows[RG_TEST], ns = data->rows[RG_SYNTHETIC];
    int *y = rg_calloc(nr + nt + ns + 1, sizeof *y);
    double *scores = rg_calloc(nt + ns + 1, sizeof *scores);
    if (!y || !scores)
        status = RISKGAN_ERR_NO_MEMORY;
    double synthetic_auc = NAN, trtr_auc = NAN;
    if (status == RISKGAN_OK) {
        rg_eval_labels(data, RG_TRAIN, y);
        rg_eval_labels(data, RG_TEST, y + nr);
        rg_eval_labels(data, RG_SYNTHETIC, y + nr + nt);
        float *scored = rg_calloc((nt + ns) * width + 1, sizeof *scored); /* test rows, then synthetic rows */
        if (!scored)
            status = RISKGAN_ERR_NO_MEMORY;
        if (status == RISKGAN_OK) {
            memcpy(scored, features[RG_TEST], nt * width * sizeof *scored);
            memcpy(scored + nt * width, features[RG_SYNTHETIC], ns * width * sizeof *scored);
            rg_classifier_options classifier;
            rg_classifier_options_default(&classifier, RG_CLASSIFIER_XGBOOST);
            classifier.trees = options->trees;
            classifier.seed = options->seed;
            classifier.threads = options->threads;
            status = rg_classifier_fit_predict(&classifier, features[RG_TRAIN], y, nr, width, scored, nt + ns, NULL,
                                               scores);
        }
        free(scored);
    }
    if (status == RISKGAN_OK) {
        trtr_auc = rg_roc_auc(scores, y + nr, nt);
        synthetic_auc = rg_roc_auc(scores + nt, y + nr + nt, ns);
        rg_json_number(section, "auc", synthetic_auc);
        rg_json_number(section, "trtr_auc", trtr_auc);
        rg_json_number(section, "ratio_to_trtr", synthetic_auc / trtr_auc);
        cJSON_AddStringToObject(section, "model", "xgboost fitted on the real training rows");
    }
    for (int t = 0; t < RG_TABLES; t++)
        free(features[t]);
    free(y), free(scores);
    return status;
}

riskgan_status rg_eval_per_class(const rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section)
{
    const rg_eval_column *target = &data->column[data->target];
    size_t width;
    float *features[RG_TABLES];
    riskgan_status status = rg_eval_model_features(data, 1, &width, features);
    if (status != RISKGAN_OK)
        return status;
    size_t nr = data->rows[RG_TRAIN], ns = data->rows[RG_SYNTHETIC];
    float *real = rg_calloc(nr * width + 1, sizeof *real), *synthetic = rg_calloc(ns * width + 1, sizeof *synthetic);
    if (!real || !synthetic)
        status = RISKGAN_ERR_NO_MEMORY;
    cJSON *classes = cJSON_AddArrayToObject(section, "classes");
    for (size_t level = 0; status == RISKGAN_OK && level < target->levels; level++) {
        size_t a = rows_of_level(data, RG_TRAIN, (int32_t)level, features[RG_TRAIN], width, real);
        size_t b = rows_of_level(data, RG_SYNTHETIC, (int32_t)level, features[RG_SYNTHETIC], width, synthetic);
        if (a == 0)
            continue; /* unseen levels and (missing) with no training row */
        cJSON *entry = cJSON_CreateObject();
        cJSON_AddItemToArray(classes, entry);
        cJSON_AddStringToObject(entry, "class", target->level_names[level]);
        cJSON_AddBoolToObject(entry, "positive", (int32_t)level == data->positive_level);
        cJSON_AddNumberToObject(entry, "train_rows", (double)a);
        cJSON_AddNumberToObject(entry, "synthetic_rows", (double)b);
        double auc = NAN, fold_auc[64];
        size_t compared = 0;
        status = rg_detection_auc(real, a, synthetic, b, width, options, &auc, fold_auc, &compared);
        rg_json_number(entry, "detection_auc", auc);
        double sum = 0;
        size_t counted = 0;
        cJSON *shapes = cJSON_AddObjectToObject(entry, "columns");
        for (size_t j = 0; j < data->columns; j++) {
            if ((long)j == data->target)
                continue;
            double shape = class_column_shape(data, &data->column[j], (int32_t)level);
            rg_json_number(shapes, data->column[j].name, shape);
            if (!isnan(shape))
                sum += shape, counted++;
        }
        rg_json_number(entry, "column_shapes", counted ? sum / counted : NAN);
        double agreement = NAN;
        if (status == RISKGAN_OK && options->model) {
            riskgan_condition where = {target->name, target->level_names[level]};
            if (riskgan_condition_agreement(options->model, &where, AGREEMENT_ROWS, options->seed, &agreement) !=
                RISKGAN_OK)
                agreement = NAN; /* a TVAE or a model of another target: no conditioning to measure */
        }
        rg_json_number(entry, "condition_agreement", agreement);
    }
    for (int t = 0; t < RG_TABLES; t++)
        free(features[t]);
    free(real), free(synthetic);
    if (status == RISKGAN_OK)
        status = label_faithfulness(data, options, cJSON_AddObjectToObject(section, "label_faithfulness"));
    return status;
}
