/* fit_watch.c — the held-out detection check behind early stopping: generated rows decoded
 * as sampling decodes them, both sets encoded as the evaluation encodes features, XGBoost
 * trained on one half and scored on the other, both ways. */
#include "fit_watch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../core/rng.h"
#include "../data/table.h"
#include "../learn/classifiers.h"
#include "../learn/metrics.h"
#include "../transform/transformer_decode.h"
#include "../transform/transformer_encode.h"

enum { WATCH_TREES = 100 };

size_t rg_fit_watch_rows(size_t rows)
{
    if (rows < RG_WATCH_MIN_ROWS)
        return 0;
    return rows / 10 < 2000 ? rows / 10 : 2000;
}

riskgan_status rg_fit_watch_init(rg_fit_watch *w, const riskgan_table *held_out, const rg_transformer *transformer,
                                 long exclude_column, int epochs, uint64_t seed)
{
    memset(w, 0, sizeof *w);
    w->held_out = held_out, w->rows = held_out->rows, w->transformer = transformer, w->seed = seed;
    w->every = epochs / RG_WATCH_CHECKS > 1 ? epochs / RG_WATCH_CHECKS : 1;
    w->best = 2, w->last = NAN;
    riskgan_status status = rg_features_fit(&w->features, held_out, exclude_column);
    if (status == RISKGAN_OK && !(w->real = rg_calloc(held_out->rows * w->features.width + 1, sizeof *w->real)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_features_encode(&w->features, held_out, w->real, NULL);
    unsigned char *unseen = rg_calloc(held_out->rows + 1, 1);
    w->encoded = rg_calloc(held_out->rows * transformer->width + 1, sizeof *w->encoded);
    if (status == RISKGAN_OK && (!unseen || !w->encoded))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) /* a value the fit sample never showed only blurs the target */
        status = rg_transformer_encode(transformer, held_out, seed, 0, w->encoded, unseen);
    free(unseen);
    return status;
}

void rg_fit_watch_free(rg_fit_watch *w)
{
    rg_features_free(&w->features);
    free(w->real);
    free(w->encoded);
    memset(w, 0, sizeof *w);
}

int rg_fit_watch_due(const rg_fit_watch *w, int epoch, int epochs)
{
    return epoch == epochs || epoch % w->every == 0;
}

/* Detection AUC of x (n real rows, then n generated, width wide): trees trained on the
 * even-numbered rows of each set score the odd ones, and the other way round. */
static riskgan_status two_fold_auc(const float *x, size_t n, size_t width, uint64_t seed, double *auc)
{
    size_t half[2] = {0, 0};
    float *part[2] = {rg_calloc(2 * n * width + 1, sizeof(float)), rg_calloc(2 * n * width + 1, sizeof(float))};
    int *label[2] = {rg_calloc(2 * n + 1, sizeof(int)), rg_calloc(2 * n + 1, sizeof(int))};
    double *scores = rg_calloc(2 * n + 1, sizeof *scores);
    int *truth = rg_calloc(2 * n + 1, sizeof *truth);
    riskgan_status status = part[0] && part[1] && label[0] && label[1] && scores && truth ? RISKGAN_OK
                                                                                         : RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; status == RISKGAN_OK && i < 2 * n; i++) {
        int f = (int)(i % n % 2);
        memcpy(part[f] + half[f] * width, x + i * width, width * sizeof *x);
        label[f][half[f]++] = i < n;
    }
    rg_classifier_options classifier;
    rg_classifier_options_default(&classifier, RG_CLASSIFIER_XGBOOST);
    classifier.trees = WATCH_TREES, classifier.seed = seed;
    size_t scored = 0;
    for (int f = 0; f < 2 && status == RISKGAN_OK; f++) {
        status = rg_classifier_fit_predict(&classifier, part[f], label[f], half[f], width, part[1 - f], half[1 - f],
                                           NULL, scores + scored);
        memcpy(truth + scored, label[1 - f], half[1 - f] * sizeof *truth);
        scored += half[1 - f];
    }
    if (status == RISKGAN_OK)
        *auc = rg_roc_auc(scores, truth, scored);
    free(part[0]), free(part[1]), free(label[0]), free(label[1]), free(scores), free(truth);
    return status;
}

/* Rows as sampling makes them (without the label model): calibrated, generated, decoded. */
static riskgan_status calibrated_rows(rg_fit_watch *w, rg_encoded_generator generate, void *context, rg_rng *rng,
                                     riskgan_table **out)
{
    rg_calibration calibration = {0};
    float *generated = rg_calloc(w->rows * w->transformer->width + 1, sizeof *generated);
    riskgan_status status = generated ? rg_calibration_fit(&calibration, w->transformer, w->encoded, w->held_out,
                                                           generate, context, rng)
                                      : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = generate(context, w->rows, calibration.logit_bias, rng, generated);
    if (status == RISKGAN_OK)
        status = rg_transformer_decode(w->transformer, generated, w->rows, calibration.maps, rng, 0, out);
    rg_calibration_free(&calibration);
    free(generated);
    return status;
}

riskgan_status rg_fit_watch_check(rg_fit_watch *w, rg_encoded_generator generate, void *context, int epoch,
                                  int *best, int *stop)
{
    *best = *stop = 0;
    size_t n = w->rows, width = w->features.width;
    rg_rng rng;
    rg_rng_seed(&rng, w->seed + (uint64_t)epoch);
    riskgan_table *synthetic = NULL;
    float *x = rg_calloc(2 * n * width + 1, sizeof *x);
    riskgan_status status = x ? calibrated_rows(w, generate, context, &rng, &synthetic) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        memcpy(x, w->real, n * width * sizeof *x);
        status = rg_features_encode(&w->features, synthetic, x + n * width, NULL);
    }
    double auc = NAN;
    if (status == RISKGAN_OK)
        status = two_fold_auc(x, n, width, w->seed, &auc);
    riskgan_table_free(synthetic);
    free(x);
    if (status != RISKGAN_OK)
        return status;
    w->last = auc;
    if (auc < w->best) {
        w->best = auc, w->best_epoch = epoch, w->checks_since_best = 0, *best = 1;
    } else {
        *stop = ++w->checks_since_best >= RG_WATCH_PATIENCE;
    }
    return RISKGAN_OK;
}
