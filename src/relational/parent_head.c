/* parent_head.c — a number per parent from the parent's columns: a number head's tokens, a
 * small network over the parent's features, trained by softmax cross-entropy with Adam, the
 * best epoch on the held-out parents kept. */
#include "parent_head.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "event_head_file.h"

enum { BATCH = 256, PATIENCE = 20 };

/* The parents' features, their tokens, and which are held out. */
typedef struct {
    float *features;
    uint16_t *tokens;
    uint32_t *train, *held;
    size_t train_count, held_count;
    float *inputs, *gradient;
    uint16_t *targets;
    rg_mlp_trace trace;
} head_data;

static void data_free(head_data *d)
{
    free(d->features), free(d->tokens), free(d->train), free(d->held), free(d->inputs), free(d->gradient);
    free(d->targets);
    rg_mlp_trace_free(&d->trace);
}

static riskgan_status data_init(head_data *d, const rg_parent_head *m, const riskgan_table *parents,
                                const double *values)
{
    memset(d, 0, sizeof *d);
    size_t n = parents->rows, width = m->features.width;
    d->features = rg_calloc(n * width + 1, sizeof *d->features);
    d->tokens = rg_calloc(n + 1, sizeof *d->tokens);
    d->train = rg_calloc(n + 1, sizeof *d->train), d->held = rg_calloc(n + 1, sizeof *d->held);
    d->inputs = rg_calloc((size_t)BATCH * width + 1, sizeof *d->inputs);
    d->gradient = rg_calloc((size_t)BATCH * m->head.outputs + 1, sizeof *d->gradient);
    d->targets = rg_calloc(BATCH, sizeof *d->targets);
    if (!d->features || !d->tokens || !d->train || !d->held || !d->inputs || !d->gradient || !d->targets)
        return RISKGAN_ERR_NO_MEMORY;
    size_t unseen = 0;
    riskgan_status status = rg_features_encode(&m->features, parents, d->features, &unseen);
    for (size_t p = 0; p < n; p++) {
        if (isnan(values[p]))
            continue;
        d->tokens[p] = rg_head_number_token(&m->head, values[p], 0);
        if (rg_hash64(0x4c454e47ull + p) % 10 == 0)
            d->held[d->held_count++] = (uint32_t)p;
        else
            d->train[d->train_count++] = (uint32_t)p;
    }
    return status == RISKGAN_OK ? rg_mlp_trace_init(&d->trace, &m->head.net, BATCH) : status;
}

/* The loss over the chosen parents, with an Adam step per batch when `adam`. */
static double run(rg_parent_head *m, head_data *d, const uint32_t *chosen, size_t n, const rg_adam_options *adam)
{
    size_t width = m->features.width, outputs = m->head.outputs;
    double total = 0;
    for (size_t start = 0; start < n; start += BATCH) {
        size_t rows = n - start < BATCH ? n - start : BATCH;
        for (size_t i = 0; i < rows; i++) {
            memcpy(d->inputs + i * width, d->features + chosen[start + i] * width, width * sizeof(float));
            d->targets[i] = d->tokens[chosen[start + i]];
        }
        const float *logits = rg_mlp_forward(&m->head.net, d->inputs, (int)rows, &d->trace);
        total += rg_softmax_cross_entropy(logits, d->targets, rows, outputs, (double)rows, adam ? d->gradient : NULL);
        if (adam) {
            rg_mlp_zero_gradients(&m->head.net);
            rg_mlp_backward(&m->head.net, d->inputs, d->gradient, (int)rows, &d->trace, NULL);
            rg_mlp_adam_step(&m->head.net, adam);
        }
    }
    return total;
}

/* Trains the network; keeps the parameters of the epoch with the least held-out loss. */
static riskgan_status train(rg_parent_head *m, head_data *d, int epochs, rg_rng *rng)
{
    float *best_parameters = rg_calloc(m->head.net.count, sizeof *best_parameters);
    if (!best_parameters)
        return RISKGAN_ERR_NO_MEMORY;
    rg_adam_options adam = {1e-3f, 0.9f, 0.999f, 1e-8f, 0};
    double best = INFINITY;
    int since_best = 0;
    for (int epoch = 0; epoch < epochs && since_best < PATIENCE; epoch++) {
        rg_rng_shuffle(rng, d->train, (uint32_t)d->train_count);
        run(m, d, d->train, d->train_count, &adam);
        double loss = d->held_count ? run(m, d, d->held, d->held_count, NULL) : -epoch;
        if (loss < best - 1e-6)
            best = loss, since_best = 0, memcpy(best_parameters, m->head.net.parameters, m->head.net.count * sizeof(float));
        else
            since_best++;
    }
    memcpy(m->head.net.parameters, best_parameters, m->head.net.count * sizeof(float));
    free(best_parameters);
    return RISKGAN_OK;
}

riskgan_status rg_parent_head_fit(rg_parent_head *m, const riskgan_table *parents, const double *values,
                                  const rg_parent_head_options *o)
{
    memset(m, 0, sizeof *m);
    size_t n = parents->rows;
    size_t *index = rg_calloc(n + 1, sizeof *index);
    if (!index)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t p = 0; p < n; p++)
        index[p] = p;
    rg_rng rng;
    rg_rng_seed(&rng, o->seed ^ 0x4c454e475448ull);
    head_data d = {0};
    riskgan_status status = rg_head_fit_number(&m->head, RG_HEAD_NUMBER, o->name, values, index, n, 32, o->min_parents,
                                               o->decimals, o->integer);
    if (status == RISKGAN_OK)
        status = rg_features_fit(&m->features, parents, o->exclude);
    int dims[3] = {(int)m->features.width, 64, (int)m->head.outputs};
    if (status == RISKGAN_OK)
        status = rg_mlp_init(&m->head.net, 2, dims, RG_ACTIVATION_RELU, &rng);
    if (status == RISKGAN_OK)
        status = data_init(&d, m, parents, values);
    if (status == RISKGAN_OK)
        status = train(m, &d, 300, &rng);
    data_free(&d);
    free(index);
    if (status != RISKGAN_OK)
        rg_parent_head_free(m);
    return status;
}

enum { POSITIVE_TRIES = 32 };

/* A draw of at least 1 when `positive`: the zero draws are drawn again. */
static double draw_value(const rg_parent_head *m, const float *logits, int positive, rg_rng *rng)
{
    for (int tries = 0; tries < POSITIVE_TRIES; tries++) {
        double value = rg_head_number_value(&m->head, rg_head_draw(&m->head, logits, m->head.repeat, INFINITY, rng), rng);
        if (!positive || value >= 0.5)
            return value;
    }
    return 1;
}

riskgan_status rg_parent_head_sample(const rg_parent_head *m, const riskgan_table *parents, rg_rng *rng,
                                     const unsigned char *positive, double *values)
{
    size_t n = parents->rows, width = m->features.width, unseen = 0;
    float *features = rg_calloc(n * width + 1, sizeof *features);
    rg_mlp_trace trace = {0};
    riskgan_status status = features ? rg_mlp_trace_init(&trace, &m->head.net, BATCH) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_features_encode(&m->features, parents, features, &unseen);
    for (size_t start = 0; status == RISKGAN_OK && start < n; start += BATCH) {
        size_t rows = n - start < BATCH ? n - start : BATCH;
        const float *logits = rg_mlp_forward(&m->head.net, features + start * width, (int)rows, &trace);
        for (size_t i = 0; i < rows; i++)
            values[start + i] = draw_value(m, logits + i * m->head.outputs, positive && positive[start + i], rng);
    }
    rg_mlp_trace_free(&trace);
    free(features);
    return status;
}

void rg_parent_head_free(rg_parent_head *m)
{
    rg_features_free(&m->features);
    rg_head_free(&m->head);
    memset(m, 0, sizeof *m);
}

void rg_parent_head_write(const rg_parent_head *m, rg_writer *w)
{
    rg_features_write(&m->features, w);
    rg_head_write(&m->head, w);
}

riskgan_status rg_parent_head_read(rg_parent_head *m, rg_reader *r, uint32_t version)
{
    memset(m, 0, sizeof *m);
    riskgan_status status = rg_features_read(&m->features, r);
    if (status == RISKGAN_OK && !r->failure)
        status = rg_head_read(&m->head, r, (int)m->features.width, version);
    if (status == RISKGAN_OK && !r->failure && m->head.kind != RG_HEAD_NUMBER)
        r->failure = "a parent head is invalid (corrupt file)";
    return status;
}
