/* event_training.h — training the heads of an event model on the records of the real events
 * (teacher forcing): softmax cross-entropy per head, Adam, early stopping on the events of a
 * tenth of the parents held out. */
#ifndef RISKGAN_RELATIONAL_EVENT_TRAINING_H
#define RISKGAN_RELATIONAL_EVENT_TRAINING_H

#include <stddef.h>
#include <stdint.h>

#include "event_model.h"
#include "event_record.h"

/* Whether head h learns from the record: the first-gap head from first events, the gap head
 * from later ones, the others from all. */
int rg_event_head_applies(const rg_event_model *model, size_t h, const rg_event_record *record);
/* The workspace of head steps on up to `capacity` records (every head's inputs, gradients and
 * layers fit). */
typedef struct {
    float *inputs, *gradient, *weights;
    uint16_t *targets;
    rg_mlp_trace trace;
    int capacity;
} rg_event_batch;

riskgan_status rg_event_batch_init(rg_event_batch *batch, const rg_event_model *model, int capacity);
void rg_event_batch_free(rg_event_batch *batch);
/* Head h on the chosen records (at most the batch's capacity): returns the summed
 * cross-entropy of their tokens; with adam, also a backward pass and an Adam step in which
 * each record's cross-entropy counts weight[chosen[i]] (NULL: 1) times scale — maximum
 * likelihood, or REINFORCE with rewards as the weights. */
double rg_event_head_step(rg_event_model *model, size_t h, const rg_event_record *records, const uint32_t *chosen,
                          size_t n, const float *parent_features, rg_event_batch *batch, const rg_adam_options *adam,
                          const float *weight, float scale);
/* Builds the heads' networks (input width from the model) and trains them; parents is the
 * parent table the records' parent indexes refer to. */
riskgan_status rg_event_model_train(rg_event_model *model, const rg_event_record *records, size_t count,
                                    const riskgan_table *parents, const rg_event_fit_options *options);

#endif
