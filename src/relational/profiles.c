/* profiles.c — per-parent profiles: the parent's columns and its children's aggregates. */
#include "profiles.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../data/table.h"
#include "child_view.h"
#include "column_list.h"
#include "relational_model.h"

/* The parent's own columns but its keys. */
static void add_parent_columns(rg_column_list *list, const riskgan_dataset *d, size_t parent)
{
    const riskgan_table *t = d->tables[parent];
    int keep[t->columns + 1];
    rg_modelled_columns(&d->spec, parent, t, keep);
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column *c = &t->column[j];
        if (!keep[j])
            continue;
        if (rg_column_is_numeric(c)) {
            double *x = rg_column_list_numbers(list, c->name);
            for (size_t r = 0; x && r < t->rows; r++)
                x[r] = c->numbers[r];
        } else {
            const char **x = rg_column_list_texts(list, c->name);
            for (size_t r = 0; x && r < t->rows; r++)
                x[r] = c->codes[r] < 0 ? NULL : rg_dictionary_string(&c->categories, c->codes[r]);
        }
    }
}

/* Count, span, mean gap and delay after the parent's date of each parent's sequence. */
static void add_timing(rg_column_list *list, const rg_child_view *v, const char *name)
{
    const rg_sequences *s = &v->sequences;
    const riskgan_table *t = v->dataset->tables[v->child], *p = v->dataset->tables[v->parent];
    char label[160];
    snprintf(label, sizeof label, "%s.count", name);
    double *count = rg_column_list_numbers(list, label);
    for (size_t q = 0; count && q < s->parents; q++)
        count[q] = (double)rg_sequence_length(s, q);
    if (v->index < 0)
        return;
    const char *what[3] = {"span", "mean_gap", "first_delay"};
    double *x[3];
    for (int k = 0; k < 3; k++) {
        snprintf(label, sizeof label, "%s.%s", name, what[k]);
        x[k] = rg_column_list_numbers(list, label);
    }
    for (size_t q = 0; x[0] && x[1] && x[2] && q < s->parents; q++) {
        size_t n = rg_sequence_length(s, q);
        if (n == 0)
            continue;
        double first = t->column[v->index].numbers[s->row[s->start[q]]];
        double last = t->column[v->index].numbers[s->row[s->start[q + 1] - 1]];
        x[0][q] = rg_child_view_days(v, first, last);
        x[1][q] = n > 1 ? x[0][q] / (double)(n - 1) : NAN;
        if (v->parent_date >= 0)
            x[2][q] = rg_child_view_days(v, p->column[v->parent_date].numbers[q], first);
    }
}

/* Each parent's share of rows holding each of the real data's most common values of column j. */
static void add_shares(rg_column_list *list, const rg_child_view *v, const riskgan_table *real_child, size_t j,
                       const char *name)
{
    const riskgan_table *t = v->dataset->tables[v->child];
    const rg_column *c = &t->column[j];
    long real_column = riskgan_table_find_column(real_child, c->name);
    const char *levels[RG_PROFILE_LEVELS];
    size_t counts[RG_PROFILE_LEVELS];
    size_t n = real_column < 0 ? 0 : riskgan_table_top_categories(real_child, (size_t)real_column, RG_PROFILE_LEVELS,
                                                                   levels, counts);
    for (size_t l = 0; l < n; l++) {
        char label[256];
        snprintf(label, sizeof label, "%s.%s=%s", name, c->name, levels[l]);
        double *x = rg_column_list_numbers(list, label);
        int32_t code = rg_dictionary_find(&c->categories, levels[l], strlen(levels[l]));
        for (size_t q = 0; x && q < v->sequences.parents; q++) {
            size_t length = rg_sequence_length(&v->sequences, q), hits = 0;
            for (size_t i = v->sequences.start[q]; i < v->sequences.start[q + 1]; i++)
                hits += code >= 0 && c->codes[v->sequences.row[i]] == code;
            x[q] = length ? (double)hits / (double)length : NAN;
        }
    }
}

/* Mean, spread, least and largest of number column j over each parent's rows, and for the
 * running balance its last value. */
static void add_statistics(rg_column_list *list, const rg_child_view *v, size_t j, const char *name)
{
    const rg_column *c = &v->dataset->tables[v->child]->column[j];
    const char *what[5] = {"mean", "sd", "min", "max", "last"};
    int with_last = (long)j == v->rule.balance;
    double *x[5] = {NULL};
    for (int k = 0; k < 4 + with_last; k++) {
        char label[256];
        snprintf(label, sizeof label, "%s.%s.%s", name, c->name, what[k]);
        if (!(x[k] = rg_column_list_numbers(list, label)))
            return;
    }
    for (size_t q = 0; q < v->sequences.parents; q++) {
        double sum = 0, squares = 0, low = INFINITY, high = -INFINITY, last = NAN;
        size_t n = 0;
        for (size_t i = v->sequences.start[q]; i < v->sequences.start[q + 1]; i++) {
            double value = c->numbers[v->sequences.row[i]];
            if (isnan(value))
                continue;
            sum += value, squares += value * value, n++, last = value;
            low = value < low ? value : low, high = value > high ? value : high;
        }
        if (n == 0)
            continue;
        double mean = sum / (double)n;
        x[0][q] = mean, x[2][q] = low, x[3][q] = high;
        x[1][q] = n > 1 ? sqrt(fmax(squares / (double)n - mean * mean, 0)) : 0;
        if (with_last)
            x[4][q] = last;
    }
}

static riskgan_status add_child(rg_column_list *list, const riskgan_dataset *real, const riskgan_dataset *d, size_t child)
{
    rg_child_view v;
    riskgan_status status = rg_child_view_open(d, child, &v);
    if (status != RISKGAN_OK)
        return status;
    const char *name = d->spec.tables[child].name;
    const riskgan_table *t = d->tables[child];
    int keep[t->columns + 1];
    rg_modelled_columns(&d->spec, child, t, keep);
    add_timing(list, &v, name);
    long real_child = riskgan_dataset_find_table(real, name);
    for (size_t j = 0; j < t->columns; j++) {
        if (!keep[j] || (long)j == v.index)
            continue;
        if (rg_column_is_numeric(&t->column[j]))
            add_statistics(list, &v, j, name);
        else if (real_child >= 0)
            add_shares(list, &v, real->tables[real_child], j, name);
    }
    rg_child_view_close(&v);
    return RISKGAN_OK;
}

riskgan_status rg_profiles_build(const riskgan_dataset *real, const riskgan_dataset *d, size_t parent,
                                 riskgan_table **out)
{
    rg_column_list list;
    rg_column_list_init(&list, d->tables[parent]->rows);
    add_parent_columns(&list, d, parent);
    riskgan_status status = RISKGAN_OK;
    for (size_t c = 0; c < d->spec.table_count && status == RISKGAN_OK; c++) {
        long r = rg_dataset_spec_parent(&d->spec, c);
        if (r >= 0 && strcmp(d->spec.relationships[r].parent, d->spec.tables[parent].name) == 0)
            status = add_child(&list, real, d, c);
    }
    if (status == RISKGAN_OK)
        status = rg_column_list_table(&list, out);
    rg_column_list_free(&list);
    return status;
}
