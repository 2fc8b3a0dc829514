/* event_combinations.c — learning the combinations of categories events come in. */
#include "event_combinations.h"

#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/table.h"
#include "event_kinds.h"

typedef struct {
    rg_event_kind kind;
    size_t parent;
} kind_parent;

static int by_kind_parent(const void *a, const void *b)
{
    const kind_parent *x = a, *y = b;
    int c = rg_event_kind_compare(&x->kind, &y->kind);
    return c ? c : x->parent < y->parent ? -1 : x->parent > y->parent;
}

/* How many of the sorted rows[0..n) share their kinds, in kinds of min_parents parents; kept
 * into `out` (when not NULL). */
static size_t count_kept(const kind_parent *rows, size_t n, size_t min_parents,
                         int16_t (*out)[RG_MAX_CATEGORY_HEADS])
{
    size_t kept = 0;
    for (size_t i = 0; i < n;) {
        size_t end = i + 1, parents = 1;
        for (; end < n && rg_event_kind_compare(&rows[end].kind, &rows[i].kind) == 0; end++)
            parents += rows[end].parent != rows[end - 1].parent;
        if (parents >= min_parents && out)
            memcpy(out[kept], rows[i].kind.level, sizeof out[kept]);
        kept += parents >= min_parents;
        i = end;
    }
    return kept;
}

riskgan_status rg_event_combinations_fit(rg_event_model *m, const riskgan_table *t, const rg_sequences *s,
                                         size_t min_parents)
{
    m->combinations = 0;
    if (m->categories < 2 || t->rows == 0)
        return RISKGAN_OK;
    rg_event_kind *kinds = rg_event_kinds_of_rows(m, t);
    kind_parent *rows = rg_calloc(t->rows + 1, sizeof *rows);
    riskgan_status status = kinds && rows ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    size_t n = 0, kept = 0;
    if (status == RISKGAN_OK) {
        for (size_t p = 0; p < s->parents; p++)
            for (size_t i = s->start[p]; i < s->start[p + 1]; i++)
                rows[n++] = (kind_parent){kinds[s->row[i]], p};
        for (size_t i = 0; i < n; i++) /* a column of many values (a partner bank) counts as present or missing */
            for (size_t c = 0; c < m->categories; c++) {
                const rg_head *head = &m->head[m->first_category + c];
                if (head->levels > RG_KIND_MOST_LEVELS && rows[i].kind.level[c] != (int16_t)head->levels)
                    rows[i].kind.level[c] = RG_ANY_LEVEL;
            }
        qsort(rows, n, sizeof *rows, by_kind_parent);
        kept = count_kept(rows, n, min_parents, NULL);
    }
    if (status == RISKGAN_OK && kept > 0 && kept <= RG_MAX_COMBINATIONS) {
        m->combination = rg_calloc(kept, sizeof *m->combination);
        if (!m->combination)
            status = RISKGAN_ERR_NO_MEMORY;
        else
            m->combinations = count_kept(rows, n, min_parents, m->combination);
    }
    free(kinds), free(rows);
    return status;
}

/* Whether a kept combination's token for head c stands for `level` (RG_ANY_LEVEL: any present one). */
static int stands_for(const rg_event_model *m, int16_t kept, size_t c, int level)
{
    return kept == level || (kept == RG_ANY_LEVEL && level != (int)m->head[m->first_category + c].levels);
}

int rg_event_combination_allows(const rg_event_model *m, const int16_t *level, size_t depth, int token)
{
    if (m->combinations == 0)
        return 1;
    for (size_t k = 0; k < m->combinations; k++) {
        size_t c = 0;
        while (c < depth && stands_for(m, m->combination[k][c], c, level[c]))
            c++;
        if (c == depth && stands_for(m, m->combination[k][depth], depth, token))
            return 1;
    }
    return 0;
}
