/* ctgan_generator_network.c — CTGAN's generator network: [z, c] -> Residual(h) ->
 * Residual(h) -> Linear -> tanh / Gumbel-softmax, where Residual(x) = [ReLU(BN(Linear(x))),
 * x]; forward, backward, and the conditional cross-entropy of its logits. */
#include "ctgan_generator_network.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../core/threads.h"

static const float gumbel_tau = 0.2f;

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

/* The output heads of rows [first, first + count): tanh on scalars; on spans the
 * Gumbel-softmax (training, or no draws) or, at generation, the category itself (the
 * Gumbel-softmax's argmax, in distribution). Row r of the range draws from its stream in
 * `streams` as row r - first. */
static void output_heads(const generator_layout *g, generator_workspace *w, const rg_transformer *t, int first,
                         int count, int training, rg_streams streams)
{
    size_t offset = (size_t)first * g->data;
    for (size_t k = 0; k < t->span_count; k++) {
        const rg_span *s = &t->spans[k];
        if (s->kind == RG_SPAN_TANH) {
            for (int r = first; r < first + count; r++) {
                size_t i = (size_t)r * g->data + s->start;
                w->act[i] = tanhf(w->raw[i]);
            }
        } else if (training || !streams.stream) {
            rg_gumbel_softmax_forward(w->act + offset, w->soft + offset, w->raw + offset, count, g->data,
                                      (int)s->start, (int)s->width, gumbel_tau, 0, streams);
        } else {
            rg_categorical_sample_forward(w->act + offset, w->raw + offset, count, g->data, (int)s->start,
                                          (int)s->width, streams);
        }
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
    /* rows drawing from streams of their own (a pack's rows each) go in parallel, a block of
     * rows a stream: a stream sees its draws in the same order on any number of threads; not
     * while OpenBLAS's own threads spin beside OpenMP's (credit_data's 31 packs: 2.5x slower) */
    size_t block = streams.rows_per_stream;
    if (streams.stream && streams.count >= RG_PARALLEL_STREAMS && (size_t)rows <= block * streams.count &&
        !omp_in_parallel() && rg_blas_threads() == 1) {
        int blocks = (int)(((size_t)rows + block - 1) / block);
#pragma omp parallel for schedule(static)
        for (int b = 0; b < blocks; b++) {
            int first = (int)(b * block), count = rows - first < (int)block ? rows - first : (int)block;
            output_heads(g, w, t, first, count, training, (rg_streams){streams.stream + b, block, streams.count - b});
        }
    } else {
        output_heads(g, w, t, 0, rows, training, streams);
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
double rg_ctgan_conditional_loss(const rg_transformer *t, const rg_condition_sampler *s, const float *raw,
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
