/* generator.h — the seam every synthesizer network implements (CTGAN, private CTGAN, TVAE):
 * train (including building the network), generate encoded rows, write, read, free, and a
 * description. The synthesizer, the model file and the CLI reach the networks only through
 * it.
 *
 * To add a generator: one file defining its rg_generator (see ctgan_generator.c), one line
 * in generator_registry.c, and its riskgan_model_kind in riskgan.h. */
#ifndef RISKGAN_MODELS_GENERATOR_H
#define RISKGAN_MODELS_GENERATOR_H

#include <stddef.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../transform/transformer.h"
#include "condition_sampler.h"
#include "ctgan_private.h"
#include "fit_watch.h"
#include "riskgan.h"
#include "training_rows.h"

/* What a fit hands to a generator's trainer. */
typedef struct {
    const rg_transformer *transformer;
    rg_training_data *training;         /* the encoded training rows (training_rows.h) */
    const rg_condition_sampler *sampler; /* conditional vectors at their training frequencies */
    const riskgan_fit_options *options; /* with the model's published defaults filled in */
    int batch_size;
    const rg_dp_sgd *dp;                /* differentially private fits: the DP-SGD plan */
    rg_rng *rng;
    rg_fit_watch *watch;                /* early stopping (fit_watch.h), or NULL */
    int *epochs_completed;              /* out */
    size_t *training_blocks;            /* out: > 0 when the rows were streamed in blocks */
} rg_generator_fit;

/* A request for encoded rows (rows x transformer->width, activated). */
typedef struct {
    const rg_transformer *transformer;
    const rg_condition_sampler *sampler;
    size_t rows;
    long condition_column, condition_level; /* a sampler column and level, or -1: none */
    const float *logit_bias;                /* added to the logits (calibration), or NULL */
    int sample_categories;                  /* TVAE: draw categories rather than the argmax */
    rg_rng *rng;
    size_t *agreeing;                       /* may be NULL: see rg_ctgan_generate */
} rg_generation;

typedef struct {
    const char *name;          /* as --model names it: "ctgan", "tvae" */
    riskgan_model_kind kind;   /* stored in model files */
    int private_fit;           /* trains under differential privacy (riskgan_fit_options.epsilon) */
    int conditional;           /* generates rows of a chosen value through a conditional vector */
    int streams;               /* trains from rows on disk and over MPI ranks */
    size_t network_size;       /* bytes of the network's state */
    riskgan_status (*train)(void *network, const rg_generator_fit *fit);
    riskgan_status (*generate)(const void *network, const rg_generation *request, float *out);
    void (*write)(const void *network, rg_writer *writer);
    /* Reads the network; a shape that does not fit the transformer sets reader->failure. */
    riskgan_status (*read)(void *network, rg_reader *reader, const rg_transformer *transformer);
    void (*free)(void *network);
} rg_generator;

#endif
