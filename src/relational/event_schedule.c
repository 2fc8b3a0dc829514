/* event_schedule.c — choosing the kinds of events due every month, and their due dates. */
#include "event_schedule.h"

#include <math.h>
#include <stdlib.h>

#include "../core/memory.h"
#include "../data/datetime.h"
#include "../data/table.h"
#include "event_kinds.h"
#include "event_period.h"

enum { FEWEST_MONTHS = 20 };
static const double KEPT_SHARE = 0.97;

typedef struct {
    size_t events[RG_MAX_CLOCKS], month_ends[RG_MAX_CLOCKS]; /* each clock's events, and those on a month's last day */
    size_t due[RG_MAX_CLOCKS], kept[RG_MAX_CLOCKS];          /* its months due again in the window, and those kept */
} schedule_counts;

static long month_of(double date, int *last_day)
{
    long long year;
    int month, day, days;
    rg_datetime_calendar(date, &year, &month, &day, &days);
    *last_day = day == days;
    return (long)(year * 12 + month);
}

/* Counts, over one sequence, each clock's events and, for each month with its kind whose date
 * a month after its first such event is inside the window, whether the next month has the
 * kind too. */
static void count_sequence(const rg_event_model *m, const double *x, const rg_event_kind *kinds, const rg_sequences *s,
                           size_t p, schedule_counts *n)
{
    for (size_t c = 0; c < m->clocks; c++) {
        long previous = -1;
        double previous_date = NAN;
        for (size_t i = s->start[p]; i <= s->start[p + 1]; i++) {
            int at_end = 0, matches = i < s->start[p + 1] && rg_event_clock_matches(m, c, kinds[s->row[i]].level);
            long month = matches ? month_of(x[s->row[i]], &at_end) : -1;
            if (matches) {
                n->events[c]++;
                n->month_ends[c] += at_end;
            }
            if ((matches && month == previous) || (!matches && i < s->start[p + 1]))
                continue;
            if (previous >= 0 && rg_event_month_after(previous_date) <= m->window_end) {
                n->due[c]++;
                n->kept[c] += matches && month == previous + 1;
            }
            previous = month, previous_date = matches ? x[s->row[i]] : NAN;
        }
    }
}

riskgan_status rg_event_schedule_choose(rg_event_model *m, const riskgan_table *t, long index, const rg_sequences *s)
{
    m->scheduled = m->due_at_month_end = 0;
    if (!m->index_is_date || m->clocks == 0 || index < 0)
        return RISKGAN_OK;
    rg_event_kind *kinds = rg_event_kinds_of_rows(m, t);
    if (!kinds)
        return RISKGAN_ERR_NO_MEMORY;
    schedule_counts n = {{0}, {0}, {0}, {0}};
    for (size_t p = 0; p < s->parents; p++)
        count_sequence(m, t->column[index].numbers, kinds, s, p, &n);
    free(kinds);
    for (size_t c = 0; c < m->clocks; c++) {
        if (n.due[c] < FEWEST_MONTHS || (double)n.kept[c] < KEPT_SHARE * (double)n.due[c])
            continue;
        m->scheduled |= 1u << c;
        if (n.month_ends[c] == n.events[c])
            m->due_at_month_end |= 1u << c;
    }
    return RISKGAN_OK;
}

double rg_sequence_due_date(const rg_event_model *m, const rg_sequence_state *s, size_t c)
{
    double last = s->clock_last[c];
    if (isnan(last))
        return NAN;
    return m->due_at_month_end >> c & 1u ? rg_event_month_end_after(last) : rg_event_month_after(last);
}

size_t rg_sequence_first_due(const rg_event_model *m, const rg_sequence_state *s, double from, double before,
                             double *due)
{
    size_t first = m->clocks;
    *due = INFINITY;
    for (size_t c = 0; c < m->clocks; c++) {
        double date = m->scheduled >> c & 1u ? rg_sequence_due_date(m, s, c) : NAN;
        if (date >= from && date < before && date < *due && date <= m->window_end)
            *due = date, first = c;
    }
    return first;
}
