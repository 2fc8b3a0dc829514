/* classes.c — grouping rows by their target value. */
#include "classes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"

riskgan_status rg_classes_find(const riskgan_table *table, const char *target, rg_classes *out)
{
    memset(out, 0, sizeof *out);
    riskgan_status status = riskgan_table_check_target(table, target);
    if (status != RISKGAN_OK)
        return status;
    out->column = riskgan_table_find_column(table, target);
    const rg_column *column = &table->column[out->column];
    out->of_row = rg_calloc(table->rows, sizeof *out->of_row);
    if (!out->of_row)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t r = 0; r < table->rows; r++) {
        char text[64];
        const char *name;
        if (rg_column_is_numeric(column)) {
            if (isnan(column->numbers[r])) {
                out->of_row[r] = -1;
                continue;
            }
            rg_format_number(text, sizeof text, column->numbers[r],
                             column->type == RISKGAN_COLUMN_INTEGER ? 0 : column->decimals);
            name = text;
        } else {
            if (column->codes[r] < 0) {
                out->of_row[r] = -1;
                continue;
            }
            name = rg_dictionary_string(&column->categories, column->codes[r]);
        }
        long index = rg_classes_index(out, name);
        if (index < 0) {
            if (out->count == RG_MAX_CLASSES) {
                rg_classes_free(out);
                return rg_fail(RISKGAN_ERR_SCHEMA, "target '%s' has more than %d classes", target, RG_MAX_CLASSES);
            }
            index = (long)out->count;
            if (!(out->name[out->count++] = rg_strdup(name))) {
                rg_classes_free(out);
                return RISKGAN_ERR_NO_MEMORY;
            }
        }
        out->of_row[r] = (int32_t)index;
        out->size[index]++;
    }
    return RISKGAN_OK;
}

void rg_classes_free(rg_classes *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->name[i]);
    free(c->of_row);
    memset(c, 0, sizeof *c);
}

long rg_classes_index(const rg_classes *c, const char *name)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->name[i], name) == 0)
            return (long)i;
    return -1;
}

size_t rg_classes_rarest(const rg_classes *c)
{
    size_t best = 0;
    for (size_t i = 1; i < c->count; i++)
        if (c->size[i] < c->size[best])
            best = i;
    return best;
}

size_t rg_classes_largest_other(const rg_classes *c, size_t excluded)
{
    size_t best = excluded == 0 && c->count > 1 ? 1 : 0;
    for (size_t i = 0; i < c->count; i++)
        if (i != excluded && c->size[i] > c->size[best])
            best = i;
    return best;
}

riskgan_status rg_classes_positive(const rg_classes *classes, const char *target, const char *positive, size_t *index,
                                   int *guessed)
{
    long found = rg_classes_index(classes, positive ? positive : "1");
    if (found < 0 && positive)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "'%s' is not a class of '%s'", positive, target);
    if (guessed)
        *guessed = found < 0;
    *index = found >= 0 ? (size_t)found : rg_classes_rarest(classes);
    return RISKGAN_OK;
}
