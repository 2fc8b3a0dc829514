/* event_ratios.h — amounts that are a share of the balance before them (interest on the
 * balance): the kinds of events whose amounts spread far less as shares of the balance than
 * as amounts, and the running balance's amount head's share tokens learned from them. */
#ifndef RISKGAN_RELATIONAL_EVENT_RATIOS_H
#define RISKGAN_RELATIONAL_EVENT_RATIOS_H

#include "event_model.h"
#include "sequences.h"

/* With a running balance (the amount head, category heads fitted): finds such kinds (at
 * least 100 events with a positive balance before and amount, whose log share's interquartile
 * range is less than half their log amount's) and gives the amount head share tokens of their
 * shares. *proportional (t->rows flags, NULL when none) marks the rows to train on a share
 * token. */
riskgan_status rg_event_ratios_fit(rg_event_model *model, const riskgan_table *child, const rg_sequences *sequences,
                                   long balance, unsigned char **proportional);

#endif
