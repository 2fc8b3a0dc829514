/* relational_model.c — what the fit and the generation of linked tables share: the count
 * columns a parent carries, the columns a model learns, and releasing a model. */
#include "relational_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/table.h"
#include "table_view.h"

void rg_count_column_name(const char *child, char *out, size_t size)
{
    snprintf(out, size, "__count_%s", child);
}

/* Is column `name` of spec table `table` a key or an identifier? */
static int is_key(const rg_dataset_spec *spec, size_t table, const char *name)
{
    const rg_table_spec *t = &spec->tables[table];
    if ((t->primary_key && strcmp(t->primary_key, name) == 0) || (t->sequence_key && strcmp(t->sequence_key, name) == 0))
        return 1;
    for (size_t r = 0; r < spec->relationship_count; r++) {
        const rg_relationship *rel = &spec->relationships[r];
        if ((strcmp(rel->child, t->name) == 0 && strcmp(rel->child_key, name) == 0) ||
            (strcmp(rel->parent, t->name) == 0 && strcmp(rel->parent_key, name) == 0))
            return 1;
    }
    long k = rg_table_spec_column(t, name);
    return k >= 0 && t->columns[k].sdtype == RG_SDTYPE_ID;
}

void rg_modelled_columns(const rg_dataset_spec *spec, size_t table, const riskgan_table *t, int *keep)
{
    for (size_t j = 0; j < riskgan_table_columns(t); j++)
        keep[j] = !is_key(spec, table, t->column[j].name);
}

riskgan_status rg_modelled_view(const rg_dataset_spec *spec, size_t table, const riskgan_table *t, riskgan_table **out)
{
    int *keep = rg_calloc(riskgan_table_columns(t) + 1, sizeof *keep);
    if (!keep)
        return RISKGAN_ERR_NO_MEMORY;
    rg_modelled_columns(spec, table, t, keep);
    riskgan_status status = rg_table_view(t, keep, 0, NULL, NULL, out);
    free(keep);
    return status;
}

/* Each row of parent table `parent`'s number of rows in child table `child`. */
static double *count_children(const riskgan_dataset *d, size_t parent, size_t child)
{
    size_t rows = riskgan_table_rows(d->tables[parent]);
    double *count = rg_calloc(rows + 1, sizeof *count);
    if (!count)
        return NULL;
    for (size_t r = 0; r < riskgan_table_rows(d->tables[child]); r++)
        count[d->parent_row[child][r]] += 1;
    return count;
}

/* Table i with its children's counts (names and values filled for each child). */
static riskgan_status counted_table(const riskgan_dataset *d, size_t i, riskgan_table **out)
{
    const rg_dataset_spec *spec = &d->spec;
    size_t n = 0, columns = riskgan_table_columns(d->tables[i]);
    char (*names)[96] = rg_calloc(spec->table_count + 1, sizeof *names);
    const char **name = rg_calloc(spec->table_count + 1, sizeof *name);
    double **values = rg_calloc(spec->table_count + 1, sizeof *values);
    int *keep = rg_calloc(columns + 1, sizeof *keep);
    riskgan_status status = names && name && values && keep ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t c = 0; status == RISKGAN_OK && c < spec->table_count; c++) {
        long r = rg_dataset_spec_parent(spec, c);
        if (r < 0 || strcmp(spec->relationships[r].parent, spec->tables[i].name) != 0)
            continue;
        rg_count_column_name(spec->tables[c].name, names[n], sizeof names[n]);
        name[n] = names[n];
        if (!(values[n++] = count_children(d, i, c)))
            status = RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t j = 0; j < columns; j++)
        keep[j] = 1;
    if (status == RISKGAN_OK)
        status = rg_table_view(d->tables[i], keep, n, name, (const double *const *)values, out);
    for (size_t k = 0; values && k < n; k++)
        free(values[k]);
    free(names), free(name), free(values), free(keep);
    return status;
}

riskgan_status rg_counted_tables(const riskgan_dataset *d, riskgan_table ***out)
{
    riskgan_table **tables = rg_calloc(d->spec.table_count + 1, sizeof *tables);
    riskgan_status status = tables ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; status == RISKGAN_OK && i < d->spec.table_count; i++)
        status = counted_table(d, i, &tables[i]);
    if (status != RISKGAN_OK && tables) {
        for (size_t i = 0; i < d->spec.table_count; i++)
            riskgan_table_free(tables[i]);
        free(tables);
        tables = NULL;
    }
    *out = tables;
    return status;
}

void rg_relational_model_release(riskgan_relational_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; m->tables && i < m->spec.table_count; i++) {
        rg_table_model *t = &m->tables[i];
        riskgan_model_free(t->root);
        for (size_t j = 0; j < t->column_count; j++)
            free(t->columns[j].name);
        free(t->columns);
        rg_event_model_free(&t->events);
    }
    free(m->tables);
    rg_dataset_spec_free(&m->spec);
    free(m);
}
