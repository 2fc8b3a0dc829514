/* detection_auc.c — can gradient-boosted trees tell real rows from synthetic ones? Equal
 * numbers of each, stratified folds, XGBoost, the mean of the folds' ROC-AUC: the evaluation's
 * detection and early stopping's check. */
#include "detection_auc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../core/rng.h"
#include "classifiers.h"
#include "folds.h"
#include "metrics.h"

/* Copies `take` randomly chosen rows of a rows x width matrix into out (order: rows entries
 * of scratch). */
static void subsample(const float *x, size_t rows, size_t width, size_t take, rg_rng *rng, uint32_t *order, float *out)
{
    for (size_t i = 0; i < rows; i++)
        order[i] = (uint32_t)i;
    rg_rng_shuffle(rng, order, (uint32_t)rows);
    for (size_t i = 0; i < take; i++)
        memcpy(out + i * width, x + (size_t)order[i] * width, width * sizeof *out);
}

riskgan_status rg_detection_auc(const float *real, size_t nr, const float *synthetic, size_t ns, size_t width,
                                const riskgan_evaluate_options *options, double *auc, double *fold_auc,
                                size_t *rows_per_class)
{
    *auc = NAN;
    size_t m = nr < ns ? nr : ns, n = 2 * m;
    *rows_per_class = m;
    int folds = options->folds;
    if (m < (size_t)folds)
        return RISKGAN_OK; /* too few rows to cross-validate: no number rather than a noisy one */
    float *x = rg_calloc(n * width, sizeof *x), *train_x = rg_calloc(n * width, sizeof *train_x);
    float *test_x = rg_calloc(n * width, sizeof *test_x);
    int *y = rg_calloc(n, sizeof *y), *train_y = rg_calloc(n, sizeof *train_y), *test_y = rg_calloc(n, sizeof *test_y);
    int *fold = rg_calloc(n, sizeof *fold);
    double *scores = rg_calloc(n, sizeof *scores);
    uint32_t *order = rg_calloc(nr > ns ? nr : ns, sizeof *order);
    riskgan_status status = RISKGAN_OK;
    if (!x || !train_x || !test_x || !y || !train_y || !test_y || !fold || !scores || !order)
        status = RISKGAN_ERR_NO_MEMORY;
    double sum = 0;
    if (status == RISKGAN_OK) {
        rg_rng rng;
        rg_rng_seed(&rng, options->seed ^ 0x646574656374ULL);
        subsample(real, nr, width, m, &rng, order, x);
        subsample(synthetic, ns, width, m, &rng, order, x + m * width);
        for (size_t i = 0; i < n; i++)
            y[i] = i < m;
        status = rg_stratified_folds(&rng, y, n, 2, folds, fold);
        rg_classifier_options classifier;
        rg_classifier_options_default(&classifier, RG_CLASSIFIER_XGBOOST);
        classifier.trees = options->trees;
        classifier.seed = options->seed;
        classifier.threads = options->threads;
        for (int f = 0; f < folds && status == RISKGAN_OK; f++) {
            size_t train_rows = 0, test_rows = 0;
            for (size_t i = 0; i < n; i++) {
                if (fold[i] == f) {
                    memcpy(test_x + test_rows * width, x + i * width, width * sizeof *x);
                    test_y[test_rows++] = y[i];
                } else {
                    memcpy(train_x + train_rows * width, x + i * width, width * sizeof *x);
                    train_y[train_rows++] = y[i];
                }
            }
            status = rg_classifier_fit_predict(&classifier, train_x, train_y, train_rows, width, test_x, test_rows,
                                               NULL, scores);
            if (status == RISKGAN_OK) {
                fold_auc[f] = rg_roc_auc(scores, test_y, test_rows);
                sum += fold_auc[f];
            }
        }
    }
    if (status == RISKGAN_OK)
        *auc = sum / folds;
    free(x), free(train_x), free(test_x), free(y), free(train_y), free(test_y);
    free(fold), free(scores), free(order);
    return status;
}
