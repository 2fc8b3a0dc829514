/* layers.h — neural-network layers as forward/backward function pairs (llm.c style).
 *
 * All matrices are float32, row-major, `rows` x `dim`. Every backward function
 * ADDS parameter gradients into its d_* parameter buffers (so gradients of
 * several passes can be summed) and WRITES the input gradient (d_in may be NULL
 * when it is not needed). Matrix products go through CBLAS sgemm. */
#ifndef RISKGAN_NN_LAYERS_H
#define RISKGAN_NN_LAYERS_H

#include <stddef.h>
#include <stdint.h>

#include "../core/rng.h"

/* Where a layer's random draws come from: row r draws from
 * stream[(r / rows_per_stream) % count]. Data-parallel training gives each pack of rows its
 * own stream, so a rank draws for its rows exactly what one process draws for them;
 * rg_one_stream serves a whole pass from one generator. stream NULL: no random draws. */
typedef struct {
    rg_rng *stream;
    size_t rows_per_stream, count;
} rg_streams;

/* Below this many streams of their own (a batch's packs), a pass's rows are drawn and computed
 * on one thread: threads cost more than they save (german_credit's batches of 7 packs ran
 * 60 % slower on two threads than OpenBLAS's own choice of one). */
enum { RG_PARALLEL_STREAMS = 16 };

static inline rg_streams rg_one_stream(rg_rng *rng)
{
    return (rg_streams){rng, 1, 1};
}

static inline rg_rng *rg_stream_of(rg_streams streams, size_t row)
{
    return streams.stream + (row / streams.rows_per_stream) % streams.count;
}

/* Batch statistics over the rows of every rank of a data-parallel run: `sum` adds the
 * ranks' values in place and `rows` is the rows of all ranks. NULL: this pass's rows only. */
typedef struct {
    void (*sum)(double *values, size_t count);
    double rows;
} rg_batch_sum;


/* C = alpha * op(A) * op(B) + beta * C, row-major; op transposes when trans_* != 0. */
void rg_matmul(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, int lda,
               const float *b, int ldb, float beta, float *c, int ldc);

/* out = in * weight^T + bias; weight is out_dim x in_dim. */
void rg_linear_forward(float *out, const float *in, const float *weight, const float *bias,
                       int rows, int in_dim, int out_dim);
/* d_weight += d_out^T in; d_bias += column sums of d_out; d_in = d_out weight (+= if accumulate). */
void rg_linear_backward(float *d_in, float *d_weight, float *d_bias, const float *d_out,
                        const float *in, const float *weight, int rows, int in_dim, int out_dim,
                        int accumulate);

/* PyTorch's default Linear initialization: weight and bias uniform in +-1/sqrt(in_dim). */
void rg_linear_init(float *weight, float *bias, int in_dim, int out_dim, rg_rng *rng);

/* Batch normalization over the batch (training): saves normalized inputs and 1/std,
 * updates the running statistics (momentum 0.1, unbiased running variance). With `all`,
 * the statistics are those of every rank's rows; the backward pass then adds this rank's
 * share of d_gamma and d_beta (the ranks' gradients are summed afterwards). */
void rg_batchnorm_forward_train(float *out, float *normalized, float *inverse_std, const float *in,
                                const float *gamma, const float *beta, float *running_mean,
                                float *running_var, int rows, int dim, const rg_batch_sum *all);
void rg_batchnorm_forward_eval(float *out, const float *in, const float *gamma, const float *beta,
                               const float *running_mean, const float *running_var, int rows, int dim);
void rg_batchnorm_backward(float *d_in, float *d_gamma, float *d_beta, const float *d_out,
                           const float *normalized, const float *inverse_std, const float *gamma,
                           int rows, int dim, const rg_batch_sum *all);

void rg_relu_forward(float *out, const float *in, size_t n);
void rg_relu_backward(float *d_in, const float *d_out, const float *in, size_t n);
void rg_leaky_relu_forward(float *out, const float *in, float slope, size_t n);
void rg_leaky_relu_backward(float *d_in, const float *d_out, const float *in, float slope, size_t n);
/* Draws an inverted-dropout mask (0 or 1/(1-p)) and applies it. */
void rg_dropout_forward(float *out, float *mask, const float *in, float p, int rows, int dim,
                        rg_streams streams);
void rg_dropout_backward(float *d_in, const float *d_out, const float *mask, size_t n);
void rg_tanh_forward(float *out, const float *in, size_t n);
void rg_tanh_backward(float *d_in, const float *d_out, const float *out, size_t n);

/* A category drawn from softmax(logits) on columns [start, start+width) of each row, written
 * one-hot into out: what the argmax of the Gumbel-softmax gives, in distribution, with one
 * uniform draw per row instead of two logarithms per column (generation only: no gradient). */
void rg_categorical_sample_forward(float *out, const float *logits, int rows, int stride, int start, int width,
                                   rg_streams streams);
/* Gumbel-softmax on columns [start, start+width) of each row (row stride `stride`):
 * soft = softmax((logits + g) / tau) with g ~ Gumbel(0,1) from the row's stream (no noise
 * when streams.stream is NULL). out receives soft, or its one-hot argmax when hard (straight-through: the
 * backward pass is the soft one's). soft is kept for the backward pass. */
void rg_gumbel_softmax_forward(float *out, float *soft, const float *logits, int rows, int stride,
                               int start, int width, float tau, int hard, rg_streams streams);
/* d_logits = (1/tau) * soft * (d_out - sum(d_out * soft)) on the span. */
void rg_gumbel_softmax_backward(float *d_logits, const float *d_out, const float *soft, int rows,
                                int stride, int start, int width, float tau);

/* Cross-entropy of each row's target class under softmax(logits) (rows x classes); the
 * gradient (softmax - 1[target]) / scale goes to gradient (may be NULL). Returns the sum. */
double rg_softmax_cross_entropy(const float *logits, const uint16_t *targets, size_t rows, size_t classes,
                                double scale, float *gradient);

/* Adam (Kingma & Ba) with L2 weight decay added to the gradient, PyTorch semantics. */
typedef struct {
    float learning_rate, beta1, beta2, epsilon, weight_decay;
} rg_adam_options;
void rg_adam_step(float *restrict parameters, const float *restrict gradients, float *restrict first_moment,
                  float *restrict second_moment, size_t n, const rg_adam_options *options, long step);

#endif
