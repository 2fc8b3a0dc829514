/* accountant.c — RDP of the (subsampled) Gaussian mechanism, composition and conversion
 * to (epsilon, delta). Derivation of the subsampled case: with mu0 = N(0, s^2) and
 * mu = (1-q) mu0 + q N(1, s^2), the RDP of order a is log A_a / (a-1) where
 * A_a = E_{z~mu0}[((1-q) + q exp((2z-1)/(2s^2)))^a]. For integer a the binomial theorem
 * and E[exp(k(2z-1)/(2s^2))] = exp((k^2-k)/(2s^2)) give a finite sum; for fractional a the
 * integral is split at z0 = s^2 log(1/q - 1) + 1/2, where the two terms are equal, and
 * each side is expanded as a generalized binomial series in the smaller term. All sums are
 * kept in log space (terms reach exp(a^2 / s^2)). */
#include "accountant.h"

#include <float.h>
#include <math.h>

static const double orders_table[] = {
    1.1, 1.3, 1.5, 1.7, 1.9, 2.1, 2.3, 2.5, 2.7, 2.9, 3.1, 3.3, 3.5, 3.7, 3.9, 4.1, 4.3, 4.5,
    4.7, 4.9, 5.1, 5.3, 5.5, 5.7, 5.9, 6.1, 6.3, 6.5, 6.7, 6.9, 7.1, 7.3, 7.5, 7.7, 7.9, 8.1,
    8.3, 8.5, 8.7, 8.9, 9.1, 9.3, 9.5, 9.7, 9.9, 10.1, 10.3, 10.5, 10.7, 10.9, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,
    38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60,
    61, 62, 63, 64, 80, 96, 128, 256, 512};

const double *rg_rdp_orders(size_t *count)
{
    *count = sizeof orders_table / sizeof *orders_table;
    return orders_table;
}

/* log(exp(a) + exp(b)) */
static double log_add(double a, double b)
{
    if (a == -INFINITY)
        return b;
    if (b == -INFINITY)
        return a;
    double m = fmax(a, b);
    return m + log1p(exp(-fabs(a - b)));
}

/* log(exp(a) - exp(b)), a >= b */
static double log_sub(double a, double b)
{
    if (b == -INFINITY)
        return a;
    if (a <= b)
        return -INFINITY;
    return a + log1p(-exp(b - a));
}

/* log(erfc(x)), accurate where erfc underflows (x > 26): the asymptotic series. */
static double log_erfc(double x)
{
    if (x < 25)
        return log(erfc(x));
    double x2 = x * x;
    return -x2 - log(x) - 0.5 * log(M_PI) + log1p(-1 / (2 * x2) + 3 / (4 * x2 * x2) - 15 / (8 * x2 * x2 * x2));
}

/* log |binomial(a, k)| for real a and integer k >= 0, and its sign. */
static double log_binomial(double a, double k, int *sign)
{
    double s = 1, value = lgamma(a + 1) - lgamma(k + 1);
    /* Gamma(a - k + 1) is negative when a - k + 1 lies in (-2m-1, -2m) */
    double rest = a - k + 1;
    int sg;
    value -= lgamma_r(rest, &sg);
    s *= sg;
    *sign = s > 0 ? 1 : -1;
    return value;
}

static double log_a_integer(double q, double sigma, int alpha)
{
    double total = -INFINITY;
    for (int k = 0; k <= alpha; k++) {
        int sign;
        double term = log_binomial(alpha, k, &sign) + k * log(q) + (alpha - k) * log1p(-q) +
                      (double)(k * k - k) / (2 * sigma * sigma);
        total = log_add(total, term);
    }
    return total;
}

static double log_a_fractional(double q, double sigma, double alpha)
{
    double positive = -INFINITY, negative = -INFINITY;
    double z0 = sigma * sigma * log(1 / q - 1) + 0.5;
    for (int i = 0; i < 100000; i++) {
        int sign;
        double coefficient = log_binomial(alpha, i, &sign), j = alpha - i;
        double t0 = coefficient + i * log(q) + j * log1p(-q);
        double t1 = coefficient + j * log(q) + i * log1p(-q);
        double e0 = log(0.5) + log_erfc((i - z0) / (M_SQRT2 * sigma));
        double e1 = log(0.5) + log_erfc((z0 - j) / (M_SQRT2 * sigma));
        double s0 = t0 + (i * (double)i - i) / (2 * sigma * sigma) + e0;
        double s1 = t1 + (j * j - j) / (2 * sigma * sigma) + e1;
        double both = log_add(s0, s1);
        if (sign > 0)
            positive = log_add(positive, both);
        else
            negative = log_add(negative, both);
        if (i > alpha && fmax(s0, s1) < -30)
            break;
    }
    return log_sub(positive, negative);
}

double rg_rdp_subsampled_gaussian(double q, double sigma, double alpha)
{
    if (q <= 0)
        return 0;
    if (isinf(alpha) || sigma <= 0)
        return INFINITY;
    if (q >= 1)
        return alpha / (2 * sigma * sigma);
    double log_a = alpha == floor(alpha) ? log_a_integer(q, sigma, (int)alpha) : log_a_fractional(q, sigma, alpha);
    return log_a / (alpha - 1);
}

void rg_rdp_curve_init(rg_rdp_curve *curve)
{
    rg_rdp_orders(&curve->orders);
    for (size_t i = 0; i < curve->orders; i++)
        curve->rdp[i] = 0;
}

void rg_rdp_curve_add_sgd(rg_rdp_curve *curve, double q, double sigma, double steps)
{
    size_t count;
    const double *orders = rg_rdp_orders(&count);
    for (size_t i = 0; i < count; i++)
        curve->rdp[i] += steps * rg_rdp_subsampled_gaussian(q, sigma, orders[i]);
}

void rg_rdp_curve_add_zcdp(rg_rdp_curve *curve, double rho)
{
    size_t count;
    const double *orders = rg_rdp_orders(&count);
    for (size_t i = 0; i < count; i++)
        curve->rdp[i] += orders[i] * rho;
}

double rg_rdp_epsilon(const rg_rdp_curve *curve, double delta, double *best_order)
{
    size_t count;
    const double *orders = rg_rdp_orders(&count);
    double best = INFINITY, order = NAN;
    for (size_t i = 0; i < count; i++) {
        double a = orders[i];
        double eps = curve->rdp[i] + log((a - 1) / a) - (log(delta) + log(a)) / (a - 1);
        if (eps < best) {
            best = eps;
            order = a;
        }
    }
    if (best_order)
        *best_order = order;
    return best < 0 ? 0 : best;
}

double rg_rdp_epsilon_classic(const double *orders, const double *rdp, size_t count, double delta,
                              double *best_order)
{
    double best = INFINITY, order = NAN;
    for (size_t i = 0; i < count; i++) {
        double eps = rdp[i] - log(delta) / (orders[i] - 1);
        if (eps < best) {
            best = eps;
            order = orders[i];
        }
    }
    if (best_order)
        *best_order = order;
    return best;
}

double rg_zcdp_rho_for(double epsilon, double delta)
{
    double l = log(1 / delta), root = sqrt(l + epsilon) - sqrt(l);
    return root * root;
}

static double epsilon_with(double q, double steps, double sigma, double delta, const rg_rdp_curve *base)
{
    rg_rdp_curve curve;
    if (base)
        curve = *base;
    else
        rg_rdp_curve_init(&curve);
    rg_rdp_curve_add_sgd(&curve, q, sigma, steps);
    return rg_rdp_epsilon(&curve, delta, NULL);
}

double rg_rdp_noise_multiplier(double q, double steps, double epsilon, double delta, const rg_rdp_curve *base)
{
    double high = 1;
    while (epsilon_with(q, steps, high, delta, base) > epsilon) {
        high *= 2;
        if (high > 1e4)
            return 0;
    }
    double low = high / 2;
    if (epsilon_with(q, steps, low, delta, base) <= epsilon) /* high == 1 and less suffices */
        low = 0.01;
    while (high - low > 1e-3 * high) {
        double middle = 0.5 * (low + high);
        if (epsilon_with(q, steps, middle, delta, base) <= epsilon)
            high = middle;
        else
            low = middle;
    }
    return high;
}
