/* event_training.c — the heads of an event model trained by maximum likelihood on the real
 * events (each head's softmax over its tokens), each head's best epoch on held-out parents
 * kept, its learning rate cut when it stops improving; a small table gets enough steps and
 * patience. */
#include "event_training.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/message.h"
#include "../data/table.h"

/* A small child table (a few hundred events) still gets this many Adam steps by default, and
 * early stopping waits this many steps without improvement before it stops. A head that stops
 * improving goes back to its best epoch and learns on at RATE_CUT times its rate, RATE_CUTS
 * times before it stops. */
enum { MIN_STEPS = 1000, PATIENT_STEPS = 200, RATE_CUTS = 2 };
static const float RATE_CUT = 0.3f;

/* Where a head's training stands. */
typedef struct {
    rg_adam_options adam;
    double best;          /* its least held-out loss */
    int since_best, cuts; /* epochs since it, and learning-rate cuts so far */
    float *saved;         /* the parameters of its best epoch */
} head_progress;

int rg_event_head_applies(const rg_event_model *m, size_t h, const rg_event_record *r)
{
    if (m->has_index && h == 0)
        return r->position == 0;
    if (m->has_index && h == 1)
        return r->position > 0;
    return 1;
}

double rg_event_head_step(rg_event_model *m, size_t h, const rg_event_record *records, const uint32_t *chosen,
                          size_t n, const float *parent_features, rg_event_batch *b, const rg_adam_options *adam,
                          const float *weight, float scale)
{
    size_t width = m->input_width, rows = 0, features = m->parent_features.width;
    for (size_t i = 0; i < n; i++) {
        const rg_event_record *r = &records[chosen[i]];
        if (!rg_event_head_applies(m, h, r))
            continue;
        rg_event_input(m, r, parent_features + (size_t)r->parent * features, h, b->inputs + rows * width);
        b->weights[rows] = weight ? weight[chosen[i]] : 1;
        b->targets[rows++] = r->token[h];
    }
    if (rows == 0)
        return 0;
    rg_head *head = &m->head[h];
    const float *logits = rg_mlp_forward(&head->net, b->inputs, (int)rows, &b->trace);
    double loss = rg_softmax_cross_entropy(logits, b->targets, rows, head->outputs, (double)rows,
                                           adam ? b->gradient : NULL);
    if (!adam)
        return loss;
    if (weight || scale != 1) /* minimizing weight x cross-entropy raises the tokens of weighted rows */
        for (size_t i = 0; i < rows; i++)
            for (size_t k = 0; k < head->outputs; k++)
                b->gradient[i * head->outputs + k] *= b->weights[i] * scale;
    rg_mlp_zero_gradients(&head->net);
    rg_mlp_backward(&head->net, b->inputs, b->gradient, (int)rows, &b->trace, NULL);
    rg_mlp_adam_step(&head->net, adam);
    return loss;
}

riskgan_status rg_event_batch_init(rg_event_batch *b, const rg_event_model *m, int capacity)
{
    memset(b, 0, sizeof *b);
    b->capacity = capacity;
    size_t widest = 1;
    for (size_t h = 0; h < m->heads; h++)
        widest = m->head[h].outputs > widest ? m->head[h].outputs : widest;
    b->inputs = rg_calloc((size_t)capacity * m->input_width, sizeof *b->inputs);
    b->gradient = rg_calloc((size_t)capacity * widest, sizeof *b->gradient);
    b->weights = rg_calloc((size_t)capacity, sizeof *b->weights);
    b->targets = rg_calloc((size_t)capacity, sizeof *b->targets);
    if (!b->inputs || !b->gradient || !b->weights || !b->targets)
        return RISKGAN_ERR_NO_MEMORY;
    int hidden_max = 1;
    for (size_t h = 0; h < m->heads; h++) /* one trace fits every head: the widest layers */
        for (int l = 1; l <= m->head[h].net.layers; l++)
            hidden_max = m->head[h].net.dim[l] > hidden_max ? m->head[h].net.dim[l] : hidden_max;
    rg_mlp shape = m->head[0].net;
    shape.dim[1] = hidden_max, shape.dim[2] = hidden_max;
    return rg_mlp_trace_init(&b->trace, &shape, capacity);
}

void rg_event_batch_free(rg_event_batch *b)
{
    free(b->inputs), free(b->gradient), free(b->weights), free(b->targets);
    rg_mlp_trace_free(&b->trace);
}

/* Each head's mean loss per held-out event, into loss[h]. */
static void held_out_losses(rg_event_model *m, const rg_event_record *records, const uint32_t *held, size_t n,
                            const float *parent_features, rg_event_batch *b, double *loss)
{
    for (size_t h = 0; h < m->heads; h++)
        loss[h] = 0;
    for (size_t start = 0; start < n; start += (size_t)b->capacity) {
        size_t count = n - start < (size_t)b->capacity ? n - start : (size_t)b->capacity;
        for (size_t h = 0; h < m->heads; h++)
            loss[h] += rg_event_head_step(m, h, records, held + start, count, parent_features, b, NULL, NULL, 1);
    }
    for (size_t h = 0; h < m->heads; h++)
        loss[h] = n ? loss[h] / (double)n : 0;
}

static riskgan_status build_networks(rg_event_model *m, const rg_event_fit_options *o, rg_rng *rng)
{
    m->hidden = o->hidden ? o->hidden : 128;
    m->context_width = m->parent_features.width;
    m->input_width = rg_event_input_width(m);
    riskgan_status status = RISKGAN_OK;
    for (size_t h = 0; h < m->heads && status == RISKGAN_OK; h++) {
        int dims[3] = {(int)m->input_width, m->hidden, (int)m->head[h].outputs};
        status = rg_mlp_init(&m->head[h].net, 2, dims, RG_ACTIVATION_RELU, rng);
    }
    return status;
}

/* Head h's parameters, to keep its best epoch's. */
static void copy_parameters(rg_event_model *m, size_t h, float *saved, int restore)
{
    size_t bytes = m->head[h].net.count * sizeof(float);
    if (restore)
        memcpy(m->head[h].net.parameters, saved, bytes);
    else
        memcpy(saved, m->head[h].net.parameters, bytes);
}

/* Training and held-out records: every tenth parent (by a hash) is held out. */
static void split_records(const rg_event_record *records, size_t n, uint32_t *train, size_t *train_count, uint32_t *held,
                          size_t *held_count)
{
    *train_count = *held_count = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t hash = rg_hash64(0x484f4c44ull + records[i].parent);
        if (hash % 10 == 0)
            held[(*held_count)++] = (uint32_t)i;
        else
            train[(*train_count)++] = (uint32_t)i;
    }
}

static riskgan_status progress_init(const rg_event_model *m, const rg_event_fit_options *o, head_progress *progress)
{
    float rate = (float)(o->learning_rate > 0 ? o->learning_rate : 1e-3);
    for (size_t h = 0; h < m->heads; h++) {
        progress[h] = (head_progress){.adam = {rate, 0.9f, 0.999f, 1e-8f, 0}, .best = INFINITY};
        if (!(progress[h].saved = rg_calloc(m->head[h].net.count, sizeof(float))))
            return RISKGAN_ERR_NO_MEMORY;
    }
    return RISKGAN_OK;
}

/* Head h's held-out loss after an epoch: a better one is kept; after `patience` epochs without,
 * the head goes back to its best and learns on at a cut rate, or (rates all cut) stops:
 * returns 1 then. Without held-out events every epoch counts as better. */
static int judge_epoch(rg_event_model *m, size_t h, double loss, int nothing_held, int patience, head_progress *p)
{
    if (loss < p->best - 1e-4 || nothing_held) {
        p->best = loss, p->since_best = 0;
        copy_parameters(m, h, p->saved, 0);
        return 0;
    }
    if (++p->since_best < patience)
        return 0;
    if (p->cuts == RATE_CUTS)
        return 1;
    copy_parameters(m, h, p->saved, 1);
    p->adam.learning_rate *= RATE_CUT, p->cuts++, p->since_best = 0;
    return 0;
}

riskgan_status rg_event_model_train(rg_event_model *m, const rg_event_record *records, size_t n,
                                    const riskgan_table *parents, const rg_event_fit_options *o)
{
    rg_rng rng;
    rg_rng_seed(&rng, o->seed ^ 0x4556454e54ull);
    riskgan_status status = build_networks(m, o, &rng);
    int batch = o->batch ? o->batch : 256, epochs = o->epochs;
    size_t per_epoch = n / (size_t)(batch < 512 ? batch : 512) + 1; /* steps (a tenth is held out) */
    if (!epochs) { /* by the number of events, and never fewer than MIN_STEPS steps */
        epochs = n ? (int)(2000000 / n) : 1;
        epochs = epochs < 8 ? 8 : epochs > 80 ? 80 : epochs;
        epochs = (size_t)epochs * per_epoch < MIN_STEPS ? (int)(MIN_STEPS / per_epoch + 1) : epochs;
    }
    /* patience: 6 epochs, and at least PATIENT_STEPS steps (a few held-out parents are noisy) */
    int patience = 6 * per_epoch < PATIENT_STEPS ? (int)(PATIENT_STEPS / per_epoch + 1) : 6;
    float *features = rg_calloc(parents->rows * m->parent_features.width + 1, sizeof *features);
    uint32_t *train = rg_calloc(n + 1, sizeof *train), *held = rg_calloc(n + 1, sizeof *held);
    size_t train_count, held_count;
    head_progress progress[RG_MAX_HEADS] = {0};
    rg_event_batch b = {0};
    if (status == RISKGAN_OK && (!features || !train || !held))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = progress_init(m, o, progress);
    size_t unseen = 0;
    if (status == RISKGAN_OK)
        status = rg_features_encode(&m->parent_features, parents, features, &unseen);
    if (status == RISKGAN_OK)
        status = rg_event_batch_init(&b, m, batch < 512 ? batch : 512);
    split_records(records, n, train, &train_count, held, &held_count);
    /* every head is its own network: each keeps its best epoch on the held-out events and
       stops learning after `patience` epochs without improving at its least rate */
    double loss[RG_MAX_HEADS];
    int learning = (int)m->heads;
    for (int epoch = 1; status == RISKGAN_OK && epoch <= epochs && learning > 0; epoch++) {
        rg_rng_shuffle(&rng, train, (uint32_t)train_count);
        for (size_t start = 0; start < train_count; start += (size_t)b.capacity) {
            size_t count = train_count - start < (size_t)b.capacity ? train_count - start : (size_t)b.capacity;
            for (size_t h = 0; h < m->heads; h++)
                if (progress[h].since_best < patience)
                    rg_event_head_step(m, h, records, train + start, count, features, &b, &progress[h].adam, NULL, 1);
        }
        held_out_losses(m, records, held, held_count, features, &b, loss);
        double total = 0;
        for (size_t h = 0; h < m->heads; h++) {
            total += loss[h];
            if (progress[h].since_best < patience)
                learning -= judge_epoch(m, h, loss[h], held_count == 0, patience, &progress[h]);
        }
        if (!isfinite(total))
            status = rg_fail(RISKGAN_ERR_NUMERIC, "the event model's loss is not finite in epoch %d", epoch);
        rg_say(o->progress, o->progress_user, "events: epoch %d of %d, held-out loss %.4f per event", epoch, epochs,
               total);
        if (o->stop && *o->stop)
            break;
    }
    double kept = 0;
    for (size_t h = 0; status == RISKGAN_OK && h < m->heads; h++)
        if (isfinite(progress[h].best))
            copy_parameters(m, h, progress[h].saved, 1), kept += progress[h].best;
    if (status == RISKGAN_OK && held_count)
        rg_say(o->progress, o->progress_user, "events: held-out loss of the epochs kept %.4f per event", kept);
    for (size_t h = 0; h < m->heads; h++)
        free(progress[h].saved);
    rg_event_batch_free(&b);
    free(features), free(train), free(held);
    return status;
}
