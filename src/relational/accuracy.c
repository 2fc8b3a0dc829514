/* accuracy.c — 1 - total variation distance of binned columns and pairs of columns. */
#include "accuracy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/compare.h"
#include "../core/memory.h"
#include "../data/table.h"

enum { QUANTILE_BINS = 10, FEW_VALUES = 20 };

typedef struct {
    size_t bins;
    int32_t *code[2]; /* real, generated */
} binned;

/* Bin edges of a number column: its values when few, else ten quantiles of the real rows. */
static size_t number_edges(const rg_column *c, size_t rows, double *edges, int *few)
{
    size_t present, distinct;
    double *sorted = rg_column_sorted_values(c, rows, &present, &distinct);
    size_t n = 0;
    *few = sorted && distinct <= FEW_VALUES;
    if (*few) {
        for (size_t i = 0; i < present; i++)
            if (n == 0 || sorted[i] != edges[n - 1])
                edges[n++] = sorted[i];
    } else if (sorted) {
        for (size_t b = 1; b < QUANTILE_BINS; b++) {
            double edge = sorted[(size_t)((double)b / QUANTILE_BINS * (double)(present - 1))];
            if (n == 0 || edge > edges[n - 1])
                edges[n++] = edge;
        }
    }
    free(sorted);
    return n;
}

/* The bin of a number: the count of edges at or below it (few values: its place), or past
 * the last bin when missing. */
static int32_t number_bin(const double *edges, size_t n, double x, int few)
{
    if (isnan(x))
        return (int32_t)n + 1;
    size_t below = 0;
    while (below < n && edges[below] <= x)
        below++;
    if (few)
        return below > 0 && edges[below - 1] == x ? (int32_t)(below - 1) : (int32_t)n;
    return (int32_t)below;
}

static riskgan_status bin_column(const riskgan_table *t[2], size_t j, binned *b)
{
    const rg_column *c[2] = {&t[0]->column[j], NULL};
    long other = riskgan_table_find_column(t[1], c[0]->name);
    if (other < 0 || rg_column_is_numeric(&t[1]->column[other]) != rg_column_is_numeric(c[0]))
        return RISKGAN_ERR_SCHEMA;
    c[1] = &t[1]->column[other];
    double edges[FEW_VALUES + QUANTILE_BINS];
    int few = 0;
    size_t n = rg_column_is_numeric(c[0]) ? number_edges(c[0], t[0]->rows, edges, &few) : 0;
    b->bins = rg_column_is_numeric(c[0]) ? n + 2 : c[0]->categories.count + 2;
    for (int s = 0; s < 2; s++) {
        if (!(b->code[s] = rg_calloc(t[s]->rows + 1, sizeof *b->code[s])))
            return RISKGAN_ERR_NO_MEMORY;
        for (size_t r = 0; r < t[s]->rows; r++) {
            if (rg_column_is_numeric(c[s])) {
                b->code[s][r] = number_bin(edges, n, c[s]->numbers[r], few);
                continue;
            }
            int32_t code = c[s]->codes[r];
            const char *text = code < 0 ? NULL : rg_dictionary_string(&c[s]->categories, code);
            int32_t level = text ? rg_dictionary_find(&c[0]->categories, text, strlen(text)) : -1;
            b->code[s][r] = !text ? (int32_t)b->bins - 1 : level < 0 ? (int32_t)b->bins - 2 : level;
        }
    }
    return RISKGAN_OK;
}

/* 1 - TVD of the joint bins of columns a and b (b NULL: of a alone). */
static double agreement(const binned *a, const binned *b, const size_t rows[2])
{
    size_t cells = a->bins * (b ? b->bins : 1);
    double *p = rg_calloc(2 * cells, sizeof *p);
    if (!p)
        return NAN;
    for (int s = 0; s < 2; s++)
        for (size_t r = 0; r < rows[s]; r++)
            p[s * cells + (size_t)a->code[s][r] * (b ? b->bins : 1) + (b ? (size_t)b->code[s][r] : 0)] +=
                1.0 / (double)rows[s];
    double distance = 0;
    for (size_t k = 0; k < cells; k++)
        distance += fabs(p[k] - p[cells + k]);
    free(p);
    return 1 - distance / 2;
}

riskgan_status rg_accuracy_measure(const riskgan_table *real, const riskgan_table *generated, size_t columns,
                                   rg_accuracy *out)
{
    *out = (rg_accuracy){NAN, NAN, NAN};
    const riskgan_table *t[2] = {real, generated};
    size_t rows[2] = {real->rows, generated->rows};
    if (!rows[0] || !rows[1] || !columns)
        return RISKGAN_OK;
    binned *b = rg_calloc(columns, sizeof *b);
    riskgan_status status = b ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < columns && status == RISKGAN_OK; j++)
        status = bin_column(t, j, &b[j]);
    double one = 0, two = 0;
    size_t pairs = 0;
    for (size_t j = 0; j < columns && status == RISKGAN_OK; j++) {
        one += agreement(&b[j], NULL, rows);
        for (size_t k = j + 1; k < columns; k++, pairs++)
            two += agreement(&b[j], &b[k], rows);
    }
    for (size_t j = 0; b && j < columns; j++)
        free(b[j].code[0]), free(b[j].code[1]);
    free(b);
    if (status == RISKGAN_OK) {
        out->univariate = one / (double)columns;
        out->bivariate = pairs ? two / (double)pairs : out->univariate;
        out->accuracy = (out->univariate + out->bivariate) / 2;
    }
    return status;
}
