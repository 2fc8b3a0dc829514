/* event_clocks.c — choosing the kinds of events whose time since the last one the heads read. */
#include "event_clocks.h"

#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/table.h"
#include "event_kinds.h"

/* Keeps a kind of `count` events among the commonest (ties: the first met stays ahead). */
static void rank_kind(rg_event_model *m, size_t *counts, const rg_event_kind *kind, size_t count)
{
    size_t at = m->clocks;
    while (at > 0 && counts[at - 1] < count)
        at--;
    if (at >= RG_MAX_CLOCKS)
        return;
    size_t last = m->clocks < RG_MAX_CLOCKS ? m->clocks : RG_MAX_CLOCKS - 1;
    memmove(&m->clock[at + 1], &m->clock[at], (last - at) * sizeof m->clock[0]);
    memmove(&counts[at + 1], &counts[at], (last - at) * sizeof *counts);
    memcpy(m->clock[at], kind->level, sizeof m->clock[at]);
    counts[at] = count;
    m->clocks = last + 1;
}

riskgan_status rg_event_clocks_choose(rg_event_model *m, const riskgan_table *t)
{
    m->clocks = 0;
    if (!m->has_index || m->categories == 0 || t->rows == 0)
        return RISKGAN_OK;
    rg_event_kind *keys = rg_event_kinds_of_rows(m, t);
    if (!keys)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t k = 0; k < m->categories; k++) /* a column of many values (a partner bank) is left out of the kinds */
        for (size_t r = 0; m->head[m->first_category + k].levels > RG_KIND_MOST_LEVELS && r < t->rows; r++)
            keys[r].level[k] = -1;
    qsort(keys, t->rows, sizeof *keys, rg_event_kind_compare);
    size_t counts[RG_MAX_CLOCKS + 1] = {0};
    for (size_t i = 0; i < t->rows;) {
        size_t end = i + 1;
        while (end < t->rows && rg_event_kind_compare(&keys[end], &keys[i]) == 0)
            end++;
        if ((double)(end - i) >= 0.02 * (double)t->rows)
            rank_kind(m, counts, &keys[i], end - i);
        i = end;
    }
    free(keys);
    return RISKGAN_OK;
}
