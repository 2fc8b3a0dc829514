/* sequences.c — grouping a child table's rows by parent, in order. */
#include "sequences.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/table.h"

/* Sort keys: (parent, index value, row). */
typedef struct {
    long parent;
    double index;
    size_t row;
} sort_key;

static int by_parent_index_row(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->parent != y->parent)
        return x->parent < y->parent ? -1 : 1;
    if (x->index != y->index)
        return x->index < y->index ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

riskgan_status rg_sequences_build(const riskgan_table *child, const long *parent_row, size_t parents, long index,
                                  rg_sequences *out)
{
    memset(out, 0, sizeof *out);
    size_t rows = child->rows;
    sort_key *keys = rg_calloc(rows + 1, sizeof *keys);
    out->start = rg_calloc(parents + 1, sizeof *out->start);
    out->row = rg_calloc(rows + 1, sizeof *out->row);
    if (!keys || !out->start || !out->row) {
        free(keys);
        rg_sequences_free(out);
        return RISKGAN_ERR_NO_MEMORY;
    }
    out->parents = parents;
    const double *values = index >= 0 && rg_column_is_numeric(&child->column[index]) ? child->column[index].numbers
                                                                                     : NULL;
    for (size_t r = 0; r < rows; r++) {
        double v = values ? values[r] : 0;
        keys[r] = (sort_key){parent_row[r], isnan(v) ? -INFINITY : v, r};
        out->start[parent_row[r] + 1]++;
    }
    qsort(keys, rows, sizeof *keys, by_parent_index_row);
    for (size_t p = 0; p < parents; p++)
        out->start[p + 1] += out->start[p];
    for (size_t r = 0; r < rows; r++)
        out->row[r] = keys[r].row;
    free(keys);
    return RISKGAN_OK;
}

void rg_sequences_free(rg_sequences *s)
{
    free(s->start);
    free(s->row);
    memset(s, 0, sizeof *s);
}
