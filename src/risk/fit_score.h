/* fit_score.h — one risk model family (XGBoost, logistic regression, scorecard) trained on one
 * table and scored on another: the step the augmentation experiment and the ratio search
 * repeat for every fold. */
#ifndef RISKGAN_RISK_FIT_SCORE_H
#define RISKGAN_RISK_FIT_SCORE_H

#include "../learn/classifiers.h"
#include "riskgan.h"

/* The families, indexed by their riskgan_risk_algorithm value. */
enum { RG_FAMILIES = 3 };
extern const char *const rg_family_names[RG_FAMILIES]; /* "xgboost", "logreg", "scorecard" */

/* 1 where the row's target is `positive` (a class written as in the file). */
riskgan_status rg_positive_labels(const riskgan_table *table, const char *target, const char *positive, int *y);
/* XGBoost and logistic regression: encodes both tables with the risk models' encoder fitted
 * on `train` (the target left out) and trains `classifier` on train; the scorecard bins the
 * tables itself (its defaults, classifier->threads; it has no class weights: WoE compares
 * shares within each class, which weighting a class does not change). Writes the probability of `positive` for the
 * rows of test (test_scores, test->rows) and, if train_scores is not NULL, of train. The
 * labels of both tables go to train_y / test_y when those are not NULL. */
riskgan_status rg_fit_and_score(const riskgan_table *train, const riskgan_table *test, const char *target,
                                const char *positive, riskgan_risk_algorithm family,
                                const rg_classifier_options *classifier, double *train_scores,
                                int *train_y, double *test_scores, int *test_y);

#endif
