/* table_view.c — copies of chosen columns of a table, with extra whole-number columns. */
#include "table_view.h"

#include <string.h>

#include "../core/memory.h"
#include "../data/table.h"

riskgan_status rg_table_copy_schema(riskgan_table *t, size_t to, const riskgan_table *source, size_t from)
{
    const rg_column *s = &source->column[from];
    rg_column *c = &t->column[to];
    riskgan_status status = rg_table_set_column(t, to, s->name, s->type);
    if (status != RISKGAN_OK)
        return status;
    c->decimals = s->decimals, c->role = s->role, c->role_detected = s->role_detected;
    if (s->type == RISKGAN_COLUMN_DATETIME)
        rg_column_set_datetime(c, &s->datetime);
    for (size_t k = 0; k < s->categories.count; k++) {
        const char *text = rg_dictionary_string(&s->categories, (int32_t)k);
        if (rg_dictionary_intern(&c->categories, text, strlen(text)) < 0)
            return RISKGAN_ERR_NO_MEMORY;
    }
    return RISKGAN_OK;
}

void rg_table_copy_values(riskgan_table *t, size_t to, const riskgan_table *source, size_t from)
{
    const rg_column *s = &source->column[from];
    rg_column *c = &t->column[to];
    if (rg_column_is_numeric(s))
        memcpy(c->numbers, s->numbers, source->rows * sizeof *c->numbers);
    else
        memcpy(c->codes, s->codes, source->rows * sizeof *c->codes);
    c->missing = s->missing;
}

riskgan_status rg_table_view(const riskgan_table *source, const int *keep, size_t extra,
                             const char *const *extra_names, const double *const *extra_values, riskgan_table **out)
{
    size_t kept = 0;
    for (size_t j = 0; j < source->columns; j++)
        kept += keep[j] != 0;
    riskgan_table *t;
    riskgan_status status = rg_table_new(kept + extra, &t);
    for (size_t j = 0, to = 0; status == RISKGAN_OK && j < source->columns; j++)
        if (keep[j])
            status = rg_table_copy_schema(t, to++, source, j);
    for (size_t i = 0; status == RISKGAN_OK && i < extra; i++) {
        status = rg_table_set_column(t, kept + i, extra_names[i], RISKGAN_COLUMN_INTEGER);
        t->column[kept + i].decimals = 0;
    }
    if (status == RISKGAN_OK)
        status = rg_table_reserve(t, source->rows ? source->rows : 1);
    if (status != RISKGAN_OK) {
        riskgan_table_free(t);
        return status;
    }
    t->rows = source->rows;
    t->delimiter = source->delimiter, t->decimal_mark = source->decimal_mark;
    for (size_t j = 0, to = 0; j < source->columns; j++)
        if (keep[j])
            rg_table_copy_values(t, to++, source, j);
    for (size_t i = 0; i < extra; i++)
        for (size_t r = 0; r < source->rows; r++)
            t->column[kept + i].numbers[r] = extra_values && extra_values[i] ? extra_values[i][r] : 0;
    *out = t;
    return RISKGAN_OK;
}
