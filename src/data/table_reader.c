/* table_reader.c — CSV file -> riskgan_table, with per-column type inference.
 *
 * One pass in the usual case. Every column starts as numeric; a column whose
 * first non-number shows up after some numbers (a code column "01", "02", "A7")
 * is marked, and the file is read a second time with the marked columns read
 * as categorical, so that their categories keep the exact text of the file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "csv_reader.h"
#include "number_text.h"
#include "table.h"

enum forced_type { NOT_FORCED, FORCED_CATEGORICAL, FORCED_CONTINUOUS };

typedef struct {
    enum forced_type forced;
    int integral;        /* every value a whole number written without a point */
    int max_decimals;
    int scientific;
    int switched;        /* saw text after numbers: re-read as categorical */
} column_inference;

typedef struct {
    char **tokens;
    size_t *lengths;
    size_t count, longest;
} token_list;

static void token_list_free(token_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->tokens[i]);
    free(list->tokens);
    free(list->lengths);
    memset(list, 0, sizeof *list);
}

/* Splits "a,b,c" into trimmed, non-empty tokens. */
static riskgan_status token_list_parse(const char *text, token_list *list)
{
    memset(list, 0, sizeof *list);
    if (!text)
        return RISKGAN_OK;
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == ',';
    list->tokens = rg_calloc(n, sizeof *list->tokens);
    list->lengths = rg_calloc(n, sizeof *list->lengths);
    if (!list->tokens || !list->lengths) {
        token_list_free(list);
        return RISKGAN_ERR_NO_MEMORY;
    }
    const char *start = text;
    for (;;) {
        const char *end = strchr(start, ',');
        size_t length = end ? (size_t)(end - start) : strlen(start);
        const char *a = start, *b = start + length;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a) {
            list->tokens[list->count] = rg_strndup(a, (size_t)(b - a));
            if (!list->tokens[list->count]) {
                token_list_free(list);
                return RISKGAN_ERR_NO_MEMORY;
            }
            list->lengths[list->count] = (size_t)(b - a);
            if (list->lengths[list->count] > list->longest)
                list->longest = list->lengths[list->count];
            list->count++;
        }
        if (!end)
            break;
        start = end + 1;
    }
    return RISKGAN_OK;
}

static int is_missing(const rg_csv_field *field, const token_list *missing)
{
    if (field->length == 0)
        return 1;
    if (field->length > missing->longest) /* the common case: no token is that long */
        return 0;
    for (size_t i = 0; i < missing->count; i++)
        if (missing->lengths[i] == field->length && strncasecmp(missing->tokens[i], field->text, field->length) == 0)
            return 1;
    return 0;
}

void riskgan_read_options_init(riskgan_read_options *options)
{
    memset(options, 0, sizeof *options);
    options->missing_tokens = "NA,NaN,null,?";
}

/* Marks the columns named in `names` as `type`; an unknown name is an error. */
static riskgan_status force_columns(const char *path, const char *option, const char *names,
                                    const riskgan_table *table, column_inference *inference,
                                    enum forced_type type)
{
    token_list list;
    riskgan_status status = token_list_parse(names, &list);
    if (status != RISKGAN_OK)
        return status;
    for (size_t i = 0; i < list.count && status == RISKGAN_OK; i++) {
        long j = riskgan_table_find_column(table, list.tokens[i]);
        if (j < 0)
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT,
                             "%s names column '%s', which is not in the header of %s", option,
                             list.tokens[i], path);
        else
            inference[j].forced = type;
    }
    token_list_free(&list);
    return status;
}

/* Types every column of the schema as the schema does; a schema column absent from
 * the file is an error naming it. */
static riskgan_status force_like_schema(const char *path, const riskgan_table *schema,
                                        const riskgan_table *table, column_inference *inference)
{
    for (size_t k = 0; k < schema->columns; k++) {
        long j = riskgan_table_find_column(table, schema->column[k].name);
        if (j < 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "%s has no column '%s' (the training data has it)",
                           path, schema->column[k].name);
        inference[j].forced = schema->column[k].type == RISKGAN_COLUMN_CATEGORICAL ? FORCED_CATEGORICAL
                                                                                  : FORCED_CONTINUOUS;
    }
    return RISKGAN_OK;
}

static riskgan_status read_header(rg_csv_reader *reader, riskgan_table **out)
{
    const rg_csv_field *fields;
    size_t count;
    riskgan_status status = rg_csv_next(reader, &fields, &count);
    if (status != RISKGAN_OK)
        return status;
    if (count == 0)
        return rg_fail(RISKGAN_ERR_PARSE, "%s: the file is empty (a header row is required)",
                       rg_csv_name(reader));
    riskgan_table *table;
    if ((status = rg_table_new(count, &table)) != RISKGAN_OK)
        return status;
    for (size_t j = 0; j < count; j++) {
        char *name = rg_strndup(fields[j].text, fields[j].length);
        if (!name) {
            riskgan_table_free(table);
            return RISKGAN_ERR_NO_MEMORY;
        }
        if (fields[j].length == 0)
            status = rg_fail(RISKGAN_ERR_PARSE, "%s: line %zu, column %zu: empty column name in the header",
                             rg_csv_name(reader), rg_csv_record_line(reader), j + 1);
        else if (riskgan_table_find_column(table, name) >= 0)
            status = rg_fail(RISKGAN_ERR_PARSE,
                             "%s: line %zu, column %zu: duplicate column name '%s' in the header",
                             rg_csv_name(reader), rg_csv_record_line(reader), j + 1, name);
        else
            status = rg_table_set_column(table, j, name, RISKGAN_COLUMN_CONTINUOUS);
        free(name);
        if (status != RISKGAN_OK) {
            table->columns = j; /* only the named columns own memory */
            riskgan_table_free(table);
            return status;
        }
    }
    *out = table;
    return RISKGAN_OK;
}

/* One pass over the file. Sets *needs_second_pass when a column switched type. */
static riskgan_status read_pass(const char *path, const riskgan_read_options *options,
                                const riskgan_table *schema, const token_list *missing,
                                column_inference **inference_io, riskgan_table **out,
                                int *needs_second_pass)
{
    *out = NULL;
    *needs_second_pass = 0;
    rg_csv_reader *reader;
    riskgan_status status = rg_csv_open_file(path, &reader);
    if (status != RISKGAN_OK)
        return status;
    riskgan_table *table = NULL;
    if ((status = read_header(reader, &table)) != RISKGAN_OK) {
        rg_csv_close(reader);
        return status;
    }
    size_t columns = table->columns;
    column_inference *inference = *inference_io;
    if (!inference) {
        inference = rg_calloc(columns, sizeof *inference);
        if (!inference)
            status = RISKGAN_ERR_NO_MEMORY;
        if (status == RISKGAN_OK)
            status = force_columns(path, "--discrete", options->discrete_columns, table,
                                   inference, FORCED_CATEGORICAL);
        if (status == RISKGAN_OK)
            status = force_columns(path, "--continuous", options->continuous_columns, table,
                                   inference, FORCED_CONTINUOUS);
        if (status == RISKGAN_OK && schema)
            status = force_like_schema(path, schema, table, inference);
        *inference_io = inference;
    }
    for (size_t j = 0; j < columns && status == RISKGAN_OK; j++) {
        inference[j].integral = 1;
        inference[j].max_decimals = 0;
        inference[j].scientific = 0;
        if (inference[j].forced == FORCED_CATEGORICAL)
            table->column[j].type = RISKGAN_COLUMN_CATEGORICAL;
    }
    if (status == RISKGAN_OK)
        status = rg_table_reserve(table, 1024);

    const rg_csv_field *fields;
    size_t count;
    while (status == RISKGAN_OK) {
        if ((status = rg_csv_next(reader, &fields, &count)) != RISKGAN_OK || count == 0)
            break;
        size_t line = rg_csv_record_line(reader);
        if (count != columns) {
            status = rg_fail(RISKGAN_ERR_PARSE,
                             "%s: line %zu: %zu fields, but the header has %zu columns", path,
                             line, count, columns);
            break;
        }
        if (options->drop_missing_rows) {
            size_t j = 0;
            while (j < columns && !is_missing(&fields[j], missing))
                j++;
            if (j < columns) {
                table->dropped_rows++;
                continue;
            }
        }
        if ((status = rg_table_reserve(table, table->rows + 1)) != RISKGAN_OK)
            break;
        size_t r = table->rows;
        for (size_t j = 0; j < columns; j++) {
            rg_column *column = &table->column[j];
            column_inference *info = &inference[j];
            const rg_csv_field *field = &fields[j];
            if (is_missing(field, missing)) {
                column->missing++;
                if (column->type == RISKGAN_COLUMN_CATEGORICAL)
                    column->codes[r] = -1;
                else
                    column->numbers[r] = NAN;
                continue;
            }
            if (column->type == RISKGAN_COLUMN_CATEGORICAL) {
                int32_t code = rg_dictionary_intern(&column->categories, field->text, field->length);
                if (code < 0) {
                    status = RISKGAN_ERR_NO_MEMORY;
                    break;
                }
                column->codes[r] = code;
                continue;
            }
            double value;
            int decimals;
            if (rg_parse_number(field->text, field->length, &value, &decimals)) {
                column->numbers[r] = value;
                if (decimals < 0)
                    info->scientific = 1;
                else if (decimals > info->max_decimals)
                    info->max_decimals = decimals;
                if (decimals != 0 || value != floor(value))
                    info->integral = 0;
                continue;
            }
            if (info->forced == FORCED_CONTINUOUS) {
                int shown = field->length > 40 ? 40 : (int)field->length;
                status = rg_fail(RISKGAN_ERR_PARSE,
                                 "%s: line %zu, column %zu (%s): '%.*s' is not a number, but the "
                                 "column was declared continuous",
                                 path, line, j + 1, column->name, shown, field->text);
                break;
            }
            info->switched = 1;
            info->forced = FORCED_CATEGORICAL;
            *needs_second_pass = 1;
            column->numbers[r] = NAN;
        }
        if (status == RISKGAN_OK)
            table->rows++;
    }
    rg_csv_close(reader);
    if (status == RISKGAN_OK && table->rows == 0)
        status = rg_fail(RISKGAN_ERR_PARSE, "%s: the file has a header but no data rows%s", path,
                         table->dropped_rows ? " left after dropping rows with missing values" : "");
    if (status != RISKGAN_OK) {
        riskgan_table_free(table);
        return status;
    }
    for (size_t j = 0; j < columns; j++) {
        rg_column *column = &table->column[j];
        if (column->type == RISKGAN_COLUMN_CATEGORICAL)
            continue;
        int whole = inference[j].integral && !inference[j].scientific &&
                    column->missing < table->rows && inference[j].forced != FORCED_CONTINUOUS;
        column->type = whole ? RISKGAN_COLUMN_INTEGER : RISKGAN_COLUMN_CONTINUOUS;
        column->decimals = inference[j].scientific ? -1 : inference[j].max_decimals;
        if (!whole && !inference[j].scientific && column->decimals == 0)
            column->decimals = 2;
    }
    *out = table;
    return RISKGAN_OK;
}

static riskgan_status read_table(const char *path, const riskgan_read_options *options,
                                 const riskgan_table *schema, riskgan_table **out)
{
    *out = NULL;
    riskgan_read_options defaults;
    if (!options) {
        riskgan_read_options_init(&defaults);
        options = &defaults;
    }
    token_list missing;
    riskgan_status status = token_list_parse(options->missing_tokens, &missing);
    if (status != RISKGAN_OK)
        return status;
    column_inference *inference = NULL;
    int again = 0;
    status = read_pass(path, options, schema, &missing, &inference, out, &again);
    if (status == RISKGAN_OK && again) {
        riskgan_table_free(*out);
        *out = NULL;
        status = read_pass(path, options, schema, &missing, &inference, out, &again);
    }
    free(inference);
    token_list_free(&missing);
    return status;
}

riskgan_status riskgan_table_read_csv(const char *path, const riskgan_read_options *options,
                                      riskgan_table **out)
{
    return read_table(path, options, NULL, out);
}

riskgan_status riskgan_table_read_csv_like(const char *path, const riskgan_table *schema,
                                           const riskgan_read_options *options, riskgan_table **out)
{
    riskgan_status status = read_table(path, options, schema, out);
    if (status != RISKGAN_OK)
        return status;
    for (size_t k = 0; k < schema->columns; k++) { /* keep the schema's number formatting */
        rg_column *column = &(*out)->column[riskgan_table_find_column(*out, schema->column[k].name)];
        if (schema->column[k].type != RISKGAN_COLUMN_CATEGORICAL) {
            column->type = schema->column[k].type;
            column->decimals = schema->column[k].decimals;
        }
    }
    return RISKGAN_OK;
}
