/* fuzz_serve_request.c — libFuzzer target: a scoring request's body (the first byte says JSON
 * or CSV) decoded to rows of a three-column schema and typed into a table, as `riskgan serve`
 * does for every request. Any bytes give rows or an HTTP status, never a crash or a leak; a
 * status is always one the service answers with, and decoded rows always fill the schema. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "data/table.h"
#include "serve/request_rows.h"
#include "serve/request_table.h"

static riskgan_table *schema;
static rg_request_schema fields;

static void make_schema(void)
{
    rg_datetime_format format;
    if (rg_table_new(3, &schema) != RISKGAN_OK ||
        rg_table_set_column(schema, 0, "amount", RISKGAN_COLUMN_CONTINUOUS) != RISKGAN_OK ||
        rg_table_set_column(schema, 1, "region", RISKGAN_COLUMN_CATEGORICAL) != RISKGAN_OK ||
        rg_table_set_column(schema, 2, "opened", RISKGAN_COLUMN_CATEGORICAL) != RISKGAN_OK ||
        !rg_datetime_format_from_name("yyyy-mm-dd", &format))
        abort();
    rg_column_set_datetime(&schema->column[2], &format);
    if (rg_request_schema_init(&fields, schema) != RISKGAN_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!schema)
        make_schema();
    if (size == 0)
        return 0;
    rg_request_limits limits = {"id", 64};
    rg_request_rows rows;
    int status = rg_request_rows_decode(&fields, &limits, (const char *)data + 1, size - 1, data[0] & 1, &rows);
    if (status) {
        if (status != 400 && status != 413 && status != 422)
            __builtin_trap();
        return 0;
    }
    if (rows.rows == 0 || rows.rows > 64 || rows.columns != 3)
        __builtin_trap();
    riskgan_table *table = NULL;
    if (rg_request_table(&rows, &fields, schema, &table) == RISKGAN_OK && riskgan_table_rows(table) != rows.rows)
        __builtin_trap();
    riskgan_table_free(table);
    rg_request_rows_free(&rows);
    return 0;
}
