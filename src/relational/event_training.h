/* event_training.h — training the heads of an event model on the records of the real events
 * (teacher forcing): softmax cross-entropy per head, Adam, early stopping on the events of a
 * tenth of the parents held out. */
#ifndef RISKGAN_RELATIONAL_EVENT_TRAINING_H
#define RISKGAN_RELATIONAL_EVENT_TRAINING_H

#include <stddef.h>

#include "event_model.h"
#include "event_record.h"

/* Whether head h learns from the record: the first-gap head from first events, the gap head
 * from later ones, the others from all. */
int rg_event_head_applies(const rg_event_model *model, size_t h, const rg_event_record *record);
/* Builds the heads' networks (input width from the model) and trains them; parents is the
 * parent table the records' parent indexes refer to. */
riskgan_status rg_event_model_train(rg_event_model *model, const rg_event_record *records, size_t count,
                                    const riskgan_table *parents, const rg_event_fit_options *options);

#endif
