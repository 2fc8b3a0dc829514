/* utility.c — are the synthetic rows useful for risk modelling? Train on real (TRTR), on
 * synthetic (TSTR) and on both (augmented); always test on the held-out real rows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/json.h"
#include "../core/memory.h"
#include "../credit/scorecard.h"
#include "../data/table.h"
#include "../learn/classifiers.h"
#include "../learn/metrics.h"
#include "utility.h"

enum { CURVE_POINTS = 101 };

typedef struct {
    float *x;
    int *y;
    size_t rows;
} labelled;

static void score_block(cJSON *entry, const double *train_scores, const int *train_y, size_t train_rows,
                        const double *test_scores, const int *test_y, size_t test_rows, int with_curve)
{
    double auc = rg_roc_auc(test_scores, test_y, test_rows);
    rg_json_number(entry, "roc_auc", auc);
    rg_json_number(entry, "pr_auc", rg_average_precision(test_scores, test_y, test_rows));
    rg_json_number(entry, "ks", rg_ks_separation(test_scores, test_y, test_rows));
    rg_json_number(entry, "gini", 2 * auc - 1);
    double threshold = rg_best_f1_threshold(train_scores, train_y, train_rows);
    rg_json_number(entry, "f1_threshold", threshold);
    rg_json_number(entry, "f1", rg_f1_at(test_scores, test_y, test_rows, threshold));
    rg_json_number(entry, "recall_at_1pct_fpr", rg_recall_at_fpr(test_scores, test_y, test_rows, 0.01));
    rg_json_number(entry, "recall_at_5pct_fpr", rg_recall_at_fpr(test_scores, test_y, test_rows, 0.05));
    rg_json_number(entry, "brier", rg_brier(test_scores, test_y, test_rows));
    if (with_curve) {
        double fpr[CURVE_POINTS], tpr[CURVE_POINTS];
        size_t points = rg_roc_curve(test_scores, test_y, test_rows, fpr, tpr, CURVE_POINTS);
        cJSON *curve = cJSON_AddObjectToObject(entry, "roc_curve");
        rg_json_numbers(curve, "fpr", fpr, points);
        rg_json_numbers(curve, "tpr", tpr, points);
    }
}

/* The scorecard trains on tables (it bins the columns itself), not on the encoded features:
 * set 0 the real training rows, 1 the synthetic rows, 2 both (real first; the synthetic rows'
 * columns matched by name: a synthetic file may lack the identifiers). */
static riskgan_status scorecard_fit_predict(const rg_eval_data *data, int set, int threads, double *train_scores,
                                            double *test_scores)
{
    const riskgan_table *train = data->table[RG_TRAIN], *synthetic = data->table[RG_SYNTHETIC];
    riskgan_table *both = NULL;
    riskgan_status status = RISKGAN_OK;
    if (set == 2) {
        status = rg_table_new_like(train, train->rows + synthetic->rows, &both);
        for (size_t r = 0; r < train->rows + synthetic->rows && status == RISKGAN_OK; r++)
            status = r < train->rows ? rg_table_append_row(both, train, r)
                                     : rg_table_append_row_by_name(both, synthetic, r - train->rows);
    }
    const riskgan_table *fit_on = set == 0 ? train : set == 1 ? synthetic : both;
    const rg_eval_column *target = &data->column[data->target];
    if (status == RISKGAN_OK)
        status = rg_scorecard_fit_and_score(fit_on, data->table[RG_TEST], target->name,
                                            target->level_names[data->positive_level], threads, train_scores,
                                            test_scores);
    riskgan_table_free(both);
    return status;
}

riskgan_status rg_eval_utility(rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section)
{
    size_t width;
    float *features[RG_TABLES];
    riskgan_status status = rg_eval_model_features(data, 0, &width, features);
    if (status != RISKGAN_OK)
        return status;
    size_t nr = data->rows[RG_TRAIN], nt = data->rows[RG_TEST], ns = data->rows[RG_SYNTHETIC];
    float *augmented_x = rg_calloc((nr + ns) * width + 1, sizeof(float)), *test_x = features[RG_TEST];
    int *augmented_y = rg_calloc(nr + ns, sizeof(int)), *test_y = rg_calloc(nt, sizeof(int));
    double *train_scores = rg_calloc(nr + ns, sizeof(double)), *test_scores = rg_calloc(nt, sizeof(double));
    if (!augmented_x || !augmented_y || !test_y || !train_scores || !test_scores) {
        free(augmented_x), free(augmented_y), free(test_y), free(train_scores), free(test_scores);
        for (int t = 0; t < RG_TABLES; t++)
            free(features[t]);
        return RISKGAN_ERR_NO_MEMORY;
    }
    /* real training rows then synthetic rows: the three training sets are views of this */
    memcpy(augmented_x, features[RG_TRAIN], nr * width * sizeof(float));
    memcpy(augmented_x + nr * width, features[RG_SYNTHETIC], ns * width * sizeof(float));
    free(features[RG_TRAIN]);
    free(features[RG_SYNTHETIC]);
    rg_eval_labels(data, RG_TRAIN, augmented_y);
    rg_eval_labels(data, RG_SYNTHETIC, augmented_y + nr);
    rg_eval_labels(data, RG_TEST, test_y);
    labelled sets[3] = {{augmented_x, augmented_y, nr}, {augmented_x + nr * width, augmented_y + nr, ns},
                        {augmented_x, augmented_y, nr + ns}};
    const char *set_names[3] = {"TRTR", "TSTR", "augmented"};
    const char *model_names[3] = {"xgboost", "logistic_regression", "scorecard"};
    size_t positives = 0;
    for (size_t r = 0; r < nt; r++)
        positives += test_y[r];
    if (positives == 0 || positives == nt)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "the test data holds a single class of the target: no AUC can be measured");
    for (int model = 0; model < 3 && status == RISKGAN_OK; model++) {
        rg_classifier_options classifier;
        rg_classifier_options_default(&classifier, model == 0 ? RG_CLASSIFIER_XGBOOST : RG_CLASSIFIER_LOGISTIC);
        classifier.trees = options->trees;
        classifier.seed = options->seed;
        classifier.threads = options->threads;
        cJSON *results = cJSON_AddObjectToObject(section, model_names[model]);
        double auc[3] = {NAN, NAN, NAN};
        for (int s = 0; s < 3; s++) {
            cJSON *entry = cJSON_AddObjectToObject(results, set_names[s]);
            cJSON_AddNumberToObject(entry, "training_rows", (double)sets[s].rows);
            riskgan_status fitted =
                model == 2 ? scorecard_fit_predict(data, s, options->threads, train_scores, test_scores)
                           : rg_classifier_fit_predict(&classifier, sets[s].x, sets[s].y, sets[s].rows, width, test_x,
                                                       nt, train_scores, test_scores);
            if (fitted == RISKGAN_ERR_NO_MEMORY || fitted == RISKGAN_ERR_IO) {
                status = fitted;
                break;
            }
            if (fitted != RISKGAN_OK) {
                rg_eval_warn(data, "%s %s not measured: %s", model_names[model], set_names[s], riskgan_last_error());
                cJSON_AddStringToObject(entry, "error", riskgan_last_error());
                continue;
            }
            score_block(entry, train_scores, sets[s].y, sets[s].rows, test_scores, test_y, nt, model == 0);
            auc[s] = cJSON_GetNumberValue(cJSON_GetObjectItem(entry, "roc_auc"));
        }
        rg_json_number(results, "tstr_trtr_ratio", auc[1] / auc[0]);
    }
    free(augmented_x), free(test_x), free(augmented_y), free(test_y), free(train_scores), free(test_scores);
    return status;
}
