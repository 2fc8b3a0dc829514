/* relational_model.c — what the fit and the generation of linked tables share: the count
 * columns' names, the columns a model learns, and releasing a model. */
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
    riskgan_status status = rg_table_view(t, keep, NULL, 0, out);
    free(keep);
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
