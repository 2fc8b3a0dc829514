/* event_period.h — events that come back a fixed number of days after the parent's date (in
 * the Berka bank, every 30 days from an account's opening): the period, learned from the
 * data, and the next such anniversary. A gap head with a period has a token for "on the next
 * anniversary", as it has one for "on the next month's end". And the same day a month later,
 * when an event comes back monthly (event_echoes.h). */
#ifndef RISKGAN_RELATIONAL_EVENT_PERIOD_H
#define RISKGAN_RELATIONAL_EVENT_PERIOD_H

#include <stddef.h>

/* The period in days (0: none) of events `after[i]` days after their parent's date (NaN:
 * unknown; only events after that date count): of the whole periods of 7 to 35 days, the one
 * whose multiples hold the most events against chance (share x period), when its multiples
 * hold at least 5 % of the events and at least three times their chance share. */
double rg_event_period_choose(const double *after, size_t n);
/* The days after the parent's date of the first anniversary later than `since` days. */
double rg_event_next_anniversary(double since, double period);
/* Whether an event `after` days after the parent's date falls on the first anniversary after
 * the previous event (`since` days after it; the first event: 0). */
int rg_event_on_anniversary(double since, double after, double period);
/* The date (seconds, as the datetime column keeps them) one calendar month after `date`: the
 * same day of the next month and the same time of day, the day cut to that month's length. */
double rg_event_month_after(double date);
/* Whether `date` (seconds) falls on its month's last day. */
int rg_event_on_month_end(double date);
/* The last day of the month of `date` at its time of day (a date on a month's last day: the
 * next month's last day). */
double rg_event_month_end_after(double date);

#endif
