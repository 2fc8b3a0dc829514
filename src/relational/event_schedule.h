/* event_schedule.h — kinds of events due every month: once a sequence has one, it has one in
 * every later month of the window (Berka: interest and fees at each month's end, standing
 * orders, pensions and incoming transfers on the same day each month; 98.8-100 % of their
 * months are followed by another with the kind). A generated sequence whose next drawn date
 * would jump over such a kind's due date has that event on its due date instead, so a monthly
 * kind is never skipped (the model alone kept 82-88 % of them). */
#ifndef RISKGAN_RELATIONAL_EVENT_SCHEDULE_H
#define RISKGAN_RELATIONAL_EVENT_SCHEDULE_H

#include "event_record.h"
#include "sequences.h"

/* Chooses the scheduled clocks of a model with clocks and a date index (column `index` of the
 * child table, its sequences `s`): those whose months with the kind, 20 or more with the next
 * month's due date in the window, are followed by a month with the kind at least 97 % of the
 * time; a clock whose events all fall on a month's last day is due on the next month's last
 * day, another on the same day of the next month as its last event. */
riskgan_status rg_event_schedule_choose(rg_event_model *model, const riskgan_table *child, long index,
                                        const rg_sequences *s);
/* The date scheduled clock c of a sequence is next due (NaN: none of its kind yet). */
double rg_sequence_due_date(const rg_event_model *model, const rg_sequence_state *state, size_t c);
/* The scheduled clock (model->clocks: none) due first in [from, before) and within the window;
 * its due date in *due. */
size_t rg_sequence_first_due(const rg_event_model *model, const rg_sequence_state *state, double from, double before,
                             double *due);

#endif
