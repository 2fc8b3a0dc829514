/* tvae_generator.c — the tabular variational autoencoder behind the generator seam: its
 * network is an rg_tvae (tvae.h). */
#include "tvae_generator.h"

#include "tvae.h"

/* TVAE's published sizes: hidden 128 (unless options->hidden), latent 128. */
static riskgan_status train(void *network, const rg_generator_fit *fit)
{
    const rg_transformer *t = fit->transformer;
    int hidden = fit->options->hidden ? fit->options->hidden : 128;
    riskgan_status status = rg_tvae_init(network, (int)t->width, hidden, 128, fit->rng);
    if (status == RISKGAN_OK)
        status = rg_tvae_train(network, t, fit->training->encoded, fit->training->rows, fit->options, fit->batch_size,
                               fit->rng, fit->epochs_completed);
    return status;
}

static riskgan_status generate(const void *network, const rg_generation *g, float *out)
{
    return rg_tvae_generate(network, g->transformer, g->rows, g->logit_bias, g->sample_categories, g->rng, out);
}

static void write(const void *network, rg_writer *writer)
{
    rg_tvae_write(network, writer);
}

static riskgan_status read(void *network, rg_reader *reader, const rg_transformer *t)
{
    rg_tvae *tvae = network;
    riskgan_status status = rg_tvae_read(tvae, reader);
    if (status == RISKGAN_OK && !reader->failure && (size_t)tvae->data_dim != t->width)
        reader->failure = "the network does not match the column layout (corrupt file)";
    return status;
}

static void release(void *network)
{
    rg_tvae_free(network);
}

const rg_generator rg_tvae_generator = {
    .name = "tvae", .kind = RISKGAN_MODEL_TVAE, .network_size = sizeof(rg_tvae),
    .train = train, .generate = generate, .write = write, .read = read, .free = release,
};
