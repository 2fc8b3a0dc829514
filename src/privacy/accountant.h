/* accountant.h — Rényi differential privacy accounting (Mironov 2017): the RDP of the
 * Gaussian mechanism and of the Poisson-subsampled Gaussian mechanism (Mironov, Talwar &
 * Zhang 2019), composition by adding RDP curves, conversion to (epsilon, delta), and the
 * noise a budget allows. A curve is the RDP at the fixed orders rg_rdp_orders(). */
#ifndef RISKGAN_PRIVACY_ACCOUNTANT_H
#define RISKGAN_PRIVACY_ACCOUNTANT_H

#include <stddef.h>

/* The orders every curve is evaluated at (1.1 ... 10.9 in steps of 0.2, then 11 ... 64,
 * then 80, 96, 128, 256, 512); *count receives how many. */
const double *rg_rdp_orders(size_t *count);

/* RDP at order alpha > 1 of one step of the Gaussian mechanism with noise multiplier
 * sigma (noise sd / L2 sensitivity), applied to a Poisson sample of rate q in [0, 1]:
 * log(A_alpha) / (alpha - 1). Integer orders: the exact binomial sum; fractional orders:
 * the two-sided series of Mironov, Talwar & Zhang (2019), section 3.3. */
double rg_rdp_subsampled_gaussian(double q, double sigma, double alpha);

/* An RDP curve (one value per order), built by adding mechanisms to it. */
typedef struct {
    double rdp[128];
    size_t orders;
} rg_rdp_curve;

void rg_rdp_curve_init(rg_rdp_curve *curve);
/* `steps` compositions of the subsampled Gaussian mechanism (q = 1: no subsampling). */
void rg_rdp_curve_add_sgd(rg_rdp_curve *curve, double q, double sigma, double steps);
/* A Gaussian mechanism whose zero-concentrated DP is rho = sensitivity^2 / (2 sigma^2):
 * RDP alpha * rho at every order. */
void rg_rdp_curve_add_zcdp(rg_rdp_curve *curve, double rho);

/* The smallest epsilon over the orders for the given delta, by the conversion of
 * Balle et al. (2020, Prop. 12) / Canonne, Kamath & Steinke (2020):
 *   eps = rdp + log((alpha-1)/alpha) - (log(delta) + log(alpha)) / (alpha - 1);
 * *best_order (may be NULL) receives the order that achieved it. */
double rg_rdp_epsilon(const rg_rdp_curve *curve, double delta, double *best_order);
/* The same with Mironov's original conversion eps = rdp + log(1/delta) / (alpha - 1),
 * over the orders alpha given (the one published accountant tests use). */
double rg_rdp_epsilon_classic(const double *orders, const double *rdp, size_t count, double delta,
                              double *best_order);

/* zCDP rho that a single Gaussian release may spend so that, alone, it meets (eps, delta):
 * the largest rho with rho + 2 sqrt(rho log(1/delta)) <= eps (Bun & Steinke 2016). */
double rg_zcdp_rho_for(double epsilon, double delta);

/* The smallest noise multiplier (to 0.1 %) such that `steps` steps of rate q, composed
 * with `base` (may be NULL), stay within (epsilon, delta); 0 when no noise multiplier up
 * to 10^4 does (the budget is too small for this many steps). */
double rg_rdp_noise_multiplier(double q, double steps, double epsilon, double delta, const rg_rdp_curve *base);

#endif
