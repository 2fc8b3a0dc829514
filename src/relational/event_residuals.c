/* event_residuals.c — learning and drawing a running balance's habitual small mismatches. */
#include "event_residuals.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"
#include "event_kinds.h"

enum { FEWEST_EVENTS = 20, FEWEST_PARENTS = 5 };

typedef struct {
    size_t clock;
    double value;
    size_t parent;
} residual;

static int by_clock_value_parent(const void *a, const void *b)
{
    const residual *x = a, *y = b;
    if (x->clock != y->clock)
        return x->clock < y->clock ? -1 : 1;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return x->parent < y->parent ? -1 : x->parent > y->parent;
}

/* Every event after a sequence's first: counted under its clock; a non-zero residual kept. */
static size_t gather(const rg_event_model *m, const riskgan_table *t, const rg_sequences *s,
                     const rg_balance_rule *rule, const rg_event_kind *kinds, size_t *events, residual *out)
{
    const double *balance = t->column[rule->balance].numbers;
    int decimals = m->columns[rule->balance].decimals;
    size_t n = 0;
    for (size_t p = 0; p < s->parents; p++)
        for (size_t i = s->start[p] + 1; i < s->start[p + 1]; i++) {
            size_t row = s->row[i], clock = rg_event_first_clock(m, kinds[row].level);
            double left = balance[row] - balance[s->row[i - 1]] - rg_balance_rule_signed_amount(t, rule, row);
            left = decimals >= 0 ? rg_round_to_format(left, decimals) : left;
            if (clock == m->clocks || isnan(left))
                continue;
            events[clock]++;
            if (left != 0)
                out[n++] = (residual){clock, left, p};
        }
    return n;
}

/* Keeps a value of `count` events under `parents` parents among its clock's commonest. */
static void keep_value(rg_event_model *m, size_t clock, double value, size_t count, size_t parents, size_t events)
{
    if (count < FEWEST_EVENTS || parents < FEWEST_PARENTS || (double)count < 0.01 * (double)events)
        return;
    size_t k = 0;
    while (k < m->residual_kinds && m->residual[k].clock != clock)
        k++;
    if (k == m->residual_kinds) {
        m->residual_kinds++;
        m->residual[k].clock = (uint8_t)clock, m->residual[k].count = 0;
    }
    size_t at = m->residual[k].count;
    double share = (double)count / (double)events;
    while (at > 0 && m->residual[k].share[at - 1] < share)
        at--;
    if (at >= RG_MAX_RESIDUALS)
        return;
    size_t last = m->residual[k].count < RG_MAX_RESIDUALS ? m->residual[k].count : RG_MAX_RESIDUALS - 1;
    memmove(&m->residual[k].value[at + 1], &m->residual[k].value[at], (last - at) * sizeof(double));
    memmove(&m->residual[k].share[at + 1], &m->residual[k].share[at], (last - at) * sizeof(double));
    m->residual[k].value[at] = value, m->residual[k].share[at] = share;
    m->residual[k].count = (uint8_t)(last + 1);
}

riskgan_status rg_event_residuals_fit(rg_event_model *m, const riskgan_table *t, const rg_sequences *s,
                                      const rg_balance_rule *rule)
{
    m->residual_kinds = 0;
    if (!m->has_balance || m->clocks == 0 || rule->balance < 0 || t->rows == 0)
        return RISKGAN_OK;
    rg_event_kind *kinds = rg_event_kinds_of_rows(m, t);
    residual *found = rg_calloc(t->rows + 1, sizeof *found);
    if (!kinds || !found) {
        free(kinds), free(found);
        return RISKGAN_ERR_NO_MEMORY;
    }
    size_t events[RG_MAX_CLOCKS] = {0}, n = gather(m, t, s, rule, kinds, events, found);
    qsort(found, n, sizeof *found, by_clock_value_parent);
    for (size_t i = 0; i < n;) {
        size_t end = i + 1, parents = 1;
        for (; end < n && found[end].clock == found[i].clock && found[end].value == found[i].value; end++)
            parents += found[end].parent != found[end - 1].parent;
        keep_value(m, found[i].clock, found[i].value, end - i, parents, events[found[i].clock]);
        i = end;
    }
    free(kinds), free(found);
    return RISKGAN_OK;
}

double rg_event_residual_draw(const rg_event_model *m, const int16_t *level, rg_rng *rng)
{
    if (m->residual_kinds == 0)
        return 0;
    size_t clock = rg_event_first_clock(m, level), k = 0;
    while (k < m->residual_kinds && m->residual[k].clock != clock)
        k++;
    if (k == m->residual_kinds)
        return 0;
    double u = rg_rng_uniform(rng), at = 0;
    for (size_t v = 0; v < m->residual[k].count; v++)
        if (u < (at += m->residual[k].share[v]))
            return m->residual[k].value[v];
    return 0;
}
