/* request_table.c — request rows as a row source (row_source.h) read by the table builder. */
#include "request_table.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "../data/table_builder.h"

typedef struct {
    const rg_request_rows *rows;
    rg_field *header;
} records;

typedef struct {
    const records *source;
    size_t next; /* 0: the header */
} record_cursor;

static riskgan_status open_pass(void *state, rg_row_cursor **out)
{
    record_cursor *cursor = rg_calloc(1, sizeof *cursor);
    if (!cursor)
        return RISKGAN_ERR_NO_MEMORY;
    cursor->source = state;
    *out = (rg_row_cursor *)cursor;
    return RISKGAN_OK;
}

static riskgan_status next_record(rg_row_cursor *c, const rg_field **fields, size_t *count)
{
    record_cursor *cursor = (record_cursor *)c;
    const rg_request_rows *rows = cursor->source->rows;
    *count = 0;
    if (cursor->next == 0)
        *fields = cursor->source->header, *count = rows->columns;
    else if (cursor->next <= rows->rows)
        *fields = rows->field + (cursor->next - 1) * rows->columns, *count = rows->columns;
    cursor->next += *count ? 1 : 0;
    return RISKGAN_OK;
}

static size_t record_number(const rg_row_cursor *c)
{
    const record_cursor *cursor = (const record_cursor *)c;
    return cursor->next ? cursor->next - 1 : 0;
}

static void close_pass(rg_row_cursor *c)
{
    free(c);
}

static const rg_row_source_ops record_ops = {open_pass, next_record, record_number, close_pass};

riskgan_status rg_request_table(const rg_request_rows *rows, const rg_request_schema *names,
                                const riskgan_table *schema, riskgan_table **out)
{
    *out = NULL;
    records state = {rows, rg_calloc(rows->columns + 1, sizeof(rg_field))};
    if (!state.header)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < rows->columns; j++)
        state.header[j] = (rg_field){names->name[j], strlen(names->name[j]), 0, 0};
    rg_row_source source = {.ops = &record_ops, .state = &state, .name = "request", .position_word = "record",
                            .kind = "request", .delimiter = ',', .decimal_mark = '.', .empty_is_missing = 1};
    riskgan_read_options options;
    riskgan_read_options_init(&options);
    options.delimiter = ',';
    options.decimal_mark = '.';
    riskgan_status status = rg_table_build(&source, &options, schema, NULL, out);
    if (status == RISKGAN_OK && (*out)->rows != rows->rows) {
        status = rg_fail(RISKGAN_ERR_SCHEMA, "request: %zu of %zu records were dropped", rows->rows - (*out)->rows,
                         rows->rows);
        riskgan_table_free(*out);
        *out = NULL;
    }
    free(state.header);
    return status;
}
