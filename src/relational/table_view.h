/* table_view.h — a copy of some of a table's columns, with extra whole-number columns after
 * them: the table a model of linked tables learns (a parent without its keys, with the number
 * of children it has) and the table it generates. */
#ifndef RISKGAN_RELATIONAL_TABLE_VIEW_H
#define RISKGAN_RELATIONAL_TABLE_VIEW_H

#include <stddef.h>

#include "riskgan.h"

/* A new table of the columns j of `source` with keep[j] (in order, values and formats as they
 * are), then `extra` integer columns named extra_names[i] holding extra_values[i] (one number
 * a row; NULL: all 0). */
riskgan_status rg_table_view(const riskgan_table *source, const int *keep, size_t extra,
                             const char *const *extra_names, const double *const *extra_values, riskgan_table **out);

/* Column `from` of source as column `to` of t: its name, type and formats; then (t has room
 * for source's rows) its values. */
riskgan_status rg_table_copy_schema(riskgan_table *t, size_t to, const riskgan_table *source, size_t from);
void rg_table_copy_values(riskgan_table *t, size_t to, const riskgan_table *source, size_t from);

#endif
