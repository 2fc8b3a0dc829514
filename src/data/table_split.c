/* table_split.c — stratified train/test split of a table. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/rng.h"
#include "table.h"

/* Class key of a row for stratification: category code or numeric value bits. */
static uint64_t class_key(const rg_column *column, size_t row)
{
    if (!column)
        return 0;
    if (!rg_column_is_numeric(column))
        return (uint64_t)(int64_t)column->codes[row];
    double v = column->numbers[row];
    uint64_t bits;
    if (isnan(v))
        v = NAN;
    memcpy(&bits, &v, sizeof bits);
    return bits;
}

riskgan_status riskgan_table_split(const riskgan_table *table, const char *target, double test_fraction,
                                   uint64_t seed, riskgan_table **train, riskgan_table **test)
{
    *train = *test = NULL;
    if (!(test_fraction > 0 && test_fraction < 1))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the test fraction must be in (0, 1), got %g", test_fraction);
    const rg_column *column = NULL;
    if (target) {
        long j = riskgan_table_find_column(table, target);
        if (j < 0)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "target column '%s' is not in the table", target);
        column = &table->column[j];
    }
    size_t n = table->rows;
    uint32_t *order = rg_calloc(n, sizeof *order);
    unsigned char *is_test = rg_calloc(n, 1);
    uint64_t *keys = rg_calloc(n, sizeof *keys);
    if (!order || !is_test || !keys) {
        free(order), free(is_test), free(keys);
        return RISKGAN_ERR_NO_MEMORY;
    }
    rg_rng rng;
    rg_rng_seed(&rng, seed);
    for (size_t i = 0; i < n; i++) {
        order[i] = (uint32_t)i;
        keys[i] = class_key(column, i);
    }
    rg_rng_shuffle(&rng, order, (uint32_t)n);
    /* per class, in shuffled order, the first round(fraction * class size) rows go to test */
    enum { MAX_CLASSES = 1000 };
    uint64_t class_of[MAX_CLASSES];
    size_t size[MAX_CLASSES] = {0}, taken[MAX_CLASSES] = {0}, classes = 0;
    for (size_t i = 0; i < n; i++) {
        size_t c = 0;
        while (c < classes && class_of[c] != keys[i])
            c++;
        if (c == classes) {
            if (classes == MAX_CLASSES) {
                free(order), free(is_test), free(keys);
                return rg_fail(RISKGAN_ERR_SCHEMA, "cannot stratify on '%s': more than %d classes", target,
                               MAX_CLASSES);
            }
            class_of[classes++] = keys[i];
        }
        size[c]++;
        keys[i] = c; /* from here on, keys hold class indices */
    }
    for (size_t i = 0; i < n; i++) {
        size_t c = keys[order[i]];
        if (taken[c] < (size_t)llround(test_fraction * (double)size[c])) {
            is_test[order[i]] = 1;
            taken[c]++;
        }
    }
    riskgan_status status = rg_table_new_like(table, n, train);
    if (status == RISKGAN_OK)
        status = rg_table_new_like(table, n, test);
    for (size_t i = 0; i < n && status == RISKGAN_OK; i++)
        status = rg_table_append_row(is_test[i] ? *test : *train, table, i);
    free(order), free(is_test), free(keys);
    if (status != RISKGAN_OK) {
        riskgan_table_free(*train);
        riskgan_table_free(*test);
        *train = *test = NULL;
    }
    return status;
}
