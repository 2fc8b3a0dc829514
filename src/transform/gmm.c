/* gmm.c — 1-D variational Bayesian Gaussian mixture (Bishop, PRML 10.2; Blei & Jordan 2006
 * for the stick-breaking weights), the mode detector of mode-specific normalization. */
#include "gmm.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/compare.h"

void rg_gmm_options_default(rg_gmm_options *options)
{
    options->max_components = RG_GMM_MAX_COMPONENTS;
    options->concentration = 0.001;
    options->weight_threshold = 0.005;
    options->max_iterations = 1000;
    options->tolerance = 1e-5;
    options->max_fit_rows = 10000;
}

/* Digamma by recurrence up to x >= 6, then the asymptotic series. */
static double digamma(double x)
{
    double result = 0;
    while (x < 6) {
        result -= 1 / x;
        x += 1;
    }
    double f = 1 / (x * x);
    return result + log(x) - 0.5 / x -
           f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
}

/* k-means++ seeding then Lloyd iterations; writes hard assignments (distance: n scratch). */
static void kmeans(const double *x, size_t n, int k, rg_rng *rng, double *distance, int *label)
{
    double center[RG_GMM_MAX_COMPONENTS];
    center[0] = x[rg_rng_below(rng, n)];
    for (int c = 1; c < k; c++) {
        double total = 0;
        for (size_t i = 0; i < n; i++) {
            double best = DBL_MAX;
            for (int j = 0; j < c; j++) {
                double d = (x[i] - center[j]) * (x[i] - center[j]);
                if (d < best)
                    best = d;
            }
            distance[i] = best;
            total += best;
        }
        if (total <= 0) {
            center[c] = center[0];
            continue;
        }
        double target = rg_rng_uniform(rng) * total;
        size_t i = 0;
        while (i + 1 < n && (target -= distance[i]) > 0)
            i++;
        center[c] = x[i];
    }
    for (int iteration = 0; iteration < 30; iteration++) {
        double sum[RG_GMM_MAX_COMPONENTS] = {0}, count[RG_GMM_MAX_COMPONENTS] = {0};
        int changed = 0;
        for (size_t i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++)
                if (fabs(x[i] - center[c]) < fabs(x[i] - center[best]))
                    best = c;
            changed |= iteration == 0 || label[i] != best;
            label[i] = best;
            sum[best] += x[i];
            count[best] += 1;
        }
        for (int c = 0; c < k; c++)
            if (count[c] > 0)
                center[c] = sum[c] / count[c];
        if (!changed)
            break;
    }
}

typedef struct {
    int k;
    double prior_mean, prior_variance, concentration;
    double alpha[RG_GMM_MAX_COMPONENTS], beta[RG_GMM_MAX_COMPONENTS];
    double mean_precision[RG_GMM_MAX_COMPONENTS], mean[RG_GMM_MAX_COMPONENTS];
    double dof[RG_GMM_MAX_COMPONENTS], variance[RG_GMM_MAX_COMPONENTS];
} variational_state;

/* M-step: posterior parameters from responsibilities. */
static void update_parameters(variational_state *s, const double *x, size_t n, const double *resp)
{
    double nk[RG_GMM_MAX_COMPONENTS], xk[RG_GMM_MAX_COMPONENTS], sk[RG_GMM_MAX_COMPONENTS];
    for (int c = 0; c < s->k; c++)
        nk[c] = 10 * DBL_EPSILON, xk[c] = 0, sk[c] = 0;
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < s->k; c++) {
            nk[c] += resp[i * s->k + c];
            xk[c] += resp[i * s->k + c] * x[i];
        }
    for (int c = 0; c < s->k; c++)
        xk[c] /= nk[c];
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < s->k; c++)
            sk[c] += resp[i * s->k + c] * (x[i] - xk[c]) * (x[i] - xk[c]);
    double tail = 0;
    for (int c = s->k - 1; c >= 0; c--) {
        sk[c] = sk[c] / nk[c] + 1e-6;
        s->alpha[c] = 1 + nk[c];
        s->beta[c] = s->concentration + tail;
        tail += nk[c];
        s->mean_precision[c] = 1 + nk[c];
        s->mean[c] = (s->prior_mean + nk[c] * xk[c]) / s->mean_precision[c];
        s->dof[c] = 1 + nk[c];
        double diff = xk[c] - s->prior_mean;
        s->variance[c] = (s->prior_variance + nk[c] * sk[c] + nk[c] / s->mean_precision[c] * diff * diff) / s->dof[c];
    }
}

/* E-step: responsibilities; returns the mean log normalizer (a convergence measure). */
static double update_responsibilities(const variational_state *s, const double *x, size_t n, double *resp)
{
    double log_weight[RG_GMM_MAX_COMPONENTS], constant[RG_GMM_MAX_COMPONENTS], precision[RG_GMM_MAX_COMPONENTS];
    double stick = 0;
    for (int c = 0; c < s->k; c++) {
        double digamma_sum = digamma(s->alpha[c] + s->beta[c]);
        log_weight[c] = digamma(s->alpha[c]) - digamma_sum + stick;
        stick += digamma(s->beta[c]) - digamma_sum;
        precision[c] = 1 / s->variance[c];
        double log_lambda = log(2.0) + digamma(0.5 * s->dof[c]);
        constant[c] = log_weight[c] - 0.5 * log(2 * M_PI) + 0.5 * log(precision[c]) -
                      0.5 * log(s->dof[c]) + 0.5 * (log_lambda - 1 / s->mean_precision[c]);
    }
    double total = 0;
#pragma omp parallel for schedule(static) reduction(+ : total)
    for (size_t i = 0; i < n; i++) {
        double *r = resp + i * s->k, best = -DBL_MAX;
        for (int c = 0; c < s->k; c++) {
            double d = x[i] - s->mean[c];
            r[c] = constant[c] - 0.5 * d * d * precision[c];
            if (r[c] > best)
                best = r[c];
        }
        double sum = 0;
        for (int c = 0; c < s->k; c++)
            sum += r[c] = exp(r[c] - best);
        for (int c = 0; c < s->k; c++)
            r[c] /= sum;
        total += best + log(sum);
    }
    return total / (double)n;
}

riskgan_status rg_gmm_fit(const double *values, size_t n, const rg_gmm_options *options,
                          rg_rng *rng, rg_gmm *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "cannot fit a mixture to an empty column");
    size_t m = n < options->max_fit_rows ? n : options->max_fit_rows;
    double *x = rg_calloc(m, sizeof *x);
    int k = options->max_components < (int)m ? options->max_components : (int)m;
    double *resp = rg_calloc(m * (size_t)(k > 0 ? k : 1), sizeof *resp);
    int *label = rg_calloc(m, sizeof *label);
    if (!x || !resp || !label) {
        free(x), free(resp), free(label);
        return RISKGAN_ERR_NO_MEMORY;
    }
    if (m == n) {
        memcpy(x, values, n * sizeof *x);
    } else { /* seeded subsample without replacement (selection sampling) */
        size_t chosen = 0;
        for (size_t i = 0; i < n && chosen < m; i++)
            if (rg_rng_uniform(rng) * (double)(n - i) < (double)(m - chosen))
                x[chosen++] = values[i];
    }
    qsort(x, m, sizeof *x, rg_compare_doubles); /* order-independent result */
    double mean = 0, variance = 0;
    for (size_t i = 0; i < m; i++)
        mean += x[i];
    mean /= (double)m;
    for (size_t i = 0; i < m; i++)
        variance += (x[i] - mean) * (x[i] - mean);
    variance = m > 1 ? variance / (double)(m - 1) : 0;
    if (variance <= 0 || x[0] == x[m - 1]) { /* a constant column: one point mass */
        out->components = 1;
        out->weight[0] = 1;
        out->mean[0] = x[0];
        out->std[0] = fabs(x[0]) * 1e-3 + 1e-3;
        free(x), free(resp), free(label);
        return RISKGAN_OK;
    }
    variational_state state = {.k = k, .prior_mean = mean, .prior_variance = variance,
                               .concentration = options->concentration};
    double *distance = malloc(m * sizeof *distance);
    if (!distance) {
        free(x), free(resp), free(label);
        return RISKGAN_ERR_NO_MEMORY;
    }
    kmeans(x, m, k, rng, distance, label);
    free(distance);
    for (size_t i = 0; i < m; i++)
        resp[i * (size_t)k + (size_t)label[i]] = 1;
    update_parameters(&state, x, m, resp);
    /* Mean-field updates converge slowly while surplus components drain: stop on
     * the change of the expected weights, not of the likelihood. */
    double previous[RG_GMM_MAX_COMPONENTS] = {0};
    for (int iteration = 0; iteration < options->max_iterations; iteration++) {
        update_responsibilities(&state, x, m, resp);
        update_parameters(&state, x, m, resp);
        double change = 0;
        for (int c = 0; c < k; c++) {
            double share = state.alpha[c] - 1;
            change = fmax(change, fabs(share - previous[c]) / (double)m);
            previous[c] = share;
        }
        if (change < options->tolerance)
            break;
    }
    /* expected stick-breaking weights */
    double weight[RG_GMM_MAX_COMPONENTS], remaining = 1, total = 0;
    for (int c = 0; c < k; c++) {
        weight[c] = remaining * state.alpha[c] / (state.alpha[c] + state.beta[c]);
        remaining *= state.beta[c] / (state.alpha[c] + state.beta[c]);
        total += weight[c];
    }
    for (int c = 0; c < k; c++) {
        if (weight[c] / total <= options->weight_threshold)
            continue;
        out->weight[out->components] = weight[c] / total;
        out->mean[out->components] = state.mean[c];
        out->std[out->components] = sqrt(state.variance[c]);
        out->components++;
    }
    double kept = 0;
    for (int c = 0; c < out->components; c++)
        kept += out->weight[c];
    for (int c = 0; c < out->components; c++)
        out->weight[c] /= kept;
    free(x), free(resp), free(label);
    return RISKGAN_OK;
}

void rg_gmm_posterior(const rg_gmm *gmm, double x, double *probability)
{
    double best = -DBL_MAX, sum = 0;
    for (int c = 0; c < gmm->components; c++) {
        double z = (x - gmm->mean[c]) / gmm->std[c];
        probability[c] = log(gmm->weight[c]) - log(gmm->std[c]) - 0.5 * z * z;
        if (probability[c] > best)
            best = probability[c];
    }
    for (int c = 0; c < gmm->components; c++)
        sum += probability[c] = exp(probability[c] - best);
    for (int c = 0; c < gmm->components; c++)
        probability[c] /= sum;
}
