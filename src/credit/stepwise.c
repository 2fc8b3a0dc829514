/* stepwise.c — forward selection by BIC for the scorecard's logistic regression on WoE. */
#include "stepwise.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../learn/classifiers.h"

double rg_logistic_log_likelihood(const float *x, const int *y, size_t rows, size_t width, const size_t *columns,
                                  size_t k, const double *weights)
{
    double total = 0;
    for (size_t r = 0; r < rows; r++) {
        double z = weights[k];
        for (size_t j = 0; j < k; j++)
            z += weights[j] * x[r * width + columns[j]];
        /* log sigmoid(z) = -log(1 + e^-z), computed without overflow */
        double log_p = z >= 0 ? -log1p(exp(-z)) : z - log1p(exp(z));
        double log_q = log_p - z; /* log(1 - sigmoid(z)) */
        total += y[r] ? log_p : log_q;
    }
    return total;
}

/* BIC of the logistic regression on `columns` (k of them). */
static riskgan_status bic_of(const float *x, const int *y, size_t rows, size_t width, const size_t *columns, size_t k,
                             double c, float *buffer, double *weights, double *bic)
{
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j < k; j++)
            buffer[r * k + j] = x[r * width + columns[j]];
    rg_classifier_options options;
    rg_classifier_options_default(&options, RG_CLASSIFIER_LOGISTIC);
    options.regularization_c = c;
    riskgan_status status = rg_logistic_train(&options, buffer, y, rows, k, weights);
    if (status == RISKGAN_OK)
        *bic = -2 * rg_logistic_log_likelihood(x, y, rows, width, columns, k, weights) +
               (double)(k + 1) * log((double)rows);
    return status;
}

/* The BIC of the intercept alone: the overall event rate. */
static double empty_bic(const int *y, size_t rows)
{
    double events = 0;
    for (size_t r = 0; r < rows; r++)
        events += y[r];
    double p = events / (double)rows;
    double ll = events > 0 && events < (double)rows ? events * log(p) + ((double)rows - events) * log(1 - p) : 0;
    return -2 * ll + log((double)rows);
}

riskgan_status rg_forward_stepwise(const float *x, const int *y, size_t rows, size_t width, const size_t *candidates,
                                   size_t candidate_count, double c, size_t *chosen, size_t *count)
{
    *count = 0;
    float *buffer = rg_calloc(rows * (candidate_count + 1) + 1, sizeof *buffer);
    double *weights = rg_calloc(candidate_count + 2, sizeof *weights);
    unsigned char *used = rg_calloc(candidate_count + 1, 1);
    riskgan_status status = buffer && weights && used ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    double current = empty_bic(y, rows);
    while (status == RISKGAN_OK && *count < candidate_count) {
        long best = -1;
        double best_bic = current;
        for (size_t i = 0; i < candidate_count && status == RISKGAN_OK; i++) {
            if (used[i])
                continue;
            chosen[*count] = candidates[i];
            double bic = INFINITY;
            status = bic_of(x, y, rows, width, chosen, *count + 1, c, buffer, weights, &bic);
            if (status == RISKGAN_OK && bic < best_bic)
                best = (long)i, best_bic = bic;
        }
        if (status != RISKGAN_OK || best < 0)
            break;
        used[best] = 1;
        chosen[(*count)++] = candidates[best];
        current = best_bic;
    }
    free(buffer), free(weights), free(used);
    return status;
}
