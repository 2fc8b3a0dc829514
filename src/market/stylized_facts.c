/* stylized_facts.c — estimators of the stylized facts of returns (definitions in
 * stylized_facts.h and docs/market.md). */
#include "stylized_facts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/compare.h"
#include "../core/memory.h"

size_t rg_horizon_returns(const rg_return_set *s, size_t asset, size_t h, double *out)
{
    size_t n = 0;
    if (h == 0 || h > s->days)
        return 0;
    for (size_t p = 0; p < s->paths; p++) {
        double sum = 0;
        for (size_t t = 0; t < s->days; t++) {
            sum += rg_return_at(s, p, t, asset);
            if (t >= h)
                sum -= rg_return_at(s, p, t - h, asset);
            if (t + 1 >= h)
                out[n++] = sum;
        }
    }
    return n;
}

double rg_wasserstein1(double *a, size_t na, double *b, size_t nb)
{
    if (na == 0 || nb == 0)
        return NAN;
    qsort(a, na, sizeof *a, rg_compare_doubles);
    qsort(b, nb, sizeof *b, rg_compare_doubles);
    size_t i = 0, j = 0;
    double total = 0, previous = fmin(a[0], b[0]);
    while (i < na || j < nb) {
        double x = j >= nb || (i < na && a[i] <= b[j]) ? a[i] : b[j];
        total += fabs((double)i / na - (double)j / nb) * (x - previous);
        previous = x;
        while (i < na && a[i] == x)
            i++;
        while (j < nb && b[j] == x)
            j++;
    }
    return total;
}

void rg_moments(const double *x, size_t n, double *mean, double *sd, double *skew, double *excess_kurtosis)
{
    double m = 0, m2 = 0, m3 = 0, m4 = 0;
    for (size_t i = 0; i < n; i++)
        m += x[i];
    m /= n ? n : 1;
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - m, d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
    }
    double count = n ? (double)n : 1;
    if (mean)
        *mean = n ? m : NAN;
    if (sd)
        *sd = n > 1 ? sqrt(m2 / (n - 1)) : NAN;
    m2 /= count, m3 /= count, m4 /= count;
    if (skew)
        *skew = m2 > 0 ? m3 / pow(m2, 1.5) : NAN;
    if (excess_kurtosis)
        *excess_kurtosis = m2 > 0 ? m4 / (m2 * m2) - 3 : NAN;
}

static int compare_descending(const void *a, const void *b)
{
    return rg_compare_doubles(b, a);
}

double rg_hill_tail_index(const double *x, size_t n, double share, int left)
{
    size_t k = (size_t)floor(share * n);
    if (k < 2 || k + 1 > n)
        return NAN;
    double *v = malloc(n * sizeof *v);
    if (!v)
        return NAN;
    for (size_t i = 0; i < n; i++)
        v[i] = left ? -x[i] : x[i];
    qsort(v, n, sizeof *v, compare_descending);
    double threshold = v[k], sum = 0;
    if (threshold > 0)
        for (size_t i = 0; i < k; i++)
            sum += log(v[i] / threshold);
    free(v);
    return threshold > 0 && sum > 0 ? (double)k / sum : NAN;
}

static double transformed(double r, rg_series_transform transform)
{
    return transform == RG_SERIES_ABSOLUTE ? fabs(r) : transform == RG_SERIES_SQUARE ? r * r : r;
}

void rg_autocorrelation(const rg_return_set *s, size_t asset, rg_series_transform transform, int max_lag, double *acf)
{
    double denominator = 0;
    for (int k = 0; k < max_lag; k++)
        acf[k] = 0;
    for (size_t p = 0; p < s->paths; p++) {
        double mean = 0;
        for (size_t t = 0; t < s->days; t++)
            mean += transformed(rg_return_at(s, p, t, asset), transform);
        mean /= s->days;
        for (size_t t = 0; t < s->days; t++) {
            double y = transformed(rg_return_at(s, p, t, asset), transform) - mean;
            denominator += y * y;
            for (int k = 1; k <= max_lag && t + k < s->days; k++)
                acf[k - 1] += y * (transformed(rg_return_at(s, p, t + k, asset), transform) - mean);
        }
    }
    for (int k = 0; k < max_lag; k++)
        acf[k] = denominator > 0 ? acf[k] / denominator : NAN;
}

void rg_leverage(const rg_return_set *s, size_t asset, int max_lag, double *out)
{
    for (int k = 1; k <= max_lag; k++) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, n = 0;
        for (size_t p = 0; p < s->paths; p++)
            for (size_t t = 0; t + k < s->days; t++) {
                double x = rg_return_at(s, p, t, asset), y = rg_return_at(s, p, t + k, asset);
                y *= y;
                sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y, n++;
            }
        double vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        out[k - 1] = n > 1 && vx > 0 && vy > 0 ? (sxy - sx * sy / n) / sqrt(vx * vy) : NAN;
    }
}

riskgan_status rg_cross_correlation(const rg_return_set *s, rg_series_transform transform, double *out)
{
    size_t d = s->assets, rows = s->paths * s->days;
    double *mean = rg_calloc(d, sizeof *mean), *row = rg_calloc(d, sizeof *row);
    if (!mean || !row) {
        free(mean);
        free(row);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t i = 0; i < rows; i++)
        for (size_t a = 0; a < d; a++)
            mean[a] += transformed(s->r[i * d + a], transform) / rows;
    memset(out, 0, d * d * sizeof *out);
    for (size_t i = 0; i < rows; i++) {
        for (size_t a = 0; a < d; a++)
            row[a] = transformed(s->r[i * d + a], transform) - mean[a];
        for (size_t a = 0; a < d; a++)
            for (size_t b = a; b < d; b++)
                out[a * d + b] += row[a] * row[b];
    }
    for (size_t a = 0; a < d; a++)
        for (size_t b = a + 1; b < d; b++) {
            double denominator = sqrt(out[a * d + a] * out[b * d + b]);
            out[a * d + b] = out[b * d + a] = denominator > 0 ? out[a * d + b] / denominator : NAN;
        }
    for (size_t a = 0; a < d; a++)
        out[a * d + a] = 1;
    free(mean);
    free(row);
    return RISKGAN_OK;
}

double rg_correlation_distance(const double *a, const double *b, size_t assets)
{
    double total = 0;
    size_t pairs = 0;
    for (size_t i = 0; i < assets; i++)
        for (size_t j = i + 1; j < assets; j++, pairs++)
            total += fabs(a[i * assets + j] - b[i * assets + j]);
    return pairs ? total / pairs : 0;
}

double rg_curve_distance(const double *a, const double *b, int n)
{
    double total = 0;
    for (int i = 0; i < n; i++)
        total += fabs(a[i] - b[i]);
    return n > 0 ? total / n : NAN;
}
