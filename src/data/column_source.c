/* column_source.c — columns in memory read as records of text fields: numbers in their
 * shortest exact form (they read back as the same double), text as it is, a NULL string or
 * a NaN as a null field. */
#include "column_source.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "number_text.h"
#include "table_builder.h"

enum { NUMBER_BYTES = 40 };

typedef struct {
    const riskgan_column_data *columns;
    size_t count, rows;
    rg_column_hint *hints;
} column_state;

struct rg_row_cursor {
    const column_state *state;
    size_t next_row; /* 0: the header comes next */
    rg_field *fields;
    char *numbers;   /* count x NUMBER_BYTES */
};

static riskgan_status open_pass(void *state, rg_row_cursor **out)
{
    column_state *columns = state;
    rg_row_cursor *cursor = rg_calloc(1, sizeof *cursor);
    if (cursor) {
        cursor->state = columns;
        cursor->fields = rg_calloc(columns->count + 1, sizeof *cursor->fields);
        cursor->numbers = rg_calloc((columns->count + 1) * NUMBER_BYTES, 1);
    }
    if (!cursor || !cursor->fields || !cursor->numbers) {
        if (cursor)
            free(cursor->fields), free(cursor->numbers);
        free(cursor);
        return RISKGAN_ERR_NO_MEMORY;
    }
    *out = cursor;
    return RISKGAN_OK;
}

static void set_text(rg_field *field, const char *text)
{
    *field = (rg_field){.text = text ? text : "", .length = text ? strlen(text) : 0, .null = !text};
}

static riskgan_status next_record(rg_row_cursor *cursor, const rg_field **fields, size_t *count)
{
    const column_state *state = cursor->state;
    *count = 0;
    *fields = cursor->fields;
    if (cursor->next_row > state->rows)
        return RISKGAN_OK;
    size_t row = cursor->next_row++;
    for (size_t j = 0; j < state->count; j++) {
        const riskgan_column_data *c = &state->columns[j];
        if (row == 0)
            set_text(&cursor->fields[j], c->name);
        else if (c->text)
            set_text(&cursor->fields[j], c->text[row - 1]);
        else if (isnan(c->numbers[row - 1]))
            set_text(&cursor->fields[j], NULL);
        else {
            char *text = cursor->numbers + j * NUMBER_BYTES;
            rg_format_number(text, NUMBER_BYTES, c->numbers[row - 1], -1);
            set_text(&cursor->fields[j], text);
        }
    }
    *count = state->count;
    return RISKGAN_OK;
}

/* Rows are counted from 1 after the header (row 0). */
static size_t record_row(const rg_row_cursor *cursor)
{
    return cursor->next_row - 1;
}

static void close_pass(rg_row_cursor *cursor)
{
    free(cursor->fields);
    free(cursor->numbers);
    free(cursor);
}

static const rg_row_source_ops column_ops = {open_pass, next_record, record_row, close_pass};

static riskgan_status check_column(const riskgan_column_data *c, size_t j, size_t rows)
{
    if (!c->name || !c->name[0])
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column %zu has no name", j + 1);
    if (!c->numbers == !c->text)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column '%s' must hold either numbers or text", c->name);
    for (size_t r = 0; c->numbers && r < rows; r++)
        if (isinf(c->numbers[r]))
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column '%s', row %zu: %s is not a value a table holds",
                           c->name, r + 1, c->numbers[r] > 0 ? "infinity" : "-infinity");
    return RISKGAN_OK;
}

riskgan_status rg_column_source_open(const riskgan_column_data *columns, size_t count, size_t rows,
                                     rg_row_source *source)
{
    memset(source, 0, sizeof *source);
    if (count == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "a table needs at least one column");
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; j < count && status == RISKGAN_OK; j++)
        status = check_column(&columns[j], j, rows);
    if (status != RISKGAN_OK)
        return status;
    column_state *state = rg_calloc(1, sizeof *state);
    rg_column_hint *hints = rg_calloc(count, sizeof *hints);
    if (!state || !hints) {
        free(state), free(hints);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t j = 0; j < count; j++)
        hints[j] = (rg_column_hint){.categorical = columns[j].text && columns[j].categorical,
                                    .identifier = columns[j].identifier,
                                    .datetime_format = columns[j].text ? columns[j].datetime_format : NULL};
    *state = (column_state){.columns = columns, .count = count, .rows = rows, .hints = hints};
    *source = (rg_row_source){.ops = &column_ops, .state = state, .name = "the columns given", .position_word = "row",
                              .kind = "table", .delimiter = ',', .decimal_mark = '.', .hints = hints,
                              .release = rg_column_source_close};
    return RISKGAN_OK;
}

void rg_column_source_close(rg_row_source *source)
{
    column_state *state = source->state;
    if (state) {
        free(state->hints);
        free(state);
    }
    memset(source, 0, sizeof *source);
}

riskgan_status riskgan_table_from_columns(const riskgan_column_data *columns, size_t count, size_t rows,
                                          const riskgan_read_options *options, riskgan_table **out)
{
    *out = NULL;
    riskgan_read_options defaults;
    if (!options) {
        riskgan_read_options_init(&defaults);
        defaults.missing_tokens = NULL;
        options = &defaults;
    }
    rg_row_source source;
    riskgan_status status = rg_column_source_open(columns, count, rows, &source);
    if (status != RISKGAN_OK)
        return status;
    status = rg_table_build(&source, options, NULL, NULL, out);
    rg_column_source_close(&source);
    return status;
}
