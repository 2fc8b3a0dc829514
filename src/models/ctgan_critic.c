/* ctgan_critic.c — CTGAN's critic (PacGAN discriminator): pac rows of [x, c] side by side
 * -> Linear h -> LeakyReLU 0.2 -> Dropout 0.5 -> Linear h -> LeakyReLU 0.2 -> Dropout 0.5 ->
 * Linear 1; forward, backward, and the exact gradient penalty: for this network the input
 * gradient is linear in each weight matrix once the LeakyReLU slopes and dropout masks are
 * fixed, so its derivative with respect to the weights is a few extra matrix products. */
#include "ctgan_critic.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../nn/layers.h"

static const float leaky_slope = 0.2f;

rg_discriminator_layout rg_ctgan_discriminator_offsets(int input, int hidden)
{
    rg_discriminator_layout d;
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
    rg_discriminator_layout d = rg_ctgan_discriminator_offsets(w->input_dim, w->hidden);
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
    rg_discriminator_layout d = rg_ctgan_discriminator_offsets(w->input_dim, w->hidden);
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
    rg_discriminator_layout d = rg_ctgan_discriminator_offsets(w->input_dim, w->hidden);
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
    rg_discriminator_layout d = rg_ctgan_discriminator_offsets(w->input_dim, w->hidden);
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
