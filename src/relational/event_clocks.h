/* event_clocks.h — the kinds of events whose timing every head watches: the commonest
 * combinations of an event's categories (a deposit, interest, a standing order). Before each
 * event the heads read the days since the sequence's last event of each such kind, so a
 * monthly salary or a quarterly fee comes back when it is due (the record's clock_since). */
#ifndef RISKGAN_RELATIONAL_EVENT_CLOCKS_H
#define RISKGAN_RELATIONAL_EVENT_CLOCKS_H

#include "event_model.h"

/* Chooses the model's clocks from the child table's rows: with an index and categories, the
 * RG_MAX_CLOCKS commonest kinds that each hold at least 2 % of the events, a kind leaving out
 * the columns of more than nine values (the partner bank of a standing order). The category
 * heads must be fitted. */
riskgan_status rg_event_clocks_choose(rg_event_model *model, const riskgan_table *child);

#endif
