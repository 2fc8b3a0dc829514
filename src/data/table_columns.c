/* table_columns.c — a table's columns whole, for bindings that hand them to another runtime
 * (the Python package: numpy arrays and pandas categories) without a call per cell. */
#include <math.h>
#include <string.h>

#include "../core/error.h"
#include "table.h"

riskgan_status riskgan_table_column_numbers(const riskgan_table *table, size_t column, double *out)
{
    if (column >= table->columns || !rg_column_is_numeric(&table->column[column]))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column %zu is not a numeric column of the table", column);
    memcpy(out, table->column[column].numbers, table->rows * sizeof *out);
    return RISKGAN_OK;
}

riskgan_status riskgan_table_column_codes(const riskgan_table *table, size_t column, int32_t *out)
{
    if (column >= table->columns || rg_column_is_numeric(&table->column[column]))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column %zu is not a categorical column of the table", column);
    memcpy(out, table->column[column].codes, table->rows * sizeof *out);
    return RISKGAN_OK;
}

size_t riskgan_table_column_levels(const riskgan_table *table, size_t column)
{
    if (column >= table->columns || rg_column_is_numeric(&table->column[column]))
        return 0;
    return table->column[column].categories.count;
}

const char *riskgan_table_column_level(const riskgan_table *table, size_t column, size_t level)
{
    if (level >= riskgan_table_column_levels(table, column))
        return NULL;
    return rg_dictionary_string(&table->column[column].categories, (int32_t)level);
}
