/* garch.h — GARCH(1,1) with standardized Student-t innovations per asset, fitted by
 * maximum likelihood, and constant conditional correlation (CCC) across assets:
 *   r_t = mu + e_t,  e_t = sigma_t z_t,  sigma_t^2 = omega + alpha e_{t-1}^2 + beta sigma_{t-1}^2,
 *   z_t ~ t_nu scaled to unit variance, corr(z_t) = R (Bollerslev 1990). */
#ifndef RISKGAN_MARKET_GARCH_H
#define RISKGAN_MARKET_GARCH_H

#include <stddef.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "riskgan.h"

typedef struct {
    double mu, omega, alpha, beta, nu;
    double gamma;            /* asymmetry (GJR): extra weight of negative shocks; 0 in GARCH(1,1) */
    double initial_variance; /* sigma_1^2: the sample variance of the fitted series */
    double log_likelihood;
} rg_garch_asset;

typedef struct {
    size_t assets;
    rg_garch_asset *asset;
    double *correlation;     /* assets x assets, of the standardized residuals */
    double *normal_cholesky; /* lower Cholesky factor of the normal correlation that gives R after the t scaling */
} rg_garch;

/* Log-likelihood of returns r[0..n) (stride apart) under the parameters; sigma2 (n values,
 * may be NULL) receives each day's conditional variance. */
double rg_garch_log_likelihood(const rg_garch_asset *p, const double *r, size_t n, size_t stride, double *sigma2);
/* omega + (alpha + gamma [shock < 0]) shock^2 + beta variance: the next day's variance. */
double rg_garch_next_variance(const rg_garch_asset *p, double variance, double shock);
/* alpha + gamma / 2 + beta (below 1: the variance reverts to omega / (1 - persistence)). */
double rg_garch_persistence(const rg_garch_asset *p);
/* Maximum-likelihood fit of one asset (Nelder-Mead in an unconstrained parametrization:
 * omega > 0, alpha, beta >= 0, alpha + beta < 1, 2 < nu <= 200); asymmetric: GJR-GARCH,
 * also gamma >= 0 with alpha + gamma / 2 + beta < 1 (Glosten, Jagannathan & Runkle 1993). */
riskgan_status rg_garch_fit_asset(const double *r, size_t n, size_t stride, int asymmetric, rg_garch_asset *out);
/* Fits every asset of a days x assets panel and the CCC correlation. */
riskgan_status rg_garch_fit(const double *returns, size_t days, size_t assets, rg_garch *out);
void rg_garch_free(rg_garch *g);
/* One day for `paths` paths: sigma2 and shock (paths x assets) hold the previous day's
 * conditional variance and e; on return they hold today's, and r today's returns. */
void rg_garch_step(const rg_garch *g, size_t paths, double *sigma2, double *shock, double *r, rg_rng *rng);
/* Filters the history through the recursion: the state (sigma2, shock per asset) after
 * days[0..n). */
void rg_garch_filter(const rg_garch *g, const double *returns, size_t n, double *sigma2, double *shock);
/* Moves the state (sigma2, shock per asset) past one more history day r (assets values);
 * `seen`: history days before it. */
void rg_garch_advance(const rg_garch *g, size_t seen, double *sigma2, double *shock, const double *r);
/* In place: the lower Cholesky factor of the symmetric d x d matrix a (upper part zeroed);
 * 0 when a is not positive definite. */
int rg_cholesky(double *a, size_t d);
/* A unit-variance Student-t draw with nu degrees of freedom from a standard normal z. */
double rg_student_scale(double nu, rg_rng *rng);
void rg_garch_write(const rg_garch *g, rg_writer *w);
riskgan_status rg_garch_read(rg_garch *g, rg_reader *r, size_t assets);

#endif
