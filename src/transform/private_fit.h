/* private_fit.h — the transformer fitted from differentially private statistics only. */
#ifndef RISKGAN_TRANSFORM_PRIVATE_FIT_H
#define RISKGAN_TRANSFORM_PRIVATE_FIT_H

#include "riskgan.h"
#include "transformer.h"

/* Differentially private fitting (src/transform/private_fit.c): every statistic of the
 * data goes through a Gaussian mechanism; declared metadata costs nothing. */
typedef struct {
    double rho;                  /* zero-concentrated DP budget of all the counts together */
    double release_delta;        /* total chance, over all columns, that a value held by a single
                                    row passes a release threshold */
    const char *metadata;        /* JSON, see metadata.h (may be NULL) */
    /* filled in by the fit */
    double *target_shares;       /* width: each level's noisy share (caller frees) */
    double *target_quantiles;    /* columns x RG_TARGET_QUANTILES from the noisy histograms
                                    (NaN first: none); for marginal calibration (caller frees) */
    double noisy_rows;           /* the DP row count */
    double sigma;                /* noise standard deviation of every count */
    size_t unit_queries;         /* counts each row contributes 1 to (squared L2 sensitivity) */
    size_t released_domains;     /* queries that release values from an unknown domain */
} rg_private_fit;

/* The same transform from differentially private statistics only :
 * ranges on a public grid refined by noisy histograms, mixtures fitted to draws from them,
 * categories released by noisy counts above a threshold, decimals by noisy counts; no
 * grid, snapping or observed-value levels; identifiers numbered without looking at them. */
riskgan_status rg_transformer_fit_private(const riskgan_table *table, const rg_transformer_options *options,
                                          rg_private_fit *privacy, rg_transformer **out);

#endif
