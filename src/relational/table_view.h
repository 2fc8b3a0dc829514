/* table_view.h — a copy of some of a table's columns, with extra number columns after
 * them: the table a model of linked tables learns (a parent without its keys, with a summary
 * of its children) and the table it generates. */
#ifndef RISKGAN_RELATIONAL_TABLE_VIEW_H
#define RISKGAN_RELATIONAL_TABLE_VIEW_H

#include <stddef.h>

#include "riskgan.h"

/* A column added after a view's own: its name, one number a row (NaN: missing), and its
 * decimals (0: whole numbers); with labels, a category column whose numbers index them. */
typedef struct {
    const char *name;
    const double *values;
    int decimals;
    const char *const *labels;
    size_t label_count;
} rg_extra_column;

/* A new table of the columns j of `source` with keep[j] (in order, values and formats as they
 * are), then the `extra_count` extra columns. */
riskgan_status rg_table_view(const riskgan_table *source, const int *keep, const rg_extra_column *extra,
                             size_t extra_count, riskgan_table **out);

/* Column `from` of source as column `to` of t: its name, type and formats; then (t has room
 * for source's rows) its values. */
riskgan_status rg_table_copy_schema(riskgan_table *t, size_t to, const riskgan_table *source, size_t from);
void rg_table_copy_values(riskgan_table *t, size_t to, const riskgan_table *source, size_t from);

#endif
