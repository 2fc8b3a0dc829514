/* tvae.c — TVAE: encoder data->h->h->(mu, logvar), decoder latent->h->h->data with a learned
 * sigma per output, trained on the reconstruction of the transformed spans plus KL. */
#include "tvae.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../nn/layers.h"
#include "training.h"

static const float loss_factor = 2.0f;

typedef struct {
    size_t e1w, e1b, e2w, e2b, muw, mub, lvw, lvb, d1w, d1b, d2w, d2b, d3w, d3b, sigma, total;
} tvae_layout;

static tvae_layout layout(int data, int h, int latent)
{
    tvae_layout l;
    size_t o = 0;
    l.e1w = o, o += (size_t)h * data;
    l.e1b = o, o += h;
    l.e2w = o, o += (size_t)h * h;
    l.e2b = o, o += h;
    l.muw = o, o += (size_t)latent * h;
    l.mub = o, o += latent;
    l.lvw = o, o += (size_t)latent * h;
    l.lvb = o, o += latent;
    l.d1w = o, o += (size_t)h * latent;
    l.d1b = o, o += h;
    l.d2w = o, o += (size_t)h * h;
    l.d2b = o, o += h;
    l.d3w = o, o += (size_t)data * h;
    l.d3b = o, o += data;
    l.sigma = o, o += data;
    l.total = o;
    return l;
}

riskgan_status rg_tvae_init(rg_tvae *m, int data, int h, int latent, rg_rng *rng)
{
    memset(m, 0, sizeof *m);
    m->data_dim = data, m->hidden = h, m->latent = latent;
    tvae_layout l = layout(data, h, latent);
    m->count = l.total;
    m->parameters = rg_calloc(l.total, sizeof(float));
    if (!m->parameters)
        return RISKGAN_ERR_NO_MEMORY;
    float *p = m->parameters;
    rg_linear_init(p + l.e1w, p + l.e1b, data, h, rng);
    rg_linear_init(p + l.e2w, p + l.e2b, h, h, rng);
    rg_linear_init(p + l.muw, p + l.mub, h, latent, rng);
    rg_linear_init(p + l.lvw, p + l.lvb, h, latent, rng);
    rg_linear_init(p + l.d1w, p + l.d1b, latent, h, rng);
    rg_linear_init(p + l.d2w, p + l.d2b, h, h, rng);
    rg_linear_init(p + l.d3w, p + l.d3b, h, data, rng);
    for (int k = 0; k < data; k++)
        p[l.sigma + k] = 0.1f;
    return RISKGAN_OK;
}

void rg_tvae_free(rg_tvae *m)
{
    free(m->parameters);
    memset(m, 0, sizeof *m);
}

/* Scratch for one batch: forward activations and their gradients. */
typedef struct {
    float *a1, *h1, *a2, *h2, *mu, *logvar, *z, *b1, *g1, *b2, *g2, *out;
    float *d_out, *d_g2, *d_b2, *d_g1, *d_b1, *d_z, *d_mu, *d_logvar, *d_h2, *d_a2, *d_h1, *d_a1;
} batch_scratch;

static float *scratch_block(size_t size)
{
    return calloc(size ? size : 1, sizeof(float));
}

static int scratch_init(batch_scratch *s, int rows, int data, int h, int latent)
{
    size_t r = (size_t)rows;
    float **hidden[] = {&s->a1, &s->h1, &s->a2, &s->h2, &s->b1, &s->g1, &s->b2, &s->g2, &s->d_g2,
                        &s->d_b2, &s->d_g1, &s->d_b1, &s->d_h2, &s->d_a2, &s->d_h1, &s->d_a1};
    float **latents[] = {&s->mu, &s->logvar, &s->z, &s->d_z, &s->d_mu, &s->d_logvar};
    float **outputs[] = {&s->out, &s->d_out};
    for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++)
        if (!(*hidden[i] = scratch_block(r * h)))
            return 0;
    for (size_t i = 0; i < sizeof latents / sizeof *latents; i++)
        if (!(*latents[i] = scratch_block(r * latent)))
            return 0;
    for (size_t i = 0; i < sizeof outputs / sizeof *outputs; i++)
        if (!(*outputs[i] = scratch_block(r * data)))
            return 0;
    return 1;
}

static void scratch_free(batch_scratch *s)
{
    float *all[] = {s->a1, s->h1, s->a2, s->h2, s->mu, s->logvar, s->z, s->b1, s->g1, s->b2, s->g2, s->out,
                    s->d_out, s->d_g2, s->d_b2, s->d_g1, s->d_b1, s->d_z, s->d_mu, s->d_logvar, s->d_h2,
                    s->d_a2, s->d_h1, s->d_a1};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        free(all[i]);
}

static void decoder_forward(const rg_tvae *m, const tvae_layout *l, batch_scratch *s, const float *z, int rows)
{
    const float *p = m->parameters;
    int h = m->hidden;
    rg_linear_forward(s->b1, z, p + l->d1w, p + l->d1b, rows, m->latent, h);
    rg_relu_forward(s->g1, s->b1, (size_t)rows * h);
    rg_linear_forward(s->b2, s->g1, p + l->d2w, p + l->d2b, rows, h, h);
    rg_relu_forward(s->g2, s->b2, (size_t)rows * h);
    rg_linear_forward(s->out, s->g2, p + l->d3w, p + l->d3b, rows, h, m->data_dim);
}

static double batch_loss(const rg_tvae *m, const rg_transformer *t, batch_scratch *s, const float *x, int rows,
                         const float *eps, float *grad, double *kl_out)
{
    tvae_layout l = layout(m->data_dim, m->hidden, m->latent);
    const float *p = m->parameters;
    int h = m->hidden, data = m->data_dim, latent = m->latent;
    size_t rh = (size_t)rows * h, rl = (size_t)rows * latent;
    rg_linear_forward(s->a1, x, p + l.e1w, p + l.e1b, rows, data, h);
    rg_relu_forward(s->h1, s->a1, rh);
    rg_linear_forward(s->a2, s->h1, p + l.e2w, p + l.e2b, rows, h, h);
    rg_relu_forward(s->h2, s->a2, rh);
    rg_linear_forward(s->mu, s->h2, p + l.muw, p + l.mub, rows, h, latent);
    rg_linear_forward(s->logvar, s->h2, p + l.lvw, p + l.lvb, rows, h, latent);
    for (size_t i = 0; i < rl; i++)
        s->z[i] = s->mu[i] + eps[i] * expf(0.5f * s->logvar[i]);
    decoder_forward(m, &l, s, s->z, rows);
    /* reconstruction */
    double reconstruction = 0, kl = 0, scale = loss_factor / rows;
    memset(s->d_out, 0, (size_t)rows * data * sizeof(float));
    for (size_t k = 0; k < t->span_count; k++) {
        const rg_span *span = &t->spans[k];
        if (span->kind == RG_SPAN_TANH) {
            size_t c = span->start;
            double sigma = p[l.sigma + c], sum_squares = 0;
            for (int r = 0; r < rows; r++) {
                size_t i = (size_t)r * data + c;
                double y = tanh(s->out[i]), e = x[i] - y;
                sum_squares += e * e;
                s->d_out[i] = (float)(scale * -e / (sigma * sigma) * (1 - y * y));
            }
            reconstruction += sum_squares / (2 * sigma * sigma) + log(sigma) * rows;
            if (grad)
                grad[l.sigma + c] += (float)(scale * (-sum_squares / (sigma * sigma * sigma) + rows / sigma));
            continue;
        }
        for (int r = 0; r < rows; r++) {
            const float *o = s->out + (size_t)r * data + span->start;
            const float *target = x + (size_t)r * data + span->start;
            float *d = s->d_out + (size_t)r * data + span->start;
            size_t label = 0;
            float maximum = o[0];
            for (size_t c = 1; c < span->width; c++) {
                if (target[c] > target[label])
                    label = c;
                if (o[c] > maximum)
                    maximum = o[c];
            }
            double sum = 0;
            for (size_t c = 0; c < span->width; c++)
                sum += exp(o[c] - maximum);
            reconstruction += log(sum) + maximum - o[label];
            for (size_t c = 0; c < span->width; c++)
                d[c] = (float)(scale * (exp(o[c] - maximum) / sum - (c == label)));
        }
    }
    for (size_t i = 0; i < rl; i++)
        kl += -0.5 * (1 + s->logvar[i] - s->mu[i] * s->mu[i] - exp(s->logvar[i]));
    double loss = reconstruction * scale + kl / rows;
    if (kl_out)
        *kl_out = kl / rows;
    if (!grad)
        return loss;
    /* decoder backward */
    rg_linear_backward(s->d_g2, grad + l.d3w, grad + l.d3b, s->d_out, s->g2, p + l.d3w, rows, h, data, 0);
    rg_relu_backward(s->d_b2, s->d_g2, s->b2, rh);
    rg_linear_backward(s->d_g1, grad + l.d2w, grad + l.d2b, s->d_b2, s->g1, p + l.d2w, rows, h, h, 0);
    rg_relu_backward(s->d_b1, s->d_g1, s->b1, rh);
    rg_linear_backward(s->d_z, grad + l.d1w, grad + l.d1b, s->d_b1, s->z, p + l.d1w, rows, latent, h, 0);
    /* reparameterization and KL */
    for (size_t i = 0; i < rl; i++) {
        float sd = expf(0.5f * s->logvar[i]);
        s->d_mu[i] = s->d_z[i] + s->mu[i] / rows;
        s->d_logvar[i] = s->d_z[i] * eps[i] * 0.5f * sd - 0.5f * (1 - expf(s->logvar[i])) / rows;
    }
    rg_linear_backward(s->d_h2, grad + l.muw, grad + l.mub, s->d_mu, s->h2, p + l.muw, rows, h, latent, 0);
    rg_linear_backward(s->d_h2, grad + l.lvw, grad + l.lvb, s->d_logvar, s->h2, p + l.lvw, rows, h, latent, 1);
    rg_relu_backward(s->d_a2, s->d_h2, s->a2, rh);
    rg_linear_backward(s->d_h1, grad + l.e2w, grad + l.e2b, s->d_a2, s->h1, p + l.e2w, rows, h, h, 0);
    rg_relu_backward(s->d_a1, s->d_h1, s->a1, rh);
    rg_linear_backward(NULL, grad + l.e1w, grad + l.e1b, s->d_a1, x, p + l.e1w, rows, data, h, 0);
    return loss;
}

double rg_tvae_batch_loss(const rg_tvae *m, const rg_transformer *t, const float *batch, int rows,
                          const float *eps, float *gradients, double *kl_out)
{
    batch_scratch s;
    memset(&s, 0, sizeof s);
    double loss = NAN;
    if (scratch_init(&s, rows, m->data_dim, m->hidden, m->latent))
        loss = batch_loss(m, t, &s, batch, rows, eps, gradients, kl_out);
    scratch_free(&s);
    return loss;
}

riskgan_status rg_tvae_train(rg_tvae *m, const rg_transformer *t, const float *data, size_t rows,
                             const riskgan_fit_options *o, int batch, rg_rng *rng, int *epochs_done)
{
    *epochs_done = 0;
    tvae_layout l = layout(m->data_dim, m->hidden, m->latent);
    batch_scratch s;
    memset(&s, 0, sizeof s);
    float *grad = rg_calloc(m->count, sizeof(float)), *first = rg_calloc(m->count, sizeof(float)),
          *second = rg_calloc(m->count, sizeof(float));
    float *x = rg_calloc((size_t)batch * m->data_dim, sizeof(float));
    float *eps = rg_calloc((size_t)batch * m->latent, sizeof(float));
    uint32_t *order = rg_calloc(rows, sizeof(uint32_t));
    riskgan_status status = RISKGAN_OK;
    if (!grad || !first || !second || !x || !eps || !order ||
        !scratch_init(&s, batch, m->data_dim, m->hidden, m->latent))
        status = rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory for TVAE training");
    rg_adam_options adam = {(float)o->generator_lr, 0.9f, 0.999f, 1e-8f, (float)o->generator_decay};
    long step = 0;
    double start = rg_seconds();
    for (int epoch = 1; epoch <= o->epochs && status == RISKGAN_OK; epoch++) {
        for (size_t i = 0; i < rows; i++)
            order[i] = (uint32_t)i;
        rg_rng_shuffle(rng, order, (uint32_t)rows);
        double reconstruction_sum = 0, kl_sum = 0;
        long batches = 0;
        for (size_t begin = 0; begin < rows; begin += (size_t)batch) {
            if (o->stop && *o->stop) {
                status = rg_fail(RISKGAN_ERR_INTERRUPTED, "training stopped in epoch %d", epoch);
                break;
            }
            int n = rows - begin < (size_t)batch ? (int)(rows - begin) : batch;
            for (int r = 0; r < n; r++)
                memcpy(x + (size_t)r * m->data_dim, data + (size_t)order[begin + r] * m->data_dim,
                       (size_t)m->data_dim * sizeof(float));
            rg_rng_fill_normal(rng, eps, (size_t)n * m->latent);
            memset(grad, 0, m->count * sizeof(float));
            double kl;
            double loss = batch_loss(m, t, &s, x, n, eps, grad, &kl);
            if ((status = rg_check_finite(loss, "TVAE loss", epoch)) != RISKGAN_OK)
                break;
            rg_adam_step(m->parameters, grad, first, second, m->count, &adam, ++step);
            for (int k = 0; k < m->data_dim; k++) {
                float *sigma = &m->parameters[l.sigma + k];
                *sigma = *sigma < 0.01f ? 0.01f : *sigma > 1.0f ? 1.0f : *sigma;
            }
            reconstruction_sum += loss - kl;
            kl_sum += kl;
            batches++;
        }
        if (status != RISKGAN_OK)
            break;
        *epochs_done = epoch;
        rg_report_epoch(o, epoch, o->epochs, reconstruction_sum / batches, kl_sum / batches, start, rows, NAN);
    }
    scratch_free(&s);
    free(grad), free(first), free(second), free(x), free(eps), free(order);
    return status;
}

/* Draws a level from softmax(logits + bias) and writes it one-hot. */
static void sample_level(const float *logits, const float *bias, size_t width, float *out, rg_rng *rng)
{
    double maximum = -INFINITY, total = 0, probability[width];
    for (size_t c = 0; c < width; c++)
        maximum = fmax(maximum, logits[c] + (bias ? bias[c] : 0));
    for (size_t c = 0; c < width; c++)
        total += probability[c] = exp(logits[c] + (bias ? bias[c] : 0) - maximum);
    double u = rg_rng_uniform(rng) * total;
    size_t chosen = 0;
    while (chosen + 1 < width && (u -= probability[chosen]) >= 0)
        chosen++;
    for (size_t c = 0; c < width; c++)
        out[c] = c == chosen ? 1.0f : 0.0f;
}

riskgan_status rg_tvae_generate(const rg_tvae *m, const rg_transformer *t, size_t rows, const float *logit_bias,
                                int sample_categories, rg_rng *rng, float *out)
{
    enum { CHUNK = 1000 };
    tvae_layout l = layout(m->data_dim, m->hidden, m->latent);
    batch_scratch s;
    memset(&s, 0, sizeof s);
    float *z = rg_calloc((size_t)CHUNK * m->latent, sizeof(float));
    if (!z || !scratch_init(&s, CHUNK, m->data_dim, m->hidden, m->latent)) {
        scratch_free(&s);
        free(z);
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory for TVAE sampling");
    }
    for (size_t done = 0; done < rows; done += CHUNK) {
        int n = rows - done < CHUNK ? (int)(rows - done) : CHUNK;
        rg_rng_fill_normal(rng, z, (size_t)n * m->latent);
        decoder_forward(m, &l, &s, z, n);
        for (size_t i = 0; i < (size_t)n * m->data_dim; i++)
            out[done * m->data_dim + i] = tanhf(s.out[i]);
        for (size_t k = 0; k < t->span_count; k++) {
            const rg_span *span = &t->spans[k];
            if (span->kind != RG_SPAN_TANH) {
                if (sample_categories)
                    for (int r = 0; r < n; r++)
                        sample_level(s.out + (size_t)r * m->data_dim + span->start,
                                     logit_bias ? logit_bias + span->start : NULL, span->width,
                                     out + (done + (size_t)r) * m->data_dim + span->start, rng);
                continue;
            }
            float sigma = m->parameters[l.sigma + span->start];
            for (int r = 0; r < n; r++) {
                float *v = out + (done + (size_t)r) * m->data_dim + span->start;
                *v += sigma * (float)rg_rng_normal(rng);
            }
        }
    }
    scratch_free(&s);
    free(z);
    return RISKGAN_OK;
}

void rg_tvae_write(const rg_tvae *m, rg_writer *w)
{
    rg_write_u32(w, (uint32_t)m->data_dim);
    rg_write_u32(w, (uint32_t)m->hidden);
    rg_write_u32(w, (uint32_t)m->latent);
    rg_write_floats(w, m->parameters, m->count);
}

riskgan_status rg_tvae_read(rg_tvae *m, rg_reader *r)
{
    memset(m, 0, sizeof *m);
    uint32_t data = rg_read_u32(r), hidden = rg_read_u32(r), latent = rg_read_u32(r);
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    if (data < 1 || data > 1000000 || hidden < 1 || hidden > 4096 || latent < 1 || latent > 4096) {
        r->failure = "the network shape is invalid (corrupt file)";
        return RISKGAN_ERR_FORMAT;
    }
    tvae_layout l = layout((int)data, (int)hidden, (int)latent);
    if (l.total * sizeof(float) > r->length - r->position) {
        r->failure = "the weights run past the end of the file (truncated)";
        return RISKGAN_ERR_FORMAT;
    }
    m->data_dim = (int)data, m->hidden = (int)hidden, m->latent = (int)latent, m->count = l.total;
    if (!(m->parameters = rg_calloc(l.total, sizeof(float))))
        return RISKGAN_ERR_NO_MEMORY;
    rg_read_floats(r, m->parameters, l.total);
    for (size_t i = 0; !r->failure && i < l.total; i++)
        if (!isfinite(m->parameters[i]))
            r->failure = "the weights hold NaN/inf (corrupt file)";
    return r->failure ? RISKGAN_ERR_FORMAT : RISKGAN_OK;
}
