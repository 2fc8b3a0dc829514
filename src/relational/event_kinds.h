/* event_kinds.h — an event's kind: the tokens of its categories as the category heads read
 * them (a deposit, interest, a standing order to one bank). */
#ifndef RISKGAN_RELATIONAL_EVENT_KINDS_H
#define RISKGAN_RELATIONAL_EVENT_KINDS_H

#include "event_model.h"

typedef struct {
    int16_t level[RG_MAX_CATEGORY_HEADS];
} rg_event_kind;

/* Every row's kind, in a new array of child->rows + 1 (NULL: no memory); the category heads
 * must be fitted. */
rg_event_kind *rg_event_kinds_of_rows(const rg_event_model *model, const riskgan_table *child);
/* Orders kinds (qsort comparator). */
int rg_event_kind_compare(const void *a, const void *b);

#endif
