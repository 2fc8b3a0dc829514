/* event_context.c — the events of a child table with their context in the sequence. */
#include "event_context.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../data/table.h"
#include "child_view.h"
#include "column_list.h"
#include "relational_model.h"

/* Column j's value at row `row` of the table (events are listed in sequence order: event k
 * is row s->row[k]); `shift` 1 takes the previous event of the same sequence (none: missing). */
static void add_column(rg_column_list *list, const rg_child_view *v, size_t j, const char *label, int shift,
                       const int *first)
{
    const riskgan_table *t = v->dataset->tables[v->child];
    const rg_column *c = &t->column[j];
    const size_t *row = v->sequences.row;
    size_t n = t->rows;
    if (rg_column_is_numeric(c)) {
        double *x = rg_column_list_numbers(list, label);
        for (size_t k = 0; x && k < n; k++)
            if (!shift || !first[k])
                x[k] = c->numbers[row[k - (size_t)shift]];
        return;
    }
    const char **x = rg_column_list_texts(list, label);
    for (size_t k = 0; x && k < n; k++) {
        int32_t code = shift && first[k] ? -1 : c->codes[row[k - (size_t)shift]];
        x[k] = code < 0 ? NULL : rg_dictionary_string(&c->categories, code);
    }
}

/* The index as times: gap since the previous event, days after the parent's date, day of the
 * month and days to its end (dates). */
static void add_times(rg_column_list *list, const rg_child_view *v, const int *first, const size_t *parent_of)
{
    const riskgan_table *t = v->dataset->tables[v->child], *p = v->dataset->tables[v->parent];
    const double *x = t->column[v->index].numbers;
    const size_t *row = v->sequences.row;
    double *gap = rg_column_list_numbers(list, "gap");
    double *after = v->parent_date >= 0 ? rg_column_list_numbers(list, "after_parent") : NULL;
    double *day = v->index_is_date ? rg_column_list_numbers(list, "day_of_month") : NULL;
    double *to_end = v->index_is_date ? rg_column_list_numbers(list, "days_to_month_end") : NULL;
    for (size_t k = 0; gap && k < t->rows; k++) {
        gap[k] = first[k] ? NAN : rg_child_view_days(v, x[row[k - 1]], x[row[k]]);
        if (after)
            after[k] = rg_child_view_days(v, p->column[v->parent_date].numbers[parent_of[k]], x[row[k]]);
        if (day && to_end && !isnan(x[row[k]])) {
            long long year;
            int month, d, days;
            rg_datetime_calendar(x[row[k]], &year, &month, &d, &days);
            day[k] = d, to_end[k] = days - d;
        }
    }
}

/* Place in the sequence, and the balance's change the amount does not explain. */
static void add_context(rg_column_list *list, const rg_child_view *v, const int *first, const size_t *position)
{
    const riskgan_table *t = v->dataset->tables[v->child];
    double *place = rg_column_list_numbers(list, "position");
    for (size_t k = 0; place && k < t->rows; k++)
        place[k] = (double)position[k];
    if (v->rule.balance < 0)
        return;
    const rg_column *balance = &t->column[v->rule.balance], *amount = &t->column[v->rule.amount];
    const rg_column *sign = &t->column[v->rule.sign];
    double *residual = rg_column_list_numbers(list, "balance_unexplained");
    for (size_t k = 0; residual && k < t->rows; k++) {
        size_t r = v->sequences.row[k];
        const char *text = sign->codes[r] < 0 ? NULL : rg_dictionary_string(&sign->categories, sign->codes[r]);
        double before = first[k] ? 0 : balance->numbers[v->sequences.row[k - 1]];
        double change = (text && rg_balance_rule_credits(&v->rule, text) ? 1 : -1) * amount->numbers[r];
        residual[k] = balance->numbers[r] - before - change;
    }
}

static riskgan_status build(rg_column_list *list, const rg_child_view *v, size_t *own)
{
    const riskgan_table *t = v->dataset->tables[v->child];
    const rg_sequences *s = &v->sequences;
    int *first = calloc(t->rows + 1, sizeof *first), keep[t->columns + 1];
    size_t *position = calloc(t->rows + 1, sizeof *position), *parent_of = calloc(t->rows + 1, sizeof *parent_of);
    if (!first || !position || !parent_of) {
        free(first), free(position), free(parent_of);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t q = 0; q < s->parents; q++)
        for (size_t k = s->start[q]; k < s->start[q + 1]; k++)
            first[k] = k == s->start[q], position[k] = k - s->start[q], parent_of[k] = q;
    rg_modelled_columns(&v->dataset->spec, v->child, t, keep);
    for (size_t j = 0; j < t->columns; j++)
        if (keep[j] && (long)j != v->index)
            add_column(list, v, j, t->column[j].name, 0, first);
    if (v->index >= 0)
        add_times(list, v, first, parent_of);
    *own = list->count;
    add_context(list, v, first, position);
    for (size_t j = 0; j < t->columns; j++) {
        char label[200];
        snprintf(label, sizeof label, "previous.%s", t->column[j].name);
        if (keep[j] && (long)j != v->index)
            add_column(list, v, j, label, 1, first);
    }
    free(first), free(position), free(parent_of);
    return RISKGAN_OK;
}

riskgan_status rg_event_context_build(const riskgan_dataset *d, size_t child, riskgan_table **out, size_t *own)
{
    rg_child_view v;
    riskgan_status status = rg_child_view_open(d, child, &v);
    if (status != RISKGAN_OK)
        return status;
    rg_column_list list;
    rg_column_list_init(&list, d->tables[child]->rows);
    status = build(&list, &v, own);
    if (status == RISKGAN_OK)
        status = rg_column_list_table(&list, out);
    rg_column_list_free(&list);
    rg_child_view_close(&v);
    return status;
}
