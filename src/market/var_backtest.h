/* var_backtest.h — tests of a series of Value-at-Risk and Expected Shortfall forecasts
 * against realized profit and loss: Kupiec's proportion of failures, Christoffersen's
 * independence and conditional coverage, the Basel traffic light, Acerbi-Szekely Z2. */
#ifndef RISKGAN_MARKET_VAR_BACKTEST_H
#define RISKGAN_MARKET_VAR_BACKTEST_H

#include <stddef.h>

typedef struct {
    double statistic, p_value;
} rg_test_result;

/* VaR and ES at `level` (positive numbers for losses) of n P&L values sorted ascending: VaR
 * the negated (1 - level) quantile, ES the negated mean of the ceil((1 - level) n) worst values
 * (at least VaR). */
void rg_var_es_sorted(const double *sorted, size_t n, double level, double *var, double *es);
/* Upper tail of the chi-square distribution with 1 and 2 degrees of freedom. */
double rg_chi_square_1_upper(double x);
double rg_chi_square_2_upper(double x);
/* x exceptions in n days at exception probability p. */
rg_test_result rg_kupiec_pof(size_t n, size_t x, double p);
/* exceptions[0..n) 0/1 */
rg_test_result rg_christoffersen_independence(const unsigned char *exceptions, size_t n);
/* Basel zone of x exceptions in a window of n days at probability p: 0 green (P(X <= x) <
 * 0.95), 1 yellow (< 0.9999), 2 red, P the binomial distribution function. */
int rg_traffic_light_zone(size_t n, size_t x, double p);
double rg_binomial_cdf(size_t n, size_t x, double p);
/* Acerbi-Szekely Z2 = sum_t X_t I_t / (T alpha ES_t) + 1 for P&L X, exceptions I, positive ES
 * forecasts, tail probability alpha. 0 expected; negative: risk underestimated. */
double rg_acerbi_szekely_z2(const double *pnl, const unsigned char *exceptions, const double *es, size_t n, double alpha);

#endif
