/* garch.c — GARCH(1,1)-t maximum likelihood per asset, CCC correlation and simulation. */
#include "garch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"

double rg_garch_next_variance(const rg_garch_asset *p, double variance, double shock)
{
    return p->omega + (p->alpha + (shock < 0 ? p->gamma : 0)) * shock * shock + p->beta * variance;
}

double rg_garch_persistence(const rg_garch_asset *p)
{
    return p->alpha + p->gamma / 2 + p->beta;
}

double rg_garch_log_likelihood(const rg_garch_asset *p, const double *r, size_t n, size_t stride, double *sigma2)
{
    double nu = p->nu, constant = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(M_PI * (nu - 2));
    double variance = p->initial_variance, previous_shock = 0, total = 0;
    for (size_t t = 0; t < n; t++) {
        if (t > 0)
            variance = rg_garch_next_variance(p, variance, previous_shock);
        double e = r[t * stride] - p->mu;
        if (sigma2)
            sigma2[t] = variance;
        total += constant - 0.5 * log(variance) - (nu + 1) / 2 * log1p(e * e / (variance * (nu - 2)));
        previous_shock = e;
    }
    return total;
}

enum { MAX_PARAMETERS = 6 };

/* theta (5 unconstrained numbers, 6 when asymmetric) -> parameters of the series scaled to
 * unit variance: the persistence alpha + gamma/2 + beta below 0.9999, shared out by a
 * logistic (symmetric) or a softmax (asymmetric) of the other numbers. */
static void unpack(const double *theta, int parameters, rg_garch_asset *p)
{
    double persistence = 0.9999 / (1 + exp(-theta[2]));
    double a = exp(theta[3]), g = parameters == 6 ? exp(theta[5]) : 0, total = a + g + 1;
    p->mu = theta[0];
    p->omega = exp(theta[1]);
    p->alpha = persistence * a / total;
    p->gamma = 2 * persistence * g / total;
    p->beta = persistence / total;
    p->nu = 2.05 + 197.95 / (1 + exp(-theta[4]));
    p->initial_variance = 1;
}

typedef struct {
    const double *x;
    size_t n;
    int parameters;
} series;

static double objective(const double *theta, const series *s)
{
    rg_garch_asset p;
    unpack(theta, s->parameters, &p);
    double value = -rg_garch_log_likelihood(&p, s->x, s->n, 1, NULL);
    return isfinite(value) ? value : 1e300;
}

/* Nelder-Mead (standard coefficients 1, 2, 0.5, 0.5) in s->parameters dimensions from theta
 * with step `step`. */
static void nelder_mead(double *theta, const series *s, double step, int iterations)
{
    const int D = s->parameters;
    double simplex[MAX_PARAMETERS + 1][MAX_PARAMETERS], value[MAX_PARAMETERS + 1];
    for (int i = 0; i <= D; i++) {
        memcpy(simplex[i], theta, sizeof simplex[i]);
        if (i > 0)
            simplex[i][i - 1] += step;
        value[i] = objective(simplex[i], s);
    }
    for (int iteration = 0; iteration < iterations; iteration++) {
        int best = 0, worst = 0, second = 0;
        for (int i = 1; i <= D; i++) {
            if (value[i] < value[best])
                best = i;
            if (value[i] > value[worst])
                worst = i;
        }
        second = best;
        for (int i = 0; i <= D; i++)
            if (i != worst && value[i] > value[second])
                second = i;
        if (fabs(value[worst] - value[best]) < 1e-10 * (1 + fabs(value[best])))
            break;
        double centroid[MAX_PARAMETERS] = {0}, trial[MAX_PARAMETERS], expanded[MAX_PARAMETERS];
        for (int i = 0; i <= D; i++)
            if (i != worst)
                for (int k = 0; k < D; k++)
                    centroid[k] += simplex[i][k] / D;
        for (int k = 0; k < D; k++)
            trial[k] = centroid[k] + (centroid[k] - simplex[worst][k]);
        double trial_value = objective(trial, s);
        if (trial_value < value[best]) {
            for (int k = 0; k < D; k++)
                expanded[k] = centroid[k] + 2 * (centroid[k] - simplex[worst][k]);
            double expanded_value = objective(expanded, s);
            int take = expanded_value < trial_value;
            memcpy(simplex[worst], take ? expanded : trial, sizeof trial);
            value[worst] = take ? expanded_value : trial_value;
        } else if (trial_value < value[second]) {
            memcpy(simplex[worst], trial, sizeof trial);
            value[worst] = trial_value;
        } else {
            int outside = trial_value < value[worst];
            for (int k = 0; k < D; k++)
                expanded[k] = centroid[k] + 0.5 * ((outside ? trial[k] : simplex[worst][k]) - centroid[k]);
            double contracted = objective(expanded, s);
            if (contracted < (outside ? trial_value : value[worst])) {
                memcpy(simplex[worst], expanded, sizeof expanded);
                value[worst] = contracted;
            } else {
                for (int i = 0; i <= D; i++)
                    if (i != best) {
                        for (int k = 0; k < D; k++)
                            simplex[i][k] = simplex[best][k] + 0.5 * (simplex[i][k] - simplex[best][k]);
                        value[i] = objective(simplex[i], s);
                    }
            }
        }
    }
    int best = 0;
    for (int i = 1; i <= D; i++)
        if (value[i] < value[best])
            best = i;
    memcpy(theta, simplex[best], sizeof simplex[best]);
}

riskgan_status rg_garch_fit_asset(const double *r, size_t n, size_t stride, int asymmetric, rg_garch_asset *out)
{
    if (n < 30)
        return rg_fail(RISKGAN_ERR_SCHEMA, "GARCH needs at least 30 returns (%zu given)", n);
    double mean = 0, variance = 0;
    for (size_t t = 0; t < n; t++)
        mean += r[t * stride] / n;
    for (size_t t = 0; t < n; t++)
        variance += (r[t * stride] - mean) * (r[t * stride] - mean) / n;
    if (!(variance > 0))
        return rg_fail(RISKGAN_ERR_SCHEMA, "GARCH: a series with no variation cannot be fitted");
    double scale = sqrt(variance), *x = malloc(n * sizeof *x);
    if (!x)
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory");
    for (size_t t = 0; t < n; t++)
        x[t] = r[t * stride] / scale;
    series s = {x, n, asymmetric ? 6 : 5};
    /* start: alpha 0.08, beta 0.9 (gamma 0.04), nu 8, omega from the unit variance */
    double theta[MAX_PARAMETERS] = {mean / scale, log(0.02), log(0.98 / (0.9999 - 0.98)), log(0.08 / 0.9),
                                    log((8 - 2.05) / (202 - 8)), log(0.02 / 0.9)};
    for (int round = 0; round < 4; round++)
        nelder_mead(theta, &s, round == 0 ? 0.5 : 0.1, 2000);
    unpack(theta, s.parameters, out);
    out->log_likelihood = -objective(theta, &s) - n * log(scale);
    free(x);
    out->mu *= scale;
    out->omega *= variance;
    out->initial_variance = variance;
    return RISKGAN_OK;
}

void rg_garch_free(rg_garch *g)
{
    free(g->asset);
    free(g->correlation);
    free(g->normal_cholesky);
    memset(g, 0, sizeof *g);
}

/* E[sqrt((nu-2)/W)], W ~ chi2(nu): the mean scale of a unit-variance t built from a normal. */
static double mean_t_scale(double nu)
{
    return sqrt((nu - 2) / 2) * exp(lgamma((nu - 1) / 2) - lgamma(nu / 2));
}

int rg_cholesky(double *a, size_t d)
{
    for (size_t j = 0; j < d; j++) {
        double s = a[j * d + j];
        for (size_t k = 0; k < j; k++)
            s -= a[j * d + k] * a[j * d + k];
        if (!(s > 1e-10))
            return 0;
        a[j * d + j] = sqrt(s);
        for (size_t i = j + 1; i < d; i++) {
            double v = a[i * d + j];
            for (size_t k = 0; k < j; k++)
                v -= a[i * d + k] * a[j * d + k];
            a[i * d + j] = v / a[j * d + j];
        }
        for (size_t k = j + 1; k < d; k++)
            a[j * d + k] = 0;
    }
    return 1;
}

/* The normal correlation whose t-scaled draws have Pearson correlation R: R_ij divided by
 * E[s_i] E[s_j] (independent scales), shrunk toward the identity until it is positive definite. */
static void normal_correlation(rg_garch *g)
{
    size_t d = g->assets;
    for (double shrink = 1; shrink > 0; shrink -= 0.05) {
        for (size_t i = 0; i < d; i++)
            for (size_t j = 0; j < d; j++) {
                double target = i == j ? 1 : shrink * g->correlation[i * d + j] /
                                                 (mean_t_scale(g->asset[i].nu) * mean_t_scale(g->asset[j].nu));
                g->normal_cholesky[i * d + j] = i == j ? 1 : fmax(-0.999, fmin(0.999, target));
            }
        if (rg_cholesky(g->normal_cholesky, d))
            return;
    }
    memset(g->normal_cholesky, 0, d * d * sizeof *g->normal_cholesky);
    for (size_t i = 0; i < d; i++)
        g->normal_cholesky[i * d + i] = 1;
}

void rg_garch_advance(const rg_garch *g, size_t seen, double *sigma2, double *shock, const double *r)
{
    for (size_t a = 0; a < g->assets; a++) {
        const rg_garch_asset *p = &g->asset[a];
        sigma2[a] = seen == 0 ? p->initial_variance : rg_garch_next_variance(p, sigma2[a], shock[a]);
        shock[a] = r[a] - p->mu;
    }
}

void rg_garch_filter(const rg_garch *g, const double *returns, size_t n, double *sigma2, double *shock)
{
    for (size_t a = 0; a < g->assets; a++) {
        sigma2[a] = g->asset[a].initial_variance;
        shock[a] = 0;
    }
    for (size_t t = 0; t < n; t++)
        rg_garch_advance(g, t, sigma2, shock, returns + t * g->assets);
}

riskgan_status rg_garch_fit(const double *returns, size_t days, size_t assets, rg_garch *g)
{
    memset(g, 0, sizeof *g);
    g->assets = assets;
    double *sigma2 = rg_calloc(days, sizeof *sigma2), *z = rg_calloc(days * assets, sizeof *z);
    riskgan_status status = RISKGAN_OK;
    if (!sigma2 || !z || !(g->asset = rg_calloc(assets, sizeof *g->asset)) ||
        !(g->correlation = rg_calloc(assets * assets, sizeof *g->correlation)) ||
        !(g->normal_cholesky = rg_calloc(assets * assets, sizeof *g->normal_cholesky)))
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t a = 0; status == RISKGAN_OK && a < assets; a++) {
        status = rg_garch_fit_asset(returns + a, days, assets, 0, &g->asset[a]);
        if (status != RISKGAN_OK)
            break;
        rg_garch_log_likelihood(&g->asset[a], returns + a, days, assets, sigma2);
        for (size_t t = 0; t < days; t++)
            z[t * assets + a] = (returns[t * assets + a] - g->asset[a].mu) / sqrt(sigma2[t]);
    }
    if (status == RISKGAN_OK) {
        for (size_t i = 0; i < assets; i++)
            for (size_t j = 0; j < assets; j++) {
                double sij = 0, sii = 0, sjj = 0;
                for (size_t t = 0; t < days; t++) {
                    double x = z[t * assets + i], y = z[t * assets + j];
                    sij += x * y, sii += x * x, sjj += y * y;
                }
                g->correlation[i * assets + j] = i == j ? 1 : sij / sqrt(sii * sjj);
            }
        normal_correlation(g);
    }
    free(sigma2);
    free(z);
    if (status != RISKGAN_OK)
        rg_garch_free(g);
    return status;
}

/* Chi-square(nu) via Marsaglia-Tsang gamma(nu/2, 2) (nu/2 > 1 here). */
double rg_student_scale(double nu, rg_rng *rng)
{
    double shape = nu / 2, d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x = rg_rng_normal(rng), v = 1 + c * x;
        if (v <= 0)
            continue;
        v = v * v * v;
        double u = rg_rng_uniform_open(rng);
        if (log(u) < 0.5 * x * x + d - d * v + d * log(v))
            return sqrt((nu - 2) / (2 * d * v));
    }
}

void rg_garch_step(const rg_garch *g, size_t paths, double *sigma2, double *shock, double *r, rg_rng *rng)
{
    size_t d = g->assets;
    double normal[d > 0 ? d : 1];
    for (size_t p = 0; p < paths; p++) {
        for (size_t a = 0; a < d; a++)
            normal[a] = rg_rng_normal(rng);
        for (size_t a = d; a-- > 0;) { /* lower-triangular product in place, last row first */
            double v = 0;
            for (size_t k = 0; k <= a; k++)
                v += g->normal_cholesky[a * d + k] * normal[k];
            normal[a] = v;
        }
        for (size_t a = 0; a < d; a++) {
            const rg_garch_asset *q = &g->asset[a];
            double *variance = &sigma2[p * d + a], *e = &shock[p * d + a];
            *variance = rg_garch_next_variance(q, *variance, *e);
            *e = sqrt(*variance) * normal[a] * rg_student_scale(q->nu, rng);
            r[p * d + a] = q->mu + *e;
        }
    }
}

void rg_garch_write(const rg_garch *g, rg_writer *w)
{
    for (size_t a = 0; a < g->assets; a++) {
        const rg_garch_asset *p = &g->asset[a];
        double values[7] = {p->mu, p->omega, p->alpha, p->beta, p->nu, p->initial_variance, p->log_likelihood};
        for (int k = 0; k < 7; k++)
            rg_write_f64(w, values[k]);
    }
    for (size_t i = 0; i < g->assets * g->assets; i++)
        rg_write_f64(w, g->correlation[i]);
}

riskgan_status rg_garch_read(rg_garch *g, rg_reader *r, size_t assets)
{
    memset(g, 0, sizeof *g);
    g->assets = assets;
    if (!(g->asset = rg_calloc(assets, sizeof *g->asset)) ||
        !(g->correlation = rg_calloc(assets * assets, sizeof *g->correlation)) ||
        !(g->normal_cholesky = rg_calloc(assets * assets, sizeof *g->normal_cholesky))) {
        rg_garch_free(g);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t a = 0; a < assets; a++) {
        rg_garch_asset *p = &g->asset[a];
        p->mu = rg_read_f64(r), p->omega = rg_read_f64(r), p->alpha = rg_read_f64(r), p->beta = rg_read_f64(r);
        p->nu = rg_read_f64(r), p->initial_variance = rg_read_f64(r), p->log_likelihood = rg_read_f64(r);
        /* daily log returns: a mean beyond 1 or a variance beyond 1 is no market (and overflows) */
        if (!r->failure && !(fabs(p->mu) < 1 && p->omega > 0 && p->omega <= 1 && p->alpha >= 0 && p->beta >= 0 &&
                             p->alpha + p->beta < 1 && p->nu > 2 && p->nu <= 1000 && p->initial_variance > 0 &&
                             p->initial_variance <= 1))
            r->failure = "GARCH parameters out of range";
    }
    for (size_t i = 0; i < assets * assets; i++) {
        g->correlation[i] = rg_read_f64(r);
        if (!r->failure && !(fabs(g->correlation[i]) <= 1))
            r->failure = "a correlation outside [-1, 1]";
    }
    if (r->failure) {
        rg_garch_free(g);
        return rg_fail(RISKGAN_ERR_FORMAT, "%s", r->failure);
    }
    normal_correlation(g);
    return RISKGAN_OK;
}
