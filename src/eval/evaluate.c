/* evaluate.c — riskgan_evaluate: runs fidelity, detection, utility and privacy on the
 * aligned tables and keeps every number in one JSON document. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "evaluation.h"
#include "evaluation_parts.h"

void riskgan_evaluate_options_init(riskgan_evaluate_options *options)
{
    memset(options, 0, sizeof *options);
    options->folds = 5;
    options->trees = 200;
    options->rare_count = 5;
}

void riskgan_evaluation_free(riskgan_evaluation *e)
{
    if (!e)
        return;
    cJSON_Delete(e->root);
    for (size_t i = 0; i < e->warning_count; i++)
        free(e->warnings[i]);
    free(e->warnings);
    free(e);
}

static double number_at(const cJSON *root, const char *section, const char *a, const char *b, const char *c)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, section);
    const char *path[3] = {a, b, c};
    for (int i = 0; i < 3 && path[i] && item; i++)
        item = cJSON_GetObjectItemCaseSensitive(item, path[i]);
    return cJSON_IsNumber(item) ? item->valuedouble : NAN;
}

riskgan_status riskgan_evaluate(const riskgan_table *train, const riskgan_table *test, const riskgan_table *synthetic,
                                const riskgan_evaluate_options *options, riskgan_evaluation **out)
{
    *out = NULL;
    if (!options->target)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the evaluation needs a target column");
    if (options->folds < 2 || options->folds > 64)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "folds must be between 2 and 64");
    if (options->trees < 1)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "trees must be at least 1");
    riskgan_set_threads(options->threads);
    const riskgan_table *tables[RG_TABLES] = {train, test, synthetic};
    rg_eval_data data;
    riskgan_status status = rg_eval_data_build(tables, options->target, options->positive, &data);
    if (status != RISKGAN_OK)
        return status;
    riskgan_evaluation *e = rg_calloc(1, sizeof *e);
    if (!e) {
        rg_eval_data_free(&data);
        return RISKGAN_ERR_NO_MEMORY;
    }
    cJSON *root = e->root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "riskgan_version", RISKGAN_VERSION);
    cJSON *inputs = cJSON_AddObjectToObject(root, "inputs");
    cJSON_AddNumberToObject(inputs, "train_rows", (double)data.rows[RG_TRAIN]);
    cJSON_AddNumberToObject(inputs, "test_rows", (double)data.rows[RG_TEST]);
    cJSON_AddNumberToObject(inputs, "synthetic_rows", (double)data.rows[RG_SYNTHETIC]);
    cJSON_AddNumberToObject(inputs, "columns", (double)data.columns);
    cJSON_AddStringToObject(inputs, "target", options->target);
    cJSON_AddStringToObject(inputs, "positive", data.column[data.target].level_names[data.positive_level]);
    cJSON_AddNumberToObject(inputs, "seed", (double)options->seed);
    double shapes = NAN, trends = NAN, detection = NAN;
    status = rg_eval_fidelity(&data, cJSON_AddObjectToObject(root, "fidelity"), &shapes, &trends);
    if (status == RISKGAN_OK)
        status = rg_eval_detection(&data, options, cJSON_AddObjectToObject(root, "detection"), &detection);
    if (status == RISKGAN_OK)
        status = rg_eval_utility(&data, options, cJSON_AddObjectToObject(root, "utility"));
    if (status == RISKGAN_OK)
        status = rg_eval_per_class(&data, options, cJSON_AddObjectToObject(root, "per_class"));
    cJSON *privacy = cJSON_AddObjectToObject(root, "privacy");
    size_t leaks = 0;
    if (status == RISKGAN_OK)
        status = rg_eval_privacy(&data, options, privacy);
    if (status == RISKGAN_OK)
        status = rg_eval_leaks(train, synthetic, options->rare_count ? options->rare_count : 5, privacy, &leaks);
    if (status != RISKGAN_OK) {
        rg_eval_data_free(&data);
        riskgan_evaluation_free(e);
        return status;
    }
    riskgan_evaluation_summary *s = &e->summary;
    s->column_shapes = shapes;
    s->pair_trends = trends;
    s->quality = (shapes + trends) / 2;
    s->detection_auc = detection;
    s->trtr_auc = number_at(root, "utility", "xgboost", "TRTR", "roc_auc");
    s->tstr_auc = number_at(root, "utility", "xgboost", "TSTR", "roc_auc");
    s->augmented_auc = number_at(root, "utility", "xgboost", "augmented", "roc_auc");
    s->dcr_synthetic_median = number_at(root, "privacy", "dcr_synthetic_to_train", "median", NULL);
    s->dcr_test_median = number_at(root, "privacy", "dcr_test_to_train", "median", NULL);
    s->exact_copy_share = number_at(root, "privacy", "exact_copy_share", NULL, NULL);
    s->membership_auc = number_at(root, "privacy", "membership_inference_auc", NULL, NULL);
    s->density_ratio_auc = number_at(root, "privacy", "density_ratio_attack", "auc", NULL);
    s->label_faithfulness_auc = number_at(root, "per_class", "label_faithfulness", "auc", NULL);
    s->positive_detection_auc = NAN;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, cJSON_GetObjectItem(cJSON_GetObjectItem(root, "per_class"), "classes"))
        if (cJSON_IsTrue(cJSON_GetObjectItem(entry, "positive")))
            s->positive_detection_auc = number_at(entry, "detection_auc", NULL, NULL, NULL);
    s->epsilon = s->delta = NAN;
    riskgan_privacy_report guarantee = {0};
    if (options->model)
        riskgan_model_privacy(options->model, &guarantee);
    cJSON *dp = guarantee.private_fit ? cJSON_AddObjectToObject(privacy, "differential_privacy")
                                      : cJSON_AddNullToObject(privacy, "differential_privacy");
    if (guarantee.private_fit) {
        s->epsilon = guarantee.epsilon;
        s->delta = guarantee.delta;
        rg_json_number(dp, "epsilon", guarantee.epsilon);
        rg_json_number(dp, "delta", guarantee.delta);
        rg_json_number(dp, "statistics_epsilon", guarantee.statistics_epsilon);
        rg_json_number(dp, "noise_multiplier", guarantee.noise_multiplier);
        rg_json_number(dp, "sample_rate", guarantee.sample_rate);
        cJSON_AddNumberToObject(dp, "critic_steps", (double)guarantee.critic_steps);
    }
    s->rare_value_leaks = leaks;
    cJSON *scores = cJSON_CreateObject();
    rg_json_number(scores, "column_shapes", s->column_shapes);
    rg_json_number(scores, "pair_trends", s->pair_trends);
    rg_json_number(scores, "quality", s->quality);
    rg_json_number(scores, "detection_auc", s->detection_auc);
    rg_json_number(scores, "trtr_auc", s->trtr_auc);
    rg_json_number(scores, "tstr_auc", s->tstr_auc);
    rg_json_number(scores, "tstr_trtr_ratio", s->tstr_auc / s->trtr_auc);
    rg_json_number(scores, "augmented_auc", s->augmented_auc);
    rg_json_number(scores, "dcr_synthetic_median", s->dcr_synthetic_median);
    rg_json_number(scores, "dcr_test_median", s->dcr_test_median);
    rg_json_number(scores, "exact_copy_share", s->exact_copy_share);
    rg_json_number(scores, "membership_inference_auc", s->membership_auc);
    rg_json_number(scores, "density_ratio_attack_auc", s->density_ratio_auc);
    rg_json_number(scores, "epsilon", s->epsilon);
    rg_json_number(scores, "positive_detection_auc", s->positive_detection_auc);
    rg_json_number(scores, "label_faithfulness_auc", s->label_faithfulness_auc);
    cJSON_AddNumberToObject(scores, "rare_value_leaks", (double)s->rare_value_leaks);
    cJSON_AddItemToObject(root, "scores", scores);
    cJSON *warnings = cJSON_AddArrayToObject(root, "warnings");
    for (size_t i = 0; i < data.warning_count; i++)
        cJSON_AddItemToArray(warnings, cJSON_CreateString(data.warnings[i]));
    e->warnings = data.warnings;
    e->warning_count = s->warnings = data.warning_count;
    data.warnings = NULL;
    data.warning_count = 0;
    rg_eval_data_free(&data);
    *out = e;
    return RISKGAN_OK;
}

void riskgan_evaluation_get_summary(const riskgan_evaluation *e, riskgan_evaluation_summary *summary)
{
    *summary = e->summary;
}

const char *riskgan_evaluation_warning(const riskgan_evaluation *e, size_t i)
{
    return i < e->warning_count ? e->warnings[i] : NULL;
}

riskgan_status rg_json_write_file(const cJSON *root, const char *path)
{
    char *text = cJSON_Print(root);
    if (!text)
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory formatting JSON");
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status == RISKGAN_OK) {
        fputs(text, file.stream);
        fputc('\n', file.stream);
        status = rg_atomic_commit(&file);
    }
    free(text);
    return status;
}

const cJSON *rg_json_at(const cJSON *item, const char *path)
{
    char key[64];
    while (item && *path) {
        size_t n = strcspn(path, ".");
        snprintf(key, sizeof key, "%.*s", (int)n, path);
        item = cJSON_IsArray(item) ? cJSON_GetArrayItem(item, atoi(key)) : cJSON_GetObjectItemCaseSensitive(item, key);
        path += n + (path[n] == '.');
    }
    return item;
}

double rg_json_get(const cJSON *item, const char *path)
{
    const cJSON *found = rg_json_at(item, path);
    return cJSON_IsNumber(found) ? found->valuedouble : NAN;
}

double rg_json_array_number(const cJSON *array, int i)
{
    const cJSON *item = cJSON_GetArrayItem(array, i);
    return cJSON_IsNumber(item) ? item->valuedouble : NAN;
}

riskgan_status riskgan_evaluation_write_json(const riskgan_evaluation *e, const char *path)
{
    return rg_json_write_file(e->root, path);
}
