/* mlp.c — a plain multilayer perceptron: forward with a kept trace, backward, Adam. */
#include "mlp.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"

static const float leaky_slope = 0.2f;

static size_t weight_offset(const rg_mlp *mlp, int layer)
{
    size_t offset = 0;
    for (int l = 0; l < layer; l++)
        offset += (size_t)mlp->dim[l + 1] * ((size_t)mlp->dim[l] + 1);
    return offset;
}

static riskgan_status allocate(rg_mlp *mlp)
{
    mlp->count = weight_offset(mlp, mlp->layers);
    mlp->parameters = rg_calloc(mlp->count, sizeof(float));
    mlp->gradients = rg_calloc(mlp->count, sizeof(float));
    mlp->first_moment = rg_calloc(mlp->count, sizeof(float));
    mlp->second_moment = rg_calloc(mlp->count, sizeof(float));
    if (!mlp->parameters || !mlp->gradients || !mlp->first_moment || !mlp->second_moment) {
        rg_mlp_free(mlp);
        return RISKGAN_ERR_NO_MEMORY;
    }
    return RISKGAN_OK;
}

riskgan_status rg_mlp_init(rg_mlp *mlp, int layers, const int *dims, rg_activation activation, rg_rng *rng)
{
    memset(mlp, 0, sizeof *mlp);
    if (layers < 1 || layers > RG_MLP_MAX_LAYERS)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "a network has 1 to %d layers", RG_MLP_MAX_LAYERS);
    mlp->layers = layers;
    mlp->activation = activation;
    for (int l = 0; l <= layers; l++) {
        if (dims[l] < 1)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "a network layer has no units");
        mlp->dim[l] = dims[l];
    }
    riskgan_status status = allocate(mlp);
    if (status != RISKGAN_OK)
        return status;
    for (int l = 0; l < layers; l++) {
        float *weight = mlp->parameters + weight_offset(mlp, l);
        rg_linear_init(weight, weight + (size_t)dims[l + 1] * dims[l], dims[l], dims[l + 1], rng);
    }
    return RISKGAN_OK;
}

void rg_mlp_free(rg_mlp *mlp)
{
    free(mlp->parameters);
    free(mlp->gradients);
    free(mlp->first_moment);
    free(mlp->second_moment);
    memset(mlp, 0, sizeof *mlp);
}

static int widest(const rg_mlp *mlp)
{
    int w = 0;
    for (int l = 0; l <= mlp->layers; l++)
        w = mlp->dim[l] > w ? mlp->dim[l] : w;
    return w;
}

riskgan_status rg_mlp_trace_init(rg_mlp_trace *trace, const rg_mlp *mlp, int rows)
{
    memset(trace, 0, sizeof *trace);
    trace->capacity = rows;
    int ok = 1;
    for (int l = 0; l < mlp->layers; l++) {
        trace->pre[l] = rg_calloc((size_t)rows * mlp->dim[l + 1], sizeof(float));
        trace->post[l] = rg_calloc((size_t)rows * mlp->dim[l + 1], sizeof(float));
        ok = ok && trace->pre[l] && trace->post[l];
    }
    for (int k = 0; k < 2; k++) {
        trace->delta[k] = rg_calloc((size_t)rows * widest(mlp), sizeof(float));
        ok = ok && trace->delta[k];
    }
    if (!ok) {
        rg_mlp_trace_free(trace);
        return RISKGAN_ERR_NO_MEMORY;
    }
    return RISKGAN_OK;
}

void rg_mlp_trace_free(rg_mlp_trace *trace)
{
    for (int l = 0; l < RG_MLP_MAX_LAYERS; l++) {
        free(trace->pre[l]);
        free(trace->post[l]);
    }
    free(trace->delta[0]);
    free(trace->delta[1]);
    memset(trace, 0, sizeof *trace);
}

/* Layer l's activation of its sums (none after the last); then the layers after it. */
static const float *forward_from(const rg_mlp *mlp, int l, int rows, rg_mlp_trace *trace)
{
    for (;; l++) {
        size_t n = (size_t)rows * mlp->dim[l + 1];
        if (l == mlp->layers - 1) {
            memcpy(trace->post[l], trace->pre[l], n * sizeof(float));
            return trace->post[l];
        }
        if (mlp->activation == RG_ACTIVATION_RELU)
            rg_relu_forward(trace->post[l], trace->pre[l], n);
        else
            rg_leaky_relu_forward(trace->post[l], trace->pre[l], leaky_slope, n);
        const float *weight = mlp->parameters + weight_offset(mlp, l + 1);
        int n_in = mlp->dim[l + 1], n_out = mlp->dim[l + 2];
        rg_linear_forward(trace->pre[l + 1], trace->post[l], weight, weight + (size_t)n_out * n_in, rows, n_in, n_out);
    }
}

const float *rg_mlp_forward(const rg_mlp *mlp, const float *in, int rows, rg_mlp_trace *trace)
{
    int n_in = mlp->dim[0], n_out = mlp->dim[1];
    rg_linear_forward(trace->pre[0], in, mlp->parameters, mlp->parameters + (size_t)n_out * n_in, rows, n_in, n_out);
    return forward_from(mlp, 0, rows, trace);
}

void rg_mlp_first_layer_part(const rg_mlp *mlp, const float *in, int skip, int rows, float *out)
{
    int n_in = mlp->dim[0], n_out = mlp->dim[1];
    const float *bias = mlp->parameters + (size_t)n_out * n_in;
    for (int r = 0; r < rows; r++)
        memcpy(out + (size_t)r * n_out, bias, (size_t)n_out * sizeof *out);
    if (skip > 0 && rows > 0)
        rg_matmul(0, 1, rows, n_out, skip, 1.0f, in, skip, mlp->parameters, n_in, 1.0f, out, n_out);
}

const float *rg_mlp_forward_with_part(const rg_mlp *mlp, const float *in, int skip, const float *part,
                                      const uint32_t *part_row, int rows, rg_mlp_trace *trace)
{
    int n_in = mlp->dim[0], n_out = mlp->dim[1];
    for (int r = 0; r < rows; r++)
        memcpy(trace->pre[0] + (size_t)r * n_out, part + (size_t)part_row[r] * n_out, (size_t)n_out * sizeof(float));
    if (n_in > skip && rows > 0)
        rg_matmul(0, 1, rows, n_out, n_in - skip, 1.0f, in + skip, n_in, mlp->parameters + skip, n_in, 1.0f,
                  trace->pre[0], n_out);
    return forward_from(mlp, 0, rows, trace);
}

void rg_mlp_backward(rg_mlp *mlp, const float *in, const float *d_out, int rows, rg_mlp_trace *trace, float *d_in)
{
    const float *d_post = d_out;
    for (int l = mlp->layers - 1; l >= 0; l--) {
        int n_in = mlp->dim[l], n_out = mlp->dim[l + 1];
        float *d_pre = trace->delta[l & 1];
        if (l == mlp->layers - 1)
            memcpy(d_pre, d_post, (size_t)rows * n_out * sizeof(float));
        else if (mlp->activation == RG_ACTIVATION_RELU)
            rg_relu_backward(d_pre, d_post, trace->pre[l], (size_t)rows * n_out);
        else
            rg_leaky_relu_backward(d_pre, d_post, trace->pre[l], leaky_slope, (size_t)rows * n_out);
        size_t offset = weight_offset(mlp, l);
        const float *weight = mlp->parameters + offset;
        float *d_weight = mlp->gradients + offset;
        const float *layer_in = l == 0 ? in : trace->post[l - 1];
        float *d_layer_in = l == 0 ? d_in : trace->delta[(l + 1) & 1];
        rg_linear_backward(d_layer_in, d_weight, d_weight + (size_t)n_out * n_in, d_pre, layer_in, weight, rows,
                           n_in, n_out, 0);
        d_post = d_layer_in;
    }
}

void rg_mlp_zero_gradients(rg_mlp *mlp)
{
    memset(mlp->gradients, 0, mlp->count * sizeof(float));
}

void rg_mlp_adam_step(rg_mlp *mlp, const rg_adam_options *options)
{
    rg_adam_step(mlp->parameters, mlp->gradients, mlp->first_moment, mlp->second_moment, mlp->count, options,
                 ++mlp->steps);
}

void rg_mlp_write(const rg_mlp *mlp, rg_writer *writer)
{
    rg_write_u32(writer, (uint32_t)mlp->layers);
    rg_write_u32(writer, (uint32_t)mlp->activation);
    for (int l = 0; l <= mlp->layers; l++)
        rg_write_u32(writer, (uint32_t)mlp->dim[l]);
    rg_write_floats(writer, mlp->parameters, mlp->count);
}

riskgan_status rg_mlp_read(rg_mlp *mlp, rg_reader *reader, int inputs)
{
    memset(mlp, 0, sizeof *mlp);
    uint32_t layers = rg_read_u32(reader), activation = rg_read_u32(reader);
    if (reader->failure || layers < 1 || layers > RG_MLP_MAX_LAYERS || activation > RG_ACTIVATION_LEAKY_RELU)
        return rg_fail(RISKGAN_ERR_FORMAT, "a network's shape is invalid");
    mlp->layers = (int)layers;
    mlp->activation = (rg_activation)activation;
    uint64_t count = 0;
    for (int l = 0; l <= mlp->layers; l++) {
        uint32_t dim = rg_read_u32(reader);
        if (dim < 1 || dim > 1u << 20)
            return rg_fail(RISKGAN_ERR_FORMAT, "a network layer has %u units", dim);
        mlp->dim[l] = (int)dim;
        if (l > 0)
            count += (uint64_t)mlp->dim[l] * ((uint64_t)mlp->dim[l - 1] + 1);
    }
    if (reader->failure || mlp->dim[0] != inputs)
        return rg_fail(RISKGAN_ERR_FORMAT, "a network expects %d inputs, the features have %d", mlp->dim[0], inputs);
    if (count * sizeof(float) > reader->length - reader->position)
        return rg_fail(RISKGAN_ERR_FORMAT, "a network is larger than the file");
    riskgan_status status = allocate(mlp);
    if (status != RISKGAN_OK)
        return status;
    rg_read_floats(reader, mlp->parameters, mlp->count);
    if (reader->failure) {
        rg_mlp_free(mlp);
        return rg_fail(RISKGAN_ERR_FORMAT, "%s", reader->failure);
    }
    return RISKGAN_OK;
}
