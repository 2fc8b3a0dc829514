/* event_adversarial.h — adversarial fine-tuning of an event model after maximum likelihood
 * (variant 2 in docs/relational.md: a critic of events in context, policy-gradient steps). */
#ifndef RISKGAN_RELATIONAL_EVENT_ADVERSARIAL_H
#define RISKGAN_RELATIONAL_EVENT_ADVERSARIAL_H

#include <stddef.h>

#include "event_model.h"
#include "event_record.h"

/* options->adversarial_rounds rounds (none: returns at once) on the real records, whose parent
 * indexes refer to `parents`, the table the model's rollouts draw for. */
riskgan_status rg_event_model_adversarial(rg_event_model *model, const rg_event_record *real, size_t count,
                                          const riskgan_table *parents, const rg_event_fit_options *options);

#endif
