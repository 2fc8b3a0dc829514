/* ctgan_private.c — CTGAN trained with differentially private critic updates (DP-SGD,
 * Abadi et al. 2016), see docs/privacy.md.
 *
 * A critic step takes a Poisson sample of the training rows (each row independently with
 * probability q), computes each sampled row's own gradient of
 *     -D(x_i) + lambda (||grad_x D(xhat_i)|| - 1)^2,   xhat_i = a x_i + (1 - a) fake_i,
 * clips it to L2 norm C, sums, adds N(0, sigma^2 C^2) to every coordinate and divides by the
 * expected batch size q n. The generated rows' term, mean D(fake), is clipped per row the
 * same way (not for privacy: it does not depend on the training data, but an unclipped
 * fake side outweighs the clipped real side and drives every score down), without noise.
 * A training row changes one clipped term, so each step is
 * the subsampled Gaussian mechanism of accountant.h. Rows are processed as a batch: each
 * row's gradient norm follows from its layers' outer-product factors (dot products, no
 * per-row gradient is formed) and the clipped sum from one backward pass with every row's
 * output gradient scaled by its clip factor (the gradient is linear in it). Packing is
 * off (pac = 1): a pack mixes
 * rows, and a row's presence would move every pack after it. The generator never sees a
 * training row (post-processing); its conditions follow the noisy level frequencies. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "ctgan_trainer.h"
#include "ctgan_private.h"
#include "training.h"

static const float penalty_weight = 10.0f;

/* The encoded row with a conditional vector naming its own level of a random discrete column. */
static void conditioned_row(const rg_ctgan *m, const rg_transformer *t, const rg_condition_sampler *sampler,
                            const float *row, rg_rng *rng, float *x)
{
    int width = m->data_dim + m->condition_dim;
    memcpy(x, row, (size_t)m->data_dim * sizeof(float));
    memset(x + m->data_dim, 0, (size_t)(width - m->data_dim) * sizeof(float));
    if (!sampler->count)
        return;
    const rg_discrete_column *c = &sampler->column[rg_rng_below(rng, sampler->count)];
    const float *span = row + t->spans[c->span].start;
    size_t level = 0;
    for (size_t l = 1; l < c->levels; l++)
        if (span[l] > span[level])
            level = l;
    x[m->data_dim + c->condition_start + level] = 1;
}

static double dot(const float *a, const float *b, int n)
{
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += (double)a[i] * b[i];
    return sum;
}

void rg_private_critic_rows(const rg_ctgan *m, const float *x, const float *xhat, int rows, float sign,
                            double clip, rg_rng *rng, rg_private_critic_workspace *w, float *gradient)
{
    rg_discriminator_workspace *real = &w->real, *mixed = &w->interpolated;
    float dropout = rng ? rg_ctgan_dropout_rate : 0.0f;
    rg_streams streams = rng ? rg_one_stream(rng) : (rg_streams){NULL, 1, 1};
    int h = real->hidden, in = real->input_dim;
    rg_discriminator_forward(m->discriminator, real, x, rows, dropout, streams);
    for (int r = 0; r < rows; r++)
        w->d_out[r] = sign;
    rg_discriminator_backward(m->discriminator, NULL, real, x, w->d_out, rows, NULL);
    if (xhat) {
        rg_discriminator_forward(m->discriminator, mixed, xhat, rows, dropout, streams);
        rg_discriminator_penalty_terms(m->discriminator, mixed, rows, penalty_weight * rows);
    }
    /* each row's whole gradient norm: the plain term's outer products, the penalty's, their
     * cross terms, and the plain term's biases (the penalty has none) */
    for (int r = 0; r < rows; r++) {
        size_t oh = (size_t)r * h, oi = (size_t)r * in;
        double norm2 = dot(real->d_a1 + oh, real->d_a1 + oh, h) * (dot(x + oi, x + oi, in) + 1) +
                       dot(real->d_a2 + oh, real->d_a2 + oh, h) * (dot(real->h1 + oh, real->h1 + oh, h) + 1) + 1;
        if (xhat) {
            const float *u1 = real->d_a1 + oh, *u2 = mixed->g_a1 + oh, *v2 = mixed->big_g_x + oi;
            norm2 += dot(u2, u2, h) * dot(v2, v2, in) + 2 * dot(u1, u2, h) * dot(x + oi, v2, in);
            u1 = real->d_a2 + oh, u2 = mixed->g_a2 + oh, v2 = mixed->d_h1 + oh;
            norm2 += dot(u2, u2, h) * dot(v2, v2, h) + 2 * dot(u1, u2, h) * dot(real->h1 + oh, v2, h);
        }
        for (int k = 0; k < h; k++) {
            double w3 = sign * real->h2[oh + k] + (xhat ? mixed->d_a2[oh + k] : 0);
            norm2 += w3 * w3;
        }
        double norm = sqrt(norm2);
        w->scale[r] = norm > clip ? (float)(clip / norm) : 1.0f;
        w->d_out[r] = sign * w->scale[r];
    }
    rg_discriminator_backward(m->discriminator, gradient, real, x, w->d_out, rows, NULL);
    if (xhat)
        rg_discriminator_penalty_accumulate(gradient, mixed, rows, w->scale);
}

riskgan_status rg_private_critic_workspace_init(rg_private_critic_workspace *w, const rg_ctgan *m, int rows)
{
    memset(w, 0, sizeof *w);
    int width = m->data_dim + m->condition_dim;
    w->rows = rows;
    riskgan_status status = rg_discriminator_workspace_init(&w->real, rows, width, m->discriminator_hidden);
    if (status == RISKGAN_OK)
        status = rg_discriminator_workspace_init(&w->interpolated, rows, width, m->discriminator_hidden);
    if (status == RISKGAN_OK &&
        (!(w->x = rg_calloc((size_t)rows * width, sizeof(float))) ||
         !(w->xhat = rg_calloc((size_t)rows * width, sizeof(float))) ||
         !(w->d_out = rg_calloc((size_t)rows, sizeof(float))) || !(w->scale = rg_calloc((size_t)rows, sizeof(float)))))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status != RISKGAN_OK)
        rg_private_critic_workspace_free(w);
    return status;
}

void rg_private_critic_workspace_free(rg_private_critic_workspace *w)
{
    rg_discriminator_workspace_free(&w->real);
    rg_discriminator_workspace_free(&w->interpolated);
    free(w->x), free(w->xhat), free(w->d_out), free(w->scale);
    memset(w, 0, sizeof *w);
}

typedef struct {
    rg_private_critic_workspace rows;
    uint32_t *sampled;
    float *clipped, *noise;
} private_buffers;

/* One DP-SGD critic update; *fake_score receives the critic's mean score of the generated
 * rows (the only loss that can be shown without spending budget). */
static riskgan_status critic_step(rg_ctgan *m, const rg_transformer *t, const float *data, size_t rows,
                                  const rg_condition_sampler *sampler, const rg_dp_sgd *dp, rg_ctgan_trainer *s,
                                  private_buffers *b, int epoch, rg_rng *rng, double *fake_score)
{
    int batch = s->batch, width = m->data_dim + m->condition_dim;
    size_t sampled = 0, count = m->discriminator_count;
    for (size_t r = 0; r < rows; r++)
        if (rg_rng_uniform(rng) < dp->sample_rate)
            b->sampled[sampled++] = (uint32_t)r;
    /* generated rows and their clipped, noise-free term */
    const float *fake = rg_ctgan_training_fakes(m, t, sampler, s, 1);
    double mean_fake = 0;
    memset(s->discriminator_grad, 0, count * sizeof(float));
    for (int done = 0; done < batch; done += b->rows.rows) {
        int n = batch - done < b->rows.rows ? batch - done : b->rows.rows;
        rg_private_critic_rows(m, fake + (size_t)done * width, NULL, n, 1.0f, dp->clip_norm, rng, &b->rows,
                               s->discriminator_grad);
        for (int r = 0; r < n; r++)
            mean_fake += b->rows.real.out[r];
    }
    *fake_score = mean_fake / batch;
    for (size_t k = 0; k < count; k++)
        s->discriminator_grad[k] /= (float)batch;
    /* the sampled training rows' clipped terms, a workspace-full at a time */
    memset(b->clipped, 0, count * sizeof(float));
    for (size_t done = 0; done < sampled; done += (size_t)b->rows.rows) {
        int n = sampled - done < (size_t)b->rows.rows ? (int)(sampled - done) : b->rows.rows;
        for (int i = 0; i < n; i++) {
            float *x = b->rows.x + (size_t)i * width, *xhat = b->rows.xhat + (size_t)i * width;
            const float *other = fake + ((done + (size_t)i) % (size_t)batch) * width;
            conditioned_row(m, t, sampler, data + (size_t)b->sampled[done + i] * m->data_dim, rng, x);
            float a = (float)rg_rng_uniform(rng);
            for (int c = 0; c < width; c++)
                xhat[c] = a * x[c] + (1 - a) * other[c];
        }
        rg_private_critic_rows(m, b->rows.x, b->rows.xhat, n, -1.0f, dp->clip_norm, rng, &b->rows, b->clipped);
    }
    rg_rng_fill_normal(rng, b->noise, count);
    double scale = 1.0 / (dp->sample_rate * dp->noisy_rows), norm2 = 0;
    for (size_t k = 0; k < count; k++) {
        double total = b->clipped[k] + dp->noise_multiplier * dp->clip_norm * b->noise[k];
        s->discriminator_grad[k] += (float)(scale * total);
        norm2 += (double)s->discriminator_grad[k] * s->discriminator_grad[k];
    }
    riskgan_status status = rg_check_finite(norm2 + *fake_score, "private critic gradient", epoch);
    if (status == RISKGAN_OK)
        rg_adam_step(m->discriminator, s->discriminator_grad, s->discriminator_m, s->discriminator_v, count,
                     &s->adam_d, ++s->step_d);
    return status;
}

riskgan_status rg_ctgan_train_private(rg_ctgan *m, const rg_transformer *t, const float *data, size_t rows,
                                      const rg_condition_sampler *sampler, const riskgan_fit_options *o, int batch,
                                      const rg_dp_sgd *dp, rg_rng *rng, int *epochs_done)
{
    *epochs_done = 0;
    if (m->pac != 1)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "differentially private training needs pac = 1");
    rg_ctgan_trainer s;
    riskgan_status status = rg_ctgan_trainer_init(&s, m, batch, 0, o, rng);
    if (status != RISKGAN_OK)
        return status;
    private_buffers b = {0};
    int capacity = batch + 6 * (int)ceil(sqrt(batch)) + 16; /* a Poisson sample rarely exceeds it */
    b.sampled = rg_calloc(rows, sizeof *b.sampled);
    b.clipped = rg_calloc(m->discriminator_count, sizeof *b.clipped);
    b.noise = rg_calloc(m->discriminator_count, sizeof *b.noise);
    if (!b.sampled || !b.clipped || !b.noise)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_private_critic_workspace_init(&b.rows, m, capacity);
    double start = rg_seconds();
    for (int epoch = 1; epoch <= o->epochs && status == RISKGAN_OK; epoch++) {
        double loss_g_sum = 0, fake_sum = 0;
        for (long step = 0; step < dp->steps_per_epoch && status == RISKGAN_OK; step++) {
            if (o->stop && *o->stop) {
                status = rg_fail(RISKGAN_ERR_INTERRUPTED, "training stopped in epoch %d", epoch);
                break;
            }
            for (int k = 0; k < o->discriminator_steps && status == RISKGAN_OK; k++) {
                double fake_score;
                status = critic_step(m, t, data, rows, sampler, dp, &s, &b, epoch, rng, &fake_score);
                fake_sum += fake_score;
            }
            double loss_g;
            if (status == RISKGAN_OK && (status = rg_ctgan_generator_step(m, t, sampler, &s, 1, epoch, &loss_g)) == RISKGAN_OK)
                loss_g_sum += loss_g;
        }
        if (status != RISKGAN_OK)
            break;
        *epochs_done = epoch;
        rg_report_epoch(o, epoch, o->epochs, loss_g_sum / dp->steps_per_epoch,
                        fake_sum / ((double)dp->steps_per_epoch * o->discriminator_steps), start,
                        (size_t)dp->noisy_rows, NAN);
    }
    rg_private_critic_workspace_free(&b.rows);
    free(b.sampled), free(b.clipped), free(b.noise);
    rg_ctgan_trainer_free(&s);
    return status;
}
