/* event_combinations.h — the combinations of categories events come in: a generated event's
 * categories are drawn among the combinations the data has (under at least min_parents
 * parents), never a withdrawal labelled interest or a transfer without its partner bank. The
 * category heads, drawn one after another from softmaxes, put 3 % of Berka's generated events
 * in combinations no real event has. */
#ifndef RISKGAN_RELATIONAL_EVENT_COMBINATIONS_H
#define RISKGAN_RELATIONAL_EVENT_COMBINATIONS_H

#include "event_model.h"
#include "sequences.h"

/* Keeps the kinds (every category token, missing included; a column of more than nine values
 * only as present, RG_ANY_LEVEL, or missing) of at least min_parents parents; with more than
 * RG_MAX_COMBINATIONS of them, none (no combination is then ruled out). Counted one by one, the
 * partner banks of loan payments and of transfers without a symbol each had fewer than five
 * accounts: those kinds were never generated. */
riskgan_status rg_event_combinations_fit(rg_event_model *model, const riskgan_table *child,
                                         const rg_sequences *sequences, size_t min_parents);
/* Whether category head `depth`'s token `token`, after the tokens level[0..depth), begins a
 * kept combination (always, with none kept). */
int rg_event_combination_allows(const rg_event_model *model, const int16_t *level, size_t depth, int token);

#endif
