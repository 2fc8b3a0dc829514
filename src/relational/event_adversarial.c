/* event_adversarial.c — variant 2 of the event model (docs/relational.md): after maximum
 * likelihood, rounds of adversarial fine-tuning in the manner of SeqGAN (Yu et al. 2017) for
 * discrete autoregressive generators. Each round the model rolls out sequences for the real
 * parents; a critic (an MLP over an event with its whole context, the input every head sees
 * plus the event's own values) learns to tell real events from drawn ones; then every head
 * takes policy-gradient steps (REINFORCE: the cross-entropy of each drawn token weighted by
 * its event's standardized critic score) that make events the critic finds real more likely,
 * each followed by a maximum-likelihood step on real events that keeps the model anchored. */
#include "event_adversarial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/message.h"
#include "../data/table.h"
#include "event_sampling.h"
#include "event_training.h"

enum { BATCH = 256, CRITIC_EPOCHS = 2 };
#define POLICY_WEIGHT 0.05f /* scales both steps of a round: the policy gradient and the likelihood step after it */

typedef struct {
    rg_event_model *m;
    const float *features;   /* parents x parent feature width */
    rg_mlp critic;
    rg_event_batch batch;    /* the heads' and the critic's workspace */
    rg_adam_options adam;
    rg_rng rng;
} adversary;

/* The critic's (and each head's) input for n records: head `head`'s view of each. */
static void fill_inputs(adversary *a, const rg_event_record *records, const uint32_t *chosen, size_t n, size_t head)
{
    size_t width = a->m->input_width, features = a->m->parent_features.width;
    for (size_t i = 0; i < n; i++) {
        const rg_event_record *r = &records[chosen[i]];
        rg_event_input(a->m, r, a->features + (size_t)r->parent * features, head, a->batch.inputs + i * width);
    }
}

/* One logistic step of the critic on n records of one label; returns the mean loss. */
static double critic_step(adversary *a, const rg_event_record *records, const uint32_t *chosen, size_t n, int real)
{
    fill_inputs(a, records, chosen, n, a->m->heads);
    const float *z = rg_mlp_forward(&a->critic, a->batch.inputs, (int)n, &a->batch.trace);
    double loss = 0;
    for (size_t i = 0; i < n; i++) {
        double p = 1 / (1 + exp(-z[i]));
        loss += real ? -log(p + 1e-12) : -log(1 - p + 1e-12);
        a->batch.gradient[i] = (float)((p - real) / (double)n);
    }
    rg_mlp_zero_gradients(&a->critic);
    rg_mlp_backward(&a->critic, a->batch.inputs, a->batch.gradient, (int)n, &a->batch.trace, NULL);
    rg_mlp_adam_step(&a->critic, &a->adam);
    return loss / (double)n;
}

/* Random picks of n records among count. */
static void pick(adversary *a, uint32_t *chosen, size_t n, size_t count)
{
    for (size_t i = 0; i < n; i++)
        chosen[i] = (uint32_t)rg_rng_below(&a->rng, count);
}

static double train_critic(adversary *a, const rg_event_record *real, size_t real_count, const rg_event_record *drawn,
                           size_t drawn_count, uint32_t *chosen)
{
    size_t steps = CRITIC_EPOCHS * (drawn_count / BATCH + 1);
    double loss = 0;
    for (size_t s = 0; s < steps; s++) {
        pick(a, chosen, BATCH, real_count);
        loss = critic_step(a, real, chosen, BATCH, 1) / 2;
        pick(a, chosen, BATCH, drawn_count);
        loss += critic_step(a, drawn, chosen, BATCH, 0) / 2;
    }
    return loss;
}

/* Each drawn event's reward: the critic's logit, standardized and clipped to [-3, 3]. */
static riskgan_status rewards(adversary *a, const rg_event_record *drawn, size_t n, float *reward, uint32_t *chosen)
{
    double sum = 0, squares = 0;
    for (size_t start = 0; start < n; start += BATCH) {
        size_t count = n - start < BATCH ? n - start : BATCH;
        for (size_t i = 0; i < count; i++)
            chosen[i] = (uint32_t)(start + i);
        fill_inputs(a, drawn, chosen, count, a->m->heads);
        const float *z = rg_mlp_forward(&a->critic, a->batch.inputs, (int)count, &a->batch.trace);
        for (size_t i = 0; i < count; i++)
            reward[start + i] = z[i], sum += z[i], squares += (double)z[i] * z[i];
    }
    double mean = n ? sum / (double)n : 0, sd = n ? sqrt(fmax(squares / (double)n - mean * mean, 1e-12)) : 1;
    for (size_t i = 0; i < n; i++) {
        double r = (reward[i] - mean) / sd;
        reward[i] = (float)(r > 3 ? 3 : r < -3 ? -3 : r);
    }
    return isfinite(mean) ? RISKGAN_OK : rg_fail(RISKGAN_ERR_NUMERIC, "the event critic's scores are not finite");
}

/* One pass over the drawn events: policy-gradient steps, each followed by a likelihood step. */
static void policy_pass(adversary *a, const rg_event_record *real, size_t real_count, const rg_event_record *drawn,
                        size_t drawn_count, const float *reward, uint32_t *chosen)
{
    for (size_t start = 0; start < drawn_count; start += BATCH) {
        pick(a, chosen, BATCH, drawn_count);
        for (size_t h = 0; h < a->m->heads; h++)
            rg_event_head_step(a->m, h, drawn, chosen, BATCH, a->features, &a->batch, &a->adam, reward, POLICY_WEIGHT);
        pick(a, chosen, BATCH, real_count);
        for (size_t h = 0; h < a->m->heads; h++)
            rg_event_head_step(a->m, h, real, chosen, BATCH, a->features, &a->batch, &a->adam, NULL, POLICY_WEIGHT);
    }
}

static riskgan_status adversary_init(adversary *a, rg_event_model *m, const riskgan_table *parents,
                                     const rg_event_fit_options *o)
{
    memset(a, 0, sizeof *a);
    a->m = m;
    rg_rng_seed(&a->rng, o->seed ^ 0x41445645ull);
    float *features = rg_calloc(parents->rows * m->parent_features.width + 1, sizeof *features);
    a->features = features;
    a->adam = (rg_adam_options){(float)(o->learning_rate > 0 ? o->learning_rate : 1e-3) / 4, 0.5f, 0.999f, 1e-8f, 0};
    riskgan_status status = features ? rg_event_batch_init(&a->batch, m, BATCH) : RISKGAN_ERR_NO_MEMORY;
    size_t unseen = 0;
    if (status == RISKGAN_OK)
        status = rg_features_encode(&m->parent_features, parents, features, &unseen);
    int dims[3] = {(int)m->input_width, m->hidden, 1}; /* the batch's trace fits it too */
    return status == RISKGAN_OK ? rg_mlp_init(&a->critic, 2, dims, RG_ACTIVATION_RELU, &a->rng) : status;
}

static void adversary_free(adversary *a)
{
    free((void *)a->features);
    rg_event_batch_free(&a->batch);
    rg_mlp_free(&a->critic);
}

riskgan_status rg_event_model_adversarial(rg_event_model *m, const rg_event_record *real, size_t real_count,
                                          const riskgan_table *parents, const rg_event_fit_options *o)
{
    if (o->adversarial_rounds <= 0 || real_count == 0)
        return RISKGAN_OK;
    adversary a;
    riskgan_status status = adversary_init(&a, m, parents, o);
    uint32_t *chosen = rg_calloc(BATCH, sizeof *chosen);
    if (status == RISKGAN_OK && !chosen)
        status = RISKGAN_ERR_NO_MEMORY;
    for (int round = 1; status == RISKGAN_OK && round <= o->adversarial_rounds; round++) {
        rg_event_record *drawn = NULL;
        size_t drawn_count = 0;
        status = rg_event_model_rollout(m, parents, rg_hash64(o->seed ^ (uint64_t)round), &drawn, &drawn_count);
        float *reward = status == RISKGAN_OK ? rg_calloc(drawn_count + 1, sizeof *reward) : NULL;
        if (status == RISKGAN_OK && !reward)
            status = RISKGAN_ERR_NO_MEMORY;
        if (status == RISKGAN_OK && drawn_count > 0) {
            double loss = train_critic(&a, real, real_count, drawn, drawn_count, chosen);
            status = rewards(&a, drawn, drawn_count, reward, chosen);
            if (status == RISKGAN_OK)
                policy_pass(&a, real, real_count, drawn, drawn_count, reward, chosen);
            rg_say(o->progress, o->progress_user,
                   "events: adversarial round %d of %d, critic loss %.4f (log 2 = 0.6931: it cannot tell)", round,
                   o->adversarial_rounds, loss);
        }
        free(reward), free(drawn);
        if (o->stop && *o->stop)
            break;
    }
    free(chosen);
    adversary_free(&a);
    return status;
}
