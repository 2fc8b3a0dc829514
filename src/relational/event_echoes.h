/* event_echoes.h — events that come back a month later on the same day of the month: a salary,
 * a pension, a standing order (Berka: 81-88 % of those come exactly a month after the last
 * one of their kind). A clock's kind whose events often come back on that day gets an echo: a
 * token of the later-gap head, "the event of this kind due a month after the last one", that
 * lands a drawn gap on the day exactly and tells the category heads the kind; and inputs
 * telling every head when each echo is due. */
#ifndef RISKGAN_RELATIONAL_EVENT_ECHOES_H
#define RISKGAN_RELATIONAL_EVENT_ECHOES_H

#include "event_record.h"
#include "sequences.h"

/* Chooses the echoes of a model with clocks and a date index (column `index` of the child
 * table, its sequences `s`): the clocks of whose events that follow an earlier one of their
 * kind on a later day at least a fifth, and 20 or more, are dated a month after it. Gives the
 * later-gap head its echo tokens. */
riskgan_status rg_event_echoes_choose(rg_event_model *model, const riskgan_table *child, long index,
                                      const rg_sequences *s);
/* A real event's echo token (RG_NO_TOKEN: none): the echo of its own kind when it is dated a
 * month after the last event of that kind, on a later day than the previous event (a second
 * event on a day is a gap of 0, as with month ends: an echo due today would otherwise be drawn
 * again and again). Needs the record's kind. */
uint16_t rg_event_echo_token(const rg_event_model *model, const rg_sequence_state *state, const rg_event_record *record,
                             double index);

#endif
