/* ctgan.c — CTGAN training and generation on the layer functions of nn/layers.h.
 *
 * Generator:      [z, c] -> Residual(h) -> Residual(h) -> Linear -> tanh / Gumbel-softmax
 *                 where Residual(x) = [ReLU(BN(Linear(x))), x]
 * Discriminator:  pac rows of [x, c] side by side -> Linear h -> LeakyReLU 0.2 -> Dropout 0.5
 *                 -> Linear h -> LeakyReLU 0.2 -> Dropout 0.5 -> Linear 1
 * Loss:           WGAN with gradient penalty; generator adds the conditional cross-entropy.
 *
 * The discriminator step never back-propagates into the generator (its gradient would be
 * thrown away). The gradient penalty is exact: for this network the input gradient is
 * linear in each weight matrix once the LeakyReLU slopes and dropout masks are fixed, so
 * its derivative with respect to the weights is a few extra matrix products
 * (rg_discriminator_gradient_penalty). */
#include "ctgan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/parallel.h"
#include "../nn/layers.h"
#include "ctgan_parts.h"
#include "training.h"

const float rg_ctgan_dropout_rate = 0.5f;
static const float leaky_slope = 0.2f, gumbel_tau = 0.2f;

/* ---------------------------------------------------------------- parameter layout */


generator_layout rg_ctgan_generator_offsets(int input, int hidden, int data)
{
    generator_layout g = {.input = input, .hidden = hidden, .data = data};
    size_t o = 0;
    g.w1 = o, o += (size_t)hidden * input;
    g.b1 = o, o += hidden;
    g.gamma1 = o, o += hidden;
    g.beta1 = o, o += hidden;
    g.w2 = o, o += (size_t)hidden * (input + hidden);
    g.b2 = o, o += hidden;
    g.gamma2 = o, o += hidden;
    g.beta2 = o, o += hidden;
    g.w3 = o, o += (size_t)data * (input + 2 * hidden);
    g.b3 = o, o += data;
    g.total = o;
    return g;
}

typedef struct {
    size_t w1, b1, w2, b2, w3, b3, total;
} discriminator_layout;

static discriminator_layout discriminator_offsets(int input, int hidden)
{
    discriminator_layout d;
    size_t o = 0;
    d.w1 = o, o += (size_t)hidden * input;
    d.b1 = o, o += hidden;
    d.w2 = o, o += (size_t)hidden * hidden;
    d.b2 = o, o += hidden;
    d.w3 = o, o += hidden;
    d.b3 = o, o += 1;
    d.total = o;
    return d;
}

riskgan_status rg_ctgan_init(rg_ctgan *m, int data_dim, int condition_dim, int noise_dim, int hidden,
                             int pac, rg_rng *rng)
{
    memset(m, 0, sizeof *m);
    m->data_dim = data_dim;
    m->condition_dim = condition_dim;
    m->noise_dim = noise_dim;
    m->hidden = hidden;
    m->discriminator_hidden = hidden;
    m->pac = pac;
    int input = noise_dim + condition_dim;
    generator_layout g = rg_ctgan_generator_offsets(input, hidden, data_dim);
    discriminator_layout d = discriminator_offsets(pac * (data_dim + condition_dim), hidden);
    m->generator_count = g.total;
    m->discriminator_count = d.total;
    m->generator = rg_calloc(g.total, sizeof *m->generator);
    m->running = rg_calloc(4 * (size_t)hidden, sizeof *m->running);
    m->discriminator = rg_calloc(d.total, sizeof *m->discriminator);
    if (!m->generator || !m->running || !m->discriminator) {
        rg_ctgan_free(m);
        return RISKGAN_ERR_NO_MEMORY;
    }
    float *p = m->generator;
    rg_linear_init(p + g.w1, p + g.b1, input, hidden, rng);
    rg_linear_init(p + g.w2, p + g.b2, input + hidden, hidden, rng);
    rg_linear_init(p + g.w3, p + g.b3, input + 2 * hidden, data_dim, rng);
    for (int k = 0; k < hidden; k++) {
        p[g.gamma1 + k] = p[g.gamma2 + k] = 1;
        m->running[hidden + k] = m->running[3 * hidden + k] = 1; /* running variances */
    }
    float *q = m->discriminator;
    int din = pac * (data_dim + condition_dim);
    rg_linear_init(q + d.w1, q + d.b1, din, hidden, rng);
    rg_linear_init(q + d.w2, q + d.b2, hidden, hidden, rng);
    rg_linear_init(q + d.w3, q + d.b3, hidden, 1, rng);
    return RISKGAN_OK;
}

void rg_ctgan_free(rg_ctgan *m)
{
    free(m->generator);
    free(m->running);
    free(m->discriminator);
    memset(m, 0, sizeof *m);
}

/* ---------------------------------------------------------------- discriminator */

riskgan_status rg_discriminator_workspace_init(rg_discriminator_workspace *w, int rows, int input_dim,
                                               int hidden)
{
    memset(w, 0, sizeof *w);
    w->rows = rows;
    w->input_dim = input_dim;
    w->hidden = hidden;
    size_t rh = (size_t)rows * hidden, ri = (size_t)rows * input_dim;
    float **hidden_buffers[] = {&w->a1, &w->mask1, &w->h1, &w->a2, &w->mask2, &w->h2, &w->d_h2,
                                &w->d_a2, &w->d_h1, &w->d_a1, &w->g_a2, &w->g_h1, &w->g_a1};
    for (size_t i = 0; i < sizeof hidden_buffers / sizeof *hidden_buffers; i++)
        if (!(*hidden_buffers[i] = rg_calloc(rh, sizeof(float))))
            goto fail;
    if (!(w->out = rg_calloc((size_t)rows, sizeof(float))) || !(w->g_x = rg_calloc(ri, sizeof(float))) ||
        !(w->big_g_x = rg_calloc(ri, sizeof(float))))
        goto fail;
    return RISKGAN_OK;
fail:
    rg_discriminator_workspace_free(w);
    return RISKGAN_ERR_NO_MEMORY;
}

void rg_discriminator_workspace_free(rg_discriminator_workspace *w)
{
    float *buffers[] = {w->a1, w->mask1, w->h1, w->a2, w->mask2, w->h2, w->out, w->d_h2, w->d_a2,
                        w->d_h1, w->d_a1, w->g_a2, w->g_h1, w->g_a1, w->g_x, w->big_g_x};
    for (size_t i = 0; i < sizeof buffers / sizeof *buffers; i++)
        free(buffers[i]);
    memset(w, 0, sizeof *w);
}

void rg_discriminator_forward(const float *p, rg_discriminator_workspace *w, const float *in, int rows,
                              float dropout, rg_streams streams)
{
    discriminator_layout d = discriminator_offsets(w->input_dim, w->hidden);
    size_t n = (size_t)rows * w->hidden;
    rg_linear_forward(w->a1, in, p + d.w1, p + d.b1, rows, w->input_dim, w->hidden);
    rg_leaky_relu_forward(w->h1, w->a1, leaky_slope, n);
    if (streams.stream)
        rg_dropout_forward(w->h1, w->mask1, w->h1, dropout, rows, w->hidden, streams);
    else
        for (size_t i = 0; i < n; i++)
            w->mask1[i] = 1;
    rg_linear_forward(w->a2, w->h1, p + d.w2, p + d.b2, rows, w->hidden, w->hidden);
    rg_leaky_relu_forward(w->h2, w->a2, leaky_slope, n);
    if (streams.stream)
        rg_dropout_forward(w->h2, w->mask2, w->h2, dropout, rows, w->hidden, streams);
    else
        for (size_t i = 0; i < n; i++)
            w->mask2[i] = 1;
    rg_linear_forward(w->out, w->h2, p + d.w3, p + d.b3, rows, w->hidden, 1);
}

/* d[i] = mask[i] * leaky_relu'(a[i]) * d[i] */
static void through_activation(float *d, const float *mask, const float *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        d[i] *= mask[i] * (a[i] > 0 ? 1.0f : leaky_slope);
}

void rg_discriminator_backward(const float *p, float *dp, rg_discriminator_workspace *w, const float *in,
                               const float *d_out, int rows, float *d_in)
{
    discriminator_layout d = discriminator_offsets(w->input_dim, w->hidden);
    size_t n = (size_t)rows * w->hidden;
    rg_linear_backward(w->d_h2, dp ? dp + d.w3 : NULL, dp ? dp + d.b3 : NULL, d_out, w->h2, p + d.w3,
                       rows, w->hidden, 1, 0);
    memcpy(w->d_a2, w->d_h2, n * sizeof(float));
    through_activation(w->d_a2, w->mask2, w->a2, n);
    rg_linear_backward(w->d_h1, dp ? dp + d.w2 : NULL, dp ? dp + d.b2 : NULL, w->d_a2, w->h1, p + d.w2,
                       rows, w->hidden, w->hidden, 0);
    memcpy(w->d_a1, w->d_h1, n * sizeof(float));
    through_activation(w->d_a1, w->mask1, w->a1, n);
    rg_linear_backward(d_in, dp ? dp + d.w1 : NULL, dp ? dp + d.b1 : NULL, w->d_a1, in, p + d.w1, rows,
                       w->input_dim, w->hidden, 0);
}

double rg_discriminator_penalty_terms(const float *p, rg_discriminator_workspace *w, int rows, float lambda)
{
    discriminator_layout d = discriminator_offsets(w->input_dim, w->hidden);
    int h = w->hidden, in = w->input_dim;
    size_t n = (size_t)rows * h;
    /* input gradient g_x = dD/dx for every row */
    for (int r = 0; r < rows; r++)
        memcpy(w->g_a2 + (size_t)r * h, p + d.w3, (size_t)h * sizeof(float));
    through_activation(w->g_a2, w->mask2, w->a2, n);
    rg_matmul(0, 0, rows, h, h, 1.0f, w->g_a2, h, p + d.w2, h, 0.0f, w->g_h1, h);
    memcpy(w->g_a1, w->g_h1, n * sizeof(float));
    through_activation(w->g_a1, w->mask1, w->a1, n);
    rg_matmul(0, 0, rows, in, h, 1.0f, w->g_a1, h, p + d.w1, in, 0.0f, w->g_x, in);
    /* penalty and its gradient with respect to g_x */
    double penalty = 0;
    for (int r = 0; r < rows; r++) {
        const float *g = w->g_x + (size_t)r * in;
        double norm2 = 0;
        for (int k = 0; k < in; k++)
            norm2 += (double)g[k] * g[k];
        double norm = sqrt(norm2);
        penalty += (norm - 1) * (norm - 1);
        float scale = norm > 0 ? (float)(lambda * 2 * (norm - 1) / norm / rows) : 0.0f;
        for (int k = 0; k < in; k++)
            w->big_g_x[(size_t)r * in + k] = scale * g[k];
    }
    /* double backpropagation through g_x = ((w3 (.) d2) W2 (.) d1) W1 */
    rg_matmul(0, 1, rows, h, in, 1.0f, w->big_g_x, in, p + d.w1, in, 0.0f, w->d_h1, h); /* G_a1 */
    through_activation(w->d_h1, w->mask1, w->a1, n);                                    /* G_h1 */
    rg_matmul(0, 1, rows, h, h, 1.0f, w->d_h1, h, p + d.w2, h, 0.0f, w->d_a2, h);       /* G_a2 */
    through_activation(w->d_a2, w->mask2, w->a2, n);                                    /* G_h2 */
    return penalty * lambda / rows;
}

void rg_discriminator_penalty_accumulate(float *dp, rg_discriminator_workspace *w, int rows, const float *row_scale)
{
    discriminator_layout d = discriminator_offsets(w->input_dim, w->hidden);
    int h = w->hidden, in = w->input_dim;
    if (row_scale)
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < in; k++)
                w->big_g_x[(size_t)r * in + k] *= row_scale[r];
            for (int k = 0; k < h; k++) {
                w->d_h1[(size_t)r * h + k] *= row_scale[r];
                w->d_a2[(size_t)r * h + k] *= row_scale[r];
            }
        }
    rg_matmul(1, 0, h, in, rows, 1.0f, w->g_a1, h, w->big_g_x, in, 1.0f, dp + d.w1, in);
    rg_matmul(1, 0, h, h, rows, 1.0f, w->g_a2, h, w->d_h1, h, 1.0f, dp + d.w2, h);
    for (int r = 0; r < rows; r++)
        for (int k = 0; k < h; k++)
            dp[d.w3 + k] += w->d_a2[(size_t)r * h + k];
}

double rg_discriminator_gradient_penalty(const float *p, float *dp, rg_discriminator_workspace *w, int rows,
                                         float lambda)
{
    double penalty = rg_discriminator_penalty_terms(p, w, rows, lambda);
    rg_discriminator_penalty_accumulate(dp, w, rows, NULL);
    return penalty;
}

/* ---------------------------------------------------------------- generator */


void rg_generator_workspace_free(generator_workspace *w)
{
    float *buffers[] = {w->x0, w->a1, w->n1, w->s1, w->bn1, w->x1, w->a2, w->n2, w->s2, w->bn2, w->x2,
                        w->raw, w->act, w->soft, w->d_act, w->d_raw, w->d_x2, w->d_bn, w->d_a, w->d_x1};
    for (size_t i = 0; i < sizeof buffers / sizeof *buffers; i++)
        free(buffers[i]);
    memset(w, 0, sizeof *w);
}

riskgan_status rg_generator_workspace_init(generator_workspace *w, const generator_layout *g, int rows)
{
    memset(w, 0, sizeof *w);
    w->rows = rows;
    size_t r = (size_t)rows, h = (size_t)g->hidden, i = (size_t)g->input, d = (size_t)g->data;
    struct {
        float **buffer;
        size_t size;
    } plan[] = {{&w->x0, r * i},        {&w->a1, r * h},           {&w->n1, r * h},   {&w->s1, h},
                {&w->bn1, r * h},       {&w->x1, r * (i + h)},     {&w->a2, r * h},   {&w->n2, r * h},
                {&w->s2, h},            {&w->bn2, r * h},          {&w->x2, r * (i + 2 * h)},
                {&w->raw, r * d},       {&w->act, r * d},          {&w->soft, r * d}, {&w->d_act, r * d},
                {&w->d_raw, r * d},     {&w->d_x2, r * (i + 2 * h)}, {&w->d_bn, r * h}, {&w->d_a, r * h},
                {&w->d_x1, r * (i + h)}};
    for (size_t k = 0; k < sizeof plan / sizeof *plan; k++)
        if (!(*plan[k].buffer = rg_calloc(plan[k].size, sizeof(float)))) {
            rg_generator_workspace_free(w);
            return RISKGAN_ERR_NO_MEMORY;
        }
    return RISKGAN_OK;
}

/* Writes [left | right] row by row into out. */
void rg_concat_rows(float *out, const float *left, int left_dim, const float *right, int right_dim, int rows)
{
    for (int r = 0; r < rows; r++) {
        memcpy(out + (size_t)r * (left_dim + right_dim), left + (size_t)r * left_dim, (size_t)left_dim * sizeof(float));
        memcpy(out + (size_t)r * (left_dim + right_dim) + left_dim, right + (size_t)r * right_dim,
               (size_t)right_dim * sizeof(float));
    }
}

/* Forward pass from w->x0. Training mode uses batch statistics and updates running ones. */
void rg_ctgan_generator_forward(const generator_layout *g, const float *p, float *running, generator_workspace *w,
                                const rg_transformer *t, int training, const float *logit_bias, rg_streams streams,
                                const rg_batch_sum *all)
{
    int rows = w->rows, h = g->hidden, in = g->input;
    size_t n = (size_t)rows * h;
    rg_linear_forward(w->a1, w->x0, p + g->w1, p + g->b1, rows, in, h);
    if (training)
        rg_batchnorm_forward_train(w->bn1, w->n1, w->s1, w->a1, p + g->gamma1, p + g->beta1, running,
                                   running + h, rows, h, all);
    else
        rg_batchnorm_forward_eval(w->bn1, w->a1, p + g->gamma1, p + g->beta1, running, running + h, rows, h);
    rg_relu_forward(w->d_bn, w->bn1, n); /* d_bn as scratch for the activation */
    rg_concat_rows(w->x1, w->d_bn, h, w->x0, in, rows);
    rg_linear_forward(w->a2, w->x1, p + g->w2, p + g->b2, rows, in + h, h);
    if (training)
        rg_batchnorm_forward_train(w->bn2, w->n2, w->s2, w->a2, p + g->gamma2, p + g->beta2, running + 2 * h,
                                   running + 3 * h, rows, h, all);
    else
        rg_batchnorm_forward_eval(w->bn2, w->a2, p + g->gamma2, p + g->beta2, running + 2 * h,
                                  running + 3 * h, rows, h);
    rg_relu_forward(w->d_bn, w->bn2, n);
    rg_concat_rows(w->x2, w->d_bn, h, w->x1, in + h, rows);
    rg_linear_forward(w->raw, w->x2, p + g->w3, p + g->b3, rows, in + 2 * h, g->data);
    if (logit_bias)
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < g->data; c++)
                w->raw[(size_t)r * g->data + c] += logit_bias[c];
    for (size_t k = 0; k < t->span_count; k++) {
        const rg_span *s = &t->spans[k];
        if (s->kind == RG_SPAN_TANH) {
            for (int r = 0; r < rows; r++) {
                size_t i = (size_t)r * g->data + s->start;
                w->act[i] = tanhf(w->raw[i]);
            }
        } else {
            rg_gumbel_softmax_forward(w->act, w->soft, w->raw, rows, g->data, (int)s->start, (int)s->width,
                                      gumbel_tau, 0, streams);
        }
    }
}

/* Backward from w->d_act (and w->d_raw holding the conditional loss gradient) to the
 * generator parameters. */
void rg_ctgan_generator_backward(const generator_layout *g, const float *p, float *dp, generator_workspace *w,
                                 const rg_transformer *t, const rg_batch_sum *all)
{
    int rows = w->rows, h = g->hidden, in = g->input, data = g->data;
    for (size_t k = 0; k < t->span_count; k++) {
        const rg_span *s = &t->spans[k];
        if (s->kind == RG_SPAN_TANH) {
            for (int r = 0; r < rows; r++) {
                size_t i = (size_t)r * data + s->start;
                w->d_raw[i] += w->d_act[i] * (1 - w->act[i] * w->act[i]);
            }
        } else {
            /* gumbel backward writes, so add the conditional gradient afterwards */
            for (int r = 0; r < rows; r++) {
                size_t base = (size_t)r * data + s->start;
                double dot = 0;
                for (size_t c = 0; c < s->width; c++)
                    dot += w->d_act[base + c] * w->soft[base + c];
                for (size_t c = 0; c < s->width; c++)
                    w->d_raw[base + c] += (float)(w->soft[base + c] * (w->d_act[base + c] - dot) / gumbel_tau);
            }
        }
    }
    int x2_dim = in + 2 * h, x1_dim = in + h;
    rg_linear_backward(w->d_x2, dp + g->w3, dp + g->b3, w->d_raw, w->x2, p + g->w3, rows, x2_dim, data, 0);
    for (int r = 0; r < rows; r++) {
        const float *dx2 = w->d_x2 + (size_t)r * x2_dim;
        for (int k = 0; k < h; k++)
            w->d_bn[(size_t)r * h + k] = w->bn2[(size_t)r * h + k] > 0 ? dx2[k] : 0;
        memcpy(w->d_x1 + (size_t)r * x1_dim, dx2 + h, (size_t)x1_dim * sizeof(float));
    }
    rg_batchnorm_backward(w->d_a, dp + g->gamma2, dp + g->beta2, w->d_bn, w->n2, w->s2, p + g->gamma2, rows, h, all);
    rg_linear_backward(w->d_x1, dp + g->w2, dp + g->b2, w->d_a, w->x1, p + g->w2, rows, x1_dim, h, 1);
    for (int r = 0; r < rows; r++)
        for (int k = 0; k < h; k++)
            w->d_bn[(size_t)r * h + k] = w->bn1[(size_t)r * h + k] > 0 ? w->d_x1[(size_t)r * x1_dim + k] : 0;
    rg_batchnorm_backward(w->d_a, dp + g->gamma1, dp + g->beta1, w->d_bn, w->n1, w->s1, p + g->gamma1, rows, h, all);
    rg_linear_backward(NULL, dp + g->w1, dp + g->b1, w->d_a, w->x0, p + g->w1, rows, in, h, 0);
}

/* Cross-entropy of the generator's logits for the conditioned category of each row;
 * adds its gradient, divided by `batch`, to d_raw and returns the loss summed over the rows
 * divided by `batch` (the global batch: its mean once the ranks' shares are added up). */
static double conditional_loss(const rg_transformer *t, const rg_condition_sampler *s, const float *raw,
                               float *d_raw, const uint32_t *column, const uint32_t *level, int rows, double batch)
{
    double total = 0;
    int data = (int)t->width;
    for (int r = 0; r < rows; r++) {
        const rg_span *span = &t->spans[s->column[column[r]].span];
        const float *logits = raw + (size_t)r * data + span->start;
        float *grad = d_raw + (size_t)r * data + span->start;
        float maximum = logits[0];
        for (size_t c = 1; c < span->width; c++)
            if (logits[c] > maximum)
                maximum = logits[c];
        double sum = 0;
        for (size_t c = 0; c < span->width; c++)
            sum += exp(logits[c] - maximum);
        total += log(sum) + maximum - logits[level[r]];
        for (size_t c = 0; c < span->width; c++) {
            double probability = exp(logits[c] - maximum) / sum;
            grad[c] += (float)((probability - (c == level[r])) / batch);
        }
    }
    return total / batch;
}


double rg_ctgan_generator_probe(const rg_ctgan *m, const rg_transformer *t, const float *x0, int rows,
                                const float *weights, uint64_t noise_seed, float *gradient)
{
    generator_layout g = rg_ctgan_generator_offsets(m->noise_dim + m->condition_dim, m->hidden, m->data_dim);
    generator_workspace w;
    float *running = rg_calloc(4 * (size_t)m->hidden, sizeof(float));
    if (!running || rg_generator_workspace_init(&w, &g, rows) != RISKGAN_OK) {
        free(running);
        return NAN;
    }
    memcpy(running, m->running, 4 * (size_t)m->hidden * sizeof(float));
    memcpy(w.x0, x0, (size_t)rows * g.input * sizeof(float));
    rg_rng rng;
    rg_rng_seed(&rng, noise_seed);
    rg_ctgan_generator_forward(&g, m->generator, running, &w, t, 1, NULL, rg_one_stream(&rng), NULL);
    double loss = 0;
    for (size_t i = 0; i < (size_t)rows * m->data_dim; i++)
        loss += (double)w.act[i] * weights[i];
    if (gradient) {
        memcpy(w.d_act, weights, (size_t)rows * m->data_dim * sizeof(float));
        memset(w.d_raw, 0, (size_t)rows * m->data_dim * sizeof(float));
        rg_ctgan_generator_backward(&g, m->generator, gradient, &w, t, NULL);
    }
    rg_generator_workspace_free(&w);
    free(running);
    return loss;
}

/* ---------------------------------------------------------------- training */


void rg_ctgan_trainer_free(rg_ctgan_trainer *s)
{
    rg_generator_workspace_free(&s->generator);
    rg_discriminator_workspace_free(&s->pairs);
    rg_discriminator_workspace_free(&s->interpolated);
    void *buffers[] = {s->real_fake, s->interpolates, s->d_out, s->d_input, s->condition, s->alpha, s->column,
                       s->level, s->permutation, s->owner, s->position, s->list, s->exchange, s->exchange_count,
                       s->pack_stream, s->generator_grad, s->generator_m, s->generator_v,
                       s->discriminator_grad, s->discriminator_m, s->discriminator_v};
    for (size_t i = 0; i < sizeof buffers / sizeof *buffers; i++)
        free(buffers[i]);
    memset(s, 0, sizeof *s);
}

riskgan_status rg_ctgan_trainer_init(rg_ctgan_trainer *s, const rg_ctgan *m, int batch, int pack_streams,
                                     const riskgan_fit_options *o, rg_rng *rng)
{
    memset(s, 0, sizeof *s);
    int cond = m->condition_dim, width = m->data_dim + cond, groups = batch / m->pac;
    int din = m->pac * width, ranks = rg_parallel_size(), rank = rg_parallel_rank();
    if (groups < ranks)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "a batch of %d packs cannot be shared by %d ranks: use a larger "
                       "batch or fewer ranks", groups, ranks);
    s->batch = batch;
    s->first_pack = (int)((long)groups * rank / ranks);
    s->packs = (int)((long)groups * (rank + 1) / ranks) - s->first_pack;
    s->first_row = s->first_pack * m->pac;
    s->rows = s->packs * m->pac;
    s->ranks = ranks;
    s->rank = rank;
    s->all = (rg_batch_sum){rg_parallel_sum_doubles, batch};
    s->shared = rng;
    s->stream_seed = rg_rng_next(rng);
    s->layout = rg_ctgan_generator_offsets(m->noise_dim + cond, m->hidden, m->data_dim);
    s->adam_g = (rg_adam_options){(float)o->generator_lr, 0.5f, 0.9f, 1e-8f, (float)o->generator_decay};
    s->adam_d = (rg_adam_options){(float)o->discriminator_lr, 0.5f, 0.9f, 1e-8f, (float)o->discriminator_decay};
    int rows = s->rows, packs = s->packs;
    riskgan_status status = rg_generator_workspace_init(&s->generator, &s->layout, rows);
    if (status == RISKGAN_OK)
        status = rg_discriminator_workspace_init(&s->pairs, 2 * packs, din, m->discriminator_hidden);
    if (status == RISKGAN_OK)
        status = rg_discriminator_workspace_init(&s->interpolated, packs, din, m->discriminator_hidden);
    size_t bw = (size_t)rows * width;
    if (status == RISKGAN_OK &&
        (!(s->real_fake = rg_calloc(2 * bw, sizeof(float))) || !(s->interpolates = rg_calloc(bw, sizeof(float))) ||
         !(s->d_out = rg_calloc(2 * (size_t)packs, sizeof(float))) || !(s->d_input = rg_calloc(bw, sizeof(float))) ||
         !(s->condition = rg_calloc((size_t)batch * (cond ? cond : 1), sizeof(float))) ||
         !(s->alpha = rg_calloc((size_t)packs, sizeof(float))) ||
         !(s->column = rg_calloc((size_t)batch, sizeof(uint32_t))) ||
         !(s->level = rg_calloc((size_t)batch, sizeof(uint32_t))) ||
         !(s->permutation = rg_calloc((size_t)batch, sizeof(uint32_t))) ||
         !(s->owner = rg_calloc((size_t)batch, sizeof(int))) ||
         !(s->position = rg_calloc((size_t)batch, sizeof(size_t))) ||
         !(s->list = rg_calloc((size_t)batch, sizeof(long))) ||
         !(s->exchange = rg_calloc(2 * (size_t)batch * m->data_dim, sizeof(float))) ||
         !(s->exchange_count = rg_calloc(2 * (size_t)ranks, sizeof(size_t))) ||
         !(s->pack_stream = rg_calloc(pack_streams ? (size_t)packs : 1, sizeof(rg_rng))) ||
         !(s->generator_grad = rg_calloc(m->generator_count, sizeof(float))) ||
         !(s->generator_m = rg_calloc(m->generator_count, sizeof(float))) ||
         !(s->generator_v = rg_calloc(m->generator_count, sizeof(float))) ||
         !(s->discriminator_grad = rg_calloc(m->discriminator_count, sizeof(float))) ||
         !(s->discriminator_m = rg_calloc(m->discriminator_count, sizeof(float))) ||
         !(s->discriminator_v = rg_calloc(m->discriminator_count, sizeof(float)))))
        status = RISKGAN_ERR_NO_MEMORY;
    s->stream_count = pack_streams ? (size_t)packs : 0;
    if (status != RISKGAN_OK)
        rg_ctgan_trainer_free(s);
    return status;
}

/* Fresh streams for this rank's packs, keyed by (the training's stream seed, the pass,
 * the pack's place in the global batch): any number of ranks draws the same numbers for
 * a pack. Without pack streams every draw comes from the shared generator. */
static void next_pass(rg_ctgan_trainer *s)
{
    s->pass++;
    for (size_t k = 0; k < s->stream_count; k++) {
        uint64_t key = s->stream_seed ^ ((uint64_t)s->pass * 0x9E3779B97F4A7C15ull) ^
                       (((uint64_t)s->first_pack + k) * 0xD1B54A32D192ED03ull);
        rg_rng_seed(&s->pack_stream[k], key);
    }
}

/* The generator's draws (row r of this rank: its pack's stream) and the critic's (row g:
 * pack g's stream; real and generated packs g share it). */
static rg_streams generator_streams(const rg_ctgan_trainer *s, int pac)
{
    return s->stream_count ? (rg_streams){s->pack_stream, (size_t)pac, s->stream_count} : rg_one_stream(s->shared);
}

static rg_streams critic_streams(const rg_ctgan_trainer *s)
{
    return s->stream_count ? (rg_streams){s->pack_stream, 1, s->stream_count} : rg_one_stream(s->shared);
}

static const rg_batch_sum *batch_sum(const rg_ctgan_trainer *s)
{
    return s->ranks > 1 ? &s->all : NULL;
}

/* Noise rows for this rank's packs, then their conditions, into the generator's input. */
static void fill_generator_input(const rg_ctgan *m, rg_ctgan_trainer *s)
{
    const generator_layout *g = &s->layout;
    generator_workspace *gw = &s->generator;
    int cond = m->condition_dim;
    if (s->stream_count)
        for (int k = 0; k < s->packs; k++)
            rg_rng_fill_normal(&s->pack_stream[k], gw->x0 + (size_t)k * m->pac * g->input,
                               (size_t)m->pac * g->input);
    else
        rg_rng_fill_normal(s->shared, gw->x0, (size_t)s->rows * g->input);
    for (int r = 0; r < s->rows; r++)
        memcpy(gw->x0 + (size_t)r * g->input + m->noise_dim, s->condition + (size_t)(s->first_row + r) * cond,
               (size_t)cond * sizeof(float));
}

float *rg_ctgan_training_fakes(rg_ctgan *m, const rg_transformer *t, const rg_condition_sampler *sampler,
                               rg_ctgan_trainer *s, int empirical_conditions)
{
    generator_workspace *gw = &s->generator;
    int cond = m->condition_dim;
    float *fake = s->real_fake + (size_t)s->rows * (m->data_dim + cond);
    next_pass(s);
    if (sampler->count && empirical_conditions)
        rg_condition_sample_empirical(sampler, (size_t)s->batch, s->shared, s->column, s->level, s->condition);
    else if (sampler->count)
        rg_condition_sample_training(sampler, (size_t)s->batch, s->shared, s->column, s->level, s->condition);
    fill_generator_input(m, s);
    rg_ctgan_generator_forward(&s->layout, m->generator, m->running, gw, t, 1, NULL, generator_streams(s, m->pac),
                               batch_sum(s));
    rg_concat_rows(fake, gw->act, m->data_dim, s->condition + (size_t)s->first_row * cond, cond, s->rows);
    return fake;
}

riskgan_status rg_ctgan_generator_step(rg_ctgan *m, const rg_transformer *t, const rg_condition_sampler *sampler,
                                       rg_ctgan_trainer *s, int empirical_conditions, int epoch, double *loss)
{
    generator_workspace *gw = &s->generator;
    int rows = s->rows, width = m->data_dim + m->condition_dim, packs = s->packs, groups = s->batch / m->pac;
    float *fake = rg_ctgan_training_fakes(m, t, sampler, s, empirical_conditions);
    rg_discriminator_forward(m->discriminator, &s->interpolated, fake, packs, rg_ctgan_dropout_rate,
                             critic_streams(s));
    double sums[2] = {0, 0}; /* the critic's score of the generated packs; the conditional loss */
    for (int r = 0; r < packs; r++) {
        sums[0] += s->interpolated.out[r];
        s->d_out[r] = -1.0f / groups;
    }
    rg_discriminator_backward(m->discriminator, NULL, &s->interpolated, fake, s->d_out, packs, s->d_input);
    for (int r = 0; r < rows; r++)
        memcpy(gw->d_act + (size_t)r * m->data_dim, s->d_input + (size_t)r * width,
               (size_t)m->data_dim * sizeof(float));
    memset(gw->d_raw, 0, (size_t)rows * m->data_dim * sizeof(float));
    if (sampler->count > 0)
        sums[1] = conditional_loss(t, sampler, gw->raw, gw->d_raw, s->column + s->first_row,
                                   s->level + s->first_row, rows, s->batch);
    memset(s->generator_grad, 0, m->generator_count * sizeof(float));
    rg_ctgan_generator_backward(&s->layout, m->generator, s->generator_grad, gw, t, batch_sum(s));
    rg_parallel_sum_floats(s->generator_grad, m->generator_count);
    rg_parallel_sum_doubles(sums, 2);
    *loss = -sums[0] / groups + sums[1];
    riskgan_status status = rg_check_finite(*loss, "generator loss", epoch);
    if (status == RISKGAN_OK)
        rg_adam_step(m->generator, s->generator_grad, s->generator_m, s->generator_v, m->generator_count,
                     &s->adam_g, ++s->step_g);
    return status;
}

/* Real rows for this rank's share of the batch: position p of the batch gets a row holding
 * the condition drawn for the permuted position; every rank draws where each position's
 * row is, the rank holding it sends it to the rank computing the position. */
static void gather_real_rows(const rg_ctgan *m, const rg_condition_sampler *sampler, const float *data,
                             rg_ctgan_trainer *s, float *real)
{
    int batch = s->batch, cond = m->condition_dim, width = m->data_dim + cond, data_dim = m->data_dim;
    int conditional = sampler->count > 0;
    for (int r = 0; r < batch; r++)
        s->permutation[r] = (uint32_t)r;
    rg_rng_shuffle(s->shared, s->permutation, (uint32_t)batch);
    for (int r = 0; r < batch; r++) {
        uint32_t pr = s->permutation[r];
        s->list[r] = conditional ? (long)s->column[pr] : -1;
        rg_condition_locate_row(sampler, &s->list[r], s->level[pr], s->shared, &s->owner[r], &s->position[r]);
    }
    /* what this rank sends, by destination rank, and what it receives, by source rank */
    size_t *send_count = s->exchange_count, *receive_count = s->exchange_count + s->ranks;
    size_t sent = 0;
    for (int d = 0; d < s->ranks; d++) {
        int groups = batch / m->pac, first = (int)((long)groups * d / s->ranks) * m->pac,
            end = (int)((long)groups * (d + 1) / s->ranks) * m->pac;
        send_count[d] = 0;
        for (int r = first; r < end; r++)
            if (s->owner[r] == s->rank) {
                uint32_t row = rg_condition_local_row(sampler, s->list[r], s->level[s->permutation[r]], s->position[r]);
                memcpy(s->exchange + sent++ * data_dim, data + (size_t)row * data_dim, (size_t)data_dim * sizeof(float));
                send_count[d] += (size_t)data_dim;
            }
    }
    for (int q = 0; q < s->ranks; q++)
        receive_count[q] = 0;
    for (int r = s->first_row; r < s->first_row + s->rows; r++)
        receive_count[s->owner[r]] += (size_t)data_dim;
    float *received = s->exchange + sent * data_dim;
    rg_parallel_exchange_floats(s->exchange, send_count, received, receive_count);
    /* rows arrive grouped by source rank, in position order within each */
    size_t next[s->ranks], at = 0;
    for (int q = 0; q < s->ranks; q++) {
        next[q] = at;
        at += receive_count[q] / (size_t)data_dim;
    }
    for (int r = 0; r < s->rows; r++) {
        int p = s->first_row + r;
        memcpy(real + (size_t)r * width, received + next[s->owner[p]]++ * data_dim, (size_t)data_dim * sizeof(float));
        memcpy(real + (size_t)r * width + data_dim, s->condition + (size_t)s->permutation[p] * cond,
               (size_t)cond * sizeof(float));
    }
}

/* One critic update: WGAN loss on real and generated packs, gradient penalty at random
 * points between them; the ranks' gradients summed. *loss receives loss plus penalty. */
static riskgan_status critic_step(rg_ctgan *m, const rg_transformer *t, const float *data,
                                  const rg_condition_sampler *sampler, rg_ctgan_trainer *s, int epoch, double *loss)
{
    int width = m->data_dim + m->condition_dim, packs = s->packs, groups = s->batch / m->pac;
    int din = m->pac * width;
    float *real = s->real_fake;
    float *fake = rg_ctgan_training_fakes(m, t, sampler, s, 0);
    gather_real_rows(m, sampler, data, s, real);
    rg_discriminator_forward(m->discriminator, &s->pairs, real, 2 * packs, rg_ctgan_dropout_rate, critic_streams(s));
    double sums[2] = {0, 0}; /* critic loss, penalty */
    for (int r = 0; r < packs; r++) {
        sums[0] += s->pairs.out[packs + r] - s->pairs.out[r];
        s->d_out[r] = -1.0f / groups;
        s->d_out[packs + r] = 1.0f / groups;
    }
    sums[0] /= groups;
    memset(s->discriminator_grad, 0, m->discriminator_count * sizeof(float));
    rg_discriminator_backward(m->discriminator, s->discriminator_grad, &s->pairs, real, s->d_out, 2 * packs, NULL);
    rg_streams streams = critic_streams(s);
    for (int r = 0; r < packs; r++)
        s->alpha[r] = (float)rg_rng_uniform(rg_stream_of(streams, (size_t)r));
    for (int r = 0; r < packs; r++)
        for (int c = 0; c < din; c++) {
            size_t i = (size_t)r * din + c;
            s->interpolates[i] = s->alpha[r] * real[i] + (1 - s->alpha[r]) * fake[i];
        }
    rg_discriminator_forward(m->discriminator, &s->interpolated, s->interpolates, packs, rg_ctgan_dropout_rate,
                             streams);
    /* lambda / packs here is lambda / groups over the whole batch */
    sums[1] = rg_discriminator_gradient_penalty(m->discriminator, s->discriminator_grad, &s->interpolated, packs,
                                                10.0f * (float)packs / (float)groups);
    rg_parallel_sum_floats(s->discriminator_grad, m->discriminator_count);
    rg_parallel_sum_doubles(sums, 2);
    *loss = sums[0] + sums[1];
    riskgan_status status = rg_check_finite(*loss, "discriminator loss", epoch);
    if (status == RISKGAN_OK)
        rg_adam_step(m->discriminator, s->discriminator_grad, s->discriminator_m, s->discriminator_v,
                     m->discriminator_count, &s->adam_d, ++s->step_d);
    return status;
}

riskgan_status rg_ctgan_train(rg_ctgan *m, const rg_transformer *t, const rg_training_rows *source,
                              const riskgan_fit_options *o, int batch, rg_rng *rng, int *epochs_done)
{
    *epochs_done = 0;
    rg_ctgan_trainer s;
    riskgan_status status = rg_ctgan_trainer_init(&s, m, batch, 1, o, rng);
    size_t *order = status == RISKGAN_OK ? rg_calloc(source->blocks, sizeof *order) : NULL;
    if (status == RISKGAN_OK && !order)
        status = RISKGAN_ERR_NO_MEMORY;
    double start = rg_seconds();
    for (int epoch = 1; epoch <= o->epochs && status == RISKGAN_OK; epoch++) {
        double loss_g_sum = 0, loss_d_sum = 0, epoch_rows = 0;
        long steps = 0;
        for (size_t b = 0; b < source->blocks; b++)
            order[b] = b;
        for (size_t b = source->blocks; b > 1; b--) { /* blocks in a shuffled order (one: no draw) */
            size_t j = (size_t)rg_rng_below(rng, b), swap = order[b - 1];
            order[b - 1] = order[j], order[j] = swap;
        }
        for (size_t b = 0; b < source->blocks && status == RISKGAN_OK && !(o->max_steps && s.step_g >= o->max_steps);
             b++) {
            const float *data;
            const rg_condition_sampler *sampler;
            if ((status = source->load(source->context, order[b], &data, &sampler)) != RISKGAN_OK)
                break;
            double block_rows = 0;
            for (int q = 0; q < sampler->ranks; q++)
                block_rows += sampler->rank_rows[q];
            epoch_rows += block_rows;
            long block_steps = (long)(block_rows / batch) > 1 ? (long)(block_rows / batch) : 1;
            for (long step = 0; step < block_steps && status == RISKGAN_OK; step++) {
                /* a stop request on any rank stops them all at the same step */
                int stop = rg_parallel_worst_status(o->stop && *o->stop ? RISKGAN_ERR_INTERRUPTED : RISKGAN_OK);
                if (stop != RISKGAN_OK) {
                    status = rg_fail(RISKGAN_ERR_INTERRUPTED, "training stopped in epoch %d", epoch);
                    break;
                }
                if (o->max_steps && s.step_g >= o->max_steps)
                    break;
                for (int k = 0; k < o->discriminator_steps && status == RISKGAN_OK; k++) {
                    double loss_d;
                    status = critic_step(m, t, data, sampler, &s, epoch, &loss_d);
                    loss_d_sum += loss_d;
                }
                double loss_g;
                if (status == RISKGAN_OK &&
                    (status = rg_ctgan_generator_step(m, t, sampler, &s, 0, epoch, &loss_g)) == RISKGAN_OK)
                    loss_g_sum += loss_g, steps++;
            }
        }
        if (status != RISKGAN_OK || steps == 0)
            break;
        *epochs_done = epoch;
        if (s.rank == 0)
            rg_report_epoch(o, epoch, o->epochs, loss_g_sum / steps, loss_d_sum / ((double)steps * o->discriminator_steps),
                            start, (size_t)epoch_rows);
        if (o->max_steps && s.step_g >= o->max_steps)
            break; /* the step budget is spent: the last epoch may be partial */
    }
    free(order);
    rg_ctgan_trainer_free(&s);
    return status;
}

/* ---------------------------------------------------------------- generation */

riskgan_status rg_ctgan_generate(const rg_ctgan *m, const rg_transformer *t, const rg_condition_sampler *sampler,
                                 size_t rows, long condition_column, long condition_level, const float *logit_bias,
                                 rg_rng *rng, float *out, size_t *agreeing)
{
    if (agreeing)
        *agreeing = 0;
    enum { CHUNK = 1000 };
    int cond = m->condition_dim;
    generator_layout g = rg_ctgan_generator_offsets(m->noise_dim + cond, m->hidden, m->data_dim);
    generator_workspace w;
    riskgan_status status = rg_generator_workspace_init(&w, &g, CHUNK);
    float *condition = rg_calloc((size_t)CHUNK * (cond ? cond : 1), sizeof(float));
    if (status != RISKGAN_OK || !condition) {
        rg_generator_workspace_free(&w);
        free(condition);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t done = 0; done < rows; done += CHUNK) {
        int n = rows - done < CHUNK ? (int)(rows - done) : CHUNK;
        w.rows = n;
        rg_rng_fill_normal(rng, w.x0, (size_t)n * g.input);
        if (condition_column >= 0) {
            memset(condition, 0, (size_t)n * cond * sizeof(float));
            size_t offset = sampler->column[condition_column].condition_start + (size_t)condition_level;
            for (int r = 0; r < n; r++)
                condition[(size_t)r * cond + offset] = 1;
        } else if (cond) {
            rg_condition_sample_generation(sampler, (size_t)n, rng, condition);
        }
        for (int r = 0; r < n; r++)
            memcpy(w.x0 + (size_t)r * g.input + m->noise_dim, condition + (size_t)r * cond, (size_t)cond * sizeof(float));
        rg_ctgan_generator_forward(&g, m->generator, m->running, &w, t, 0, logit_bias, rg_one_stream(rng), NULL);
        memcpy(out + done * m->data_dim, w.act, (size_t)n * m->data_dim * sizeof(float));
        if (condition_column >= 0) { /* the conditioned value is exact, not just likely */
            const rg_span *span = &t->spans[sampler->column[condition_column].span];
            for (int r = 0; r < n; r++) {
                float *row = out + (done + (size_t)r) * m->data_dim + span->start;
                size_t generated = 0;
                for (size_t c = 1; c < span->width; c++)
                    generated = row[c] > row[generated] ? c : generated;
                if (agreeing)
                    *agreeing += (long)generated == condition_level;
                for (size_t c = 0; c < span->width; c++)
                    row[c] = (long)c == condition_level ? 1.0f : 0.0f;
            }
        }
    }
    rg_generator_workspace_free(&w);
    free(condition);
    return RISKGAN_OK;
}

/* ---------------------------------------------------------------- serialization */

void rg_ctgan_write(const rg_ctgan *m, rg_writer *w)
{
    rg_write_u32(w, (uint32_t)m->data_dim);
    rg_write_u32(w, (uint32_t)m->condition_dim);
    rg_write_u32(w, (uint32_t)m->noise_dim);
    rg_write_u32(w, (uint32_t)m->hidden);
    rg_write_u32(w, (uint32_t)m->pac);
    rg_write_floats(w, m->generator, m->generator_count);
    rg_write_floats(w, m->running, 4 * (size_t)m->hidden);
}

riskgan_status rg_ctgan_read(rg_ctgan *m, rg_reader *r)
{
    memset(m, 0, sizeof *m);
    uint32_t data = rg_read_u32(r), cond = rg_read_u32(r), noise = rg_read_u32(r), hidden = rg_read_u32(r),
             pac = rg_read_u32(r);
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    if (data < 1 || data > 1000000 || cond > 1000000 || noise < 1 || noise > 4096 || hidden < 1 ||
        hidden > 4096 || pac < 1 || pac > 1000) {
        r->failure = "the network shape is invalid (corrupt file)";
        return RISKGAN_ERR_FORMAT;
    }
    generator_layout g = rg_ctgan_generator_offsets((int)(noise + cond), (int)hidden, (int)data);
    if (g.total * sizeof(float) > r->length - r->position) {
        r->failure = "the generator weights run past the end of the file (truncated)";
        return RISKGAN_ERR_FORMAT;
    }
    m->data_dim = (int)data;
    m->condition_dim = (int)cond;
    m->noise_dim = (int)noise;
    m->hidden = m->discriminator_hidden = (int)hidden;
    m->pac = (int)pac;
    m->generator_count = g.total;
    m->generator = rg_calloc(g.total, sizeof(float));
    m->running = rg_calloc(4 * (size_t)hidden, sizeof(float));
    if (!m->generator || !m->running) {
        rg_ctgan_free(m);
        return RISKGAN_ERR_NO_MEMORY;
    }
    rg_read_floats(r, m->generator, g.total);
    rg_read_floats(r, m->running, 4 * (size_t)hidden);
    for (size_t i = 0; !r->failure && i < g.total; i++)
        if (!isfinite(m->generator[i]))
            r->failure = "the generator weights hold NaN/inf (corrupt file)";
    return r->failure ? RISKGAN_ERR_FORMAT : RISKGAN_OK;
}
