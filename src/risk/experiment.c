/* experiment.c — does augmentation help a risk model? Repeated stratified k-fold; in each
 * fold the training part is thinned for the regime studied, every method augments (or
 * weights) only that part, every model family trains on it and the held-out part scores
 * it; paired differences against "none" get the corrected resampled t-test and Wilcoxon. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/threads.h"
#include "../core/error.h"
#include "../core/name_list.h"
#include "../core/memory.h"
#include "../core/rng.h"
#include "../data/table.h"
#include "../learn/classifiers.h"
#include "../core/json.h"
#include "../learn/corrected_t_test.h"
#include "../learn/metrics.h"
#include "experiment_report.h"
#include "experiment_results.h"
#include "../learn/folds.h"
#include "fit_score.h"
#include "ratio_search.h"
#include "../data/number_text.h"

static const char *metric_names[METRICS] = {"roc_auc", "pr_auc", "ks", "gini", "recall_at_1pct_fpr",
                                            "recall_at_5pct_fpr", "f1", "brier"};
static const char *method_names[METHODS] = {"none", "weight", "random", "smote", "smotenc",
                                            "adasyn", "gan", "gan-minority", "gan-auto"};
static const riskgan_augment_method augmenter_of[METHODS] = {
    RISKGAN_AUGMENT_NONE,    RISKGAN_AUGMENT_NONE,   RISKGAN_AUGMENT_RANDOM, RISKGAN_AUGMENT_SMOTE,
    RISKGAN_AUGMENT_SMOTENC, RISKGAN_AUGMENT_ADASYN, RISKGAN_AUGMENT_GAN,    RISKGAN_AUGMENT_GAN_MINORITY,
    RISKGAN_AUGMENT_GAN};

void riskgan_experiment_options_init(riskgan_experiment_options *o)
{
    memset(o, 0, sizeof *o);
    o->methods = "none,weight,random,smotenc,gan";
    o->algorithms = "xgboost,logreg";
    o->folds = 5;
    o->repeats = 3;
    o->ratio = 1.0;
    o->gan_epochs = 100;
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

/* What one fold shares between its methods: the (thinned) training part, the held-out part,
 * the GAN fitted on the training part (gan, gan-auto), the augmentation settings. */
typedef struct {
    const riskgan_table *train, *test;
    const riskgan_model *gan;
    riskgan_fit_options fit;
    uint64_t seed;
    int neighbors;
} fold_context;

/* The augmentation settings of one method in one fold. */
static void augment_settings(const riskgan_experiment_options *o, const experiment_plan *plan, int method,
                             const fold_context *fold, riskgan_augment_options *augment)
{
    riskgan_augment_options_init(augment);
    augment->target = o->target;
    augment->minority = plan->minority;
    augment->method = augmenter_of[method];
    augment->ratio = o->ratio;
    augment->neighbors = fold->neighbors;
    augment->seed = fold->seed;
    augment->threads = o->threads;
    augment->fit = &fold->fit;
    augment->model = method == M_GAN || method == M_GAN_AUTO ? fold->gan : NULL;
}

/* gan-auto: the ratio curves of the model families, from one inner cross-validation of the
 * fold's training part. */
static riskgan_status auto_ratio_curves(const riskgan_experiment_options *o, const experiment_plan *plan,
                                        const fold_context *fold, riskgan_ratio_curve curves[ALGORITHMS])
{
    riskgan_augment_options augment;
    augment_settings(o, plan, M_GAN_AUTO, fold, &augment);
    rg_classes classes;
    riskgan_status status = rg_classes_find(fold->train, o->target, &classes);
    if (status != RISKGAN_OK)
        return status;
    long minority = rg_classes_index(&classes, plan->minority);
    size_t majority = minority >= 0 ? rg_classes_largest_other(&classes, (size_t)minority) : 0;
    if (o->on_training_part)
        o->on_training_part(fold->train, fold->test, o->on_training_part_user);
    if (minority >= 0 && classes.size[minority] >= classes.size[majority]) { /* balanced: nothing to add */
        memset(curves, 0, ALGORITHMS * sizeof *curves);
        for (int a = 0; a < ALGORITHMS; a++)
            curves[a].points = 1;
    } else if (minority < 0) {
        status = rg_fail(RISKGAN_ERR_SCHEMA, "gan-auto: no '%s' row in the training part", plan->minority);
    } else {
        status = rg_choose_ratios(fold->train, &augment, &classes, (size_t)minority, majority, plan->algorithms, curves);
    }
    rg_classes_free(&classes);
    return status == RISKGAN_OK ? status : rg_fail_context(status, "gan-auto's ratio search");
}

/* The training rows a method hands to the risk model (for gan-auto: rows for the curve's
 * chosen point; none chosen leaves *out NULL). */
static riskgan_status augmented_rows(const riskgan_experiment_options *o, const experiment_plan *plan, int method,
                                     const fold_context *fold, const riskgan_ratio_curve *curve, riskgan_table **out)
{
    riskgan_augment_options augment;
    augment_settings(o, plan, method, fold, &augment);
    if (curve) {
        if (curve->added_rows[curve->chosen] == 0)
            return RISKGAN_OK;
        augment.ratio = curve->ratio[curve->chosen];
    }
    if (o->on_training_part)
        o->on_training_part(fold->train, fold->test, o->on_training_part_user);
    riskgan_status status = riskgan_augment(fold->train, &augment, out);
    return status == RISKGAN_OK ? status : rg_fail_context(status, "%s augmentation", method_names[method]);
}

/* One method in one fold: augment (or weight) the training part, train each model family,
 * score the held-out part. */
static riskgan_status run_method(const riskgan_experiment_options *o, const experiment_plan *plan, int method,
                                 const fold_context *fold, double results[ALGORITHMS][METRICS],
                                 double *pooled_scores[ALGORITHMS], const size_t *test_rows_index,
                                 double added[ALGORITHMS], double gap_share[ALGORITHMS])
{
    riskgan_table *shared = NULL; /* the augmented rows, when they do not depend on the model family */
    riskgan_ratio_curve curves[ALGORITHMS];
    riskgan_status status = method == M_GAN_AUTO ? auto_ratio_curves(o, plan, fold, curves) : RISKGAN_OK;
    size_t m = fold->test->rows;
    double *scores = rg_calloc(m + 1, sizeof *scores);
    int *test_y = rg_calloc(m + 1, sizeof *test_y);
    if (!scores || !test_y)
        status = RISKGAN_ERR_NO_MEMORY;
    for (int a = 0; a < ALGORITHMS && status == RISKGAN_OK; a++) {
        if (!plan->algorithms[a])
            continue;
        riskgan_table *own = NULL;
        gap_share[a] = method == M_GAN_AUTO ? curves[a].gap_share[curves[a].chosen] : NAN;
        if (method == M_GAN_AUTO)
            status = augmented_rows(o, plan, method, fold, &curves[a], &own);
        else if (method != M_NONE && method != M_WEIGHT && !shared)
            status = augmented_rows(o, plan, method, fold, NULL, &shared);
        if (status != RISKGAN_OK)
            break;
        const riskgan_table *train = own ? own : shared ? shared : fold->train;
        size_t n = train->rows;
        added[a] = (double)(n - fold->train->rows);
        double *train_scores = rg_calloc(n + 1, sizeof *train_scores);
        int *y = rg_calloc(n + 1, sizeof *y);
        rg_classifier_options classifier;
        rg_classifier_options_default(&classifier, a == RISKGAN_RISK_LOGREG ? RG_CLASSIFIER_LOGISTIC
                                                                            : RG_CLASSIFIER_XGBOOST);
        classifier.seed = fold->seed;
        classifier.threads = o->threads;
        if (!train_scores || !y)
            status = RISKGAN_ERR_NO_MEMORY;
        if (status == RISKGAN_OK && method == M_WEIGHT) { /* the minority weighs what the majority weighs */
            status = rg_positive_labels(train, o->target, plan->positive, y);
            size_t positives = 0;
            for (size_t r = 0; r < n; r++)
                positives += y[r];
            classifier.positive_weight = positives ? (double)(n - positives) / (double)positives : 1;
        }
        if (status == RISKGAN_OK)
            status = rg_fit_and_score(train, fold->test, o->target, plan->positive, (riskgan_risk_algorithm)a,
                                      &classifier, train_scores, y, scores, test_y);
        if (status == RISKGAN_OK) {
            fold_metrics(train_scores, y, n, scores, test_y, m, results[a]);
            if (pooled_scores[a])
                for (size_t r = 0; r < m; r++)
                    pooled_scores[a][test_rows_index[r]] = scores[r];
        }
        free(train_scores), free(y);
        riskgan_table_free(own);
    }
    riskgan_table_free(shared);
    free(scores), free(test_y);
    return status;
}

/* The regimes of the study: the positive class thinned to minority_share of the training
 * rows, then the training part subsampled (stratified) to train_rows rows. The held-out
 * part is never touched. Keeps row order. */
static riskgan_status thin_training_part(const riskgan_table *train, const riskgan_experiment_options *o,
                                         const char *positive, uint64_t seed, riskgan_table **out)
{
    rg_classes classes;
    riskgan_status status = rg_classes_find(train, o->target, &classes);
    if (status != RISKGAN_OK)
        return status;
    long p = rg_classes_index(&classes, positive);
    size_t keep[RG_MAX_CLASSES], total = 0;
    for (size_t c = 0; c < classes.count; c++)
        total += keep[c] = classes.size[c];
    if (p >= 0 && o->minority_share > 0) {
        double others = (double)(total - classes.size[p]);
        size_t wanted = (size_t)llround(o->minority_share * others / (1 - o->minority_share));
        wanted = wanted < 2 ? 2 : wanted;
        total -= keep[p];
        total += keep[p] = wanted < classes.size[p] ? wanted : classes.size[p];
    }
    if (o->train_rows > 0 && o->train_rows < total) {
        size_t kept_total = 0;
        for (size_t c = 0; c < classes.count; c++) {
            size_t share = (size_t)llround((double)keep[c] * (double)o->train_rows / (double)total);
            keep[c] = share < 2 && keep[c] >= 2 ? 2 : share < keep[c] ? share : keep[c];
            kept_total += keep[c];
        }
        total = kept_total;
    }
    uint32_t *members = rg_calloc(train->rows + 1, sizeof *members);
    unsigned char *chosen = rg_calloc(train->rows + 1, 1);
    if (!members || !chosen)
        status = RISKGAN_ERR_NO_MEMORY;
    rg_rng rng;
    rg_rng_seed(&rng, seed ^ 0x7468696eULL);
    for (size_t c = 0; status == RISKGAN_OK && c < classes.count; c++) {
        size_t n = 0;
        for (size_t r = 0; r < train->rows; r++)
            if (classes.of_row[r] == (int32_t)c)
                members[n++] = (uint32_t)r;
        rg_rng_shuffle(&rng, members, (uint32_t)n);
        for (size_t i = 0; i < keep[c] && i < n; i++)
            chosen[members[i]] = 1;
    }
    if (status == RISKGAN_OK)
        status = rg_table_new_like(train, total + 1, out);
    for (size_t r = 0; status == RISKGAN_OK && r < train->rows; r++)
        if (chosen[r])
            status = rg_table_append_row(*out, train, r);
    free(members), free(chosen);
    rg_classes_free(&classes);
    return status;
}

/* The GAN of one fold (gan and gan-auto share it), fitted on the thinned training part. */
static riskgan_status fit_fold_gan(const riskgan_experiment_options *o, const fold_context *fold,
                                   riskgan_model **out)
{
    riskgan_fit_options fit = fold->fit;
    fit.target = o->target;
    fit.seed = fold->seed;
    fit.threads = o->threads;
    if (o->on_training_part)
        o->on_training_part(fold->train, fold->test, o->on_training_part_user);
    riskgan_status status = riskgan_fit(fold->train, &fit, out);
    return status == RISKGAN_OK ? status : rg_fail_context(status, "the fold's GAN");
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

/* What the folds add up. */
typedef struct {
    size_t runs, rows;
    double *results;                          /* RESULT_INDEX layout */
    double *pooled[METHODS][ALGORITHMS];      /* repeat 1: every row's held-out score */
    int *fold_of_row, *pooled_y;
    size_t *test_index;
    double added_rows[METHODS][ALGORITHMS];
    double *chosen_share;                     /* gan-auto's choice per run */
    double train_rows_total, test_rows_total;
} experiment_tally;

static riskgan_status tally_init(experiment_tally *t, const experiment_plan *plan, size_t runs, size_t rows)
{
    memset(t, 0, sizeof *t);
    t->runs = runs, t->rows = rows;
    t->results = rg_calloc(METHODS * ALGORITHMS * METRICS * runs, sizeof *t->results);
    t->fold_of_row = rg_calloc(rows, sizeof *t->fold_of_row);
    t->pooled_y = rg_calloc(rows, sizeof *t->pooled_y);
    t->test_index = rg_calloc(rows, sizeof *t->test_index);
    t->chosen_share = rg_calloc(METHODS * ALGORITHMS * runs, sizeof *t->chosen_share);
    riskgan_status status = t->results && t->fold_of_row && t->pooled_y && t->test_index && t->chosen_share
                                ? RISKGAN_OK
                                : RISKGAN_ERR_NO_MEMORY;
    for (int mth = 0; mth < METHODS && status == RISKGAN_OK; mth++)
        for (int a = 0; a < ALGORITHMS; a++)
            if (plan->methods[mth] && plan->algorithms[a] && !(t->pooled[mth][a] = rg_calloc(rows, sizeof(double))))
                status = RISKGAN_ERR_NO_MEMORY;
    return status;
}

static void tally_free(experiment_tally *t)
{
    for (int mth = 0; mth < METHODS; mth++)
        for (int a = 0; a < ALGORITHMS; a++)
            free(t->pooled[mth][a]);
    free(t->results), free(t->fold_of_row), free(t->pooled_y), free(t->test_index), free(t->chosen_share);
}

/* The checks and the plan: methods, model families, the positive class (whose rows are added). */
static riskgan_status make_plan(const riskgan_table *table, const riskgan_experiment_options *o, experiment_plan *plan,
                                rg_classes *classes, size_t *positive)
{
    if (!o->target)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the experiment needs a target column");
    if (o->folds < 2 || o->folds > 50 || o->repeats < 1 || o->repeats > 100)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "folds must be in [2, 50] and repeats in [1, 100]");
    if (!(o->minority_share >= 0 && o->minority_share < 0.5))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the minority share must be in (0, 0.5) (0: as it is), got %g",
                       o->minority_share);
    memset(plan, 0, sizeof *plan);
    riskgan_status status = rg_parse_name_list(o->methods, method_names, METHODS, plan->methods, "method");
    if (status == RISKGAN_OK)
        status = rg_parse_name_list(o->algorithms, rg_family_names, ALGORITHMS, plan->algorithms, "model family");
    if (status != RISKGAN_OK)
        return status;
    if ((status = rg_classes_find(table, o->target, classes)) != RISKGAN_OK)
        return status;
    if ((status = rg_classes_positive(classes, o->target, o->positive, positive, NULL)) != RISKGAN_OK) {
        rg_classes_free(classes);
        return status;
    }
    snprintf(plan->positive, sizeof plan->positive, "%s", classes->name[*positive]);
    snprintf(plan->minority, sizeof plan->minority, "%s", classes->name[*positive]);
    for (size_t c = 0; c < classes->count; c++)
        if (classes->size[c] < (size_t)o->folds)
            status = rg_fail(RISKGAN_ERR_SCHEMA, "class '%s' has %zu rows, fewer than the %d folds", classes->name[c],
                             classes->size[c], o->folds);
    if (status != RISKGAN_OK)
        rg_classes_free(classes);
    return status;
}

static void say_progress(const riskgan_experiment_options *o, int repeat, int fold, const char *what)
{
    if (!o->progress)
        return;
    char message[160];
    snprintf(message, sizeof message, "repeat %d/%d, fold %d/%d: %s", repeat + 1, o->repeats, fold + 1, o->folds,
             what);
    o->progress(message, o->progress_user);
}

/* The fold's settings once its training part is known: the GAN's, and SMOTE's k, which shrinks
 * with a thinned minority (k + 1 rows are needed). */
static riskgan_status prepare_fold(const riskgan_experiment_options *o, const experiment_plan *plan,
                                   fold_context *context)
{
    riskgan_fit_options_init(&context->fit, RISKGAN_PRESET_DEFAULT);
    context->fit.epochs = o->gan_epochs;
    context->fit.discriminator_steps = 1; /* one GAN per fold and repeat: keep each fit short */
    rg_classes kept;
    size_t minority_rows = 0;
    riskgan_status status = rg_classes_find(context->train, o->target, &kept);
    if (status == RISKGAN_OK) {
        long p = rg_classes_index(&kept, plan->minority);
        minority_rows = p >= 0 ? kept.size[p] : 0;
        rg_classes_free(&kept);
    }
    context->neighbors = minority_rows > 6 ? 5 : minority_rows > 1 ? (int)minority_rows - 1 : 1;
    return status;
}

/* Every method and model family on one fold of one repeat. */
static riskgan_status run_fold(const riskgan_table *table, const riskgan_experiment_options *o,
                               const experiment_plan *plan, int repeat, int fold, uint64_t seed, experiment_tally *t)
{
    riskgan_table *full_train = NULL, *train = NULL, *test = NULL;
    riskgan_model *gan = NULL;
    riskgan_status status = rg_fold_tables(table, t->fold_of_row, fold, &full_train, &test);
    fold_context context = {.seed = seed + (uint64_t)fold, .neighbors = 5};
    if (status == RISKGAN_OK)
        status = thin_training_part(full_train, o, plan->positive, context.seed, &train);
    riskgan_table_free(full_train);
    size_t m = 0;
    for (size_t r = 0; r < t->rows; r++)
        if (t->fold_of_row[r] == fold)
            t->test_index[m++] = r;
    size_t run = (size_t)repeat * (size_t)o->folds + (size_t)fold;
    if (status == RISKGAN_OK) {
        context.train = train, context.test = test;
        status = prepare_fold(o, plan, &context);
        t->train_rows_total += (double)train->rows;
        t->test_rows_total += (double)test->rows;
    }
    if (status == RISKGAN_OK && (plan->methods[M_GAN] || plan->methods[M_GAN_AUTO])) {
        say_progress(o, repeat, fold, "fitting the fold's GAN");
        status = fit_fold_gan(o, &context, &gan);
        context.gan = gan;
    }
    for (int mth = 0; mth < METHODS && status == RISKGAN_OK; mth++) {
        if (!plan->methods[mth])
            continue;
        say_progress(o, repeat, fold, method_names[mth]);
        double fold_results[ALGORITHMS][METRICS], added[ALGORITHMS] = {0}, share[ALGORITHMS];
        double *pooled_scores[ALGORITHMS];
        for (int a = 0; a < ALGORITHMS; a++)
            share[a] = NAN, pooled_scores[a] = repeat == 0 ? t->pooled[mth][a] : NULL;
        status = run_method(o, plan, mth, &context, fold_results, pooled_scores, t->test_index, added, share);
        for (int a = 0; a < ALGORITHMS && status == RISKGAN_OK; a++) {
            t->added_rows[mth][a] += added[a] / t->runs;
            t->chosen_share[(size_t)(mth * ALGORITHMS + a) * t->runs + run] = share[a];
            for (int k = 0; k < METRICS; k++)
                t->results[RESULT_INDEX(mth, a, k, run, t->runs)] = fold_results[a][k];
        }
    }
    riskgan_model_free(gan);
    riskgan_table_free(train);
    riskgan_table_free(test);
    return status;
}

static void write_settings(cJSON *root, const riskgan_experiment_options *o, const experiment_plan *plan,
                           const experiment_tally *t, double test_over_train)
{
    cJSON *settings = cJSON_AddObjectToObject(root, "settings");
    cJSON_AddStringToObject(settings, "target", o->target);
    cJSON_AddStringToObject(settings, "positive", plan->positive);
    cJSON_AddStringToObject(settings, "minority", plan->minority);
    cJSON_AddNumberToObject(settings, "rows", (double)t->rows);
    cJSON_AddNumberToObject(settings, "folds", o->folds);
    cJSON_AddNumberToObject(settings, "repeats", o->repeats);
    cJSON_AddNumberToObject(settings, "ratio", o->ratio);
    cJSON_AddNumberToObject(settings, "gan_epochs", o->gan_epochs);
    cJSON_AddNumberToObject(settings, "seed", (double)o->seed);
    rg_json_number(settings, "minority_share", o->minority_share > 0 ? o->minority_share : NAN);
    rg_json_number(settings, "train_rows", o->train_rows > 0 ? (double)o->train_rows : NAN);
    rg_json_number(settings, "mean_training_rows", t->train_rows_total / t->runs);
    rg_json_number(settings, "test_over_train", test_over_train);
    cJSON_AddStringToObject(settings, "primary_test", "Nadeau-Bengio corrected resampled t-test");
}

/* One metric of a method and family: mean, sd, per run, and the paired test against none. */
static void write_metric(cJSON *algorithm, const experiment_plan *plan, const experiment_tally *t, int mth, int a,
                         int k, double test_over_train)
{
    size_t runs = t->runs;
    const double *v = &t->results[RESULT_INDEX(mth, a, k, 0, runs)];
    cJSON *metric = cJSON_AddObjectToObject(algorithm, metric_names[k]);
    rg_json_number(metric, "mean", mean_of(v, runs));
    rg_json_number(metric, "sd", deviation_of(v, runs));
    rg_json_numbers(metric, "folds", v, runs);
    if (!plan->methods[M_NONE] || mth == M_NONE)
        return;
    const double *base = &t->results[RESULT_INDEX(M_NONE, a, k, 0, runs)];
    double *difference = rg_calloc(runs, sizeof *difference);
    if (!difference)
        return;
    for (size_t i = 0; i < runs; i++)
        difference[i] = v[i] - base[i];
    rg_paired_summary paired;
    rg_corrected_t_test(difference, runs, test_over_train, &paired);
    rg_json_number(metric, "difference_vs_none", paired.mean);
    rg_json_number(metric, "difference_low", paired.low);
    rg_json_number(metric, "difference_high", paired.high);
    rg_json_number(metric, "corrected_t", paired.t);
    rg_json_number(metric, "corrected_p", paired.p);
    rg_json_number(metric, "wilcoxon_p", rg_wilcoxon_signed_rank(difference, runs));
    free(difference);
}

/* A model family's results under one method: rows added, metrics, repeat 1's curves. */
static void write_algorithm(cJSON *method, const experiment_plan *plan, const experiment_tally *t, int mth, int a,
                            double test_over_train)
{
    cJSON *algorithm = cJSON_AddObjectToObject(method, rg_family_names[a]);
    cJSON_AddNumberToObject(algorithm, "added_rows_per_fold", t->added_rows[mth][a]);
    if (mth == M_GAN_AUTO)
        rg_json_numbers(algorithm, "chosen_gap_share", &t->chosen_share[(size_t)(mth * ALGORITHMS + a) * t->runs],
                        t->runs);
    for (int k = 0; k < METRICS; k++)
        write_metric(algorithm, plan, t, mth, a, k, test_over_train);
    double recall[101], precision[101], fpr[101], tpr[101];
    size_t roc_points = rg_roc_curve(t->pooled[mth][a], t->pooled_y, t->rows, fpr, tpr, 101);
    size_t pr_points = rg_pr_curve(t->pooled[mth][a], t->pooled_y, t->rows, recall, precision, 101);
    cJSON *curves = cJSON_AddObjectToObject(algorithm, "curves_repeat_1");
    rg_json_numbers(curves, "fpr", fpr, roc_points);
    rg_json_numbers(curves, "tpr", tpr, roc_points);
    rg_json_numbers(curves, "recall", recall, pr_points);
    rg_json_numbers(curves, "precision", precision, pr_points);
}

static void write_results(cJSON *root, const riskgan_experiment_options *o, const experiment_plan *plan,
                          const experiment_tally *t)
{
    double test_over_train = t->train_rows_total > 0 ? t->test_rows_total / t->train_rows_total : NAN;
    write_settings(root, o, plan, t, test_over_train);
    cJSON *methods = cJSON_AddObjectToObject(root, "methods");
    for (int mth = 0; mth < METHODS; mth++) {
        if (!plan->methods[mth])
            continue;
        cJSON *method = cJSON_AddObjectToObject(methods, method_names[mth]);
        double added_sum = 0, algorithms = 0;
        for (int a = 0; a < ALGORITHMS; a++)
            if (plan->algorithms[a])
                added_sum += t->added_rows[mth][a], algorithms++;
        cJSON_AddNumberToObject(method, "added_rows_per_fold", added_sum / algorithms);
        for (int a = 0; a < ALGORITHMS; a++)
            if (plan->algorithms[a])
                write_algorithm(method, plan, t, mth, a, test_over_train);
    }
}

static riskgan_status run_experiment_in_scope(const riskgan_table *table, const riskgan_experiment_options *o,
                                     riskgan_experiment **out)
{
    *out = NULL;
    experiment_plan plan;
    rg_classes classes;
    size_t positive;
    riskgan_status status = make_plan(table, o, &plan, &classes, &positive);
    if (status != RISKGAN_OK)
        return status;
    experiment_tally t;
    status = tally_init(&t, &plan, (size_t)o->folds * (size_t)o->repeats, table->rows);
    if (status == RISKGAN_OK)
        for (size_t r = 0; r < table->rows; r++)
            t.pooled_y[r] = classes.of_row[r] == (int32_t)positive;
    for (int repeat = 0; repeat < o->repeats && status == RISKGAN_OK; repeat++) {
        uint64_t seed = o->seed + 1000003ULL * (uint64_t)repeat;
        rg_rng rng;
        rg_rng_seed(&rng, seed);
        status = rg_stratified_folds(&rng, classes.of_row, table->rows, classes.count, o->folds, t.fold_of_row);
        for (int fold = 0; fold < o->folds && status == RISKGAN_OK; fold++)
            status = run_fold(table, o, &plan, repeat, fold, seed, &t);
    }
    riskgan_experiment *e = NULL;
    if (status == RISKGAN_OK && !(e = rg_calloc(1, sizeof *e)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        e->root = cJSON_CreateObject();
        write_results(e->root, o, &plan, &t);
        status = rg_experiment_build_summary(e);
    }
    tally_free(&t);
    rg_classes_free(&classes);
    if (status != RISKGAN_OK) {
        riskgan_experiment_free(e);
        return status;
    }
    *out = e;
    return RISKGAN_OK;
}

static riskgan_status run_experiment(const riskgan_table *table, const riskgan_experiment_options *o,
                                     riskgan_experiment **out)
{
    rg_thread_counts previous = rg_threads_push(o->threads);
    riskgan_status status = run_experiment_in_scope(table, o, out);
    rg_threads_pop(previous);
    return status;
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
