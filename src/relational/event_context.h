/* event_context.h — every event of a child table with its context in its sequence: its own
 * columns (keys left out; the index as the gap since the previous event, the days after the
 * parent's date and the day of its month), its place in the sequence, the previous event's
 * values, and the part of the balance's change that the amount does not explain. What tells a
 * believable history from shuffled rows; the evaluation's event detection runs on it. */
#ifndef RISKGAN_RELATIONAL_EVENT_CONTEXT_H
#define RISKGAN_RELATIONAL_EVENT_CONTEXT_H

#include <stddef.h>

#include "dataset.h"

/* The events of table `child` (a child table) in sequence order; *own receives how many of
 * the columns are the event's own (the first ones: its values and its gap), the rest being
 * context. */
riskgan_status rg_event_context_build(const riskgan_dataset *dataset, size_t child, riskgan_table **out, size_t *own);

#endif
