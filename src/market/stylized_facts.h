/* stylized_facts.h — the statistics that say whether return series behave like real
 * markets: distances between return distributions, moments, tail indices, autocorrelation
 * of returns and of their size, the leverage effect and cross-asset correlation. Every
 * function takes a set of equally long paths (real history: one path) and pools over them,
 * so real and generated series are measured by the same estimator (docs/market.md). */
#ifndef RISKGAN_MARKET_STYLIZED_FACTS_H
#define RISKGAN_MARKET_STYLIZED_FACTS_H

#include <stddef.h>

#include "riskgan.h"

/* paths x days x assets log returns, row-major (one row per path and day). */
typedef struct {
    size_t paths, days, assets;
    const double *r;
} rg_return_set;

static inline double rg_return_at(const rg_return_set *s, size_t path, size_t day, size_t asset)
{
    return s->r[(path * s->days + day) * s->assets + asset];
}

typedef enum { RG_SERIES_RETURN = 0, RG_SERIES_ABSOLUTE = 1, RG_SERIES_SQUARE = 2 } rg_series_transform;

/* Overlapping h-day log returns of one asset, every path: paths * (days - h + 1) values
 * written to out (which must hold that many). Returns the count. */
size_t rg_horizon_returns(const rg_return_set *s, size_t asset, size_t h, double *out);
/* Wasserstein-1 distance between the empirical distributions of a[0..na) and b[0..nb):
 * the integral of |F_a - F_b|. Sorts both arrays in place. */
double rg_wasserstein1(double *a, size_t na, double *b, size_t nb);
/* Mean, standard deviation (n - 1), skewness and excess kurtosis (moment estimators, m3/m2^1.5 and m4/m2^2 - 3). */
void rg_moments(const double *x, size_t n, double *mean, double *sd, double *skew, double *excess_kurtosis);
/* Hill estimator of the tail index alpha on the `share` largest losses (left tail: of -x)
 * or gains (right): k = floor(share * n), alpha = k / sum_{i<=k} log(X_(i) / X_(k+1)) over
 * the order statistics X_(1) >= X_(2) >= ...; NaN when X_(k+1) <= 0 or k < 2. Sorts a copy. */
double rg_hill_tail_index(const double *x, size_t n, double share, int left);
/* Pooled sample autocorrelation of the transformed returns of one asset at lags 1..max_lag
 * (acf[0] = lag 1): each path is centred on its own mean; numerators and denominators are
 * summed over paths (the usual biased estimator, divided by the count, for one path). */
void rg_autocorrelation(const rg_return_set *s, size_t asset, rg_series_transform transform, int max_lag, double *acf);
/* Leverage effect: pooled Pearson correlation of r_t with r_{t+k}^2, k = 1..max_lag. */
void rg_leverage(const rg_return_set *s, size_t asset, int max_lag, double *out);
/* Pooled correlation matrix (assets x assets) of the returns or of their absolute values. */
riskgan_status rg_cross_correlation(const rg_return_set *s, rg_series_transform transform, double *out);
/* Mean absolute difference of the off-diagonal entries of two correlation matrices. */
double rg_correlation_distance(const double *a, const double *b, size_t assets);
/* Mean absolute difference of two curves. */
double rg_curve_distance(const double *a, const double *b, int n);

#endif
