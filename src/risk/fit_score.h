/* fit_score.h — one risk model family trained on one table and scored on another: the step
 * the augmentation experiment and the ratio search repeat for every fold. */
#ifndef RISKGAN_RISK_FIT_SCORE_H
#define RISKGAN_RISK_FIT_SCORE_H

#include "../learn/classifiers.h"
#include "riskgan.h"

/* 1 where the row's target is `positive` (a class written as in the file). */
riskgan_status rg_positive_labels(const riskgan_table *table, const char *target, const char *positive, int *y);
/* Encodes both tables with the risk models' encoder fitted on `train` (the target left
 * out), trains `classifier` on train and writes the probability of `positive` for the
 * rows of test (test_scores, test->rows) and, if train_scores is not NULL, of train. The
 * labels of both tables go to train_y / test_y when those are not NULL. */
riskgan_status rg_fit_and_score(const riskgan_table *train, const riskgan_table *test, const char *target,
                                const char *positive, const rg_classifier_options *classifier, double *train_scores,
                                int *train_y, double *test_scores, int *test_y);

#endif
