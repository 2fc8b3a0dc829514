/* event_days.h — the days of the month a kind of event never falls on. In the Berka bank,
 * standing orders, pensions and incoming transfers come on days 5-14 only and interest on a
 * month's last day only, while a category head that reads the day as one number puts a tenth
 * of them elsewhere. With a date index, every prefix of an event's categories (a debit; a debit
 * by transfer; a debit by transfer for a standing order) that has no event on a day of the
 * month where chance would put ten or more gets that day forbidden. An event drawn on a day its
 * categories never fall on draws its day and categories again (event_sampling.c). */
#ifndef RISKGAN_RELATIONAL_EVENT_DAYS_H
#define RISKGAN_RELATIONAL_EVENT_DAYS_H

#include "event_model.h"

/* Learns the model's day rules from the child table's rows (column `index`: dates); the
 * category heads must be fitted. */
riskgan_status rg_event_days_choose(rg_event_model *model, const riskgan_table *child, long index);
/* Whether the categories levels[0..depth) are forbidden on `day` (1..31) of the month. */
int rg_event_day_forbidden(const rg_event_model *model, const int16_t *levels, size_t depth, int day);

#endif
