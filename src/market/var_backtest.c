/* var_backtest.c — the VaR and ES backtest statistics (definitions in var_backtest.h and
 * docs/market.md). */
#include "var_backtest.h"

#include <math.h>

#include "../learn/metrics.h"

double rg_chi_square_1_upper(double x)
{
    return x <= 0 ? 1 : erfc(sqrt(x / 2));
}

double rg_chi_square_2_upper(double x)
{
    return x <= 0 ? 1 : exp(-x / 2);
}

/* k log(q), 0 when k = 0 */
static double xlogy(double k, double q)
{
    return k == 0 ? 0 : k * log(q);
}

rg_test_result rg_kupiec_pof(size_t n, size_t x, double p)
{
    double observed = n ? (double)x / n : 0;
    double lr = -2 * (xlogy((double)(n - x), 1 - p) + xlogy((double)x, p)) +
                2 * (xlogy((double)(n - x), 1 - observed) + xlogy((double)x, observed));
    lr = fmax(0, lr);
    return (rg_test_result){lr, rg_chi_square_1_upper(lr)};
}

rg_test_result rg_christoffersen_independence(const unsigned char *e, size_t n)
{
    double n00 = 0, n01 = 0, n10 = 0, n11 = 0;
    for (size_t t = 1; t < n; t++) {
        if (!e[t - 1])
            e[t] ? n01++ : n00++;
        else
            e[t] ? n11++ : n10++;
    }
    double pi01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0, pi11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
    double pi = n00 + n01 + n10 + n11 > 0 ? (n01 + n11) / (n00 + n01 + n10 + n11) : 0;
    double restricted = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
    double unrestricted = xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11);
    double lr = fmax(0, -2 * (restricted - unrestricted));
    return (rg_test_result){lr, rg_chi_square_1_upper(lr)};
}

double rg_binomial_cdf(size_t n, size_t x, double p)
{
    double total = 0;
    for (size_t k = 0; k <= x && k <= n; k++)
        total += exp(lgamma((double)n + 1) - lgamma((double)k + 1) - lgamma((double)(n - k) + 1) + xlogy((double)k, p) +
                     xlogy((double)(n - k), 1 - p));
    return fmin(1, total);
}

int rg_traffic_light_zone(size_t n, size_t x, double p)
{
    double cdf = rg_binomial_cdf(n, x, p);
    return cdf < 0.95 ? 0 : cdf < 0.9999 ? 1 : 2;
}

double rg_acerbi_szekely_z2(const double *pnl, const unsigned char *exceptions, const double *es, size_t n, double alpha)
{
    double total = 0;
    for (size_t t = 0; t < n; t++)
        if (exceptions[t])
            total += pnl[t] / es[t];
    return n ? total / (n * alpha) + 1 : NAN;
}

void rg_var_es_sorted(const double *sorted, size_t n, double level, double *var, double *es)
{
    size_t tail = (size_t)ceil((1 - level) * n);
    tail = tail < 1 ? 1 : tail;
    double total = 0;
    for (size_t i = 0; i < tail; i++)
        total += sorted[i];
    *var = -rg_sorted_quantile(sorted, n, 1 - level);
    *es = fmax(-total / tail, *var);
}
