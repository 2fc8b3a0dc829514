/* classifiers.h — the risk models the evaluation trains: gradient-boosted trees through
 * XGBoost's C API and L2-regularized logistic regression through liblinear. */
#ifndef RISKGAN_LEARN_CLASSIFIERS_H
#define RISKGAN_LEARN_CLASSIFIERS_H

#include <stddef.h>
#include <stdint.h>

#include "riskgan.h"

typedef enum { RG_CLASSIFIER_XGBOOST, RG_CLASSIFIER_LOGISTIC } rg_classifier_kind;

typedef struct {
    rg_classifier_kind kind;
    int trees;          /* XGBoost rounds (200), depth 4, learning rate 0.1 */
    int depth;
    double learning_rate;
    double regularization_c; /* liblinear C (1) */
    double positive_weight;  /* weight of each class-1 row in the loss (1): XGBoost's
                                scale_pos_weight, liblinear's class weight */
    uint64_t seed;
    int threads;
} rg_classifier_options;

void rg_classifier_options_default(rg_classifier_options *options, rg_classifier_kind kind);
/* Trains on (x, y) (rows x width, labels 0/1) and writes the predicted probability of
 * class 1 for the training rows (may be NULL) and for the n_test rows of test_x. */
riskgan_status rg_classifier_fit_predict(const rg_classifier_options *options, const float *x, const int *y,
                                         size_t rows, size_t width, const float *test_x, size_t test_rows,
                                         double *train_scores, double *test_scores);

/* The two model families on their own, for risk models that are kept and stored. */
typedef void *rg_booster;
riskgan_status rg_xgboost_train(const rg_classifier_options *options, const float *x, const int *y, size_t rows,
                                size_t width, rg_booster *out);
riskgan_status rg_xgboost_predict(rg_booster booster, const float *x, size_t rows, size_t width, double *out);
void rg_xgboost_free(rg_booster booster);
/* The one liblinear call of riskgan: L2-regularized logistic regression (eps 0.01, cost c)
 * on sparse rows with class numbers as labels (two or more classes), quietly; the rows of
 * label 1 weigh positive_weight (1 = unweighted). The caller
 * releases *out with free_and_destroy_model. `what` prefixes error messages. */
struct feature_node;
struct model;
riskgan_status rg_liblinear_train(struct feature_node **rows, double *labels, size_t count, int features, double c,
                                  double positive_weight, const char *what, struct model **out);
/* Logistic regression weights: p(y = 1) = sigmoid(w[0..width) . x + w[width]). */
riskgan_status rg_logistic_train(const rg_classifier_options *options, const float *x, const int *y, size_t rows,
                                 size_t width, double *weights);
void rg_logistic_predict(const double *weights, const float *x, size_t rows, size_t width, double *out);

#endif
