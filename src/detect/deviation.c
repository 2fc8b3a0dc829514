/* deviation.c — the deviation network's loss and training loop (see deviation.h). */
#include "deviation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"

void rg_deviation_options_default(rg_deviation_options *options)
{
    memset(options, 0, sizeof *options);
    options->steps = 250;
    options->batch_size = 128;
    options->hidden = 32;
    options->learning_rate = 1e-3;
    options->margin = 5;
}

double rg_deviation_loss(const float *score, const unsigned char *anomaly, int rows, double margin, float *d_score)
{
    double loss = 0;
    for (int i = 0; i < rows; i++) {
        double v = score[i], gradient;
        if (anomaly[i]) {
            loss += v < margin ? margin - v : 0;
            gradient = v < margin ? -1 : 0;
        } else {
            loss += fabs(v);
            gradient = v > 0 ? 1 : v < 0 ? -1 : 0;
        }
        if (d_score)
            d_score[i] = (float)(gradient / rows);
    }
    return loss / rows;
}

riskgan_status rg_deviation_train(rg_mlp *phi, const float *x, size_t rows, int inputs, const unsigned char *anomaly,
                                  const rg_deviation_options *options)
{
    size_t anomalies = 0;
    for (size_t i = 0; i < rows; i++)
        anomalies += anomaly[i] != 0;
    if (anomalies == 0 || anomalies == rows)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "learning from labels needs labelled anomalies and other rows "
                       "(%zu of %zu rows are labelled anomalies)", anomalies, rows);
    rg_rng rng;
    rg_rng_seed(&rng, options->seed ^ 0x646576696174696fULL);
    int dims[] = {inputs, options->hidden, 1};
    riskgan_status status = rg_mlp_init(phi, 2, dims, RG_ACTIVATION_RELU, &rng);
    if (status != RISKGAN_OK)
        return status;
    int batch = options->batch_size < 2 ? 2 : options->batch_size;
    size_t *positive = rg_calloc(anomalies, sizeof *positive), *other = rg_calloc(rows - anomalies, sizeof *other);
    float *in = rg_calloc((size_t)batch * inputs, sizeof *in), *d_score = rg_calloc((size_t)batch, sizeof *d_score);
    unsigned char *label = rg_calloc((size_t)batch, 1);
    rg_mlp_trace trace = {0};
    if (!positive || !other || !in || !d_score || !label)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_mlp_trace_init(&trace, phi, batch);
    size_t p = 0, o = 0;
    for (size_t i = 0; i < rows && status == RISKGAN_OK; i++) {
        if (anomaly[i])
            positive[p++] = i;
        else
            other[o++] = i;
    }
    rg_adam_options adam = {(float)options->learning_rate, 0.9f, 0.999f, 1e-8f, 1e-5f};
    for (int step = 0; status == RISKGAN_OK && step < options->steps; step++) {
        for (int i = 0; i < batch; i++) {
            label[i] = i < batch / 2;
            size_t row = label[i] ? positive[rg_rng_below(&rng, p)] : other[rg_rng_below(&rng, o)];
            memcpy(in + (size_t)i * inputs, x + row * inputs, (size_t)inputs * sizeof *in);
        }
        const float *score = rg_mlp_forward(phi, in, batch, &trace);
        double loss = rg_deviation_loss(score, label, batch, options->margin, d_score);
        if (!isfinite(loss)) {
            status = rg_fail(RISKGAN_ERR_NUMERIC, "the deviation loss became %s at step %d", isnan(loss) ? "NaN" : "infinite",
                             step + 1);
            break;
        }
        rg_mlp_zero_gradients(phi);
        rg_mlp_backward(phi, in, d_score, batch, &trace, NULL);
        rg_mlp_adam_step(phi, &adam);
    }
    rg_mlp_trace_free(&trace);
    free(positive);
    free(other);
    free(in);
    free(d_score);
    free(label);
    if (status != RISKGAN_OK)
        rg_mlp_free(phi);
    return status;
}
