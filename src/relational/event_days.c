/* event_days.c — learning the days of the month each prefix of an event's categories never
 * falls on, and looking them up. */
#include "event_days.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/table.h"
#include "event_kinds.h"

enum { DAYS = 31 };
static const double least_expected = 10; /* events chance would put on the day */

typedef struct {
    rg_event_kind full, kind; /* the event's kind, and its prefix (levels past the depth: -2) */
    int day;
} dated_kind;

static int by_kind(const void *a, const void *b)
{
    return rg_event_kind_compare(&((const dated_kind *)a)->kind, &((const dated_kind *)b)->kind);
}

/* A prefix of `depth` heads, rows[first..end) its events: a rule when some day of the month
 * that would hold ten or more of them by chance holds none, and no shorter rule of the prefix
 * forbids those days already. */
static void add_rule(rg_event_model *m, const dated_kind *rows, size_t first, size_t end, size_t depth,
                     const size_t *per_day, size_t total)
{
    size_t on[DAYS + 1] = {0};
    for (size_t i = first; i < end; i++)
        on[rows[i].day]++;
    uint32_t forbidden = 0;
    for (int d = 1; d <= DAYS; d++)
        if (on[d] == 0 && (double)(end - first) * (double)per_day[d] / (double)total >= least_expected)
            forbidden |= 1u << (d - 1);
    for (size_t r = 0; forbidden && r < m->day_rules; r++)
        if (m->day_rule[r].depth < depth &&
            memcmp(m->day_rule[r].level, rows[first].kind.level, m->day_rule[r].depth * sizeof(int16_t)) == 0)
            forbidden &= ~m->day_rule[r].forbidden;
    if (!forbidden || m->day_rules == RG_MAX_DAY_RULES)
        return;
    m->day_rule[m->day_rules].depth = (uint8_t)depth;
    memcpy(m->day_rule[m->day_rules].level, rows[first].kind.level, sizeof m->day_rule[0].level);
    m->day_rule[m->day_rules++].forbidden = forbidden;
}

riskgan_status rg_event_days_choose(rg_event_model *m, const riskgan_table *t, long index)
{
    m->day_rules = 0;
    if (!m->index_is_date || m->categories == 0 || index < 0 || t->rows == 0)
        return RISKGAN_OK;
    rg_event_kind *kinds = rg_event_kinds_of_rows(m, t);
    dated_kind *rows = rg_calloc(t->rows + 1, sizeof *rows);
    if (!kinds || !rows) {
        free(kinds), free(rows);
        return RISKGAN_ERR_NO_MEMORY;
    }
    size_t per_day[DAYS + 1] = {0}, dated = 0;
    for (size_t r = 0; r < t->rows; r++) {
        long long year;
        int month, days;
        double x = t->column[index].numbers[r];
        if (isnan(x))
            continue;
        rg_datetime_calendar(x, &year, &month, &rows[dated].day, &days);
        rows[dated].full = kinds[r];
        per_day[rows[dated++].day]++;
    }
    for (size_t depth = 1; depth <= m->categories; depth++) {
        for (size_t i = 0; i < dated; i++) {
            rows[i].kind = rows[i].full;
            for (size_t k = depth; k < RG_MAX_CATEGORY_HEADS; k++)
                rows[i].kind.level[k] = -2;
        }
        qsort(rows, dated, sizeof *rows, by_kind);
        for (size_t i = 0, end; i < dated; i = end) {
            for (end = i + 1; end < dated && by_kind(&rows[end], &rows[i]) == 0;)
                end++;
            add_rule(m, rows, i, end, depth, per_day, dated);
        }
    }
    free(kinds), free(rows);
    return RISKGAN_OK;
}

int rg_event_day_forbidden(const rg_event_model *m, const int16_t *levels, size_t depth, int day)
{
    for (size_t r = 0; day >= 1 && day <= DAYS && r < m->day_rules; r++)
        if (m->day_rule[r].depth == depth && (m->day_rule[r].forbidden >> (day - 1) & 1) &&
            memcmp(m->day_rule[r].level, levels, depth * sizeof *levels) == 0)
            return 1;
    return 0;
}
