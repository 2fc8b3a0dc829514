/* event_kinds.c — the kind of every event of a child table. */
#include "event_kinds.h"

#include <string.h>

#include "../core/memory.h"
#include "../data/string_dictionary.h"
#include "../data/table.h"

int rg_event_kind_compare(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(rg_event_kind));
}

rg_event_kind *rg_event_kinds_of_rows(const rg_event_model *m, const riskgan_table *t)
{
    rg_event_kind *keys = rg_calloc(t->rows + 1, sizeof *keys);
    if (!keys)
        return NULL;
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
    return keys;
}
