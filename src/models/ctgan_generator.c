/* ctgan_generator.c — the conditional tabular GAN behind the generator seam: its network is
 * an rg_ctgan (ctgan.h), trained by rg_ctgan_train or, under differential privacy, by
 * rg_ctgan_train_private. */
#include "ctgan_generator.h"

#include "ctgan.h"
#include "ctgan_generation.h"
#include "ctgan_training.h"
#include "ctgan_private.h"

/* CTGAN's published sizes: noise 128, hidden 256 (unless options->hidden). */
static riskgan_status build(rg_ctgan *network, const rg_generator_fit *fit, int pac)
{
    const rg_transformer *t = fit->transformer;
    int hidden = fit->options->hidden ? fit->options->hidden : 256;
    return rg_ctgan_init(network, (int)t->width, (int)t->condition_width, 128, hidden, pac, fit->rng);
}

static riskgan_status train(void *network, const rg_generator_fit *fit)
{
    rg_training_rows rows = rg_training_data_rows(fit->training);
    *fit->training_blocks = fit->training->on_disk ? rows.blocks : 0;
    riskgan_status status = build(network, fit, fit->options->pac);
    rg_ctgan_watch watch = {fit->watch, fit->sampler};
    if (status == RISKGAN_OK)
        status = rg_ctgan_train(network, fit->transformer, &rows, fit->options, fit->batch_size,
                                fit->watch ? &watch : NULL, fit->rng, fit->epochs_completed);
    return status;
}

static riskgan_status train_private(void *network, const rg_generator_fit *fit)
{
    riskgan_status status = build(network, fit, fit->options->pac);
    if (status == RISKGAN_OK)
        status = rg_ctgan_train_private(network, fit->transformer, fit->training->encoded, fit->training->rows,
                                        fit->sampler, fit->options, fit->batch_size, fit->dp, fit->rng,
                                        fit->epochs_completed);
    return status;
}

static riskgan_status generate(const void *network, const rg_generation *g, float *out)
{
    return rg_ctgan_generate(network, g->transformer, g->sampler, g->rows, g->condition_column, g->condition_level,
                             g->logit_bias, g->rng, out, g->agreeing);
}

static void write(const void *network, rg_writer *writer)
{
    rg_ctgan_write(network, writer);
}

static riskgan_status read(void *network, rg_reader *reader, const rg_transformer *t)
{
    rg_ctgan *ctgan = network;
    riskgan_status status = rg_ctgan_read(ctgan, reader);
    if (status == RISKGAN_OK && !reader->failure &&
        ((size_t)ctgan->data_dim != t->width || (size_t)ctgan->condition_dim != t->condition_width))
        reader->failure = "the network does not match the column layout (corrupt file)";
    return status;
}

static void release(void *network)
{
    rg_ctgan_free(network);
}

const rg_generator rg_ctgan_generator = {
    .name = "ctgan", .kind = RISKGAN_MODEL_CTGAN, .conditional = 1, .streams = 1, .network_size = sizeof(rg_ctgan),
    .train = train, .generate = generate, .write = write, .read = read, .free = release,
};

const rg_generator rg_ctgan_private_generator = {
    .name = "ctgan", .kind = RISKGAN_MODEL_CTGAN, .private_fit = 1, .conditional = 1,
    .network_size = sizeof(rg_ctgan), .train = train_private, .generate = generate, .write = write, .read = read,
    .free = release,
};
