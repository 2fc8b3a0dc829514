/* event_repeats.c — which categories repeat the latest event with the same earlier ones. */
#include "event_repeats.h"

#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "event_kinds.h"

enum { MEMORY = 64, MIN_EVENTS = 20 };

/* Of the events whose sequence had an earlier event with the same categories before c, how
 * many have that event's level of c; *with receives how many had one. */
static size_t repeats_of(const rg_event_kind *kinds, const rg_sequences *s, size_t c, size_t *with)
{
    size_t same = 0;
    *with = 0;
    for (size_t p = 0; p < s->parents; p++) {
        rg_event_kind last[MEMORY];
        size_t count = 0;
        for (size_t i = s->start[p]; i < s->start[p + 1]; i++) {
            const rg_event_kind *k = &kinds[s->row[i]];
            size_t j = 0;
            while (j < count && memcmp(last[j].level, k->level, c * sizeof *k->level) != 0)
                j++;
            if (j < count)
                (*with)++, same += last[j].level[c] == k->level[c];
            if (j < count || count < MEMORY)
                last[j] = *k, count += j == count;
        }
    }
    return same;
}

/* The share of pairs of events with the same categories before c that agree on c by chance:
 * over the prefixes, weighted by their events, the sum of their levels' squared shares. */
static double chance_agreement(const rg_event_kind *kinds, size_t n, size_t c, rg_event_kind *sorted)
{
    for (size_t r = 0; r < n; r++) {
        sorted[r] = kinds[r];
        for (size_t k = c + 1; k < RG_MAX_CATEGORY_HEADS; k++)
            sorted[r].level[k] = 0;
    }
    qsort(sorted, n, sizeof *sorted, rg_event_kind_compare);
    double total = 0;
    for (size_t i = 0; i < n;) {
        size_t end = i;
        double squares = 0;
        while (end < n && memcmp(sorted[end].level, sorted[i].level, c * sizeof *sorted->level) == 0) {
            size_t run = end + 1;
            while (run < n && memcmp(sorted[run].level, sorted[end].level, (c + 1) * sizeof *sorted->level) == 0)
                run++;
            squares += (double)(run - end) * (double)(run - end);
            end = run;
        }
        total += squares / (double)(end - i);
        i = end;
    }
    return n ? total / (double)n : 1;
}

riskgan_status rg_event_repeats_choose(rg_event_model *m, const riskgan_table *t, const rg_sequences *s)
{
    if (m->categories < 2 || t->rows == 0)
        return RISKGAN_OK;
    rg_event_kind *kinds = rg_event_kinds_of_rows(m, t), *sorted = rg_calloc(t->rows, sizeof *sorted);
    if (!kinds || !sorted) {
        free(kinds), free(sorted);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t c = 1; c < m->categories; c++) {
        size_t h = m->first_category + c, with;
        if (m->has_balance && h == (size_t)m->sign_head)
            continue;
        double same = (double)repeats_of(kinds, s, c, &with), chance = chance_agreement(kinds, t->rows, c, sorted);
        int repeats = with >= MIN_EVENTS && chance < 1 && same / (double)with - chance >= 0.5 * (1 - chance);
        rg_head_set_repeats(&m->head[h], repeats);
    }
    free(kinds), free(sorted);
    return RISKGAN_OK;
}
