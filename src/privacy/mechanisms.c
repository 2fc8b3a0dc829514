/* mechanisms.c — Gaussian noise, release thresholds and the public range grid. */
#include "mechanisms.h"

#include <math.h>

double rg_dp_sigma_for(double sensitivity2, double rho)
{
    return sqrt(sensitivity2 / (2 * rho));
}

void rg_dp_add_noise(double *counts, size_t n, double sigma, rg_rng *rng)
{
    for (size_t i = 0; i < n; i++)
        counts[i] += sigma * rg_rng_normal(rng);
}

/* Phi(x) = erfc(-x / sqrt 2) / 2, inverted by bisection to double precision. */
double rg_normal_quantile(double p)
{
    double low = -40, high = 40;
    for (int i = 0; i < 200 && high - low > 1e-15 * fmax(1, fabs(low)); i++) {
        double middle = 0.5 * (low + high);
        if (0.5 * erfc(-middle / M_SQRT2) < p)
            low = middle;
        else
            high = middle;
    }
    return 0.5 * (low + high);
}

double rg_dp_release_threshold(double sigma, double delta)
{
    return 1 + sigma * rg_normal_quantile(1 - delta);
}

/* Positive grid points 1e-3, 2e-3, 5e-3, ..., 2e11, 5e11: 45 points. */
enum { POSITIVE_POINTS = 45 };

static double positive_point(int i)
{
    static const double mantissa[] = {1, 2, 5};
    return mantissa[i % 3] * pow(10, i / 3 - 3);
}

/* Bins: 0 = (-inf, -5e11), the negative bins, [-1e-3, 0), [0, 1e-3), the positive bins,
 * 91 = [5e11, inf); the open ends are reported as reaching +-1e12. */
size_t rg_dp_range_bins(void)
{
    return 2 * POSITIVE_POINTS + 2;
}

size_t rg_dp_range_bin(double value)
{
    double magnitude = fabs(value);
    int k = 0; /* number of positive points <= magnitude */
    while (k < POSITIVE_POINTS && positive_point(k) <= magnitude)
        k++;
    if (value >= 0)
        return POSITIVE_POINTS + 1 + (size_t)k;
    /* negative: [-point(k), -point(k-1)) is bin POSITIVE_POINTS - k; magnitude exactly at a
     * point belongs to the bin below it, like the positive side */
    int j = 0;
    while (j < POSITIVE_POINTS && positive_point(j) < magnitude)
        j++;
    return (size_t)(POSITIVE_POINTS - j);
}

void rg_dp_range_edges(size_t bin, double *lower, double *upper)
{
    long b = (long)bin - (POSITIVE_POINTS + 1);
    if (b >= 0) { /* positive side: [point(b-1), point(b)) with point(-1) = 0 */
        *lower = b == 0 ? 0 : positive_point((int)b - 1);
        *upper = b < POSITIVE_POINTS ? positive_point((int)b) : 1e12;
        return;
    }
    long j = -b - 1; /* 0 for [-1e-3, 0) */
    *upper = j == 0 ? 0 : -positive_point((int)j - 1);
    *lower = j < POSITIVE_POINTS ? -positive_point((int)j) : -1e12;
}

int rg_dp_decimals_needed(double value)
{
    double v = fabs(value);
    for (int d = 0; d <= 6; d++) {
        double scaled = v * pow(10, d);
        if (scaled > 9e15)
            return d;
        if (fabs(scaled - nearbyint(scaled)) <= 1e-9 * fmax(1, scaled))
            return d;
    }
    return 7;
}
