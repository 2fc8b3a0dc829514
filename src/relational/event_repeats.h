/* event_repeats.h — categories that repeat the sequence's latest event with the same earlier
 * categories far more often than chance (a pension's payer bank, every month the same): their
 * heads get a repeat token, so a generated sequence keeps its payers, and with them the kinds
 * whose amounts repeat. */
#ifndef RISKGAN_RELATIONAL_EVENT_REPEATS_H
#define RISKGAN_RELATIONAL_EVENT_REPEATS_H

#include "../data/table.h"
#include "event_model.h"
#include "sequences.h"

/* Gives a repeat token to each category head after the first (but the balance's sign) whose
 * level equals the latest same-prefix event's in at least 20 events, at least half the way from
 * chance (the share two events of the same earlier categories would agree by their levels'
 * frequencies) to always. The category heads must be fitted, the balance's heads known. */
riskgan_status rg_event_repeats_choose(rg_event_model *model, const riskgan_table *child, const rg_sequences *sequences);

#endif
