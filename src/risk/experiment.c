/* experiment.c — does augmentation help a risk model? Repeated stratified k-fold; in each
 * fold every method augments only the training part, every model family trains on it and
 * the held-out part scores it; paired differences against "none" get a Wilcoxon test. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/rng.h"
#include "../data/table.h"
#include "../eval/classifiers.h"
#include "../eval/evaluation_parts.h"
#include "../eval/metrics.h"
#include "experiment.h"
#include "experiment_folds.h"
#include "features.h"
#include "../data/number_text.h"

static const char *metric_names[METRICS] = {"roc_auc", "pr_auc", "ks", "gini", "recall_at_1pct_fpr",
                                            "recall_at_5pct_fpr", "f1", "brier"};
static const char *method_names[] = {"none", "random", "smote", "smotenc", "gan"};
static const char *algorithm_names[] = {"xgboost", "logreg"};

void riskgan_experiment_options_init(riskgan_experiment_options *o)
{
    memset(o, 0, sizeof *o);
    o->methods = "none,random,smotenc,gan";
    o->algorithms = "xgboost,logreg";
    o->folds = 5;
    o->repeats = 3;
    o->ratio = 1.0;
    o->gan_epochs = 100;
}

riskgan_status rg_experiment_assign_folds(const rg_classes *classes, size_t rows, int folds, uint64_t seed,
                                          int *fold_of_row)
{
    rg_rng rng;
    rg_rng_seed(&rng, seed);
    uint32_t *members = rg_calloc(rows ? rows : 1, sizeof *members);
    if (!members)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t r = 0; r < rows; r++)
        fold_of_row[r] = -1; /* rows without a target take part in no fold */
    for (size_t c = 0; c < classes->count; c++) {
        size_t n = 0;
        for (size_t r = 0; r < rows; r++)
            if (classes->of_row[r] == (int32_t)c)
                members[n++] = (uint32_t)r;
        rg_rng_shuffle(&rng, members, (uint32_t)n);
        for (size_t i = 0; i < n; i++)
            fold_of_row[members[i]] = (int)(i % (size_t)folds);
    }
    free(members);
    return RISKGAN_OK;
}

riskgan_status rg_experiment_fold_tables(const riskgan_table *table, const int *fold_of_row, int fold,
                                         riskgan_table **train, riskgan_table **test)
{
    riskgan_status status = rg_table_new_like(table, table->rows, train);
    if (status == RISKGAN_OK)
        status = rg_table_new_like(table, table->rows / 2 + 1, test);
    for (size_t r = 0; status == RISKGAN_OK && r < table->rows; r++)
        if (fold_of_row[r] >= 0)
            status = rg_table_append_row(fold_of_row[r] == fold ? *test : *train, table, r);
    return status;
}

/* Parses a comma list against names; sets chosen[i] for each name found. */
static riskgan_status parse_list(const char *text, const char *const *names, size_t count, int *chosen, const char *what)
{
    memset(chosen, 0, count * sizeof *chosen);
    const char *p = text;
    while (*p) {
        size_t length = strcspn(p, ",");
        size_t i = 0;
        while (i < count && !(strlen(names[i]) == length && strncmp(names[i], p, length) == 0))
            i++;
        if (i == count)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "unknown %s '%.*s'", what, (int)length, p);
        chosen[i] = 1;
        p += length + (p[length] == ',');
    }
    return RISKGAN_OK;
}

void riskgan_experiment_free(riskgan_experiment *e)
{
    if (!e)
        return;
    cJSON_Delete(e->root);
    free(e->summary);
    free(e);
}

/* Metrics of one model on one fold's held-out rows. */
static void fold_metrics(const double *train_scores, const int *train_y, size_t train_rows, const double *scores,
                         const int *y, size_t rows, double *out)
{
    out[0] = rg_roc_auc(scores, y, rows);
    out[1] = rg_average_precision(scores, y, rows);
    out[2] = rg_ks_separation(scores, y, rows);
    out[3] = 2 * out[0] - 1;
    out[4] = rg_recall_at_fpr(scores, y, rows, 0.01);
    out[5] = rg_recall_at_fpr(scores, y, rows, 0.05);
    out[6] = rg_f1_at(scores, y, rows, rg_best_f1_threshold(train_scores, train_y, train_rows));
    out[7] = rg_brier(scores, y, rows);
}

static riskgan_status labels_of(const riskgan_table *table, const char *target, const char *positive, int *y)
{
    rg_classes classes;
    riskgan_status status = rg_classes_find(table, target, &classes);
    if (status != RISKGAN_OK)
        return status;
    long p = rg_classes_index(&classes, positive);
    for (size_t r = 0; r < table->rows; r++)
        y[r] = p >= 0 && classes.of_row[r] == (int32_t)p;
    rg_classes_free(&classes);
    return RISKGAN_OK;
}

/* One method in one fold: augment the training part, train each model family, score the
 * held-out part. */
static riskgan_status run_method(const riskgan_experiment_options *o, const experiment_plan *plan, int method,
                                 const riskgan_table *train, const riskgan_table *test, uint64_t seed,
                                 double results[ALGORITHMS][METRICS], double *pooled_scores[ALGORITHMS],
                                 const size_t *test_rows_index, size_t *added)
{
    riskgan_augment_options augment;
    riskgan_augment_options_init(&augment);
    augment.target = o->target;
    augment.minority = plan->minority;
    augment.method = (riskgan_augment_method)method;
    augment.ratio = o->ratio;
    augment.seed = seed;
    augment.threads = o->threads;
    riskgan_fit_options fit;
    riskgan_fit_options_init(&fit, RISKGAN_PRESET_DEFAULT);
    fit.epochs = o->gan_epochs;
    fit.discriminator_steps = 1; /* one GAN per fold and repeat: keep each fit short */
    augment.fit = &fit;
    riskgan_table *augmented = NULL;
    riskgan_status status = riskgan_augment(train, &augment, &augmented);
    if (status != RISKGAN_OK)
        return rg_fail_context(status, "%s augmentation", method_names[method]);
    *added = augmented->rows - train->rows;
    rg_feature_encoder features;
    long target_column = riskgan_table_find_column(augmented, o->target);
    status = rg_features_fit(&features, augmented, target_column);
    size_t width = features.width, n = augmented->rows, m = test->rows;
    float *x = rg_calloc(n * width + 1, sizeof *x), *test_x = rg_calloc(m * width + 1, sizeof *test_x);
    int *y = rg_calloc(n, sizeof *y), *test_y = rg_calloc(m, sizeof *test_y);
    double *train_scores = rg_calloc(n, sizeof(double)), *scores = rg_calloc(m, sizeof(double));
    if (status == RISKGAN_OK && (!x || !test_x || !y || !test_y || !train_scores || !scores))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_features_encode(&features, augmented, x, NULL);
    if (status == RISKGAN_OK)
        status = rg_features_encode(&features, test, test_x, NULL);
    if (status == RISKGAN_OK)
        status = labels_of(augmented, o->target, plan->positive, y);
    if (status == RISKGAN_OK)
        status = labels_of(test, o->target, plan->positive, test_y);
    for (int a = 0; a < ALGORITHMS && status == RISKGAN_OK; a++) {
        if (!plan->algorithms[a])
            continue;
        rg_classifier_options classifier;
        rg_classifier_options_default(&classifier, a == 0 ? RG_CLASSIFIER_XGBOOST : RG_CLASSIFIER_LOGISTIC);
        classifier.seed = seed;
        classifier.threads = o->threads;
        status = rg_classifier_fit_predict(&classifier, x, y, n, width, test_x, m, train_scores, scores);
        if (status != RISKGAN_OK)
            break;
        fold_metrics(train_scores, y, n, scores, test_y, m, results[a]);
        if (pooled_scores[a])
            for (size_t r = 0; r < m; r++)
                pooled_scores[a][test_rows_index[r]] = scores[r];
    }
    rg_features_free(&features);
    free(x), free(test_x), free(y), free(test_y), free(train_scores), free(scores);
    riskgan_table_free(augmented);
    return status;
}

static double mean_of(const double *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s / n;
}

static double deviation_of(const double *v, size_t n)
{
    double m = mean_of(v, n), s = 0;
    for (size_t i = 0; i < n; i++)
        s += (v[i] - m) * (v[i] - m);
    return n > 1 ? sqrt(s / (n - 1)) : 0;
}

static riskgan_status run_experiment(const riskgan_table *table, const riskgan_experiment_options *o,
                                     riskgan_experiment **out)
{
    *out = NULL;
    if (!o->target)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the experiment needs a target column");
    if (o->folds < 2 || o->folds > 50 || o->repeats < 1 || o->repeats > 100)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "folds must be in [2, 50] and repeats in [1, 100]");
    experiment_plan plan;
    memset(&plan, 0, sizeof plan);
    riskgan_status status = parse_list(o->methods, method_names, METHODS, plan.methods, "method");
    if (status == RISKGAN_OK)
        status = parse_list(o->algorithms, algorithm_names, ALGORITHMS, plan.algorithms, "model family");
    if (status != RISKGAN_OK)
        return status;
    rg_classes classes;
    if ((status = rg_classes_find(table, o->target, &classes)) != RISKGAN_OK)
        return status;
    size_t positive;
    if ((status = rg_classes_positive(&classes, o->target, o->positive, &positive, NULL)) != RISKGAN_OK) {
        rg_classes_free(&classes);
        return status;
    }
    snprintf(plan.positive, sizeof plan.positive, "%s", classes.name[positive]);
    snprintf(plan.minority, sizeof plan.minority, "%s", classes.name[positive]); /* rows of the positive class are added */
    for (size_t c = 0; c < classes.count; c++)
        if (classes.size[c] < (size_t)o->folds)
            status = rg_fail(RISKGAN_ERR_SCHEMA, "class '%s' has %zu rows, fewer than the %d folds", classes.name[c],
                             classes.size[c], o->folds);
    size_t runs = (size_t)o->folds * (size_t)o->repeats, rows = table->rows;
    double *results = rg_calloc(METHODS * ALGORITHMS * METRICS * runs, sizeof *results);
    double *pooled[METHODS][ALGORITHMS] = {{NULL}};
    int *fold_of_row = rg_calloc(rows, sizeof *fold_of_row), *pooled_y = rg_calloc(rows, sizeof *pooled_y);
    size_t *test_index = rg_calloc(rows, sizeof *test_index);
    double added_rows[METHODS] = {0};
    if (status == RISKGAN_OK && (!results || !fold_of_row || !pooled_y || !test_index))
        status = RISKGAN_ERR_NO_MEMORY;
    for (int mth = 0; mth < METHODS && status == RISKGAN_OK; mth++)
        for (int a = 0; a < ALGORITHMS; a++)
            if (plan.methods[mth] && plan.algorithms[a] && !(pooled[mth][a] = rg_calloc(rows, sizeof(double))))
                status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        for (size_t r = 0; r < rows; r++)
            pooled_y[r] = classes.of_row[r] == (int32_t)positive;
    riskgan_set_threads(o->threads);
    for (int repeat = 0; repeat < o->repeats && status == RISKGAN_OK; repeat++) {
        uint64_t seed = o->seed + 1000003ULL * (uint64_t)repeat;
        status = rg_experiment_assign_folds(&classes, rows, o->folds, seed, fold_of_row);
        for (int fold = 0; fold < o->folds && status == RISKGAN_OK; fold++) {
            riskgan_table *train = NULL, *test = NULL;
            status = rg_experiment_fold_tables(table, fold_of_row, fold, &train, &test);
            size_t m = 0;
            for (size_t r = 0; r < rows; r++)
                if (fold_of_row[r] == fold)
                    test_index[m++] = r;
            size_t run = (size_t)repeat * (size_t)o->folds + (size_t)fold;
            for (int mth = 0; mth < METHODS && status == RISKGAN_OK; mth++) {
                if (!plan.methods[mth])
                    continue;
                if (o->progress) {
                    char message[160];
                    snprintf(message, sizeof message, "repeat %d/%d, fold %d/%d: %s", repeat + 1, o->repeats, fold + 1,
                             o->folds, method_names[mth]);
                    o->progress(message, o->progress_user);
                }
                double fold_results[ALGORITHMS][METRICS];
                double *pooled_scores[ALGORITHMS] = {repeat == 0 ? pooled[mth][0] : NULL,
                                                     repeat == 0 ? pooled[mth][1] : NULL};
                size_t added = 0;
                status = run_method(o, &plan, mth, train, test, seed + (uint64_t)fold, fold_results, pooled_scores,
                                    test_index, &added);
                added_rows[mth] += (double)added / runs;
                for (int a = 0; a < ALGORITHMS && status == RISKGAN_OK; a++)
                    for (int k = 0; k < METRICS; k++)
                        results[RESULT_INDEX(mth, a, k, run, runs)] = fold_results[a][k];
            }
            riskgan_table_free(train);
            riskgan_table_free(test);
        }
    }
    riskgan_experiment *e = NULL;
    if (status == RISKGAN_OK && !(e = rg_calloc(1, sizeof *e)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        cJSON *root = e->root = cJSON_CreateObject();
        cJSON *settings = cJSON_AddObjectToObject(root, "settings");
        cJSON_AddStringToObject(settings, "target", o->target);
        cJSON_AddStringToObject(settings, "positive", plan.positive);
        cJSON_AddStringToObject(settings, "minority", plan.minority);
        cJSON_AddNumberToObject(settings, "rows", (double)rows);
        cJSON_AddNumberToObject(settings, "folds", o->folds);
        cJSON_AddNumberToObject(settings, "repeats", o->repeats);
        cJSON_AddNumberToObject(settings, "ratio", o->ratio);
        cJSON_AddNumberToObject(settings, "gan_epochs", o->gan_epochs);
        cJSON_AddNumberToObject(settings, "seed", (double)o->seed);
        cJSON *methods = cJSON_AddObjectToObject(root, "methods");
        for (int mth = 0; mth < METHODS; mth++) {
            if (!plan.methods[mth])
                continue;
            cJSON *method = cJSON_AddObjectToObject(methods, method_names[mth]);
            cJSON_AddNumberToObject(method, "added_rows_per_fold", added_rows[mth]);
            for (int a = 0; a < ALGORITHMS; a++) {
                if (!plan.algorithms[a])
                    continue;
                cJSON *algorithm = cJSON_AddObjectToObject(method, algorithm_names[a]);
                for (int k = 0; k < METRICS; k++) {
                    const double *v = &results[RESULT_INDEX(mth, a, k, 0, runs)];
                    cJSON *metric = cJSON_AddObjectToObject(algorithm, metric_names[k]);
                    rg_json_number(metric, "mean", mean_of(v, runs));
                    rg_json_number(metric, "sd", deviation_of(v, runs));
                    rg_json_numbers(metric, "folds", v, runs);
                    if (plan.methods[RISKGAN_AUGMENT_NONE] && mth != RISKGAN_AUGMENT_NONE) {
                        const double *base = &results[RESULT_INDEX(RISKGAN_AUGMENT_NONE, a, k, 0, runs)];
                        double *difference = rg_calloc(runs, sizeof *difference);
                        if (difference) {
                            for (size_t i = 0; i < runs; i++)
                                difference[i] = v[i] - base[i];
                            rg_json_number(metric, "difference_vs_none", mean_of(difference, runs));
                            rg_json_number(metric, "wilcoxon_p", rg_wilcoxon_signed_rank(difference, runs));
                            free(difference);
                        }
                    }
                }
                double recall[101], precision[101], fpr[101], tpr[101];
                size_t roc_points = rg_roc_curve(pooled[mth][a], pooled_y, rows, fpr, tpr, 101);
                size_t pr_points = rg_pr_curve(pooled[mth][a], pooled_y, rows, recall, precision, 101);
                cJSON *curves = cJSON_AddObjectToObject(algorithm, "curves_repeat_1");
                rg_json_numbers(curves, "fpr", fpr, roc_points);
                rg_json_numbers(curves, "tpr", tpr, roc_points);
                rg_json_numbers(curves, "recall", recall, pr_points);
                rg_json_numbers(curves, "precision", precision, pr_points);
            }
        }
        status = rg_experiment_build_summary(e);
    }
    for (int mth = 0; mth < METHODS; mth++)
        for (int a = 0; a < ALGORITHMS; a++)
            free(pooled[mth][a]);
    free(results), free(fold_of_row), free(pooled_y), free(test_index);
    rg_classes_free(&classes);
    if (status != RISKGAN_OK) {
        riskgan_experiment_free(e);
        return status;
    }
    *out = e;
    return RISKGAN_OK;
}

riskgan_status riskgan_experiment_run(const riskgan_table *table, const riskgan_experiment_options *o,
                                      riskgan_experiment **out)
{
    locale_t previous = rg_use_c_locale(); /* the summary text and report numbers use '.' */
    riskgan_status status = run_experiment(table, o, out);
    uselocale(previous);
    return status;
}

riskgan_status riskgan_experiment_write_json(const riskgan_experiment *e, const char *path)
{
    return rg_json_write_file(e->root, path);
}

char *riskgan_experiment_summary(const riskgan_experiment *e)
{
    return e->summary ? strdup(e->summary) : NULL;
}
