/* table_time_cut.c — an out-of-time cut: the rows before a value of one column (a date, a
 * number or text in order) and the rows from it on, for validation on later data. */
#include <math.h>
#include <string.h>

#include "../core/error.h"
#include "datetime.h"
#include "number_text.h"
#include "string_dictionary.h"
#include "table.h"

/* The cut value `from` read as column c holds its values: a date in the column's format or
 * as yyyy-mm-dd, a number; 0 when it is not one. */
static int read_cut(const rg_column *c, const char *from, double *value)
{
    int decimals;
    if (c->type != RISKGAN_COLUMN_DATETIME)
        return rg_parse_number(from, strlen(from), value, &decimals);
    rg_datetime_format iso;
    return rg_datetime_parse(from, strlen(from), &c->datetime, value) ||
           (rg_datetime_format_from_name("yyyy-mm-dd", &iso) && rg_datetime_parse(from, strlen(from), &iso, value));
}

/* Is row r at or after the cut (missing values stay before it)? */
static int on_or_after(const rg_column *c, size_t r, double cut, const char *from)
{
    if (c->type == RISKGAN_COLUMN_CATEGORICAL)
        return c->codes[r] >= 0 && strcmp(rg_dictionary_string(&c->categories, c->codes[r]), from) >= 0;
    return !isnan(c->numbers[r]) && c->numbers[r] >= cut;
}

riskgan_status riskgan_table_cut(const riskgan_table *t, const char *column, const char *from, riskgan_table **before,
                                 riskgan_table **after)
{
    *before = *after = NULL;
    long j = riskgan_table_find_column(t, column);
    if (j < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the out-of-time column '%s' is not in the table", column);
    const rg_column *c = &t->column[j];
    double cut = 0;
    if (c->type != RISKGAN_COLUMN_CATEGORICAL && !read_cut(c, from, &cut))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "'%s' is not a %s like column '%s' holds", from,
                       c->type == RISKGAN_COLUMN_DATETIME ? "date" : "number", column);
    riskgan_status status = rg_table_new_like(t, t->rows, before);
    if (status == RISKGAN_OK)
        status = rg_table_new_like(t, t->rows, after);
    size_t later = 0;
    for (size_t r = 0; status == RISKGAN_OK && r < t->rows; r++) {
        int late = on_or_after(c, r, cut, from);
        later += (size_t)late;
        status = rg_table_append_row(late ? *after : *before, t, r);
    }
    if (status == RISKGAN_OK && (later == 0 || later == t->rows))
        status = rg_fail(RISKGAN_ERR_SCHEMA, "cutting column '%s' at %s leaves %s", column, from,
                         later ? "no row before it" : "no row at or after it");
    if (status != RISKGAN_OK) {
        riskgan_table_free(*before), riskgan_table_free(*after);
        *before = *after = NULL;
    }
    return status;
}
