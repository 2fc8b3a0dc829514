/* table_view.c — copies of chosen columns of a table, with extra number columns. */
#include "table_view.h"

#include <math.h>
#include <string.h>

#include "../core/error.h"
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

/* The extra columns' schemas, after the kept ones. */
static riskgan_status set_extra_schemas(riskgan_table *t, size_t kept, const rg_extra_column *extra, size_t count)
{
    riskgan_status status = RISKGAN_OK;
    for (size_t i = 0; status == RISKGAN_OK && i < count; i++) {
        riskgan_column_type type = extra[i].labels ? RISKGAN_COLUMN_CATEGORICAL
                                   : extra[i].decimals > 0 ? RISKGAN_COLUMN_CONTINUOUS : RISKGAN_COLUMN_INTEGER;
        status = rg_table_set_column(t, kept + i, extra[i].name, type);
        rg_column *c = &t->column[kept + i];
        c->decimals = extra[i].labels ? -1 : extra[i].decimals;
        for (size_t k = 0; status == RISKGAN_OK && extra[i].labels && k < extra[i].label_count; k++) {
            int32_t code = rg_dictionary_intern(&c->categories, extra[i].labels[k], strlen(extra[i].labels[k]));
            if (code < 0)
                status = RISKGAN_ERR_NO_MEMORY;
            else if (code != (int32_t)k)
                status = rg_fail(RISKGAN_ERR_SCHEMA, "column '%s': the value '%s' twice", extra[i].name,
                                 extra[i].labels[k]);
        }
    }
    return status;
}

riskgan_status rg_table_view(const riskgan_table *source, const int *keep, const rg_extra_column *extra,
                             size_t extra_count, riskgan_table **out)
{
    size_t kept = 0;
    for (size_t j = 0; j < source->columns; j++)
        kept += keep[j] != 0;
    riskgan_table *t;
    riskgan_status status = rg_table_new(kept + extra_count, &t);
    for (size_t j = 0, to = 0; status == RISKGAN_OK && j < source->columns; j++)
        if (keep[j])
            status = rg_table_copy_schema(t, to++, source, j);
    if (status == RISKGAN_OK)
        status = set_extra_schemas(t, kept, extra, extra_count);
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
    for (size_t i = 0; i < extra_count; i++) {
        rg_column *c = &t->column[kept + i];
        for (size_t r = 0; r < source->rows; r++) {
            double v = extra[i].values[r];
            if (extra[i].labels)
                c->codes[r] = isnan(v) ? -1 : (int32_t)v;
            else
                c->numbers[r] = v;
            c->missing += isnan(v) != 0;
        }
    }
    *out = t;
    return RISKGAN_OK;
}
