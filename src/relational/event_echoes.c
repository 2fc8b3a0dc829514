/* event_echoes.c — choosing the kinds of events that come back a month later, and the echo
 * token of a real event. */
#include "event_echoes.h"

#include <math.h>
#include <stdlib.h>

#include "../core/memory.h"
#include "../data/table.h"
#include "event_kinds.h"
#include "event_period.h"

enum { FEWEST_ON_ECHO = 20 };

typedef struct {
    size_t again[RG_MAX_CLOCKS], on[RG_MAX_CLOCKS];
} echo_counts;

/* Counts, over one sequence, the events of each clock's kind that follow an earlier one on a
 * later day, and those dated a month after it. */
static void count_sequence(const rg_event_model *m, const double *x, const rg_event_kind *kinds, const rg_sequences *s,
                           size_t p, echo_counts *n)
{
    double last[RG_MAX_CLOCKS];
    for (size_t c = 0; c < m->clocks; c++)
        last[c] = NAN;
    for (size_t i = s->start[p]; i < s->start[p + 1]; i++) {
        size_t row = s->row[i];
        for (size_t c = 0; c < m->clocks; c++) {
            if (!rg_event_clock_matches(m, c, kinds[row].level))
                continue;
            if (x[row] > last[c]) {
                n->again[c]++;
                n->on[c] += fabs(x[row] - rg_event_month_after(last[c])) < 1.0;
            }
            last[c] = x[row];
        }
    }
}

riskgan_status rg_event_echoes_choose(rg_event_model *m, const riskgan_table *t, long index, const rg_sequences *s)
{
    m->echoes = 0;
    if (!m->index_is_date || m->clocks == 0 || index < 0)
        return RISKGAN_OK;
    rg_event_kind *kinds = rg_event_kinds_of_rows(m, t);
    if (!kinds)
        return RISKGAN_ERR_NO_MEMORY;
    echo_counts n = {{0}, {0}};
    for (size_t p = 0; p < s->parents; p++)
        count_sequence(m, t->column[index].numbers, kinds, s, p, &n);
    free(kinds);
    for (size_t c = 0; c < m->clocks; c++)
        if (n.on[c] >= FEWEST_ON_ECHO && (double)n.on[c] >= 0.2 * (double)n.again[c])
            m->echo_clock[m->echoes++] = (uint8_t)c;
    rg_head_set_echoes(&m->head[1], m->echoes);
    return RISKGAN_OK;
}

uint16_t rg_event_echo_token(const rg_event_model *m, const rg_sequence_state *s, const rg_event_record *r,
                             double index)
{
    for (size_t e = 0; s->position > 0 && e < m->echoes; e++) {
        double date = rg_sequence_echo_date(m, s, e);
        if (date > s->last_index && fabs(date - index) < 1.0 && rg_event_clock_matches(m, m->echo_clock[e], r->level))
            return (uint16_t)(m->head[1].first_echo + e);
    }
    return (uint16_t)RG_NO_TOKEN;
}
