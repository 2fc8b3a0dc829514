/* mlp.h — a multilayer perceptron as one object: a stack of linear layers with the same
 * activation between them (none after the last), its parameters, gradients and Adam
 * moments in contiguous buffers, and a trace that keeps one batch's activations for the
 * backward pass. Used where a network is plain (the anomaly detectors); the synthesizers
 * spell their layers out. */
#ifndef RISKGAN_NN_MLP_H
#define RISKGAN_NN_MLP_H

#include <stddef.h>
#include <stdint.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "layers.h"
#include "riskgan.h"

enum { RG_MLP_MAX_LAYERS = 4 };

typedef enum { RG_ACTIVATION_RELU = 0, RG_ACTIVATION_LEAKY_RELU = 1 } rg_activation;

typedef struct {
    int layers;                        /* linear layers */
    int dim[RG_MLP_MAX_LAYERS + 1];    /* dim[0] inputs ... dim[layers] outputs */
    rg_activation activation;          /* between layers; leaky slope 0.2 */
    size_t count;                      /* parameters */
    float *parameters, *gradients, *first_moment, *second_moment;
    long steps;                        /* Adam steps taken */
} rg_mlp;

/* One batch's activations: pre[l] (rows x dim[l+1]) before the activation, post[l] after
 * it (post[layers-1] is the output). */
typedef struct {
    int capacity;
    float *pre[RG_MLP_MAX_LAYERS], *post[RG_MLP_MAX_LAYERS];
    float *delta[2]; /* backward scratch, rows x widest layer */
} rg_mlp_trace;

/* dims: layers + 1 widths. Weights get PyTorch's default initialization. */
riskgan_status rg_mlp_init(rg_mlp *mlp, int layers, const int *dims, rg_activation activation, rg_rng *rng);
void rg_mlp_free(rg_mlp *mlp);
riskgan_status rg_mlp_trace_init(rg_mlp_trace *trace, const rg_mlp *mlp, int rows);
void rg_mlp_trace_free(rg_mlp_trace *trace);
/* Forward pass of rows inputs; returns the output (rows x dim[layers]) inside the trace. */
const float *rg_mlp_forward(const rg_mlp *mlp, const float *in, int rows, rg_mlp_trace *trace);
/* The first layer's share of the first `skip` inputs of each row (`in`: rows x skip): those
 * inputs times their weights, plus the bias (rows x dim[1] into `out`). Inputs that stay the
 * same over many rows (a parent's columns over its events) are multiplied once. */
void rg_mlp_first_layer_part(const rg_mlp *mlp, const float *in, int skip, int rows, float *out);
/* The forward pass of rows whose first `skip` inputs went into rows of `part` (dim[1] wide,
 * from rg_mlp_first_layer_part): row r's is part row part_row[r]. `in` holds whole rows
 * (width dim[0]) whose first `skip` entries are not read. The same as rg_mlp_forward up to
 * the sums' rounding. */
const float *rg_mlp_forward_with_part(const rg_mlp *mlp, const float *in, int skip, const float *part,
                                      const uint32_t *part_row, int rows, rg_mlp_trace *trace);
/* Backward pass of the last forward: adds parameter gradients into mlp->gradients, writes
 * d_in (rows x dim[0]; may be NULL). */
void rg_mlp_backward(rg_mlp *mlp, const float *in, const float *d_out, int rows, rg_mlp_trace *trace, float *d_in);
void rg_mlp_zero_gradients(rg_mlp *mlp);
void rg_mlp_adam_step(rg_mlp *mlp, const rg_adam_options *options);
void rg_mlp_write(const rg_mlp *mlp, rg_writer *writer);
/* Reads an MLP written by rg_mlp_write (no optimizer state); input width must be `inputs`. */
riskgan_status rg_mlp_read(rg_mlp *mlp, rg_reader *reader, int inputs);

#endif
