/* table.h — the in-memory table behind riskgan_table: one typed array per column. */
#ifndef RISKGAN_DATA_TABLE_H
#define RISKGAN_DATA_TABLE_H

#include <stdint.h>

#include "riskgan.h"
#include "string_dictionary.h"

typedef struct {
    char *name;
    riskgan_column_type type;
    double *numbers;           /* numeric columns; NaN = missing (exact as read) */
    int32_t *codes;            /* categorical columns; -1 = missing */
    rg_dictionary categories;  /* categorical columns */
    int decimals;              /* formatting of numeric columns */
    size_t missing;
} rg_column;

struct riskgan_table {
    size_t rows, columns, capacity, dropped_rows;
    rg_column *column;
};

/* An empty table with the given column names and types, room for `capacity` rows. */
riskgan_status rg_table_new(size_t columns, riskgan_table **out);
riskgan_status rg_table_set_column(riskgan_table *table, size_t column, const char *name,
                                   riskgan_column_type type);
/* Makes room for at least `rows` rows (new cells are missing). */
riskgan_status rg_table_reserve(riskgan_table *table, size_t rows);
/* A table with the same columns, types, categories and formatting, and no rows. */
riskgan_status rg_table_new_like(const riskgan_table *like, size_t capacity, riskgan_table **out);
/* Appends row `row` of `source` (same schema; categories looked up by text). */
riskgan_status rg_table_append_row(riskgan_table *table, const riskgan_table *source, size_t row);
static inline int rg_column_is_numeric(const rg_column *column)
{
    return column->type != RISKGAN_COLUMN_CATEGORICAL;
}

#endif
