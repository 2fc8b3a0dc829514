/* event_sampling.h — generating a child table's rows with its event model (event_model.h). */
#ifndef RISKGAN_RELATIONAL_EVENT_SAMPLING_H
#define RISKGAN_RELATIONAL_EVENT_SAMPLING_H

#include "event_model.h"
#include "event_record.h"
#include "riskgan.h"

/* Generates every parent's events: parents is a generated parent table (with count_column),
 * parent_keys[p] the text of parent p's key. Writes the rows of the child table (the
 * model's schema) into *out, grouped by parent, in order. */
riskgan_status rg_event_model_sample(const rg_event_model *model, const riskgan_table *parents,
                                     const char *const *parent_keys, uint64_t seed, riskgan_table **out);
/* The same drawing for the given parents, kept as records with the tokens drawn (what the
 * heads saw and chose), in the order drawn; the caller frees *records. */
riskgan_status rg_event_model_rollout(const rg_event_model *model, const riskgan_table *parents, uint64_t seed,
                                      rg_event_record **records, size_t *count);

#endif
