/* event_residuals.h — a running balance's habitual small mismatches: kinds of events whose
 * balance moves by the amount plus a little, again and again (Berka: 23 % of interest
 * credits move the balance 0.1 more or less than their amount, the interest rounded on its
 * own), learned per clock kind (event_clocks.h) as a few exact values and their shares, and
 * drawn for generated events of the kind. Any other mismatch is never generated. */
#ifndef RISKGAN_RELATIONAL_EVENT_RESIDUALS_H
#define RISKGAN_RELATIONAL_EVENT_RESIDUALS_H

#include "../core/rng.h"
#include "event_model.h"
#include "rules.h"
#include "sequences.h"

/* With a running balance (clocks chosen; the sequences in the balance's order): for each clock
 * kind, the residuals (balance - previous balance -/+ amount, at the balance's decimals) of its
 * events after a sequence's first that at least 1 % of them and 20 events of 5 parents share,
 * up to RG_MAX_RESIDUALS, commonest first. */
riskgan_status rg_event_residuals_fit(rg_event_model *model, const riskgan_table *child, const rg_sequences *sequences,
                                      const rg_balance_rule *rule);
/* The residual of an event (its categories `level`; not a sequence's first) added to its
 * balance: one of its kind's values with its share, else 0. Draws from rng only for a kind
 * with residuals. */
double rg_event_residual_draw(const rg_event_model *model, const int16_t *level, rg_rng *rng);

#endif
