/* evaluate.c — riskgan_evaluate: runs fidelity, detection, utility and privacy on the
 * aligned tables and keeps every number in one JSON document. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/threads.h"
#include "../core/atomic_file.h"
#include "../core/compare.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../core/rng.h"
#include "../data/table.h"
#include "evaluation.h"
#include "fidelity.h"
#include "detection.h"
#include "per_class.h"
#include "utility.h"
#include "privacy.h"
#include "leaks.h"
#include "../core/json.h"

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

/* Seeded samples of at most `rows` rows of each table (a table that small is copied whole),
 * rows kept in their order. */
static riskgan_status sample_tables(const riskgan_table *const tables[RG_TABLES], size_t rows, uint64_t seed,
                                    riskgan_table *out[RG_TABLES])
{
    rg_rng rng;
    rg_rng_seed(&rng, seed ^ 0x73616d706c65ULL);
    riskgan_status status = RISKGAN_OK;
    for (int t = 0; t < RG_TABLES && status == RISKGAN_OK; t++) {
        const riskgan_table *table = tables[t];
        size_t take = table->rows < rows ? table->rows : rows;
        uint32_t *order = rg_calloc(table->rows, sizeof *order);
        if (!order)
            return RISKGAN_ERR_NO_MEMORY;
        for (size_t i = 0; i < table->rows; i++)
            order[i] = (uint32_t)i;
        rg_rng_shuffle(&rng, order, (uint32_t)table->rows);
        qsort(order, take, sizeof *order, rg_compare_u32);
        status = rg_table_new_like(table, take, &out[t]);
        for (size_t i = 0; i < take && status == RISKGAN_OK; i++)
            status = rg_table_append_row(out[t], table, order[i]);
        free(order);
    }
    return status;
}

/* The aligned data of seeded samples of the tables (for the models of large tables), with
 * a warning on `data` saying so; sampled_data points into `sampled`, which the caller frees
 * after it. */
static riskgan_status sample_model_data(const riskgan_table *const tables[RG_TABLES],
                                        const riskgan_evaluate_options *options, size_t model_rows, rg_eval_data *data,
                                        riskgan_table *sampled[RG_TABLES], rg_eval_data *sampled_data)
{
    riskgan_status status = sample_tables(tables, model_rows, options->seed, sampled);
    const riskgan_table *views[RG_TABLES] = {sampled[0], sampled[1], sampled[2]};
    if (status == RISKGAN_OK)
        status = rg_eval_data_build(views, options->target, options->positive, sampled_data);
    if (status == RISKGAN_OK)
        rg_eval_warn(data, "large tables: the detection, utility and per-class models used a seeded sample of "
                     "%zu training, %zu test and %zu synthetic rows; nearest-neighbour metrics used at most %zu "
                     "query rows (docs/metrics.md)", sampled[0]->rows, sampled[1]->rows, sampled[2]->rows,
                     options->neighbor_queries ? options->neighbor_queries : (size_t)RG_NEIGHBOR_QUERIES);
    return status;
}

/* The "inputs" section: what was compared, and how many rows the models used. */
static void add_inputs(cJSON *root, const rg_eval_data *data, const rg_eval_data *model_data,
                       const riskgan_evaluate_options *options)
{
    cJSON_AddStringToObject(root, "riskgan_version", RISKGAN_VERSION);
    cJSON *inputs = cJSON_AddObjectToObject(root, "inputs");
    cJSON_AddNumberToObject(inputs, "train_rows", (double)data->rows[RG_TRAIN]);
    cJSON_AddNumberToObject(inputs, "test_rows", (double)data->rows[RG_TEST]);
    cJSON_AddNumberToObject(inputs, "synthetic_rows", (double)data->rows[RG_SYNTHETIC]);
    cJSON_AddNumberToObject(inputs, "columns", (double)data->columns);
    cJSON_AddStringToObject(inputs, "target", options->target);
    cJSON_AddStringToObject(inputs, "positive", data->column[data->target].level_names[data->positive_level]);
    cJSON_AddNumberToObject(inputs, "seed", (double)options->seed);
    cJSON *rows_used = cJSON_AddObjectToObject(inputs, "model_rows_used"); /* detection, utility, per class */
    cJSON_AddNumberToObject(rows_used, "train", (double)model_data->rows[RG_TRAIN]);
    cJSON_AddNumberToObject(rows_used, "test", (double)model_data->rows[RG_TEST]);
    cJSON_AddNumberToObject(rows_used, "synthetic", (double)model_data->rows[RG_SYNTHETIC]);
}

/* The differential-privacy guarantee of the model the rows came from (null when none). */
static void add_guarantee(cJSON *privacy, const riskgan_model *model, riskgan_evaluation_scores *s)
{
    s->epsilon = s->delta = NAN;
    riskgan_privacy_report guarantee = {0};
    if (model)
        riskgan_model_privacy(model, &guarantee);
    if (!guarantee.private_fit) {
        cJSON_AddNullToObject(privacy, "differential_privacy");
        return;
    }
    cJSON *dp = cJSON_AddObjectToObject(privacy, "differential_privacy");
    s->epsilon = guarantee.epsilon;
    s->delta = guarantee.delta;
    rg_json_number(dp, "epsilon", guarantee.epsilon);
    rg_json_number(dp, "delta", guarantee.delta);
    rg_json_number(dp, "statistics_epsilon", guarantee.statistics_epsilon);
    rg_json_number(dp, "noise_multiplier", guarantee.noise_multiplier);
    rg_json_number(dp, "sample_rate", guarantee.sample_rate);
    cJSON_AddNumberToObject(dp, "critic_steps", (double)guarantee.critic_steps);
}

/* The summary's numbers, read back from the sections. */
static void fill_summary(const cJSON *root, riskgan_evaluation_scores *s)
{
    s->quality = (s->column_shapes + s->pair_trends) / 2;
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
}

/* The "scores" section: the summary's numbers in one place. */
static void add_scores(cJSON *root, const riskgan_evaluation_scores *s)
{
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
}

/* Fidelity on every row; detection, utility and per-class models on model_data. */
static riskgan_status add_model_sections(cJSON *root, rg_eval_data *data, rg_eval_data *model_data,
                                         const riskgan_evaluate_options *options, riskgan_evaluation_scores *s)
{
    s->column_shapes = s->pair_trends = s->detection_auc = NAN;
    riskgan_status status = rg_eval_fidelity(data, cJSON_AddObjectToObject(root, "fidelity"), &s->column_shapes,
                                             &s->pair_trends);
    if (status == RISKGAN_OK)
        status = rg_eval_detection(model_data, options, cJSON_AddObjectToObject(root, "detection"), &s->detection_auc);
    if (status == RISKGAN_OK)
        status = rg_eval_utility(model_data, options, cJSON_AddObjectToObject(root, "utility"));
    if (status == RISKGAN_OK)
        status = rg_eval_per_class(model_data, options, cJSON_AddObjectToObject(root, "per_class"));
    if (model_data != data)
        for (size_t i = 0; i < model_data->warning_count; i++) /* warnings of the sampled parts */
            rg_eval_warn(data, "%s", model_data->warnings[i]);
    return status;
}

static riskgan_status riskgan_evaluate_in_scope(const riskgan_table *train, const riskgan_table *test, const riskgan_table *synthetic,
                                const riskgan_evaluate_options *options, riskgan_evaluation **out)
{
    *out = NULL;
    if (!options->target)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the evaluation needs a target column");
    if (options->folds < 2 || options->folds > 64)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "folds must be between 2 and 64");
    if (options->trees < 1)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "trees must be at least 1");
    const riskgan_table *tables[RG_TABLES] = {train, test, synthetic};
    rg_eval_data data, sampled_data, *model_data = &data;
    riskgan_table *sampled[RG_TABLES] = {NULL, NULL, NULL};
    riskgan_status status = rg_eval_data_build(tables, options->target, options->positive, &data);
    size_t model_rows = options->model_rows ? options->model_rows : RG_MODEL_ROWS;
    int large = train->rows > model_rows || test->rows > model_rows || synthetic->rows > model_rows;
    if (status == RISKGAN_OK && large && (status = sample_model_data(tables, options, model_rows, &data, sampled,
                                                                     &sampled_data)) == RISKGAN_OK)
        model_data = &sampled_data;
    riskgan_evaluation *e = status == RISKGAN_OK ? rg_calloc(1, sizeof *e) : NULL;
    if (status == RISKGAN_OK && !e)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status != RISKGAN_OK) {
        if (model_data != &data)
            rg_eval_data_free(&sampled_data);
        for (int t = 0; t < RG_TABLES; t++)
            riskgan_table_free(sampled[t]);
        rg_eval_data_free(&data);
        return status;
    }
    cJSON *root = e->root = cJSON_CreateObject();
    riskgan_evaluation_scores *s = &e->summary;
    add_inputs(root, &data, model_data, options);
    status = add_model_sections(root, &data, model_data, options, s);
    if (model_data != &data)
        rg_eval_data_free(&sampled_data);
    for (int t = 0; t < RG_TABLES; t++)
        riskgan_table_free(sampled[t]);
    cJSON *privacy = cJSON_AddObjectToObject(root, "privacy");
    if (status == RISKGAN_OK)
        status = rg_eval_privacy(&data, options, privacy);
    if (status == RISKGAN_OK)
        status = rg_eval_leaks(train, synthetic, options->rare_count ? options->rare_count : 5, privacy,
                               &s->rare_value_leaks);
    if (status != RISKGAN_OK) {
        rg_eval_data_free(&data);
        riskgan_evaluation_free(e);
        return status;
    }
    fill_summary(root, s);
    add_guarantee(privacy, options->model, s);
    add_scores(root, s);
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

riskgan_status riskgan_evaluate(const riskgan_table *train, const riskgan_table *test, const riskgan_table *synthetic,
                                const riskgan_evaluate_options *options, riskgan_evaluation **out)
{
    rg_thread_counts previous = rg_threads_push(options->threads);
    riskgan_status status = riskgan_evaluate_in_scope(train, test, synthetic, options, out);
    rg_threads_pop(previous);
    return status;
}

void riskgan_evaluation_get_scores(const riskgan_evaluation *e, riskgan_evaluation_scores *summary)
{
    *summary = e->summary;
}

const char *riskgan_evaluation_warning(const riskgan_evaluation *e, size_t i)
{
    return i < e->warning_count ? e->warnings[i] : NULL;
}

riskgan_status riskgan_evaluation_write_json(const riskgan_evaluation *e, const char *path)
{
    return rg_json_write_file(e->root, path);
}
