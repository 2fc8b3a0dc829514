/* gan_detector.c — GANomaly on detection features: training, scoring, storing (see
 * gan_detector.h). */
#include "gan_detector.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/compare.h"
#include "../core/error.h"
#include "../core/memory.h"

static const float leaky_slope = 0.2f;

void rg_gan_detector_options_default(rg_gan_detector_options *options)
{
    memset(options, 0, sizeof *options);
    options->epochs = 30;
    options->batch_size = 256;
    options->hidden = 64;
    options->latent = 16;
    options->learning_rate = 1e-3;
    options->trim = 0.05;
    options->adversarial_weight = 1;
    options->contextual_weight = 50;
    options->encoder_weight = 1;
}

static riskgan_status copy_layout(rg_gan_detector *d, size_t columns, const size_t *offset, const size_t *span)
{
    d->columns = columns;
    d->offset = rg_calloc(columns, sizeof *d->offset);
    d->span = rg_calloc(columns, sizeof *d->span);
    d->column_error = rg_calloc(columns, sizeof *d->column_error);
    if (!d->offset || !d->span || !d->column_error)
        return RISKGAN_ERR_NO_MEMORY;
    memcpy(d->offset, offset, columns * sizeof *offset);
    memcpy(d->span, span, columns * sizeof *span);
    d->data = columns ? (int)(offset[columns - 1] + span[columns - 1]) : 0;
    return RISKGAN_OK;
}

riskgan_status rg_gan_detector_init(rg_gan_detector *d, size_t columns, const size_t *offset, const size_t *span,
                                    int hidden, int latent, rg_rng *rng)
{
    memset(d, 0, sizeof *d);
    riskgan_status status = copy_layout(d, columns, offset, span);
    d->hidden = hidden, d->latent = latent;
    int encoder[] = {d->data, hidden, hidden, latent}, decoder[] = {latent, hidden, hidden, d->data};
    int body[] = {d->data, hidden, hidden}, head[] = {hidden, 1};
    if (status == RISKGAN_OK)
        status = rg_mlp_init(&d->encoder, 3, encoder, RG_ACTIVATION_LEAKY_RELU, rng);
    if (status == RISKGAN_OK)
        status = rg_mlp_init(&d->decoder, 3, decoder, RG_ACTIVATION_RELU, rng);
    if (status == RISKGAN_OK)
        status = rg_mlp_init(&d->reencoder, 3, encoder, RG_ACTIVATION_LEAKY_RELU, rng);
    if (status == RISKGAN_OK)
        status = rg_mlp_init(&d->critic_body, 2, body, RG_ACTIVATION_LEAKY_RELU, rng);
    if (status == RISKGAN_OK)
        status = rg_mlp_init(&d->critic_head, 1, head, RG_ACTIVATION_LEAKY_RELU, rng);
    if (status != RISKGAN_OK)
        rg_gan_detector_free(d);
    return status;
}

void rg_gan_detector_free(rg_gan_detector *d)
{
    rg_mlp_free(&d->encoder);
    rg_mlp_free(&d->decoder);
    rg_mlp_free(&d->reencoder);
    rg_mlp_free(&d->critic_body);
    rg_mlp_free(&d->critic_head);
    free(d->offset);
    free(d->span);
    free(d->column_error);
    memset(d, 0, sizeof *d);
}

riskgan_status rg_gan_scratch_init(rg_gan_scratch *s, const rg_gan_detector *d, int rows)
{
    memset(s, 0, sizeof *s);
    s->capacity = rows;
    riskgan_status status = rg_mlp_trace_init(&s->encoder, &d->encoder, rows);
    if (status == RISKGAN_OK)
        status = rg_mlp_trace_init(&s->decoder, &d->decoder, rows);
    if (status == RISKGAN_OK)
        status = rg_mlp_trace_init(&s->reencoder, &d->reencoder, rows);
    if (status != RISKGAN_OK)
        rg_gan_scratch_free(s);
    return status;
}

void rg_gan_scratch_free(rg_gan_scratch *s)
{
    rg_mlp_trace_free(&s->encoder);
    rg_mlp_trace_free(&s->decoder);
    rg_mlp_trace_free(&s->reencoder);
}

riskgan_status rg_gan_step_init(rg_gan_step *s, const rg_gan_detector *d, int rows)
{
    memset(s, 0, sizeof *s);
    s->rows = rows;
    size_t n = (size_t)rows;
    riskgan_status status = rg_gan_scratch_init(&s->pass, d, rows);
    if (status == RISKGAN_OK)
        status = rg_mlp_trace_init(&s->critic_real, &d->critic_body, rows);
    if (status == RISKGAN_OK)
        status = rg_mlp_trace_init(&s->critic_fake, &d->critic_body, rows);
    if (status == RISKGAN_OK)
        status = rg_mlp_trace_init(&s->head_real, &d->critic_head, rows);
    if (status == RISKGAN_OK)
        status = rg_mlp_trace_init(&s->head_fake, &d->critic_head, rows);
    if (status == RISKGAN_OK) {
        s->batch = rg_calloc(n * d->data, sizeof(float));
        s->active_real = rg_calloc(n * d->hidden, sizeof(float));
        s->active_fake = rg_calloc(n * d->hidden, sizeof(float));
        s->d_reconstruction = rg_calloc(n * d->data, sizeof(float));
        s->d_input = rg_calloc(n * d->data, sizeof(float));
        s->d_latent = rg_calloc(n * d->latent, sizeof(float));
        s->d_latent_input = rg_calloc(n * d->latent, sizeof(float));
        s->d_relatent = rg_calloc(n * d->latent, sizeof(float));
        s->d_features = rg_calloc(n * d->hidden, sizeof(float));
        s->d_active = rg_calloc(n * d->hidden, sizeof(float));
        s->d_head = rg_calloc(n, sizeof(float));
        s->weight = rg_calloc(n, sizeof(float));
        s->row_error = rg_calloc(2 * n, sizeof(double)); /* errors, then their sorted copy */
        if (!s->batch || !s->active_real || !s->active_fake || !s->d_reconstruction || !s->d_input || !s->d_latent ||
            !s->d_latent_input || !s->d_relatent || !s->d_features || !s->d_active || !s->d_head || !s->weight ||
            !s->row_error)
            status = RISKGAN_ERR_NO_MEMORY;
    }
    if (status != RISKGAN_OK)
        rg_gan_step_free(s);
    return status;
}

void rg_gan_step_free(rg_gan_step *s)
{
    rg_gan_scratch_free(&s->pass);
    rg_mlp_trace_free(&s->critic_real);
    rg_mlp_trace_free(&s->critic_fake);
    rg_mlp_trace_free(&s->head_real);
    rg_mlp_trace_free(&s->head_fake);
    free(s->batch);
    free(s->active_real);
    free(s->active_fake);
    free(s->d_reconstruction);
    free(s->d_input);
    free(s->d_latent);
    free(s->d_latent_input);
    free(s->d_relatent);
    free(s->d_features);
    free(s->d_active);
    free(s->d_head);
    free(s->weight);
    free(s->row_error);
    memset(s, 0, sizeof *s);
}

/* Weights of the batch's rows: 0 for the `trim` share with the largest errors. */
static void trim_weights(rg_gan_step *s, int rows)
{
    for (int i = 0; i < rows; i++)
        s->weight[i] = 1;
    int left_out = (int)(s->trim * rows);
    if (left_out < 1 || left_out >= rows)
        return;
    double *sorted = s->row_error + s->rows;
    memcpy(sorted, s->row_error, (size_t)rows * sizeof *sorted);
    qsort(sorted, (size_t)rows, sizeof *sorted, rg_compare_doubles);
    double threshold = sorted[rows - left_out];
    for (int i = 0, dropped = 0; i < rows && dropped < left_out; i++)
        if (s->row_error[i] >= threshold) {
            s->weight[i] = 0;
            dropped++;
        }
}

double rg_gan_generator_step(rg_gan_detector *d, const float *x, int rows, rg_gan_step *s,
                             const rg_gan_detector_options *options, double parts[3])
{
    const float *z = rg_mlp_forward(&d->encoder, x, rows, &s->pass.encoder);
    const float *xh = rg_mlp_forward(&d->decoder, z, rows, &s->pass.decoder);
    const float *zh = rg_mlp_forward(&d->reencoder, xh, rows, &s->pass.reencoder);
    const float *f_real = rg_mlp_forward(&d->critic_body, x, rows, &s->critic_real);
    const float *f_fake = rg_mlp_forward(&d->critic_body, xh, rows, &s->critic_fake);
    int n = d->data, l = d->latent, h = d->hidden;
    for (int i = 0; i < rows; i++) {
        double e = 0;
        for (int k = 0; k < n; k++) {
            double diff = (double)xh[(size_t)i * n + k] - x[(size_t)i * n + k];
            e += diff * diff;
        }
        s->row_error[i] = e;
    }
    trim_weights(s, rows);
    double total_weight = 0;
    for (int i = 0; i < rows; i++)
        total_weight += s->weight[i];
    double contextual = 0, encoder = 0, adversarial = 0;
    float c_scale = (float)(2 * options->contextual_weight / (total_weight * n));
    float e_scale = (float)(2 * options->encoder_weight / (total_weight * l));
    float a_scale = (float)(2 * options->adversarial_weight / (total_weight * h));
    for (int i = 0; i < rows; i++) {
        float w = s->weight[i];
        for (int k = 0; k < n; k++) {
            size_t at = (size_t)i * n + k;
            float diff = xh[at] - x[at];
            contextual += w * (double)diff * diff;
            s->d_reconstruction[at] = c_scale * w * diff;
        }
        for (int k = 0; k < l; k++) {
            size_t at = (size_t)i * l + k;
            float diff = zh[at] - z[at];
            encoder += w * (double)diff * diff;
            s->d_relatent[at] = e_scale * w * diff;
            s->d_latent[at] = -e_scale * w * diff;
        }
        for (int k = 0; k < h; k++) {
            size_t at = (size_t)i * h + k;
            float diff = f_fake[at] - f_real[at];
            adversarial += w * (double)diff * diff;
            s->d_features[at] = a_scale * w * diff;
        }
    }
    contextual /= total_weight * n;
    encoder /= total_weight * l;
    adversarial /= total_weight * h;
    size_t cells = (size_t)rows * n;
    rg_mlp_backward(&d->reencoder, xh, s->d_relatent, rows, &s->pass.reencoder, s->d_input);
    for (size_t k = 0; k < cells; k++)
        s->d_reconstruction[k] += s->d_input[k];
    rg_mlp_backward(&d->critic_body, xh, s->d_features, rows, &s->critic_fake, s->d_input);
    for (size_t k = 0; k < cells; k++)
        s->d_reconstruction[k] += s->d_input[k];
    rg_mlp_zero_gradients(&d->critic_body);
    rg_mlp_backward(&d->decoder, z, s->d_reconstruction, rows, &s->pass.decoder, s->d_latent_input);
    for (size_t k = 0; k < (size_t)rows * l; k++)
        s->d_latent[k] += s->d_latent_input[k];
    rg_mlp_backward(&d->encoder, x, s->d_latent, rows, &s->pass.encoder, NULL);
    if (parts) {
        parts[0] = contextual;
        parts[1] = encoder;
        parts[2] = adversarial;
    }
    return options->contextual_weight * contextual + options->encoder_weight * encoder +
           options->adversarial_weight * adversarial;
}

static double softplus(double v)
{
    return v > 0 ? v + log1p(exp(-v)) : log1p(exp(v));
}

/* One side of the critic: logistic loss towards `real`, gradients into the critic. */
static double critic_side(rg_gan_detector *d, const float *in, int rows, rg_gan_step *s, rg_mlp_trace *body,
                          rg_mlp_trace *head, float *active, int real, double total_weight)
{
    size_t cells = (size_t)rows * d->hidden;
    const float *features = rg_mlp_forward(&d->critic_body, in, rows, body);
    rg_leaky_relu_forward(active, features, leaky_slope, cells);
    const float *logit = rg_mlp_forward(&d->critic_head, active, rows, head);
    double loss = 0;
    for (int i = 0; i < rows; i++) {
        double v = logit[i], w = s->weight[i];
        loss += w * softplus(real ? -v : v);
        double sigmoid = 1 / (1 + exp(-v));
        s->d_head[i] = (float)(w * (real ? sigmoid - 1 : sigmoid) / total_weight);
    }
    rg_mlp_backward(&d->critic_head, active, s->d_head, rows, head, s->d_active);
    rg_leaky_relu_backward(s->d_active, s->d_active, features, leaky_slope, cells);
    rg_mlp_backward(&d->critic_body, in, s->d_active, rows, body, NULL);
    return loss / total_weight;
}

double rg_gan_critic_step(rg_gan_detector *d, const float *x, int rows, rg_gan_step *s)
{
    const float *xh = s->pass.decoder.post[d->decoder.layers - 1];
    double total_weight = 0;
    for (int i = 0; i < rows; i++)
        total_weight += s->weight[i];
    return critic_side(d, x, rows, s, &s->critic_real, &s->head_real, s->active_real, 1, total_weight) +
           critic_side(d, xh, rows, s, &s->critic_fake, &s->head_fake, s->active_fake, 0, total_weight);
}

static void zero_generator(rg_gan_detector *d)
{
    rg_mlp_zero_gradients(&d->encoder);
    rg_mlp_zero_gradients(&d->decoder);
    rg_mlp_zero_gradients(&d->reencoder);
    rg_mlp_zero_gradients(&d->critic_body);
}

/* Mean training reconstruction error per column (floored, so that a column reconstructed
 * perfectly does not divide by zero). */
static riskgan_status set_column_errors(rg_gan_detector *d, const float *x, size_t rows, rg_gan_scratch *scratch)
{
    double *errors = rg_calloc((size_t)scratch->capacity * d->columns, sizeof *errors);
    if (!errors)
        return RISKGAN_ERR_NO_MEMORY;
    memset(d->column_error, 0, d->columns * sizeof *d->column_error);
    for (size_t start = 0; start < rows; start += (size_t)scratch->capacity) {
        int n = (int)(rows - start < (size_t)scratch->capacity ? rows - start : (size_t)scratch->capacity);
        rg_gan_detector_errors(d, x + start * d->data, n, scratch, errors, NULL);
        for (int i = 0; i < n; i++)
            for (size_t j = 0; j < d->columns; j++)
                d->column_error[j] += errors[(size_t)i * d->columns + j];
    }
    for (size_t j = 0; j < d->columns; j++) {
        d->column_error[j] /= (double)rows;
        if (d->column_error[j] < 1e-6)
            d->column_error[j] = 1e-6;
    }
    free(errors);
    return RISKGAN_OK;
}

riskgan_status rg_gan_detector_train(rg_gan_detector *d, const float *x, size_t rows,
                                     const rg_gan_detector_options *options)
{
    if (rows < 2)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the GAN detector needs at least 2 training rows");
    int batch = options->batch_size < 2 ? 2 : options->batch_size;
    if ((size_t)batch > rows)
        batch = (int)rows;
    rg_gan_step step;
    riskgan_status status = rg_gan_step_init(&step, d, batch);
    uint32_t *order = rg_calloc(rows, sizeof *order);
    if (status == RISKGAN_OK && !order)
        status = RISKGAN_ERR_NO_MEMORY;
    rg_rng rng;
    rg_rng_seed(&rng, options->seed ^ 0x67616e6f6d616c79ULL);
    for (size_t i = 0; i < rows && order; i++)
        order[i] = (uint32_t)i;
    rg_adam_options generator = {(float)options->learning_rate, 0.5f, 0.999f, 1e-8f, 0};
    rg_adam_options critic = generator;
    int warm_up = options->epochs / 4;
    size_t batches = rows / (size_t)batch;
    for (int epoch = 0; status == RISKGAN_OK && epoch < options->epochs; epoch++) {
        if (options->stop && *options->stop) {
            status = rg_fail(RISKGAN_ERR_INTERRUPTED, "stopped at epoch %d", epoch + 1);
            break;
        }
        rg_rng_shuffle(&rng, order, (uint32_t)rows);
        step.trim = epoch >= warm_up ? options->trim : 0;
        double generator_loss = 0, critic_loss = 0;
        for (size_t b = 0; b < batches; b++) {
            for (int i = 0; i < batch; i++)
                memcpy(step.batch + (size_t)i * d->data, x + (size_t)order[b * batch + i] * d->data,
                       (size_t)d->data * sizeof(float));
            zero_generator(d);
            generator_loss += rg_gan_generator_step(d, step.batch, batch, &step, options, NULL);
            rg_mlp_adam_step(&d->encoder, &generator);
            rg_mlp_adam_step(&d->decoder, &generator);
            rg_mlp_adam_step(&d->reencoder, &generator);
            rg_mlp_zero_gradients(&d->critic_body);
            rg_mlp_zero_gradients(&d->critic_head);
            critic_loss += rg_gan_critic_step(d, step.batch, batch, &step);
            rg_mlp_adam_step(&d->critic_body, &critic);
            rg_mlp_adam_step(&d->critic_head, &critic);
        }
        generator_loss /= (double)batches;
        critic_loss /= (double)batches;
        if (!isfinite(generator_loss) || !isfinite(critic_loss)) {
            status = rg_fail(RISKGAN_ERR_NUMERIC, "the GAN detector's loss became %s at epoch %d",
                             isnan(generator_loss + critic_loss) ? "NaN" : "infinite", epoch + 1);
            break;
        }
        if (options->progress)
            options->progress(epoch + 1, options->epochs, generator_loss, critic_loss, options->progress_user);
    }
    if (status == RISKGAN_OK)
        status = set_column_errors(d, x, rows, &step.pass);
    free(order);
    rg_gan_step_free(&step);
    return status;
}

void rg_gan_detector_errors(const rg_gan_detector *d, const float *x, int rows, rg_gan_scratch *s,
                            double *column_errors, double *latent_distance)
{
    const float *z = rg_mlp_forward(&d->encoder, x, rows, &s->encoder);
    const float *xh = rg_mlp_forward(&d->decoder, z, rows, &s->decoder);
    for (int i = 0; i < rows; i++)
        for (size_t j = 0; j < d->columns; j++) {
            const float *a = x + (size_t)i * d->data + d->offset[j], *b = xh + (size_t)i * d->data + d->offset[j];
            double e = 0;
            for (size_t k = 0; k < d->span[j]; k++)
                e += ((double)a[k] - b[k]) * ((double)a[k] - b[k]);
            column_errors[(size_t)i * d->columns + j] = e;
        }
    if (!latent_distance)
        return;
    const float *zh = rg_mlp_forward(&d->reencoder, xh, rows, &s->reencoder);
    for (int i = 0; i < rows; i++) {
        double e = 0;
        for (int k = 0; k < d->latent; k++) {
            double diff = (double)zh[(size_t)i * d->latent + k] - z[(size_t)i * d->latent + k];
            e += diff * diff;
        }
        latent_distance[i] = e;
    }
}

double rg_gan_detector_relative_errors(const rg_gan_detector *d, const double *errors, double *relative)
{
    double total = 0;
    for (size_t j = 0; j < d->columns; j++) {
        relative[j] = errors[j] / d->column_error[j];
        total += relative[j];
    }
    return total / (double)d->columns;
}

void rg_gan_detector_write(const rg_gan_detector *d, rg_writer *w)
{
    rg_write_u32(w, (uint32_t)d->hidden);
    rg_write_u32(w, (uint32_t)d->latent);
    rg_mlp_write(&d->encoder, w);
    rg_mlp_write(&d->decoder, w);
    rg_mlp_write(&d->reencoder, w);
    for (size_t j = 0; j < d->columns; j++)
        rg_write_f64(w, d->column_error[j]);
}

riskgan_status rg_gan_detector_read(rg_gan_detector *d, rg_reader *r, size_t columns, const size_t *offset,
                                    const size_t *span)
{
    memset(d, 0, sizeof *d);
    riskgan_status status = copy_layout(d, columns, offset, span);
    d->hidden = (int)rg_read_u32(r);
    d->latent = (int)rg_read_u32(r);
    if (status == RISKGAN_OK)
        status = rg_mlp_read(&d->encoder, r, d->data);
    if (status == RISKGAN_OK)
        status = rg_mlp_read(&d->decoder, r, d->latent);
    if (status == RISKGAN_OK)
        status = rg_mlp_read(&d->reencoder, r, d->data);
    if (status == RISKGAN_OK && (d->encoder.dim[d->encoder.layers] != d->latent ||
                                 d->decoder.dim[d->decoder.layers] != d->data ||
                                 d->reencoder.dim[d->reencoder.layers] != d->latent))
        status = rg_fail(RISKGAN_ERR_FORMAT, "the GAN detector's networks do not fit together");
    for (size_t j = 0; status == RISKGAN_OK && j < columns; j++) {
        d->column_error[j] = rg_read_f64(r);
        if (!(d->column_error[j] > 0) || !isfinite(d->column_error[j]))
            status = rg_fail(RISKGAN_ERR_FORMAT, "the GAN detector's column errors are invalid");
    }
    if (status == RISKGAN_OK && r->failure)
        status = rg_fail(RISKGAN_ERR_FORMAT, "%s", r->failure);
    if (status != RISKGAN_OK)
        rg_gan_detector_free(d);
    return status;
}
