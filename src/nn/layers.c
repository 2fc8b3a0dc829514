/* layers.c — forward and backward passes of the layers the models are built from. */
#include "layers.h"

#include <cblas.h>
#include <math.h>
#include <omp.h>
#include <string.h>

#include "../core/threads.h"

/* Below this many elements a parallel region costs more than it saves, and idle OpenMP
 * threads spinning beside OpenBLAS's own threads slow both down. */
enum { PARALLEL_THRESHOLD = 1 << 20 };
/* With OpenBLAS on one thread (no threads of its own spinning), Adam's update (4 arrays read,
 * 3 written) pays for threads from this many parameters. */
enum { ADAM_PARALLEL_THRESHOLD = 1 << 16 };

/* Products of at least this many multiply-adds are shared out by rg_matmul. */
enum { SPLIT_WORK = 1 << 22 };

/* With OpenBLAS on one thread (the trainers run so: one pool of threads, OpenMP's, instead of
 * two taking turns on the cores) and outside a parallel region, a large product's rows of C
 * are split over the OpenMP threads, each part a single-threaded sgemm over the whole of k. */
void rg_matmul(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
               const float *b, int ldb, float beta, float *c, int ldc)
{
    CBLAS_TRANSPOSE ta = trans_a ? CblasTrans : CblasNoTrans, tb = trans_b ? CblasTrans : CblasNoTrans;
    int parts = omp_in_parallel() ? 1 : omp_get_max_threads();
    if (parts > 1 && m >= 8 * parts && (double)m * n * k >= SPLIT_WORK && rg_blas_threads() == 1) {
#pragma omp parallel for schedule(static, 1) num_threads(parts)
        for (int p = 0; p < parts; p++) {
            int first = (int)((long)m * p / parts), rows = (int)((long)m * (p + 1) / parts) - first;
            const float *part = trans_a ? a + first : a + (size_t)first * lda; /* rows of op(a) */
            float *out = c + (size_t)first * ldc;
            cblas_sgemm(CblasRowMajor, ta, tb, rows, n, k, alpha, part, lda, b, ldb, beta, out, ldc);
        }
        return;
    }
    cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void rg_linear_forward(float *out, const float *in, const float *weight, const float *bias,
                       int rows, int in_dim, int out_dim)
{
    for (int r = 0; r < rows; r++)
        memcpy(out + (size_t)r * out_dim, bias, (size_t)out_dim * sizeof *out);
    rg_matmul(0, 1, rows, out_dim, in_dim, 1.0f, in, in_dim, weight, in_dim, 1.0f, out, out_dim);
}

void rg_linear_backward(float *d_in, float *d_weight, float *d_bias, const float *d_out,
                        const float *in, const float *weight, int rows, int in_dim, int out_dim,
                        int accumulate)
{
    if (d_weight)
        rg_matmul(1, 0, out_dim, in_dim, rows, 1.0f, d_out, out_dim, in, in_dim, 1.0f, d_weight, in_dim);
    if (d_bias)
        for (int r = 0; r < rows; r++) {
            const float *row = d_out + (size_t)r * out_dim;
            for (int o = 0; o < out_dim; o++)
                d_bias[o] += row[o];
        }
    if (d_in)
        rg_matmul(0, 0, rows, in_dim, out_dim, 1.0f, d_out, out_dim, weight, in_dim,
                  accumulate ? 1.0f : 0.0f, d_in, in_dim);
}

void rg_linear_init(float *weight, float *bias, int in_dim, int out_dim, rg_rng *rng)
{
    float bound = 1.0f / sqrtf((float)in_dim);
    for (size_t i = 0; i < (size_t)in_dim * out_dim; i++)
        weight[i] = (float)(rg_rng_uniform(rng) * 2 - 1) * bound;
    for (int i = 0; i < out_dim; i++)
        bias[i] = (float)(rg_rng_uniform(rng) * 2 - 1) * bound;
}

static const float batchnorm_epsilon = 1e-5f, batchnorm_momentum = 0.1f;

void rg_batchnorm_forward_train(float *out, float *normalized, float *inverse_std, const float *in,
                                const float *gamma, const float *beta, float *running_mean,
                                float *running_var, int rows, int dim, const rg_batch_sum *all)
{
    double mean[dim], variance[dim], count = all ? all->rows : rows;
    memset(mean, 0, sizeof mean);
    memset(variance, 0, sizeof variance);
    for (int r = 0; r < rows; r++)
        for (int d = 0; d < dim; d++)
            mean[d] += in[(size_t)r * dim + d];
    if (all)
        all->sum(mean, (size_t)dim);
    for (int d = 0; d < dim; d++)
        mean[d] /= count;
    for (int r = 0; r < rows; r++)
        for (int d = 0; d < dim; d++) {
            double centered = in[(size_t)r * dim + d] - mean[d];
            variance[d] += centered * centered;
        }
    if (all)
        all->sum(variance, (size_t)dim);
    for (int d = 0; d < dim; d++) {
        double biased = variance[d] / count;
        inverse_std[d] = (float)(1.0 / sqrt(biased + batchnorm_epsilon));
        if (running_mean) {
            double unbiased = count > 1 ? variance[d] / (count - 1) : biased;
            running_mean[d] = (1 - batchnorm_momentum) * running_mean[d] + batchnorm_momentum * (float)mean[d];
            running_var[d] = (1 - batchnorm_momentum) * running_var[d] + batchnorm_momentum * (float)unbiased;
        }
    }
    for (int r = 0; r < rows; r++)
        for (int d = 0; d < dim; d++) {
            size_t i = (size_t)r * dim + d;
            normalized[i] = (float)((in[i] - mean[d]) * inverse_std[d]);
            out[i] = gamma[d] * normalized[i] + beta[d];
        }
}

void rg_batchnorm_forward_eval(float *out, const float *in, const float *gamma, const float *beta,
                               const float *running_mean, const float *running_var, int rows, int dim)
{
    float scale[dim], shift[dim];
    for (int d = 0; d < dim; d++) {
        scale[d] = gamma[d] / sqrtf(running_var[d] + batchnorm_epsilon);
        shift[d] = beta[d] - running_mean[d] * scale[d];
    }
    for (int r = 0; r < rows; r++)
        for (int d = 0; d < dim; d++)
            out[(size_t)r * dim + d] = in[(size_t)r * dim + d] * scale[d] + shift[d];
}

void rg_batchnorm_backward(float *d_in, float *d_gamma, float *d_beta, const float *d_out,
                           const float *normalized, const float *inverse_std, const float *gamma,
                           int rows, int dim, const rg_batch_sum *all)
{
    double sums[2 * dim], *sum = sums, *sum_normalized = sums + dim, count = all ? all->rows : rows;
    memset(sums, 0, sizeof sums);
    for (int r = 0; r < rows; r++)
        for (int d = 0; d < dim; d++) {
            size_t i = (size_t)r * dim + d;
            sum[d] += d_out[i];
            sum_normalized[d] += d_out[i] * normalized[i];
        }
    for (int d = 0; d < dim; d++) {
        d_gamma[d] += (float)sum_normalized[d];
        d_beta[d] += (float)sum[d];
    }
    if (!d_in)
        return;
    if (all)
        all->sum(sums, 2 * (size_t)dim);
    for (int r = 0; r < rows; r++)
        for (int d = 0; d < dim; d++) {
            size_t i = (size_t)r * dim + d;
            double g = gamma[d] * inverse_std[d] / count;
            d_in[i] = (float)(g * (count * (double)d_out[i] - sum[d] - normalized[i] * sum_normalized[d]));
        }
}

void rg_relu_forward(float *out, const float *in, size_t n)
{
#pragma omp parallel for schedule(static) if (n > PARALLEL_THRESHOLD)
    for (size_t i = 0; i < n; i++)
        out[i] = in[i] > 0 ? in[i] : 0;
}

void rg_relu_backward(float *d_in, const float *d_out, const float *in, size_t n)
{
#pragma omp parallel for schedule(static) if (n > PARALLEL_THRESHOLD)
    for (size_t i = 0; i < n; i++)
        d_in[i] = in[i] > 0 ? d_out[i] : 0;
}

void rg_leaky_relu_forward(float *out, const float *in, float slope, size_t n)
{
#pragma omp parallel for schedule(static) if (n > PARALLEL_THRESHOLD)
    for (size_t i = 0; i < n; i++)
        out[i] = in[i] > 0 ? in[i] : slope * in[i];
}

void rg_leaky_relu_backward(float *d_in, const float *d_out, const float *in, float slope, size_t n)
{
#pragma omp parallel for schedule(static) if (n > PARALLEL_THRESHOLD)
    for (size_t i = 0; i < n; i++)
        d_in[i] = in[i] > 0 ? d_out[i] : slope * d_out[i];
}

void rg_dropout_forward(float *out, float *mask, const float *in, float p, int rows, int dim,
                        rg_streams streams)
{
    float keep_scale = 1.0f / (1.0f - p);
    uint64_t threshold = (uint64_t)(p * 18446744073709551616.0);
    size_t n = (size_t)rows * dim;
    for (int r = 0; r < rows; r++) {
        rg_rng *rng = rg_stream_of(streams, (size_t)r);
        for (size_t i = (size_t)r * dim; i < (size_t)(r + 1) * dim; i++)
            mask[i] = rg_rng_next(rng) >= threshold ? keep_scale : 0.0f;
    }
#pragma omp parallel for schedule(static) if (n > PARALLEL_THRESHOLD)
    for (size_t i = 0; i < n; i++)
        out[i] = in[i] * mask[i];
}

void rg_dropout_backward(float *d_in, const float *d_out, const float *mask, size_t n)
{
#pragma omp parallel for schedule(static) if (n > PARALLEL_THRESHOLD)
    for (size_t i = 0; i < n; i++)
        d_in[i] = d_out[i] * mask[i];
}

void rg_tanh_forward(float *out, const float *in, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = tanhf(in[i]);
}

void rg_tanh_backward(float *d_in, const float *d_out, const float *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        d_in[i] = d_out[i] * (1 - out[i] * out[i]);
}

void rg_gumbel_softmax_forward(float *out, float *soft, const float *logits, int rows, int stride,
                               int start, int width, float tau, int hard, rg_streams streams)
{
    for (int r = 0; r < rows; r++) {
        size_t base = (size_t)r * stride + start;
        rg_rng *rng = streams.stream ? rg_stream_of(streams, (size_t)r) : NULL;
        float maximum = -INFINITY;
        for (int k = 0; k < width; k++) {
            float z = (logits[base + k] + (rng ? (float)rg_rng_gumbel(rng) : 0.0f)) / tau;
            soft[base + k] = z;
            if (z > maximum)
                maximum = z;
        }
        double sum = 0;
        for (int k = 0; k < width; k++)
            sum += soft[base + k] = expf(soft[base + k] - maximum);
        int best = 0;
        for (int k = 0; k < width; k++) {
            soft[base + k] = (float)(soft[base + k] / sum);
            if (soft[base + k] > soft[base + best])
                best = k;
        }
        for (int k = 0; k < width; k++)
            out[base + k] = hard ? (k == best ? 1.0f : 0.0f) : soft[base + k];
    }
}

void rg_categorical_sample_forward(float *out, const float *logits, int rows, int stride, int start, int width,
                                   rg_streams streams)
{
    for (int r = 0; r < rows; r++) {
        size_t base = (size_t)r * stride + start;
        float maximum = -INFINITY;
        for (int k = 0; k < width; k++)
            maximum = logits[base + k] > maximum ? logits[base + k] : maximum;
        double sum = 0;
        for (int k = 0; k < width; k++)
            sum += out[base + k] = expf(logits[base + k] - maximum); /* out as scratch for the weights */
        double u = rg_rng_uniform(rg_stream_of(streams, (size_t)r)) * sum, cumulative = 0;
        int chosen = width - 1;
        for (int k = 0; k < width; k++) {
            cumulative += out[base + k];
            if (u < cumulative) {
                chosen = k;
                break;
            }
        }
        for (int k = 0; k < width; k++)
            out[base + k] = k == chosen ? 1.0f : 0.0f;
    }
}

void rg_gumbel_softmax_backward(float *d_logits, const float *d_out, const float *soft, int rows,
                                int stride, int start, int width, float tau)
{
    for (int r = 0; r < rows; r++) {
        size_t base = (size_t)r * stride + start;
        double dot = 0;
        for (int k = 0; k < width; k++)
            dot += d_out[base + k] * soft[base + k];
        for (int k = 0; k < width; k++)
            d_logits[base + k] = (float)(soft[base + k] * (d_out[base + k] - dot) / tau);
    }
}

void rg_adam_step(float *restrict parameters, const float *restrict gradients, float *restrict first_moment,
                  float *restrict second_moment, size_t n, const rg_adam_options *o, long step)
{
    float correction1 = 1.0f - powf(o->beta1, (float)step);
    float correction2_sqrt = sqrtf(1.0f - powf(o->beta2, (float)step));
    float step_size = o->learning_rate / correction1, inverse_correction2 = 1.0f / correction2_sqrt;
    const float beta1 = o->beta1, beta2 = o->beta2, decay = o->weight_decay, epsilon = o->epsilon;
    int share = n > PARALLEL_THRESHOLD || (n > ADAM_PARALLEL_THRESHOLD && rg_blas_threads() == 1);
#pragma omp parallel for schedule(static) if (share) /* memory-bound: one pass */
    for (size_t i = 0; i < n; i++) {
        float g = gradients[i] + decay * parameters[i];
        float m = beta1 * first_moment[i] + (1 - beta1) * g;
        float v = beta2 * second_moment[i] + (1 - beta2) * g * g;
        first_moment[i] = m;
        second_moment[i] = v;
        parameters[i] -= step_size * m / (sqrtf(v) * inverse_correction2 + epsilon);
    }
}

double rg_softmax_cross_entropy(const float *logits, const uint16_t *targets, size_t rows, size_t classes,
                                double scale, float *gradient)
{
    double total = 0;
    for (size_t r = 0; r < rows; r++) {
        const float *z = logits + r * classes;
        float top = z[0];
        for (size_t k = 1; k < classes; k++)
            top = z[k] > top ? z[k] : top;
        double sum = 0;
        for (size_t k = 0; k < classes; k++)
            sum += exp((double)(z[k] - top));
        total += log(sum) - (double)(z[targets[r]] - top);
        for (size_t k = 0; gradient && k < classes; k++)
            gradient[r * classes + k] = (float)((exp((double)(z[k] - top)) / sum - (k == targets[r])) / scale);
    }
    return total;
}
