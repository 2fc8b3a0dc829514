/* corrected_t_test.c — Student's t distribution (through the regularized incomplete beta
 * function) and the Nadeau–Bengio corrected resampled t-test for paired differences from
 * repeated k-fold cross-validation, whose folds share training rows. */
#include <math.h>

#include "corrected_t_test.h"

/* Continued fraction of the incomplete beta function (modified Lentz), valid for
 * x < (a + 1) / (a + b + 2). */
static double beta_fraction(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    d = fabs(d) < tiny ? 1 / tiny : 1 / d;
    double f = d;
    for (int m = 1; m <= 500; m++) {
        for (int half = 0; half < 2; half++) {
            double numerator = half == 0 ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                                         : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + numerator * d;
            d = fabs(d) < tiny ? 1 / tiny : 1 / d;
            c = 1 + numerator / c;
            c = fabs(c) < tiny ? tiny : c;
            f *= c * d;
            if (half == 1 && fabs(c * d - 1) < 1e-15)
                return f;
        }
    }
    return f;
}

double rg_incomplete_beta(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    double log_front = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
    if (x < (a + 1) / (a + b + 2))
        return exp(log_front) * beta_fraction(a, b, x) / a;
    return 1 - exp(log_front) * beta_fraction(b, a, 1 - x) / b;
}

double rg_student_t_cdf(double t, double df)
{
    if (isnan(t) || !(df > 0))
        return NAN;
    double tail = 0.5 * rg_incomplete_beta(df / 2, 0.5, df / (df + t * t)); /* P(T > |t|) */
    return t >= 0 ? 1 - tail : tail;
}

double rg_student_t_quantile(double p, double df)
{
    if (!(p > 0 && p < 1) || !(df > 0))
        return NAN;
    double low = -1, high = 1;
    while (rg_student_t_cdf(low, df) > p)
        low *= 2;
    while (rg_student_t_cdf(high, df) < p)
        high *= 2;
    for (int i = 0; i < 200 && high - low > 1e-13 * (1 + fabs(low)); i++) {
        double middle = (low + high) / 2;
        if (rg_student_t_cdf(middle, df) < p)
            low = middle;
        else
            high = middle;
    }
    return (low + high) / 2;
}

double rg_corrected_t_test(const double *differences, size_t n, double test_over_train, rg_paired_summary *out)
{
    rg_paired_summary s = {NAN, NAN, NAN, NAN, 1};
    double sum = 0, squares = 0;
    for (size_t i = 0; i < n; i++)
        sum += differences[i];
    if (n > 0)
        s.mean = sum / n;
    for (size_t i = 0; i < n; i++)
        squares += (differences[i] - s.mean) * (differences[i] - s.mean);
    if (n >= 2) {
        double variance = squares / (n - 1), df = (double)(n - 1);
        double standard_error = sqrt((1.0 / n + test_over_train) * variance);
        if (standard_error > 0) {
            s.t = s.mean / standard_error;
            s.p = 2 * rg_student_t_cdf(-fabs(s.t), df);
            double half_width = rg_student_t_quantile(0.975, df) * standard_error;
            s.low = s.mean - half_width, s.high = s.mean + half_width;
        } else { /* identical differences: no spread to test against */
            s.low = s.high = s.mean;
            s.p = s.mean == 0 ? 1 : 0;
        }
    }
    if (out)
        *out = s;
    return s.p;
}
