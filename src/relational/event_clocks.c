/* event_clocks.c — choosing the kinds of events whose time since the last one the heads read. */
#include "event_clocks.h"

#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/string_dictionary.h"
#include "../data/table.h"

typedef struct {
    int16_t level[RG_MAX_CATEGORY_HEADS];
} kind_key;

static int by_levels(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(kind_key));
}

/* Every row's kind: the tokens of its categories as the category heads read them. */
static void kinds_of_rows(const rg_event_model *m, const riskgan_table *t, kind_key *keys)
{
    for (size_t j = 0; j < m->column_count; j++) {
        const rg_event_column *e = &m->columns[j];
        if (e->role != RG_EVENT_HEAD || (size_t)e->head < m->first_category || (size_t)e->head >= m->first_number)
            continue;
        const rg_column *c = &t->column[j];
        for (size_t r = 0; r < t->rows; r++) {
            const char *text = c->codes[r] < 0 ? NULL : rg_dictionary_string(&c->categories, c->codes[r]);
            keys[r].level[e->head - m->first_category] = (int16_t)rg_head_category_token(&m->head[e->head], text);
        }
    }
}

/* Keeps a kind of `count` events among the commonest (ties: the first met stays ahead). */
static void rank_kind(rg_event_model *m, size_t *counts, const kind_key *kind, size_t count)
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
    kind_key *keys = rg_calloc(t->rows + 1, sizeof *keys);
    if (!keys)
        return RISKGAN_ERR_NO_MEMORY;
    kinds_of_rows(m, t, keys);
    qsort(keys, t->rows, sizeof *keys, by_levels);
    size_t counts[RG_MAX_CLOCKS + 1] = {0};
    for (size_t i = 0; i < t->rows;) {
        size_t end = i + 1;
        while (end < t->rows && by_levels(&keys[end], &keys[i]) == 0)
            end++;
        if ((double)(end - i) >= 0.02 * (double)t->rows)
            rank_kind(m, counts, &keys[i], end - i);
        i = end;
    }
    free(keys);
    return RISKGAN_OK;
}
