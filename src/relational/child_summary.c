/* child_summary.c — the count, mean and share columns that summarize a parent's children. */
#include "child_summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/string_dictionary.h"
#include "../data/table.h"
#include "relational_model.h"
#include "table_view.h"

/* A new column at the end of s (values NaN), or NULL without memory. */
static rg_summary_column *add_column(rg_summaries *s, size_t rows, int decimals)
{
    rg_summary_column *grown = realloc(s->column, (s->count + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    s->column = grown;
    rg_summary_column *c = &s->column[s->count];
    memset(c, 0, sizeof *c);
    c->decimals = decimals;
    if (!(c->values = rg_calloc(rows + 1, sizeof *c->values)))
        return NULL;
    for (size_t r = 0; r < rows; r++)
        c->values[r] = NAN;
    s->count++;
    return c;
}

/* Each parent row's number of rows of the child (a whole number, 0 for none). */
static riskgan_status add_count(rg_summaries *s, const riskgan_dataset *d, size_t parent, size_t child)
{
    size_t rows = riskgan_table_rows(d->tables[parent]);
    rg_summary_column *c = add_column(s, rows, 0);
    if (!c)
        return RISKGAN_ERR_NO_MEMORY;
    rg_count_column_name(d->spec.tables[child].name, c->name, sizeof c->name);
    for (size_t r = 0; r < rows; r++)
        c->values[r] = 0;
    for (size_t r = 0; r < riskgan_table_rows(d->tables[child]); r++)
        c->values[d->parent_row[child][r]] += 1;
    return RISKGAN_OK;
}

/* A childless parent's summary: the mean over the parents that have one, a plain value the
 * synthesizer and the event models read as "an ordinary customer" (measured: a missing value
 * instead tells the event models "no events", one flag per summary, so generated parents got
 * none more often than the counts said; docs/relational.md variant 3). */
static void fill_childless(rg_summary_column *c, size_t rows)
{
    double sum = 0;
    size_t present = 0;
    for (size_t p = 0; p < rows; p++)
        if (!isnan(c->values[p]))
            sum += c->values[p], present++;
    for (size_t p = 0; p < rows; p++)
        if (isnan(c->values[p]))
            c->values[p] = present ? sum / (double)present : 0;
}

/* The mean of numeric child column j over each parent's rows that have a value. */
static riskgan_status add_mean(rg_summaries *s, const riskgan_dataset *d, size_t parent, size_t child, size_t j)
{
    const rg_column *x = &d->tables[child]->column[j];
    size_t rows = riskgan_table_rows(d->tables[parent]);
    int decimals = x->decimals < 0 ? 4 : x->decimals + 2;
    rg_summary_column *c = add_column(s, rows, decimals > 6 ? 6 : decimals);
    double *seen = rg_calloc(rows + 1, sizeof *seen);
    if (!c || !seen) {
        free(seen);
        return RISKGAN_ERR_NO_MEMORY;
    }
    snprintf(c->name, sizeof c->name, "__mean_%s_%s", d->spec.tables[child].name, x->name);
    for (size_t r = 0; r < riskgan_table_rows(d->tables[child]); r++) {
        long p = d->parent_row[child][r];
        if (isnan(x->numbers[r]))
            continue;
        c->values[p] = seen[p] > 0 ? c->values[p] + x->numbers[r] : x->numbers[r];
        seen[p] += 1;
    }
    for (size_t p = 0; p < rows; p++)
        if (seen[p] > 0)
            c->values[p] /= seen[p];
    fill_childless(c, rows);
    free(seen);
    return RISKGAN_OK;
}

/* The codes of categorical column x's most common values (at most `limit`, each in at least
 * RG_SUMMARY_MIN_ROWS rows), most common first; returns how many. */
static size_t top_values(const rg_column *x, size_t rows, size_t limit, int32_t *top)
{
    size_t levels = x->categories.count, found = 0;
    size_t *count = rg_calloc(levels + 1, sizeof *count);
    if (!count)
        return 0;
    for (size_t r = 0; r < rows; r++)
        if (x->codes[r] >= 0)
            count[x->codes[r]]++;
    for (; found < limit; found++) {
        size_t best = levels;
        for (size_t k = 0; k < levels; k++)
            if (count[k] >= RG_SUMMARY_MIN_ROWS && (best == levels || count[k] > count[best]))
                best = k;
        if (best == levels)
            break;
        top[found] = (int32_t)best;
        count[best] = 0;
    }
    free(count);
    return found;
}

/* Per common value of categorical child column j, its share among each parent's rows;
 * `children` is each parent's number of rows. */
static riskgan_status add_shares(rg_summaries *s, const riskgan_dataset *d, size_t parent, size_t child, size_t j,
                                 const double *children)
{
    const rg_column *x = &d->tables[child]->column[j];
    size_t rows = riskgan_table_rows(d->tables[parent]), child_rows = riskgan_table_rows(d->tables[child]);
    int32_t top[RG_SUMMARY_TOP_VALUES];
    size_t values = x->categories.count <= RG_SUMMARY_MAX_LEVELS ? top_values(x, child_rows, RG_SUMMARY_TOP_VALUES, top) : 0;
    for (size_t k = 0; k < values; k++) {
        rg_summary_column *c = add_column(s, rows, 3);
        if (!c)
            return RISKGAN_ERR_NO_MEMORY;
        snprintf(c->name, sizeof c->name, "__share_%s_%s_%zu", d->spec.tables[child].name, x->name, k + 1);
        for (size_t p = 0; p < rows; p++)
            c->values[p] = children[p] > 0 ? 0 : NAN;
        for (size_t r = 0; r < child_rows; r++)
            if (x->codes[r] == top[k])
                c->values[d->parent_row[child][r]] += 1 / children[d->parent_row[child][r]];
        fill_childless(c, rows);
    }
    return RISKGAN_OK;
}

/* "other", or "other_", "other__"...: a name none of the column's (at most
 * RG_SUMMARY_MODE_VALUES) common values has. */
static const char *other_label(const char *const *labels, size_t count)
{
    static const char *const candidates[RG_SUMMARY_MODE_VALUES + 1] = {
        "other", "other_", "other__", "other___", "other____", "other_____", "other______", "other_______",
        "other________"};
    size_t c = 0;
    for (size_t k = 0; k < count; k++)
        if (strcmp(labels[k], candidates[c]) == 0)
            c++, k = (size_t)-1; /* taken: try the next candidate against every label */
    return candidates[c];
}

/* The most common value of categorical child column j among each parent's rows (one of the
 * column's RG_SUMMARY_MODE_VALUES commonest values, or "other"; missing for a childless parent):
 * the summary of a child that is mostly one row per parent, its row's value itself. */
static riskgan_status add_mode(rg_summaries *s, const riskgan_dataset *d, size_t parent, size_t child, size_t j)
{
    const rg_column *x = &d->tables[child]->column[j];
    size_t rows = riskgan_table_rows(d->tables[parent]), child_rows = riskgan_table_rows(d->tables[child]);
    int32_t top[RG_SUMMARY_MODE_VALUES];
    size_t values = top_values(x, child_rows, RG_SUMMARY_MODE_VALUES, top);
    rg_summary_column *c = add_column(s, rows, 0);
    double *tally = rg_calloc(rows * (values + 1) + 1, sizeof *tally);
    if (!c || !tally || !(c->labels = rg_calloc(values + 2, sizeof *c->labels))) {
        free(tally);
        return RISKGAN_ERR_NO_MEMORY;
    }
    snprintf(c->name, sizeof c->name, "__mode_%s_%s", d->spec.tables[child].name, x->name);
    for (size_t k = 0; k < values; k++)
        c->labels[k] = rg_dictionary_string(&x->categories, top[k]);
    c->labels[values] = other_label(c->labels, values), c->label_count = values + 1;
    for (size_t r = 0; r < child_rows; r++) {
        size_t k = 0;
        while (k < values && x->codes[r] != top[k])
            k++;
        tally[(size_t)d->parent_row[child][r] * (values + 1) + k] += 1;
    }
    for (size_t p = 0; p < rows; p++) {
        const double *mine = tally + p * (values + 1);
        size_t best = 0;
        for (size_t k = 1; k <= values; k++)
            best = mine[k] > mine[best] ? k : best;
        c->values[p] = mine[best] > 0 ? (double)best : NAN;
    }
    free(tally);
    return RISKGAN_OK;
}

/* Child table `child`'s count column, then (for a root parent, with `values`) its means and
 * shares. */
static riskgan_status add_child(rg_summaries *s, const riskgan_dataset *d, size_t parent, size_t child, int values)
{
    riskgan_status status = add_count(s, d, parent, child);
    if (status != RISKGAN_OK || !values || rg_dataset_spec_parent(&d->spec, parent) >= 0)
        return status;
    const riskgan_table *t = d->tables[child];
    size_t counted = s->count - 1, columns = riskgan_table_columns(t), parents_with = 0;
    for (size_t p = 0; p < riskgan_table_rows(d->tables[parent]); p++)
        parents_with += s->column[counted].values[p] > 0;
    int attributes = (double)riskgan_table_rows(t) <= 1.5 * (double)parents_with; /* mostly one row each */
    int *keep = rg_calloc(columns + 1, sizeof *keep);
    if (!keep)
        return RISKGAN_ERR_NO_MEMORY;
    rg_modelled_columns(&d->spec, child, t, keep);
    for (size_t j = 0; j < columns && status == RISKGAN_OK; j++) {
        const rg_column *x = &t->column[j];
        if (!keep[j] || x->type == RISKGAN_COLUMN_DATETIME)
            continue;
        if (x->type != RISKGAN_COLUMN_CATEGORICAL)
            status = add_mean(s, d, parent, child, j);
        else
            status = attributes ? add_mode(s, d, parent, child, j)
                                : add_shares(s, d, parent, child, j, s->column[counted].values);
    }
    free(keep);
    return status;
}

riskgan_status rg_summaries_of(const riskgan_dataset *d, size_t parent, int values, rg_summaries *out)
{
    memset(out, 0, sizeof *out);
    const rg_dataset_spec *spec = &d->spec;
    riskgan_status status = RISKGAN_OK;
    for (size_t c = 0; status == RISKGAN_OK && c < spec->table_count; c++) {
        long r = rg_dataset_spec_parent(spec, c);
        if (r >= 0 && strcmp(spec->relationships[r].parent, spec->tables[parent].name) == 0)
            status = add_child(out, d, parent, c, values);
    }
    if (status != RISKGAN_OK)
        rg_summaries_free(out);
    return status;
}

void rg_summaries_free(rg_summaries *s)
{
    for (size_t k = 0; k < s->count; k++)
        free(s->column[k].values), free(s->column[k].labels);
    free(s->column);
    memset(s, 0, sizeof *s);
}

int rg_summary_of_child(const char *column, const char *child)
{
    static const char *const prefixes[] = {"__count_", "__mean_", "__share_", "__mode_"};
    size_t length = strlen(child);
    for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
        size_t p = strlen(prefixes[k]);
        if (strncmp(column, prefixes[k], p) == 0 && strncmp(column + p, child, length) == 0 &&
            column[p + length] == (k == 0 ? '\0' : '_'))
            return 1;
    }
    return 0;
}

/* Table i with its summary columns. */
static riskgan_status summarized_table(const riskgan_dataset *d, size_t i, int values, riskgan_table **out)
{
    rg_summaries s;
    size_t columns = riskgan_table_columns(d->tables[i]);
    int *keep = rg_calloc(columns + 1, sizeof *keep);
    riskgan_status status = keep ? rg_summaries_of(d, i, values, &s) : RISKGAN_ERR_NO_MEMORY;
    if (status != RISKGAN_OK) {
        free(keep);
        return status;
    }
    rg_extra_column *extra = rg_calloc(s.count + 1, sizeof *extra);
    for (size_t k = 0; extra && k < s.count; k++)
        extra[k] = (rg_extra_column){s.column[k].name, s.column[k].values, s.column[k].decimals, s.column[k].labels,
                                     s.column[k].label_count};
    for (size_t j = 0; j < columns; j++)
        keep[j] = 1;
    status = extra ? rg_table_view(d->tables[i], keep, extra, s.count, out) : RISKGAN_ERR_NO_MEMORY;
    free(extra), free(keep);
    rg_summaries_free(&s);
    return status;
}

riskgan_status rg_summarized_tables(const riskgan_dataset *d, int values, riskgan_table ***out)
{
    riskgan_table **tables = rg_calloc(d->spec.table_count + 1, sizeof *tables);
    riskgan_status status = tables ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; status == RISKGAN_OK && i < d->spec.table_count; i++)
        status = summarized_table(d, i, values, &tables[i]);
    if (status != RISKGAN_OK && tables) {
        for (size_t i = 0; i < d->spec.table_count; i++)
            riskgan_table_free(tables[i]);
        free(tables);
        tables = NULL;
    }
    *out = tables;
    return status;
}
