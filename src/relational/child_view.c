/* child_view.c — a child table as ordered sequences with its rule. */
#include "child_view.h"

#include <string.h>

#include "../data/table.h"

riskgan_status rg_child_view_open(const riskgan_dataset *d, size_t child, rg_child_view *v)
{
    memset(v, 0, sizeof *v);
    v->dataset = d, v->child = child;
    v->rule.balance = v->rule.amount = v->rule.sign = -1;
    long relationship = rg_dataset_spec_parent(&d->spec, child);
    if (relationship < 0)
        return RISKGAN_ERR_INVALID_ARGUMENT;
    v->parent = (size_t)rg_dataset_spec_table(&d->spec, d->spec.relationships[relationship].parent);
    const riskgan_table *t = d->tables[child];
    const char *index = d->spec.tables[child].sequence_index;
    v->index = index ? riskgan_table_find_column(t, index) : -1;
    if (v->index >= 0 && !rg_column_is_numeric(&t->column[v->index]))
        v->index = -1;
    v->index_is_date = v->index >= 0 && t->column[v->index].type == RISKGAN_COLUMN_DATETIME;
    v->parent_date = rg_parent_date_column(d, child);
    riskgan_status status = rg_sequences_build(t, d->parent_row[child], d->tables[v->parent]->rows, v->index,
                                               &v->sequences);
    if (status == RISKGAN_OK)
        status = rg_balance_rule_find(d, child, &v->sequences, &v->rule);
    if (status == RISKGAN_OK)
        rg_balance_rule_chain(t, v->index, &v->rule, &v->sequences);
    if (status != RISKGAN_OK)
        rg_child_view_close(v);
    return status;
}

void rg_child_view_close(rg_child_view *v)
{
    rg_sequences_free(&v->sequences);
    rg_balance_rule_free(&v->rule);
    v->rule.balance = -1;
}

double rg_child_view_days(const rg_child_view *v, double from, double to)
{
    return v->index_is_date ? (to - from) / RG_SECONDS_PER_DAY : to - from;
}
