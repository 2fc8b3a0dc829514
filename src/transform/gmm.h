/* gmm.h — variational Bayesian Gaussian mixture for one column (mode-specific normalization). */
#ifndef RISKGAN_TRANSFORM_GMM_H
#define RISKGAN_TRANSFORM_GMM_H

#include <stddef.h>

#include "../core/rng.h"
#include "riskgan.h"

enum { RG_GMM_MAX_COMPONENTS = 10 };

typedef struct {
    int components;                          /* kept components (weight > threshold) */
    double weight[RG_GMM_MAX_COMPONENTS];    /* renormalized to sum 1 */
    double mean[RG_GMM_MAX_COMPONENTS];
    double std[RG_GMM_MAX_COMPONENTS];
} rg_gmm;

typedef struct {
    int max_components;          /* 10 */
    double concentration;        /* Dirichlet-process weight concentration prior, 0.001 */
    double weight_threshold;     /* components below this weight are dropped, 0.005 */
    int max_iterations;          /* 1000 */
    double tolerance;            /* 1e-5: stop when no component's expected weight moves more */
    size_t max_fit_rows;         /* larger columns are fitted on a seeded subsample */
} rg_gmm_options;

void rg_gmm_options_default(rg_gmm_options *options);
/* Fits the mixture to n finite values by mean-field variational inference with a
 * stick-breaking (Dirichlet-process) prior on the weights and a Gaussian-Wishart
 * prior on each component (mean prior = data mean, precision 1, covariance prior
 * = data variance, 1 degree of freedom), initialized by seeded k-means. */
riskgan_status rg_gmm_fit(const double *values, size_t n, const rg_gmm_options *options,
                          rg_rng *rng, rg_gmm *out);
/* Posterior probability of each kept component for x (weights * Gaussian densities). */
void rg_gmm_posterior(const rg_gmm *gmm, double x, double *probability);

#endif
