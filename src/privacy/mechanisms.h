/* mechanisms.h — the differentially private building blocks the pipeline uses on raw
 * data: Gaussian noise on counts, thresholds for releasing only categories many rows share,
 * the decimal grid ranges are found on, and the normal quantile function. */
#ifndef RISKGAN_PRIVACY_MECHANISMS_H
#define RISKGAN_PRIVACY_MECHANISMS_H

#include <stddef.h>

#include "../core/rng.h"

/* Noise standard deviation of a Gaussian mechanism of L2 sensitivity sqrt(sensitivity2)
 * that spends zero-concentrated budget rho: sqrt(sensitivity2 / (2 rho)). */
double rg_dp_sigma_for(double sensitivity2, double rho);
/* Adds N(0, sigma^2) to each of n counts. */
void rg_dp_add_noise(double *counts, size_t n, double sigma, rg_rng *rng);
/* Inverse of the standard normal distribution function, p in (0, 1). */
double rg_normal_quantile(double p);
/* Release threshold for noisy counts of values from an unknown domain: a value held by one
 * row passes with probability at most delta (1 + sigma * Phi^-1(1 - delta)). */
double rg_dp_release_threshold(double sigma, double delta);

/* The public grid on which a numeric column's range is searched: bins between the signed
 * points 0, +-{1, 2, 5} x 10^k for k = -3 ... 11 (and one open bin beyond each end). */
size_t rg_dp_range_bins(void);
size_t rg_dp_range_bin(double value);
/* Lower and upper edge of bin i (the outer bins end at +-1e12). */
void rg_dp_range_edges(size_t bin, double *lower, double *upper);

/* Number of decimals a value needs (0 ... 6; 7 means more than 6). */
int rg_dp_decimals_needed(double value);

#endif
