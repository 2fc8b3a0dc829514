/* event_ratios.c — finding the kinds of events whose amount is a share of the balance. */
#include "event_ratios.h"

#include <math.h>
#include <stdlib.h>

#include "../core/compare.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "event_kinds.h"

enum { FEWEST_EVENTS = 100 };

typedef struct {
    rg_event_kind kind;
    size_t row;
} kind_row;

static int by_kind_row(const void *a, const void *b)
{
    const kind_row *x = a, *y = b;
    int c = rg_event_kind_compare(&x->kind, &y->kind);
    return c ? c : x->row < y->row ? -1 : x->row > y->row;
}

/* The interquartile range of the logs of rows[0..n)'s amounts (`of_share`: their shares), over
 * the rows with a share; `scratch` holds n numbers. */
static double log_spread(const kind_row *rows, size_t n, const double *amount, const double *share, int of_share,
                         double *scratch)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t r = rows[i].row;
        if (!isnan(share[r]))
            scratch[count++] = log(of_share ? share[r] : amount[r]);
    }
    if (count == 0)
        return 0;
    qsort(scratch, count, sizeof *scratch, rg_compare_doubles);
    return scratch[count * 3 / 4] - scratch[count / 4];
}

/* Each row's share of the balance before it (NaN: a first event, or not both positive). */
static void shares_of_rows(const riskgan_table *t, const rg_sequences *s, long balance, long amount, double *share)
{
    for (size_t r = 0; r < t->rows; r++)
        share[r] = NAN;
    for (size_t p = 0; p < s->parents; p++)
        for (size_t i = s->start[p] + 1; i < s->start[p + 1]; i++) {
            double before = t->column[balance].numbers[s->row[i - 1]], a = t->column[amount].numbers[s->row[i]];
            if (before > 0 && a > 0)
                share[s->row[i]] = a / before;
        }
}

/* Marks the rows of proportional kinds and gathers their shares; returns how many. */
static size_t mark_proportional(kind_row *rows, size_t n, const double *amount, const double *share,
                                unsigned char *marked, double *gathered)
{
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t end = i + 1, with_share = !isnan(share[rows[i].row]);
        while (end < n && rg_event_kind_compare(&rows[end].kind, &rows[i].kind) == 0)
            with_share += !isnan(share[rows[end++].row]);
        int proportional = with_share >= FEWEST_EVENTS &&
                           log_spread(rows + i, end - i, amount, share, 1, gathered + count) <
                               0.5 * log_spread(rows + i, end - i, amount, share, 0, gathered + count);
        for (size_t k = i; proportional && k < end; k++)
            if (!isnan(share[rows[k].row]))
                marked[rows[k].row] = 1, gathered[count++] = share[rows[k].row];
        i = end;
    }
    return count;
}

static long amount_column(const rg_event_model *m)
{
    for (size_t j = 0; j < m->column_count; j++)
        if (m->columns[j].role == RG_EVENT_HEAD && m->columns[j].head == m->amount_head)
            return (long)j;
    return -1;
}

riskgan_status rg_event_ratios_fit(rg_event_model *m, const riskgan_table *t, const rg_sequences *s, long balance,
                                   unsigned char **proportional)
{
    *proportional = NULL;
    long amount = amount_column(m);
    if (!m->has_balance || balance < 0 || amount < 0 || t->rows == 0)
        return RISKGAN_OK;
    size_t n = t->rows;
    rg_event_kind *kinds = rg_event_kinds_of_rows(m, t);
    kind_row *rows = rg_calloc(n + 1, sizeof *rows);
    double *share = rg_calloc(n + 1, sizeof *share), *gathered = rg_calloc(n + 1, sizeof *gathered);
    unsigned char *marked = rg_calloc(n + 1, 1);
    riskgan_status status = kinds && rows && share && gathered && marked ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    size_t count = 0;
    if (status == RISKGAN_OK) {
        for (size_t r = 0; r < n; r++)
            rows[r] = (kind_row){kinds[r], r};
        qsort(rows, n, sizeof *rows, by_kind_row);
        shares_of_rows(t, s, balance, amount, share);
        count = mark_proportional(rows, n, t->column[amount].numbers, share, marked, gathered);
    }
    if (status == RISKGAN_OK && count > 0)
        status = rg_head_learn_ratios(&m->head[m->amount_head], gathered, count);
    if (status == RISKGAN_OK && count > 0)
        *proportional = marked, marked = NULL;
    free(kinds), free(rows), free(share), free(gathered), free(marked);
    return status;
}
