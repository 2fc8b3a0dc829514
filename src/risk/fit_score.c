/* fit_score.c — trains a risk model family on one table and scores another. */
#include "fit_score.h"

#include <stdlib.h>

#include "../core/memory.h"
#include "../credit/scorecard.h"
#include "../data/table.h"
#include "../learn/classes.h"
#include "../learn/features.h"

const char *const rg_family_names[RG_FAMILIES] = {"xgboost", "logreg", "scorecard"};

riskgan_status rg_positive_labels(const riskgan_table *table, const char *target, const char *positive, int *y)
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

riskgan_status rg_fit_and_score(const riskgan_table *train, const riskgan_table *test, const char *target,
                                const char *positive, riskgan_risk_algorithm family,
                                const rg_classifier_options *classifier, double *train_scores, int *train_y,
                                double *test_scores, int *test_y)
{
    rg_feature_encoder features;
    riskgan_status status = rg_features_fit(&features, train, riskgan_table_find_column(train, target));
    size_t width = features.width, n = train->rows, m = test->rows;
    float *x = rg_calloc(n * width + 1, sizeof *x), *test_x = rg_calloc(m * width + 1, sizeof *test_x);
    int *y = rg_calloc(n + 1, sizeof *y), *real_test_y = rg_calloc(m + 1, sizeof *real_test_y);
    if (status == RISKGAN_OK && (!x || !test_x || !y || !real_test_y))
        status = RISKGAN_ERR_NO_MEMORY;
    int encoded = family != RISKGAN_RISK_SCORECARD; /* the scorecard bins the tables itself */
    if (status == RISKGAN_OK && encoded)
        status = rg_features_encode(&features, train, x, NULL);
    if (status == RISKGAN_OK && encoded)
        status = rg_features_encode(&features, test, test_x, NULL);
    if (status == RISKGAN_OK)
        status = rg_positive_labels(train, target, positive, y);
    if (status == RISKGAN_OK)
        status = rg_positive_labels(test, target, positive, real_test_y);
    if (status == RISKGAN_OK && !encoded)
        status = rg_scorecard_fit_and_score(train, test, target, positive, classifier->threads, train_scores,
                                            test_scores);
    else if (status == RISKGAN_OK)
        status = rg_classifier_fit_predict(classifier, x, y, n, width, test_x, m, train_scores, test_scores);
    for (size_t r = 0; status == RISKGAN_OK && train_y && r < n; r++)
        train_y[r] = y[r];
    for (size_t r = 0; status == RISKGAN_OK && test_y && r < m; r++)
        test_y[r] = real_test_y[r];
    rg_features_free(&features);
    free(x), free(test_x), free(y), free(real_test_y);
    return status;
}
