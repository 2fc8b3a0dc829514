/* stepwise.h — forward stepwise selection of a logistic regression's features by the Bayesian
 * information criterion: the scorecard's optional `--stepwise` (docs/scorecard.md). */
#ifndef RISKGAN_CREDIT_STEPWISE_H
#define RISKGAN_CREDIT_STEPWISE_H

#include <stddef.h>

#include "riskgan.h"

/* x: rows x width (row-major), y: 0/1. From the empty model, adds the candidate (columns of
 * x, in the order given, which breaks ties) whose logistic regression (liblinear, cost c)
 * lowers BIC = -2 log-likelihood + (features + 1) ln(rows) the most, while one does. Writes
 * the chosen columns, in the order they entered, to chosen; *count receives how many. */
riskgan_status rg_forward_stepwise(const float *x, const int *y, size_t rows, size_t width, const size_t *candidates,
                                   size_t candidate_count, double c, size_t *chosen, size_t *count);
/* The log-likelihood of labels y under p = sigmoid(x . weights[0..k) + weights[k]) on the
 * columns `columns` of x. */
double rg_logistic_log_likelihood(const float *x, const int *y, size_t rows, size_t width, const size_t *columns,
                                  size_t k, const double *weights);

#endif
