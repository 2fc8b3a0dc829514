/* market_gan.h — the market scenario GAN: every asset's next-day return drawn jointly, rolled
 * forward one day at a time for paths of any length (design, alternatives tried and their
 * measurements: docs/market.md).
 *
 * Per asset, returns are standardized (x = (r - mean) / scale) and filtered by a GARCH(1,1)
 * fitted to x: y = (x - mu) / sqrt(h), h known the day before. The heavy tails of y are
 * handled as in Quant GANs (Wiese et al. 2020): y = u exp(delta u^2 / 2), a Lambert W x
 * Gaussian with delta from y's kurtosis. A generator maps Gaussian noise to the vector u of
 * all assets at once, so it learns the innovations' joint shape: tails and the cross-asset
 * dependence; a critic tells generated from real vectors (logistic GAN loss). After training
 * an affine map matches the generated u's mean and covariance to the data's, and a monotone
 * map per asset its distribution (ranks, hence the learned dependence, unchanged). History enters
 * through h, which keeps paths' volatility clustered and mean-reverting. */
#ifndef RISKGAN_MARKET_MARKET_GAN_H
#define RISKGAN_MARKET_MARKET_GAN_H

#include <stddef.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../nn/mlp.h"
#include "garch.h"
#include "riskgan.h"

enum { RG_MARKET_KNOTS = 201 };

typedef struct {
    size_t assets;
    double *mean, *scale, *delta;  /* per asset: standardization, Lambert W tail parameter */
    rg_garch_asset *garch;         /* per asset: the variance filter of x (mu, omega, alpha, beta) */
    double *variance_low, *variance_high; /* per asset: range of h over the training days */
    double *u_bound;               /* per asset: generated |u| stays within the largest training |u| */
    double *shift, *mix;           /* calibration: u = shift + mix (assets x assets) * generator output, */
    double *knots_generated, *knots_target; /* then per asset a monotone quantile map (assets x RG_MARKET_KNOTS) */
    int noise;                     /* noise inputs of the generator */
    rg_mlp generator;              /* noise -> assets */
} rg_market_gan;

typedef struct {
    int epochs, batch, hidden;
    double learning_rate;
    riskgan_progress_fn progress;
    void *progress_user;
    volatile int *stop;
} rg_market_gan_options;

void rg_market_gan_options_default(rg_market_gan_options *options);
/* Trains on days x assets returns with the rng. */
riskgan_status rg_market_gan_fit(const double *returns, size_t days, size_t assets, const rg_market_gan_options *options,
                                 rg_rng *rng, rg_market_gan *gan);
void rg_market_gan_free(rg_market_gan *gan);
/* A path's state is h per asset. The state before any history: the unconditional variances. */
void rg_market_gan_state_start(const rg_market_gan *gan, double *state);
/* Moves one state past one more history day r (assets returns). */
void rg_market_gan_advance(const rg_market_gan *gan, double *state, const double *r);
/* Buffers of one step for up to `capacity` paths. */
typedef struct {
    int capacity;
    float *input;
    rg_mlp_trace trace;
} rg_market_gan_scratch;
riskgan_status rg_market_gan_scratch_init(rg_market_gan_scratch *s, const rg_market_gan *gan, int capacity);
void rg_market_gan_scratch_free(rg_market_gan_scratch *s);
/* One day for `paths` (<= capacity) paths: state (paths x assets) moves forward, r (paths x
 * assets) receives the returns. */
void rg_market_gan_step(const rg_market_gan *gan, size_t paths, double *state, double *r, rg_market_gan_scratch *s,
                        rg_rng *rng);
void rg_market_gan_write(const rg_market_gan *gan, rg_writer *w);
riskgan_status rg_market_gan_read(rg_market_gan *gan, rg_reader *r, size_t assets);
/* Lambert W x Gaussian: the delta whose y = u exp(delta u^2/2), u ~ N(0,1), has kurtosis
 * `kurtosis` (0 for kurtosis <= 3; at most 0.24), and the inverse map y -> u. */
double rg_lambert_delta_for_kurtosis(double kurtosis);
double rg_lambert_gaussianize(double y, double delta);

#endif
