/* market_gan.c — training and rolling forward the market scenario GAN (market_gan.h). */
#include "market_gan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/compare.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../learn/metrics.h"
#include "stylized_facts.h"

static const double u_limit = 6; /* Gaussianized training targets are clipped here */
enum { BURN_IN = 20 };           /* days the variance filter runs before targets are taken */
enum { CALIBRATION_BATCHES = 256 }; /* generated batches the calibration is measured on */

void rg_market_gan_options_default(rg_market_gan_options *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 1000;
    o->batch = 128;
    o->hidden = 0; /* chosen from the number of assets */
    o->learning_rate = 2e-4;
}

double rg_lambert_delta_for_kurtosis(double kurtosis)
{
    double low = 0, high = 0.24;
    if (!(kurtosis > 3))
        return 0;
    for (int i = 0; i < 60; i++) {
        double delta = (low + high) / 2, k = 3 * pow(1 - 2 * delta, 3) / pow(1 - 4 * delta, 2.5);
        if (k < kurtosis)
            low = delta;
        else
            high = delta;
    }
    return (low + high) / 2;
}

/* Principal branch of Lambert's W for z >= 0 (Halley's iteration). */
static double lambert_w(double z)
{
    double w = log1p(z);
    for (int i = 0; i < 30; i++) {
        double e = exp(w), f = w * e - z, step = f / (e * (w + 1) - (w + 2) * f / (2 * w + 2));
        w -= step;
        if (fabs(step) < 1e-14 * (1 + fabs(w)))
            break;
    }
    return w;
}

double rg_lambert_gaussianize(double y, double delta)
{
    if (delta <= 0)
        return y;
    double u = sqrt(lambert_w(delta * y * y) / delta);
    return y < 0 ? -u : u;
}

void rg_market_gan_free(rg_market_gan *gan)
{
    free(gan->mean), free(gan->scale), free(gan->delta), free(gan->garch), free(gan->variance_low);
    free(gan->variance_high), free(gan->u_bound), free(gan->shift), free(gan->mix), free(gan->knots_generated);
    free(gan->knots_target);
    rg_mlp_free(&gan->generator);
    memset(gan, 0, sizeof *gan);
}

static riskgan_status allocate(rg_market_gan *gan, size_t d)
{
    gan->assets = d;
    if (!(gan->mean = rg_calloc(d, sizeof *gan->mean)) || !(gan->scale = rg_calloc(d, sizeof *gan->scale)) ||
        !(gan->delta = rg_calloc(d, sizeof *gan->delta)) || !(gan->garch = rg_calloc(d, sizeof *gan->garch)) ||
        !(gan->variance_low = rg_calloc(d, sizeof *gan->variance_low)) ||
        !(gan->variance_high = rg_calloc(d, sizeof *gan->variance_high)) ||
        !(gan->u_bound = rg_calloc(d, sizeof *gan->u_bound)) || !(gan->shift = rg_calloc(d, sizeof *gan->shift)) ||
        !(gan->mix = rg_calloc(d * d, sizeof *gan->mix)) ||
        !(gan->knots_generated = rg_calloc(d * RG_MARKET_KNOTS, sizeof *gan->knots_generated)) ||
        !(gan->knots_target = rg_calloc(d * RG_MARKET_KNOTS, sizeof *gan->knots_target)))
        return RISKGAN_ERR_NO_MEMORY;
    return RISKGAN_OK;
}

void rg_market_gan_state_start(const rg_market_gan *gan, double *state)
{
    for (size_t a = 0; a < gan->assets; a++)
        state[a] = gan->garch[a].omega / (1 - rg_garch_persistence(&gan->garch[a]));
}

/* h of the next day after standardized return x. */
static double next_variance(const rg_garch_asset *g, double h, double x)
{
    return rg_garch_next_variance(g, h, x - g->mu);
}

/* h after a day with standardized return x, kept within [low / 2, 2 high] of the training range */
static double bounded_next_variance(const rg_market_gan *gan, size_t a, double h, double x)
{
    return fmax(gan->variance_low[a] / 2, fmin(2 * gan->variance_high[a], next_variance(&gan->garch[a], h, x)));
}

void rg_market_gan_advance(const rg_market_gan *gan, double *state, const double *r)
{
    for (size_t a = 0; a < gan->assets; a++)
        state[a] = bounded_next_variance(gan, a, state[a], (r[a] - gan->mean[a]) / gan->scale[a]);
}

riskgan_status rg_market_gan_scratch_init(rg_market_gan_scratch *s, const rg_market_gan *gan, int capacity)
{
    memset(s, 0, sizeof *s);
    s->capacity = capacity;
    if (!(s->input = rg_calloc((size_t)capacity * gan->noise, sizeof *s->input)))
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_mlp_trace_init(&s->trace, &gan->generator, capacity);
    if (status != RISKGAN_OK)
        rg_market_gan_scratch_free(s);
    return status;
}

void rg_market_gan_scratch_free(rg_market_gan_scratch *s)
{
    free(s->input);
    rg_mlp_trace_free(&s->trace);
    memset(s, 0, sizeof *s);
}

/* The monotone map of asset a's calibrated output onto the training u's distribution:
 * piecewise linear between matching quantiles, slope 1 beyond the outer ones. */
static double quantile_map(const rg_market_gan *gan, size_t a, double u)
{
    const double *g = gan->knots_generated + a * RG_MARKET_KNOTS, *t = gan->knots_target + a * RG_MARKET_KNOTS;
    if (u <= g[0])
        return t[0] + (u - g[0]);
    if (u >= g[RG_MARKET_KNOTS - 1])
        return t[RG_MARKET_KNOTS - 1] + (u - g[RG_MARKET_KNOTS - 1]);
    size_t low = 0, high = RG_MARKET_KNOTS - 1; /* g[low] <= u < g[high] */
    while (high - low > 1) {
        size_t middle = (low + high) / 2;
        if (g[middle] <= u)
            low = middle;
        else
            high = middle;
    }
    double span = g[high] - g[low];
    return span > 0 ? t[low] + (t[high] - t[low]) * (u - g[low]) / span : t[low];
}

/* The calibrated u of asset a from one row of generator outputs: shift + mix row (mix is
 * lower triangular). */
static double affine(const rg_market_gan *gan, size_t a, const float *row)
{
    double u = gan->shift[a];
    for (size_t b = 0; b <= a; b++)
        u += gan->mix[a * gan->assets + b] * row[b];
    return u;
}

/* y = u exp(delta u^2 / 2): the Lambert W x Gaussian tail of asset a. */
static double heavy_tail(const rg_market_gan *gan, size_t a, double u)
{
    return u * exp(gan->delta[a] * u * u / 2);
}

/* The standardized innovation y of asset a from one row of generator outputs: the affine and
 * quantile maps, the bound on |u|, the heavy tail. */
static double innovation(const rg_market_gan *gan, size_t a, const float *row)
{
    double u = fmax(-gan->u_bound[a], fmin(gan->u_bound[a], quantile_map(gan, a, affine(gan, a, row))));
    return heavy_tail(gan, a, u);
}

void rg_market_gan_step(const rg_market_gan *gan, size_t paths, double *state, double *r, rg_market_gan_scratch *s,
                        rg_rng *rng)
{
    size_t d = gan->assets;
    rg_rng_fill_normal(rng, s->input, paths * (size_t)gan->noise);
    const float *out = rg_mlp_forward(&gan->generator, s->input, (int)paths, &s->trace);
    for (size_t p = 0; p < paths; p++) {
        double *h = state + p * d;
        for (size_t a = 0; a < d; a++) {
            double x = gan->garch[a].mu + innovation(gan, a, out + p * d) * sqrt(h[a]);
            r[p * d + a] = gan->mean[a] + gan->scale[a] * x;
            h[a] = bounded_next_variance(gan, a, h[a], x);
        }
    }
}

/* Standardization, the GARCH filter, Lambert W and the targets u (n x assets) of days
 * BURN_IN.. of the history. */
static riskgan_status prepare_targets(rg_market_gan *gan, const double *returns, size_t days, float *targets)
{
    size_t d = gan->assets, n = days - BURN_IN;
    double *x = rg_calloc(days, sizeof *x), *y = rg_calloc(n, sizeof *y);
    riskgan_status status = x && y ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t a = 0; status == RISKGAN_OK && a < d; a++) {
        double mean = 0, square = 0, kurtosis;
        for (size_t t = 0; t < days; t++)
            mean += returns[t * d + a] / days;
        for (size_t t = 0; t < days; t++)
            square += (returns[t * d + a] - mean) * (returns[t * d + a] - mean);
        gan->mean[a] = mean;
        gan->scale[a] = square > 0 ? sqrt(square / (days - 1)) : 1;
        for (size_t t = 0; t < days; t++)
            x[t] = (returns[t * d + a] - mean) / gan->scale[a];
        if ((status = rg_garch_fit_asset(x, days, 1, 1, &gan->garch[a])) != RISKGAN_OK)
            break;
        double h = gan->garch[a].initial_variance;
        for (size_t t = 0; t < days; t++) {
            if (t >= BURN_IN) {
                y[t - BURN_IN] = (x[t] - gan->garch[a].mu) / sqrt(h);
                gan->variance_low[a] = t == BURN_IN ? h : fmin(gan->variance_low[a], h);
                gan->variance_high[a] = t == BURN_IN ? h : fmax(gan->variance_high[a], h);
            }
            h = next_variance(&gan->garch[a], h, x[t]);
        }
        rg_moments(y, n, NULL, NULL, NULL, &kurtosis);
        gan->delta[a] = rg_lambert_delta_for_kurtosis(kurtosis + 3);
        for (size_t t = 0; t < n; t++) {
            targets[t * d + a] = (float)fmax(-u_limit, fmin(u_limit, rg_lambert_gaussianize(y[t], gan->delta[a])));
            gan->u_bound[a] = fmax(gan->u_bound[a], fabs(targets[t * d + a]));
        }
    }
    free(x), free(y);
    return status;
}

typedef struct {
    rg_mlp critic;
    rg_mlp_trace generator_trace, critic_trace;
    float *noise, *critic_gradient, *output_gradient, *fake, *real;
} trainer;

static void trainer_free(trainer *t)
{
    rg_mlp_free(&t->critic);
    rg_mlp_trace_free(&t->generator_trace);
    rg_mlp_trace_free(&t->critic_trace);
    free(t->noise), free(t->critic_gradient), free(t->output_gradient), free(t->fake), free(t->real);
}

static double softplus(double v)
{
    return v > 30 ? v : log1p(exp(v));
}

static double sigmoid(double v)
{
    return 1 / (1 + exp(-v));
}

static const float *generate(trainer *t, const rg_market_gan *gan, int rows, rg_rng *rng)
{
    rg_rng_fill_normal(rng, t->noise, (size_t)rows * gan->noise);
    return rg_mlp_forward(&gan->generator, t->noise, rows, &t->generator_trace);
}

/* Knots of the per-asset quantile map: the affinely calibrated generated values and the
 * training targets at RG_MARKET_KNOTS probabilities from 0.5/n to 1 - 0.5/n. */
static riskgan_status match_quantiles(rg_market_gan *gan, const float *generated, size_t m, const float *targets, size_t n)
{
    size_t d = gan->assets;
    double *g = rg_calloc(m, sizeof *g), *t = rg_calloc(n, sizeof *t);
    if (!g || !t) {
        free(g), free(t);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t a = 0; a < d; a++) {
        for (size_t i = 0; i < m; i++)
            g[i] = affine(gan, a, generated + i * d);
        for (size_t i = 0; i < n; i++)
            t[i] = targets[i * d + a];
        qsort(g, m, sizeof *g, rg_compare_doubles);
        qsort(t, n, sizeof *t, rg_compare_doubles);
        double low = 0.5 / n;
        for (int k = 0; k < RG_MARKET_KNOTS; k++) {
            double p = low + (1 - 2 * low) * k / (RG_MARKET_KNOTS - 1);
            gan->knots_generated[a * RG_MARKET_KNOTS + k] = rg_sorted_quantile(g, m, p);
            gan->knots_target[a * RG_MARKET_KNOTS + k] = rg_sorted_quantile(t, n, p);
        }
    }
    free(g), free(t);
    return RISKGAN_OK;
}

/* Mean and covariance (both triangles) of rows x d values. */
static void moments_of(const float *x, size_t rows, size_t d, double *mean, double *cov)
{
    memset(mean, 0, d * sizeof *mean);
    memset(cov, 0, d * d * sizeof *cov);
    for (size_t i = 0; i < rows; i++)
        for (size_t a = 0; a < d; a++)
            mean[a] += x[i * d + a] / (double)rows;
    for (size_t i = 0; i < rows; i++)
        for (size_t a = 0; a < d; a++)
            for (size_t b = 0; b <= a; b++)
                cov[a * d + b] += (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]) / (double)(rows - 1);
    for (size_t a = 0; a < d; a++)
        for (size_t b = a + 1; b < d; b++)
            cov[a * d + b] = cov[b * d + a];
}

/* shift and mix = L_target L_generated^-1 (Cholesky factors, lower triangular) taking the
 * generator's mean and covariance to the target ones; 0 (nothing set) when either
 * covariance is not positive definite. scratch: 3 d^2 doubles. */
static int set_affine(rg_market_gan *gan, const double *mean_g, const double *cov_g, const double *mean_t,
                      const double *cov_t, double *scratch)
{
    size_t d = gan->assets;
    double *lg = scratch, *lt = scratch + d * d, *inverse = scratch + 2 * d * d;
    memcpy(lg, cov_g, d * d * sizeof *lg);
    memcpy(lt, cov_t, d * d * sizeof *lt);
    if (!rg_cholesky(lg, d) || !rg_cholesky(lt, d))
        return 0;
    memset(inverse, 0, d * d * sizeof *inverse);
    for (size_t c = 0; c < d; c++) /* L_g^-1, column by column */
        for (size_t a = c; a < d; a++) {
            double v = a == c ? 1 : 0;
            for (size_t b = c; b < a; b++)
                v -= lg[a * d + b] * inverse[b * d + c];
            inverse[a * d + c] = v / lg[a * d + a];
        }
    for (size_t a = 0; a < d; a++) {
        for (size_t c = 0; c < d; c++) {
            double v = 0;
            for (size_t b = 0; b < d; b++)
                v += lt[a * d + b] * inverse[b * d + c];
            gan->mix[a * d + c] = v;
        }
        gan->shift[a] = mean_t[a];
        for (size_t c = 0; c < d; c++)
            gan->shift[a] -= gan->mix[a * d + c] * mean_g[c];
    }
    return 1;
}

/* Correlation matrix of y = u exp(delta u^2 / 2) over rows: u the targets, or (generated) the
 * calibrated generator outputs. y: rows x d scratch. */
static void y_correlation(const rg_market_gan *gan, const float *x, size_t rows, int generated, double *y, double *corr)
{
    size_t d = gan->assets;
    for (size_t i = 0; i < rows; i++)
        for (size_t a = 0; a < d; a++)
            y[i * d + a] = generated ? innovation(gan, a, x + i * d) : heavy_tail(gan, a, x[i * d + a]);
    rg_return_set set = {1, rows, d, y};
    rg_cross_correlation(&set, RG_SERIES_RETURN, corr);
}

/* Calibration, measured on CALIBRATION_BATCHES batches of generated vectors: the affine map
 * matching the training u's mean and covariance (a small bias of the generator would
 * otherwise compound, day after day, into a drift), then the per-asset quantile maps. The
 * Lambert transform after them bends correlations, so three rounds move the covariance
 * the affine map aims at until the generated y's correlations are the training y's. */
static riskgan_status calibrate(rg_market_gan *gan, trainer *t, const float *targets, size_t n, int batch, rg_rng *rng)
{
    size_t d = gan->assets, m = (size_t)batch * CALIBRATION_BATCHES;
    double *mean_g = rg_calloc(d, sizeof *mean_g), *mean_t = rg_calloc(d, sizeof *mean_t);
    double *cov_g = rg_calloc(d * d, sizeof *cov_g), *cov_t = rg_calloc(d * d, sizeof *cov_t);
    double *aim = rg_calloc(d * d, sizeof *aim), *scratch = rg_calloc(3 * d * d, sizeof *scratch);
    double *corr_g = rg_calloc(d * d, sizeof *corr_g), *corr_t = rg_calloc(d * d, sizeof *corr_t);
    double *y = rg_calloc((m > n ? m : n) * d, sizeof *y);
    float *generated = rg_calloc(m * d, sizeof *generated);
    riskgan_status status = mean_g && mean_t && cov_g && cov_t && aim && scratch && corr_g && corr_t && y && generated
                                ? RISKGAN_OK
                                : RISKGAN_ERR_NO_MEMORY;
    for (int k = 0; status == RISKGAN_OK && k < CALIBRATION_BATCHES; k++)
        memcpy(generated + (size_t)k * batch * d, generate(t, gan, batch, rng), (size_t)batch * d * sizeof(float));
    if (status == RISKGAN_OK) {
        moments_of(generated, m, d, mean_g, cov_g);
        moments_of(targets, n, d, mean_t, cov_t);
        memcpy(aim, cov_t, d * d * sizeof *aim);
        for (size_t a = 0; a < d; a++) /* identity until a factorization succeeds */
            for (size_t c = 0; c < d; c++)
                gan->mix[a * d + c] = a == c, gan->shift[a] = 0;
        y_correlation(gan, targets, n, 0, y, corr_t);
    }
    for (int round = 0; status == RISKGAN_OK && round < 3; round++) {
        if (!set_affine(gan, mean_g, cov_g, mean_t, aim, scratch)) { /* keep the previous round's maps */
            if (round == 0)
                status = match_quantiles(gan, generated, m, targets, n);
            break;
        }
        if ((status = match_quantiles(gan, generated, m, targets, n)) != RISKGAN_OK || round == 2)
            break;
        y_correlation(gan, generated, m, 1, y, corr_g);
        for (size_t a = 0; a < d; a++)
            for (size_t b = 0; b < d; b++)
                if (a != b)
                    aim[a * d + b] += (corr_t[a * d + b] - corr_g[a * d + b]) * sqrt(aim[a * d + a] * aim[b * d + b]);
    }
    free(mean_g), free(mean_t), free(cov_g), free(cov_t), free(aim), free(scratch), free(corr_g), free(corr_t), free(y);
    free(generated);
    return status;
}

riskgan_status rg_market_gan_fit(const double *returns, size_t days, size_t assets, const rg_market_gan_options *o,
                                 rg_rng *rng, rg_market_gan *gan)
{
    memset(gan, 0, sizeof *gan);
    if (days < 100)
        return rg_fail(RISKGAN_ERR_SCHEMA, "the GAN needs at least 100 days of returns (%zu given)", days);
    size_t n = days - BURN_IN, d = assets;
    int batch = o->batch > (int)n ? (int)n : o->batch;
    int hidden = o->hidden > 0 ? o->hidden : (int)(4 * d < 64 ? 64 : 4 * d > 256 ? 256 : 4 * d);
    gan->noise = (int)(d < 8 ? 8 : d);
    trainer t = {0};
    float *targets = rg_calloc(n * d, sizeof *targets);
    uint32_t *order = rg_calloc(n, sizeof *order);
    riskgan_status status = targets && order ? allocate(gan, d) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = prepare_targets(gan, returns, days, targets);
    int g_dims[4] = {gan->noise, hidden, hidden, (int)d}, c_dims[4] = {(int)d, hidden, hidden, 1};
    if (status == RISKGAN_OK)
        status = rg_mlp_init(&gan->generator, 3, g_dims, RG_ACTIVATION_LEAKY_RELU, rng);
    if (status == RISKGAN_OK)
        status = rg_mlp_init(&t.critic, 3, c_dims, RG_ACTIVATION_LEAKY_RELU, rng);
    if (status == RISKGAN_OK)
        status = rg_mlp_trace_init(&t.generator_trace, &gan->generator, batch * 16);
    if (status == RISKGAN_OK)
        status = rg_mlp_trace_init(&t.critic_trace, &t.critic, batch);
    if (status == RISKGAN_OK && (!(t.noise = rg_calloc((size_t)batch * 16 * gan->noise, sizeof(float))) ||
                                 !(t.critic_gradient = rg_calloc((size_t)batch, sizeof(float))) ||
                                 !(t.output_gradient = rg_calloc((size_t)batch * d, sizeof(float))) ||
                                 !(t.fake = rg_calloc((size_t)batch * d, sizeof(float))) ||
                                 !(t.real = rg_calloc((size_t)batch * d, sizeof(float)))))
        status = RISKGAN_ERR_NO_MEMORY;
    rg_adam_options adam = {(float)o->learning_rate, 0.5f, 0.999f, 1e-8f, 0};
    for (uint32_t i = 0; order && i < n; i++)
        order[i] = i;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    size_t steps = n / (size_t)batch;
    for (int epoch = 1; status == RISKGAN_OK && epoch <= o->epochs; epoch++) {
        rg_rng_shuffle(rng, order, (uint32_t)n);
        double critic_loss = 0, generator_loss = 0;
        for (size_t step = 0; step < steps; step++) {
            for (int i = 0; i < batch; i++)
                memcpy(t.real + i * d, targets + (size_t)order[step * batch + i] * d, d * sizeof(float));
            memcpy(t.fake, generate(&t, gan, batch, rng), (size_t)batch * d * sizeof(float));
            rg_mlp_zero_gradients(&t.critic); /* critic: real vectors 1, generated 0 */
            for (int side = 0; side < 2; side++) {
                const float *in = side ? t.fake : t.real, *logit = rg_mlp_forward(&t.critic, in, batch, &t.critic_trace);
                for (int i = 0; i < batch; i++) {
                    critic_loss += (side ? softplus(logit[i]) : softplus(-logit[i])) / batch / steps;
                    t.critic_gradient[i] = (float)((side ? sigmoid(logit[i]) : sigmoid(logit[i]) - 1) / batch);
                }
                rg_mlp_backward(&t.critic, in, t.critic_gradient, batch, &t.critic_trace, NULL);
            }
            rg_mlp_adam_step(&t.critic, &adam);
            const float *fake = generate(&t, gan, batch, rng); /* generator: softplus(-D(G(z))) */
            const float *logit = rg_mlp_forward(&t.critic, fake, batch, &t.critic_trace);
            for (int i = 0; i < batch; i++) {
                generator_loss += softplus(-logit[i]) / batch / steps;
                t.critic_gradient[i] = (float)((sigmoid(logit[i]) - 1) / batch);
            }
            rg_mlp_zero_gradients(&t.critic);
            rg_mlp_backward(&t.critic, fake, t.critic_gradient, batch, &t.critic_trace, t.output_gradient);
            rg_mlp_zero_gradients(&gan->generator);
            rg_mlp_backward(&gan->generator, t.noise, t.output_gradient, batch, &t.generator_trace, NULL);
            rg_mlp_adam_step(&gan->generator, &adam);
        }
        if (!isfinite(critic_loss) || !isfinite(generator_loss)) {
            status = rg_fail(RISKGAN_ERR_NUMERIC, "market GAN training diverged at epoch %d (loss of the %s is not finite)",
                             epoch, isfinite(critic_loss) ? "generator" : "critic");
            break;
        }
        if (o->stop && *o->stop) {
            status = rg_fail(RISKGAN_ERR_INTERRUPTED, "training stopped at epoch %d", epoch);
            break;
        }
        if (o->progress) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            double elapsed = (double)(now.tv_sec - start.tv_sec) + 1e-9 * (double)(now.tv_nsec - start.tv_nsec);
            riskgan_progress p = {epoch, o->epochs, generator_loss, critic_loss,
                                  (double)steps * batch * epoch / (elapsed > 0 ? elapsed : 1e-9), elapsed,
                                  elapsed / epoch * (o->epochs - epoch), NAN};
            o->progress(&p, o->progress_user);
        }
    }
    if (status == RISKGAN_OK)
        status = calibrate(gan, &t, targets, n, batch, rng);
    free(targets), free(order);
    trainer_free(&t);
    if (status != RISKGAN_OK)
        rg_market_gan_free(gan);
    return status;
}

void rg_market_gan_write(const rg_market_gan *gan, rg_writer *w)
{
    size_t d = gan->assets;
    for (size_t a = 0; a < d; a++) {
        const rg_garch_asset *g = &gan->garch[a];
        double values[12] = {gan->mean[a], gan->scale[a], gan->delta[a], g->mu, g->omega, g->alpha, g->gamma, g->beta,
                             gan->variance_low[a], gan->variance_high[a], gan->u_bound[a], gan->shift[a]};
        for (int k = 0; k < 12; k++)
            rg_write_f64(w, values[k]);
    }
    for (size_t i = 0; i < d * d; i++)
        rg_write_f64(w, gan->mix[i]);
    for (size_t i = 0; i < d * RG_MARKET_KNOTS; i++) {
        rg_write_f64(w, gan->knots_generated[i]);
        rg_write_f64(w, gan->knots_target[i]);
    }
    rg_write_u32(w, (uint32_t)gan->noise);
    rg_mlp_write(&gan->generator, w);
}

riskgan_status rg_market_gan_read(rg_market_gan *gan, rg_reader *r, size_t d)
{
    memset(gan, 0, sizeof *gan);
    riskgan_status status = allocate(gan, d);
    for (size_t a = 0; status == RISKGAN_OK && a < d; a++) {
        rg_garch_asset *g = &gan->garch[a];
        gan->mean[a] = rg_read_f64(r), gan->scale[a] = rg_read_f64(r), gan->delta[a] = rg_read_f64(r);
        g->mu = rg_read_f64(r), g->omega = rg_read_f64(r), g->alpha = rg_read_f64(r), g->gamma = rg_read_f64(r);
        g->beta = rg_read_f64(r);
        gan->variance_low[a] = rg_read_f64(r), gan->variance_high[a] = rg_read_f64(r), gan->u_bound[a] = rg_read_f64(r);
        gan->shift[a] = rg_read_f64(r);
        if (!r->failure &&
            !(isfinite(gan->mean[a]) && gan->scale[a] > 0 && gan->scale[a] < 1e6 && gan->delta[a] >= 0 &&
              gan->delta[a] < 0.25 && fabs(g->mu) < 100 && g->omega > 0 && g->alpha >= 0 && g->beta >= 0 &&
              g->gamma >= 0 && rg_garch_persistence(g) < 1 && g->omega < 1e6 && gan->scale[a] > 1e-12 && gan->variance_low[a] > 0 && gan->variance_high[a] >= gan->variance_low[a] &&
              gan->variance_high[a] < 1e6 && gan->u_bound[a] > 0 && gan->u_bound[a] <= u_limit && fabs(gan->shift[a]) < 1e3))
            status = rg_fail(RISKGAN_ERR_FORMAT, "GAN parameters of asset %zu out of range", a + 1);
    }
    for (size_t i = 0; status == RISKGAN_OK && i < d * d; i++)
        if (!isfinite(gan->mix[i] = rg_read_f64(r)) || fabs(gan->mix[i]) > 1e3)
            status = rg_fail(RISKGAN_ERR_FORMAT, "GAN calibration out of range");
    for (size_t i = 0; status == RISKGAN_OK && i < d * RG_MARKET_KNOTS; i++) {
        gan->knots_generated[i] = rg_read_f64(r), gan->knots_target[i] = rg_read_f64(r);
        int first = i % RG_MARKET_KNOTS == 0;
        if (!r->failure && !(fabs(gan->knots_generated[i]) < 1e3 && fabs(gan->knots_target[i]) < 1e3 &&
                             (first || (gan->knots_generated[i] >= gan->knots_generated[i - 1] &&
                                        gan->knots_target[i] >= gan->knots_target[i - 1]))))
            status = rg_fail(RISKGAN_ERR_FORMAT, "GAN quantile map not increasing");
    }
    uint32_t noise = rg_read_u32(r);
    if (status == RISKGAN_OK && !r->failure && (noise < 1 || noise > 4096))
        status = rg_fail(RISKGAN_ERR_FORMAT, "GAN noise width %u out of range", noise);
    gan->noise = (int)noise;
    if (status == RISKGAN_OK && !r->failure)
        status = rg_mlp_read(&gan->generator, r, gan->noise);
    if (status == RISKGAN_OK && gan->generator.dim[gan->generator.layers] != (int)d)
        status = rg_fail(RISKGAN_ERR_FORMAT, "the generator has %d outputs for %zu assets",
                         gan->generator.dim[gan->generator.layers], d);
    if (status == RISKGAN_OK && r->failure)
        status = rg_fail(RISKGAN_ERR_FORMAT, "%s", r->failure);
    if (status != RISKGAN_OK)
        rg_market_gan_free(gan);
    return status;
}
