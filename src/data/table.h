/* table.h — the in-memory table behind riskgan_table: one typed array per column. */
#ifndef RISKGAN_DATA_TABLE_H
#define RISKGAN_DATA_TABLE_H

#include <stdint.h>
#include <stdio.h>

#include "../core/rng.h"
#include "datetime.h"
#include "riskgan.h"
#include "string_dictionary.h"

typedef struct {
    char *name;
    riskgan_column_type type;
    double *numbers;           /* numeric columns; NaN = missing (exact as read) */
    int32_t *codes;            /* categorical columns; -1 = missing */
    rg_dictionary categories;  /* categorical columns */
    int decimals;              /* formatting of numeric columns (-1: shortest form) */
    size_t missing;
    riskgan_column_role role;
    rg_datetime_format datetime; /* date columns: how values are written */
    char datetime_name[32];    /* its name ("dd/mm/yyyy"), for summaries */
    int role_detected;         /* role or date format recognized from the values */
} rg_column;

struct riskgan_table {
    size_t rows, columns, capacity, dropped_rows;
    rg_column *column;
    char delimiter, decimal_mark; /* the CSV dialect read and written */
};

/* An empty table with the given column names and types, room for `capacity` rows. */
riskgan_status rg_table_new(size_t columns, riskgan_table **out);
riskgan_status rg_table_set_column(riskgan_table *table, size_t column, const char *name,
                                   riskgan_column_type type);
/* Makes room for at least `rows` rows (new cells are missing). */
riskgan_status rg_table_reserve(riskgan_table *table, size_t rows);
/* Turns categorical column `index` into a date column in `format`; fails (naming the
 * first value that is not such a date) and leaves the column as it was. */
riskgan_status rg_table_convert_to_datetime(riskgan_table *table, size_t index, const rg_datetime_format *format);
/* The present (non-missing) values of numeric column, ascending, in a new array (NULL when
 * out of memory); *present receives their number, *distinct (may be NULL) how many differ. */
double *rg_column_sorted_values(const rg_column *column, size_t rows, size_t *present, size_t *distinct);
/* A generated number in the form a column of this type writes: dates at their format's
 * resolution (a day, a minute, a second), integers whole, decimals rounded to `decimals`. */
double rg_round_like_column(riskgan_column_type type, int decimals, const rg_datetime_format *datetime, double value);
/* Makes the (numeric) column a date column written in `format`. */
void rg_column_set_datetime(rg_column *column, const rg_datetime_format *format);
/* A table with the same columns, types, categories and formatting, and no rows. */
riskgan_status rg_table_new_like(const riskgan_table *like, size_t capacity, riskgan_table **out);
/* Appends row `row` of `source` (same schema; categories looked up by text). */
riskgan_status rg_table_append_row(riskgan_table *table, const riskgan_table *source, size_t row);
/* The same for a source whose columns may differ: matched by name; a column the source lacks,
 * or holds as the other kind (numbers against categories), gets a missing value. */
riskgan_status rg_table_append_row_by_name(riskgan_table *table, const riskgan_table *source, size_t row);
static inline int rg_column_is_numeric(const rg_column *column)
{
    return column->type != RISKGAN_COLUMN_CATEGORICAL;
}

#endif
