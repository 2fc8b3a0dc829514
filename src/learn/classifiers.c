/* classifiers.c — XGBoost (C API) and liblinear logistic regression behind one call. */
#include "classifiers.h"

#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xgboost/c_api.h>

#include "../core/error.h"
#include "../core/memory.h"

void rg_classifier_options_default(rg_classifier_options *o, rg_classifier_kind kind)
{
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->trees = 200;
    o->depth = 4;
    o->learning_rate = 0.1;
    o->regularization_c = 1.0;
    o->positive_weight = 1.0;
}

static riskgan_status xgboost_failure(const char *what)
{
    return rg_fail(RISKGAN_ERR_IO, "XGBoost failed to %s: %s", what, XGBGetLastError());
}

static riskgan_status xgboost_predict(BoosterHandle booster, const float *x, size_t rows, size_t width, double *out)
{
    DMatrixHandle matrix;
    if (XGDMatrixCreateFromMat(x, rows, width, NAN, &matrix) != 0)
        return xgboost_failure("build a matrix");
    bst_ulong length;
    const float *result;
    int failed = XGBoosterPredict(booster, matrix, 0, 0, 0, &length, &result) != 0 || length != rows;
    if (!failed)
        for (size_t i = 0; i < rows; i++)
            out[i] = result[i];
    XGDMatrixFree(matrix);
    return failed ? xgboost_failure("predict") : RISKGAN_OK;
}

riskgan_status rg_xgboost_train(const rg_classifier_options *o, const float *x, const int *y, size_t rows,
                                size_t width, rg_booster *out)
{
    *out = NULL;
    DMatrixHandle train;
    if (XGDMatrixCreateFromMat(x, rows, width, NAN, &train) != 0)
        return xgboost_failure("build a matrix");
    float *labels = rg_calloc(rows, sizeof *labels);
    if (!labels) {
        XGDMatrixFree(train);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t i = 0; i < rows; i++)
        labels[i] = (float)(y[i] != 0);
    BoosterHandle booster = NULL;
    riskgan_status status = RISKGAN_OK;
    char depth[32], eta[32], seed[32], threads[32], weight[32];
    snprintf(depth, sizeof depth, "%d", o->depth);
    snprintf(eta, sizeof eta, "%g", o->learning_rate);
    snprintf(seed, sizeof seed, "%u", (unsigned)(o->seed & 0x7fffffff));
    snprintf(threads, sizeof threads, "%d", o->threads > 0 ? o->threads : 0);
    snprintf(weight, sizeof weight, "%.17g", o->positive_weight > 0 ? o->positive_weight : 1.0);
    if (XGDMatrixSetFloatInfo(train, "label", labels, rows) != 0 || XGBoosterCreate(&train, 1, &booster) != 0)
        status = xgboost_failure("set up training");
    const char *parameters[][2] = {{"objective", "binary:logistic"}, {"max_depth", depth}, {"eta", eta},
                                   {"tree_method", "hist"}, {"seed", seed}, {"verbosity", "0"},
                                   {"scale_pos_weight", weight}, {"nthread", threads}};
    for (size_t p = 0; status == RISKGAN_OK && p < sizeof parameters / sizeof *parameters; p++)
        if ((p < 7 || o->threads > 0) && XGBoosterSetParam(booster, parameters[p][0], parameters[p][1]) != 0)
            status = xgboost_failure("set a parameter");
    for (int round = 0; status == RISKGAN_OK && round < o->trees; round++)
        if (XGBoosterUpdateOneIter(booster, round, train) != 0)
            status = xgboost_failure("train");
    XGDMatrixFree(train);
    free(labels);
    if (status != RISKGAN_OK) {
        if (booster)
            XGBoosterFree(booster);
        return status;
    }
    *out = booster;
    return RISKGAN_OK;
}

riskgan_status rg_xgboost_predict(rg_booster booster, const float *x, size_t rows, size_t width, double *out)
{
    return xgboost_predict(booster, x, rows, width, out);
}

void rg_xgboost_free(rg_booster booster)
{
    if (booster)
        XGBoosterFree(booster);
}

static riskgan_status fit_xgboost(const rg_classifier_options *o, const float *x, const int *y, size_t rows,
                                  size_t width, const float *test_x, size_t test_rows, double *train_scores,
                                  double *test_scores)
{
    rg_booster booster;
    riskgan_status status = rg_xgboost_train(o, x, y, rows, width, &booster);
    if (status == RISKGAN_OK && train_scores)
        status = xgboost_predict(booster, x, rows, width, train_scores);
    if (status == RISKGAN_OK && test_rows)
        status = xgboost_predict(booster, test_x, test_rows, width, test_scores);
    rg_xgboost_free(booster);
    return status;
}

static void silent(const char *text) { (void)text; }

/* Dense rows -> liblinear's sparse rows with a bias feature; zeros are skipped. */
static struct feature_node **sparse_rows(const float *x, size_t rows, size_t width, struct feature_node **storage)
{
    size_t nonzero = 0;
    for (size_t i = 0; i < rows * width; i++)
        nonzero += x[i] != 0;
    struct feature_node **row = rg_calloc(rows ? rows : 1, sizeof *row);
    *storage = rg_calloc(nonzero + 2 * rows + 1, sizeof **storage);
    if (!row || !*storage) {
        free(row);
        free(*storage);
        return NULL;
    }
    struct feature_node *next = *storage;
    for (size_t r = 0; r < rows; r++) {
        row[r] = next;
        for (size_t c = 0; c < width; c++)
            if (x[r * width + c] != 0)
                *next++ = (struct feature_node){(int)c + 1, x[r * width + c]};
        *next++ = (struct feature_node){(int)width + 1, 1.0}; /* bias */
        *next++ = (struct feature_node){-1, 0};
    }
    return row;
}

riskgan_status rg_liblinear_train(struct feature_node **rows, double *labels, size_t count, int features, double c,
                                  double positive_weight, const char *what, struct model **out)
{
    set_print_string_function(silent);
    struct problem problem = {.l = (int)count, .n = features, .y = labels, .x = rows, .bias = -1};
    int weighted_label = 1;
    double weight = positive_weight;
    struct parameter parameter = {.solver_type = L2R_LR, .eps = 0.01, .C = c};
    if (positive_weight > 0 && positive_weight != 1) {
        parameter.nr_weight = 1;
        parameter.weight_label = &weighted_label;
        parameter.weight = &weight;
    }
    const char *problem_text = check_parameter(&problem, &parameter);
    if (problem_text)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s", what, problem_text);
    if (!(*out = train(&problem, &parameter)))
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "%s: liblinear could not train", what);
    return RISKGAN_OK;
}

riskgan_status rg_logistic_train(const rg_classifier_options *o, const float *x, const int *y, size_t rows,
                                 size_t width, double *weights)
{
    struct feature_node *storage;
    struct feature_node **train_rows = sparse_rows(x, rows, width, &storage);
    double *labels = rg_calloc(rows, sizeof *labels);
    riskgan_status status = train_rows && labels ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    struct model *model = NULL;
    if (status == RISKGAN_OK) {
        for (size_t i = 0; i < rows; i++)
            labels[i] = y[i] != 0;
        status = rg_liblinear_train(train_rows, labels, rows, (int)width + 1, o->regularization_c, o->positive_weight,
                                    "logistic regression", &model);
    }
    if (status == RISKGAN_OK) {
        /* liblinear's decision value favours label[0]; orient it towards class 1 */
        double sign = model->label[0] == 1 ? 1 : -1;
        for (size_t c = 0; c <= width; c++)
            weights[c] = sign * model->w[c];
    }
    if (model)
        free_and_destroy_model(&model);
    free(train_rows), free(storage), free(labels);
    return status;
}

void rg_logistic_predict(const double *weights, const float *x, size_t rows, size_t width, double *out)
{
    for (size_t r = 0; r < rows; r++) {
        double z = weights[width];
        for (size_t c = 0; c < width; c++)
            z += weights[c] * x[r * width + c];
        out[r] = 1 / (1 + exp(-z));
    }
}

static riskgan_status fit_logistic(const rg_classifier_options *o, const float *x, const int *y, size_t rows,
                                   size_t width, const float *test_x, size_t test_rows, double *train_scores,
                                   double *test_scores)
{
    double *weights = rg_calloc(width + 1, sizeof *weights);
    if (!weights)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_logistic_train(o, x, y, rows, width, weights);
    if (status == RISKGAN_OK) {
        if (train_scores)
            rg_logistic_predict(weights, x, rows, width, train_scores);
        rg_logistic_predict(weights, test_x, test_rows, width, test_scores);
    }
    free(weights);
    return status;
}

riskgan_status rg_classifier_fit_predict(const rg_classifier_options *o, const float *x, const int *y, size_t rows,
                                         size_t width, const float *test_x, size_t test_rows, double *train_scores,
                                         double *test_scores)
{
    size_t positives = 0;
    for (size_t i = 0; i < rows; i++)
        positives += y[i] != 0;
    if (positives == 0 || positives == rows)
        return rg_fail(RISKGAN_ERR_SCHEMA, "the training rows hold a single class: no risk model can be trained");
    if (o->kind == RG_CLASSIFIER_XGBOOST)
        return fit_xgboost(o, x, y, rows, width, test_x, test_rows, train_scores, test_scores);
    return fit_logistic(o, x, y, rows, width, test_x, test_rows, train_scores, test_scores);
}
