/* detect_experiment.c — the detection benchmark protocol (see riskgan.h): splits, the
 * unsupervised detectors, few-label variants against XGBoost on the same labels, and the
 * results as mean +- sd over seeds in JSON and text. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/text.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../core/message.h"
#include "../core/name_list.h"
#include "../core/rng.h"
#include "../data/table.h"
#include "../learn/classifiers.h"
#include "../core/json.h"
#include "../models/training.h"
#include "../learn/features.h"
#include "detector.h"

enum { MAX_FRACTIONS = 8, MAX_SEEDS = 100, METRICS = 5 };
static const char *const method_names[2] = {"iforest", "gan"}; /* unsupervised, in this order */
static const char *const metric_names[METRICS] = {"roc_auc", "pr_auc", "precision_top_1pct", "recall_top_1pct",
                                                  "fit_seconds"};

typedef struct {
    char name[32];          /* iforest, gan, gan+labels, xgboost */
    double fraction;        /* share of training anomalies labelled (0: none) */
    double labelled;        /* labelled anomalies, mean over seeds */
    int runs;
    double value[METRICS][MAX_SEEDS];
} result_row;

struct riskgan_detect_experiment {
    size_t rows, test_rows, anomalies;
    int seeds;
    double anomaly_share;
    int fixed_test;
    size_t count;
    result_row row[2 + 2 * MAX_FRACTIONS];
};

void riskgan_detect_experiment_options_init(riskgan_detect_experiment_options *o)
{
    memset(o, 0, sizeof *o);
    o->methods = "iforest,gan";
    o->label_fractions = "0.01,0.05,0.1";
    o->seeds = 3;
    o->test_size = 0.3;
    riskgan_detect_options_init(&o->detector);
}

static result_row *row_for(riskgan_detect_experiment *e, const char *name, double fraction)
{
    for (size_t i = 0; i < e->count; i++)
        if (strcmp(e->row[i].name, name) == 0 && e->row[i].fraction == fraction)
            return &e->row[i];
    result_row *r = &e->row[e->count++];
    snprintf(r->name, sizeof r->name, "%s", name);
    r->fraction = fraction;
    return r;
}

static riskgan_status record(result_row *r, const double *scores, const unsigned char *anomaly, size_t rows,
                             double seconds, double labelled)
{
    int *labels = rg_calloc(rows, sizeof *labels);
    if (!labels)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; i < rows; i++)
        labels[i] = anomaly[i];
    riskgan_detect_evaluation *e;
    riskgan_status status = riskgan_detect_evaluate_scores(scores, labels, rows, &e);
    free(labels);
    if (status != RISKGAN_OK)
        return status;
    riskgan_detect_evaluation_scores s;
    riskgan_detect_evaluation_get_scores(e, &s);
    riskgan_detect_evaluation_free(e);
    double values[METRICS] = {s.roc_auc, s.pr_auc, s.precision_at_top[1], s.recall_at_top[1], seconds};
    for (int m = 0; m < METRICS; m++)
        r->value[m][r->runs] = values[m];
    r->labelled = (r->labelled * r->runs + labelled) / (r->runs + 1);
    r->runs++;
    return RISKGAN_OK;
}

/* The rows of `table` whose flag is set, as a new table. */
static riskgan_status take_rows(const riskgan_table *table, const unsigned char *keep, riskgan_table **out)
{
    riskgan_status status = rg_table_new_like(table, table->rows, out);
    for (size_t r = 0; status == RISKGAN_OK && r < table->rows; r++)
        if (keep[r])
            status = rg_table_append_row(*out, table, r);
    if (status != RISKGAN_OK) {
        riskgan_table_free(*out);
        *out = NULL;
    }
    return status;
}

/* All ordinary rows, and anomalies drawn at random until they are `share` of the rows. */
static riskgan_status thin(const riskgan_table *table, const unsigned char *anomaly, size_t anomalies, double share,
                           uint64_t seed, riskgan_table **out)
{
    size_t ordinary = table->rows - anomalies;
    size_t wanted = (size_t)llround(share / (1 - share) * (double)ordinary);
    wanted = wanted < 1 ? 1 : wanted > anomalies ? anomalies : wanted;
    unsigned char *keep = rg_calloc(table->rows, 1);
    uint32_t *members = rg_calloc(anomalies ? anomalies : 1, sizeof *members);
    if (!keep || !members) {
        free(keep);
        free(members);
        return RISKGAN_ERR_NO_MEMORY;
    }
    size_t m = 0;
    for (size_t r = 0; r < table->rows; r++) {
        keep[r] = !anomaly[r];
        if (anomaly[r])
            members[m++] = (uint32_t)r;
    }
    rg_rng rng;
    rg_rng_seed(&rng, seed ^ 0x7468696e6e696e67ULL);
    rg_rng_shuffle(&rng, members, (uint32_t)m);
    for (size_t k = 0; k < wanted; k++)
        keep[members[k]] = 1;
    riskgan_status status = take_rows(table, keep, out);
    free(keep);
    free(members);
    return status;
}

/* A random `fraction` of the anomalies (at least one) marked as labelled. */
static size_t choose_labels(const unsigned char *anomaly, size_t rows, double fraction, uint64_t seed,
                            unsigned char *known)
{
    size_t anomalies = 0;
    for (size_t r = 0; r < rows; r++)
        anomalies += anomaly[r];
    uint32_t *members = calloc(anomalies ? anomalies : 1, sizeof *members);
    if (!members)
        return 0;
    size_t m = 0;
    for (size_t r = 0; r < rows; r++) {
        known[r] = 0;
        if (anomaly[r])
            members[m++] = (uint32_t)r;
    }
    size_t wanted = (size_t)llround(fraction * (double)anomalies);
    wanted = wanted < 1 ? 1 : wanted > anomalies ? anomalies : wanted;
    rg_rng rng;
    rg_rng_seed(&rng, seed ^ 0x6c6162656c6c6564ULL);
    rg_rng_shuffle(&rng, members, (uint32_t)m);
    for (size_t k = 0; k < wanted; k++)
        known[members[k]] = 1;
    free(members);
    return wanted;
}

static riskgan_status detector_scores(const riskgan_table *train, const riskgan_table *test,
                                      const riskgan_detect_options *options, const unsigned char *known, double *scores,
                                      double *seconds)
{
    double start = rg_seconds();
    riskgan_detector *d;
    riskgan_status status = rg_detect_fit(train, options, known, &d);
    *seconds = rg_seconds() - start;
    if (status == RISKGAN_OK)
        status = riskgan_detect_score_table(d, test, scores, 0, NULL, NULL);
    riskgan_detector_free(d);
    return status;
}

/* XGBoost (the risk models' settings) trained on the labelled anomalies against all other rows. */
static riskgan_status xgboost_scores(const riskgan_table *train, const riskgan_table *test, const char *target,
                                     const unsigned char *known, uint64_t seed, double *scores, double *seconds)
{
    double start = rg_seconds();
    rg_feature_encoder encoder;
    riskgan_status status = rg_features_fit(&encoder, train, riskgan_table_find_column(train, target));
    if (status != RISKGAN_OK)
        return status;
    float *x = rg_calloc(train->rows * encoder.width, sizeof *x), *tx = rg_calloc(test->rows * encoder.width, sizeof *tx);
    int *y = rg_calloc(train->rows, sizeof *y);
    status = x && tx && y ? rg_features_encode(&encoder, train, x, NULL) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_features_encode(&encoder, test, tx, NULL);
    for (size_t r = 0; r < train->rows; r++)
        y[r] = known[r];
    rg_classifier_options options;
    rg_classifier_options_default(&options, RG_CLASSIFIER_XGBOOST);
    options.seed = seed;
    if (status == RISKGAN_OK)
        status = rg_classifier_fit_predict(&options, x, y, train->rows, encoder.width, tx, test->rows, NULL, scores);
    *seconds = rg_seconds() - start;
    free(x);
    free(tx);
    free(y);
    rg_features_free(&encoder);
    return status;
}

static int parse_fractions(const char *list, double *fractions)
{
    int n = 0;
    for (const char *at = list; at && *at;) {
        char *end;
        double f = strtod(at, &end);
        if (end == at || !(f > 0 && f <= 1) || n == MAX_FRACTIONS || (*end && *end != ','))
            return -1;
        fractions[n++] = f;
        at = *end ? end + 1 : end;
    }
    return n;
}

/* One seed: split (or the fixed test), every detector, every label fraction. */
static riskgan_status run_seed(riskgan_detect_experiment *e, const riskgan_table *table,
                               const riskgan_detect_experiment_options *o, const int *methods, int seed,
                               const double *fractions, int fraction_count)
{
    const char *positive = o->positive ? o->positive : "1";
    uint64_t s = o->detector.seed + (uint64_t)seed;
    riskgan_table *source = NULL, *train = NULL, *test = NULL;
    unsigned char *flags = rg_calloc(table->rows, 1);
    size_t anomalies;
    riskgan_status status = flags ? rg_detect_match_rows(table, o->target, positive, flags, &anomalies)
                                  : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK && !o->test && o->anomaly_share > 0)
        status = thin(table, flags, anomalies, o->anomaly_share, s, &source);
    free(flags);
    if (status == RISKGAN_OK && o->test) {
        train = (riskgan_table *)table;
        test = (riskgan_table *)o->test;
    } else if (status == RISKGAN_OK) {
        status = riskgan_table_split(source ? source : table, o->target, o->test_size, s, &train, &test);
    }
    size_t n = train ? train->rows : 0, tn = test ? test->rows : 0, count;
    unsigned char *anomaly = rg_calloc(n ? n : 1, 1), *test_anomaly = rg_calloc(tn ? tn : 1, 1),
                  *known = rg_calloc(n ? n : 1, 1);
    double *scores = rg_calloc(tn ? tn : 1, sizeof *scores), seconds;
    if (status == RISKGAN_OK && (!anomaly || !test_anomaly || !known || !scores))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_detect_match_rows(train, o->target, positive, anomaly, &count);
    if (status == RISKGAN_OK)
        status = rg_detect_match_rows(test, o->target, positive, test_anomaly, &count);
    if (status == RISKGAN_OK) {
        e->rows = n, e->test_rows = tn, e->anomalies = count;
    }
    riskgan_detect_options d = o->detector;
    d.target = o->target;
    d.seed = s;
    d.progress = NULL;
    for (int m = 0; m < 2 && status == RISKGAN_OK; m++) {
        if (!methods[m])
            continue;
        d.method = m == 0 ? RISKGAN_DETECT_IFOREST : RISKGAN_DETECT_GAN;
        rg_say(o->progress, o->progress_user, "seed %d: %s", seed + 1, method_names[m]);
        status = detector_scores(train, test, &d, NULL, scores, &seconds);
        if (status == RISKGAN_OK)
            status = record(row_for(e, method_names[m], 0), scores, test_anomaly, tn, seconds, 0);
    }
    for (int f = 0; f < fraction_count && status == RISKGAN_OK; f++) {
        size_t labelled = choose_labels(anomaly, n, fractions[f], s + (uint64_t)f, known);
        if (labelled == 0) {
            status = rg_fail(RISKGAN_ERR_SCHEMA, "the training part holds no anomaly to label");
            break;
        }
        rg_say(o->progress, o->progress_user, "seed %d: %zu labelled anomalies (%g)", seed + 1, labelled, fractions[f]);
        d.method = RISKGAN_DETECT_GAN;
        status = detector_scores(train, test, &d, known, scores, &seconds);
        if (status == RISKGAN_OK)
            status = record(row_for(e, "gan+labels", fractions[f]), scores, test_anomaly, tn, seconds, (double)labelled);
        if (status == RISKGAN_OK)
            status = xgboost_scores(train, test, o->target, known, s, scores, &seconds);
        if (status == RISKGAN_OK)
            status = record(row_for(e, "xgboost", fractions[f]), scores, test_anomaly, tn, seconds, (double)labelled);
    }
    free(anomaly);
    free(test_anomaly);
    free(known);
    free(scores);
    if (!o->test) {
        riskgan_table_free(train);
        riskgan_table_free(test);
    }
    riskgan_table_free(source);
    return status;
}

riskgan_status riskgan_detect_experiment_run(const riskgan_table *table, const riskgan_detect_experiment_options *o,
                                             riskgan_detect_experiment **out)
{
    *out = NULL;
    double fractions[MAX_FRACTIONS];
    int fraction_count = parse_fractions(o->label_fractions, fractions);
    if (!o->target)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the detection experiment needs the target column");
    if (fraction_count < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "label fractions are up to %d shares in (0, 1], got '%s'",
                       MAX_FRACTIONS, o->label_fractions);
    if (o->seeds < 1 || o->seeds > MAX_SEEDS)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "seeds must be 1..%d", MAX_SEEDS);
    if (!o->test && !(o->test_size > 0 && o->test_size < 1))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the test size is a share in (0, 1)");
    if (!(o->anomaly_share >= 0 && o->anomaly_share < 0.5))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the anomaly share is in [0, 0.5)");
    int methods[2];
    riskgan_status status = rg_parse_name_list(o->methods ? o->methods : "", method_names, 2, methods, "method");
    if (status != RISKGAN_OK)
        return status;
    if (!methods[0] && !methods[1] && fraction_count == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "no method to run (methods: iforest, gan)");
    riskgan_detect_experiment *e = rg_calloc(1, sizeof *e);
    if (!e)
        return RISKGAN_ERR_NO_MEMORY;
    e->seeds = o->seeds;
    e->anomaly_share = o->test ? 0 : o->anomaly_share;
    e->fixed_test = o->test != NULL;
    for (int seed = 0; seed < o->seeds && status == RISKGAN_OK; seed++)
        status = run_seed(e, table, o, methods, seed, fractions, fraction_count);
    if (status != RISKGAN_OK) {
        free(e);
        return status;
    }
    *out = e;
    return RISKGAN_OK;
}

static void mean_sd(const double *values, int n, double *mean, double *sd)
{
    double sum = 0, squares = 0;
    for (int i = 0; i < n; i++)
        sum += values[i];
    *mean = sum / n;
    for (int i = 0; i < n; i++)
        squares += (values[i] - *mean) * (values[i] - *mean);
    *sd = n > 1 ? sqrt(squares / (n - 1)) : 0;
}

riskgan_status riskgan_detect_experiment_write_json(const riskgan_detect_experiment *e, const char *path)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *inputs = cJSON_AddObjectToObject(root, "inputs");
    cJSON_AddNumberToObject(inputs, "train_rows", (double)e->rows);
    cJSON_AddNumberToObject(inputs, "test_rows", (double)e->test_rows);
    cJSON_AddNumberToObject(inputs, "test_anomalies", (double)e->anomalies);
    cJSON_AddNumberToObject(inputs, "seeds", e->seeds);
    cJSON_AddNumberToObject(inputs, "anomaly_share", e->anomaly_share);
    cJSON_AddBoolToObject(inputs, "fixed_test", e->fixed_test);
    cJSON *results = cJSON_AddArrayToObject(root, "results");
    for (size_t i = 0; i < e->count; i++) {
        const result_row *r = &e->row[i];
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "method", r->name);
        cJSON_AddNumberToObject(item, "label_fraction", r->fraction);
        cJSON_AddNumberToObject(item, "labelled_anomalies", r->labelled);
        for (int m = 0; m < METRICS; m++) {
            double mean, sd;
            mean_sd(r->value[m], r->runs, &mean, &sd);
            cJSON *metric = cJSON_AddObjectToObject(item, metric_names[m]);
            rg_json_number(metric, "mean", mean);
            rg_json_number(metric, "sd", sd);
            rg_json_numbers(metric, "values", r->value[m], (size_t)r->runs);
        }
        cJSON_AddItemToArray(results, item);
    }
    riskgan_status status = rg_json_write_file(root, path);
    cJSON_Delete(root);
    return status;
}

static void write_summary(FILE *f, const void *object)
{
    const riskgan_detect_experiment *e = object;
    fprintf(f, "%zu training rows, %zu test rows (%zu anomalies), %d seeds\n", e->rows, e->test_rows, e->anomalies, e->seeds);
    fprintf(f, "%-12s %9s %9s %17s %17s %17s %9s\n", "method", "labels", "labelled", "ROC-AUC", "PR-AUC", "recall top 1%",
            "fit s");
    for (size_t i = 0; i < e->count; i++) {
        const result_row *r = &e->row[i];
        double mean[METRICS], sd[METRICS];
        for (int m = 0; m < METRICS; m++)
            mean_sd(r->value[m], r->runs, &mean[m], &sd[m]);
        fprintf(f, "%-12s %8.0f%% %9.1f %8.3f ± %.3f %8.3f ± %.3f %8.3f ± %.3f %9.1f\n", r->name, r->fraction * 100,
                r->labelled, mean[0], sd[0], mean[1], sd[1], mean[3], sd[3], mean[4]);
    }
}

char *riskgan_detect_experiment_summary(const riskgan_detect_experiment *e)
{
    return rg_text_build(write_summary, e);
}

void riskgan_detect_experiment_free(riskgan_detect_experiment *e)
{
    free(e);
}
