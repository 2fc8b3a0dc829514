/* table_reader.c — CSV file -> riskgan_table, with per-column type inference.
 *
 * One pass in the usual case. Every column starts as numeric; a column whose
 * first non-number shows up after some numbers (a code column "01", "02", "A7")
 * is marked, and the file is read a second time with the marked columns read
 * as categorical, so that their categories keep the exact text of the file.
 * A number written with a leading zero ("007") is a code: the column stays text.
 * After reading, text columns whose every value is a date in one format become date
 * columns, and identifier columns are recognized (docs/data-integrity.md). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "../core/framed_file.h"
#include "../core/memory.h"
#include "column_roles.h"
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
    riskgan_column_role role;     /* declared (--id, or the schema's) */
    int datetime_declared;        /* --datetime, or the schema's date column */
    rg_datetime_format datetime;  /* its format (order RG_DATE_NONE: detect) */
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
    options->detect_roles = 1;
}

/* The input: a file read in passes, or standard input held in memory. */
typedef struct {
    const char *path;
    char *data; /* standard input, or NULL */
    size_t length;
    char delimiter, decimal_mark;
} csv_source;

/* "007", "-01": a leading zero before another digit marks a code, not a number. */
static int has_leading_zero(const char *text, size_t length)
{
    size_t i = 0;
    while (i < length && (text[i] == ' ' || text[i] == '\t'))
        i++;
    if (i < length && (text[i] == '-' || text[i] == '+'))
        i++;
    return i + 1 < length && text[i] == '0' && text[i + 1] >= '0' && text[i + 1] <= '9';
}

/* What an option says of each column it names; `argument` is the text after a ':' in the
 * name ("birth:dd/mm/yyyy"), NULL when there is none. */
typedef riskgan_status (*column_marker)(column_inference *info, const char *argument);

static riskgan_status mark_categorical(column_inference *info, const char *argument)
{
    (void)argument;
    info->forced = FORCED_CATEGORICAL;
    return RISKGAN_OK;
}

static riskgan_status mark_continuous(column_inference *info, const char *argument)
{
    (void)argument;
    info->forced = FORCED_CONTINUOUS;
    return RISKGAN_OK;
}

static riskgan_status mark_identifier(column_inference *info, const char *argument)
{
    (void)argument;
    info->role = RISKGAN_ROLE_IDENTIFIER; /* the type stays as read: numbers or text */
    return RISKGAN_OK;
}

/* --datetime: the column is read as text, then converted (in the given or detected format). */
static riskgan_status mark_datetime(column_inference *info, const char *argument)
{
    rg_datetime_format format = {0};
    if (argument && !rg_datetime_format_from_name(argument, &format))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT,
                       "--datetime: '%s' is not a known date format (yyyy-mm-dd, dd/mm/yyyy, mm/dd/yyyy, d/m/yyyy, "
                       "dd.mm.yyyy, ... optionally with ' hh:mm', ' hh:mm:ss', 'Thh:mm:ss', 'Thh:mm:ssZ')",
                       argument);
    info->forced = FORCED_CATEGORICAL;
    info->datetime_declared = 1;
    info->datetime = format;
    return RISKGAN_OK;
}

/* Applies `mark` to each column named in `names` (comma-separated; with `arguments`, each
 * name may carry ":argument"); an unknown name is an error naming the option. */
static riskgan_status mark_columns(const char *path, const char *option, const char *names, int arguments,
                                   const riskgan_table *table, column_inference *inference, column_marker mark)
{
    token_list list;
    riskgan_status status = token_list_parse(names, &list);
    for (size_t i = 0; i < list.count && status == RISKGAN_OK; i++) {
        char *colon = arguments ? strchr(list.tokens[i], ':') : NULL;
        if (colon)
            *colon = '\0';
        long j = riskgan_table_find_column(table, list.tokens[i]);
        if (j < 0)
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT,
                             "%s names column '%s', which is not in the header of %s", option,
                             list.tokens[i], path);
        else
            status = mark(&inference[j], colon ? colon + 1 : NULL);
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
        const rg_column *like = &schema->column[k];
        long j = riskgan_table_find_column(table, like->name);
        if (j < 0 && like->role == RISKGAN_ROLE_IDENTIFIER)
            continue; /* generated files may omit identifiers */
        if (j < 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "%s has no column '%s' (the training data has it)",
                           path, like->name);
        inference[j].role = like->role;
        if (like->role == RISKGAN_ROLE_IDENTIFIER)
            continue; /* identifiers keep their own type: generated ones may be text (SYN-DP-...) */
        inference[j].forced = like->type == RISKGAN_COLUMN_CATEGORICAL || like->type == RISKGAN_COLUMN_DATETIME
                                  ? FORCED_CATEGORICAL
                                  : FORCED_CONTINUOUS;
        if (like->type == RISKGAN_COLUMN_DATETIME) {
            inference[j].datetime_declared = 1;
            inference[j].datetime = like->datetime;
        }
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
uint64_t rg_fit_sample_key(uint64_t seed, size_t row)
{
    return rg_hash64(seed ^ rg_hash64(0x5A3D1E5ull + row));
}

/* Keeps the sampled rows (row_index: each stored row's number in the file) at `level`,
 * recounting missing values and rebuilding the category dictionaries from what is left. */
static riskgan_status keep_sample(riskgan_table *table, size_t *row_index, uint64_t seed, int level)
{
    size_t kept = 0;
    for (size_t r = 0; r < table->rows; r++) {
        if (!rg_fit_sample_keeps(seed, row_index[r], level))
            continue;
        for (size_t j = 0; j < table->columns; j++) {
            rg_column *c = &table->column[j];
            if (c->type == RISKGAN_COLUMN_CATEGORICAL)
                c->codes[kept] = c->codes[r];
            else
                c->numbers[kept] = c->numbers[r];
        }
        row_index[kept++] = row_index[r];
    }
    table->rows = kept;
    for (size_t j = 0; j < table->columns; j++) {
        rg_column *c = &table->column[j];
        c->missing = 0;
        if (c->type != RISKGAN_COLUMN_CATEGORICAL) {
            for (size_t r = 0; r < kept; r++)
                c->missing += isnan(c->numbers[r]) != 0;
            continue;
        }
        rg_dictionary fresh;
        rg_dictionary_init(&fresh);
        for (size_t r = 0; r < kept; r++) {
            if (c->codes[r] < 0) {
                c->missing++;
                continue;
            }
            const char *text = rg_dictionary_string(&c->categories, c->codes[r]);
            if ((c->codes[r] = rg_dictionary_intern(&fresh, text, strlen(text))) < 0) {
                rg_dictionary_free(&fresh);
                return RISKGAN_ERR_NO_MEMORY;
            }
        }
        rg_dictionary_free(&c->categories);
        c->categories = fresh;
    }
    return RISKGAN_OK;
}

/* Hands the rows read so far to filter->on_block with dates converted as declared, then
 * empties the table for the next block (categories forgotten, date columns back to text). */
static riskgan_status flush_block(riskgan_table *table, const column_inference *inference, rg_row_filter *filter,
                                  size_t *handed)
{
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; j < table->columns && status == RISKGAN_OK; j++)
        if (inference[j].datetime_declared && table->column[j].type == RISKGAN_COLUMN_CATEGORICAL)
            status = rg_apply_datetime(table, j, &inference[j].datetime);
    if (status == RISKGAN_OK)
        status = filter->on_block(table, *handed, filter->context);
    *handed += table->rows;
    for (size_t j = 0; j < table->columns && status == RISKGAN_OK; j++) {
        rg_column *c = &table->column[j];
        c->missing = 0;
        if (inference[j].datetime_declared && c->type == RISKGAN_COLUMN_DATETIME) {
            free(c->numbers);
            c->numbers = NULL;
            if (!(c->codes = rg_calloc(table->capacity, sizeof *c->codes)))
                status = RISKGAN_ERR_NO_MEMORY;
            c->type = RISKGAN_COLUMN_CATEGORICAL;
        }
        if (c->type == RISKGAN_COLUMN_CATEGORICAL) {
            rg_dictionary_free(&c->categories);
            rg_dictionary_init(&c->categories);
        }
    }
    table->rows = 0;
    return status;
}

/* Whether data row `index` is stored; a sample may raise its level (and drop rows). */
static int keeps_row(rg_row_filter *filter, size_t index)
{
    if (!filter)
        return 1;
    if (filter->sample_rows == 0)
        return index >= filter->first && index < filter->end;
    return rg_fit_sample_keeps(filter->sample_seed, index, filter->sample_level);
}

static riskgan_status read_pass(const csv_source *source, const riskgan_read_options *options,
                                const riskgan_table *schema, const token_list *missing,
                                column_inference **inference_io, rg_row_filter *filter, riskgan_table **out,
                                int *needs_second_pass)
{
    *out = NULL;
    *needs_second_pass = 0;
    const char *path = source->path;
    rg_csv_reader *reader;
    riskgan_status status = source->data ? rg_csv_open_memory(source->data, source->length, "standard input", &reader)
                                         : rg_csv_open_file(path, &reader);
    if (status != RISKGAN_OK)
        return status;
    rg_csv_set_delimiter(reader, source->delimiter);
    riskgan_table *table = NULL;
    if ((status = read_header(reader, &table)) != RISKGAN_OK) {
        rg_csv_close(reader);
        return status;
    }
    size_t columns = table->columns;
    table->delimiter = source->delimiter;
    table->decimal_mark = source->decimal_mark;
    column_inference *inference = *inference_io;
    if (!inference) {
        inference = rg_calloc(columns, sizeof *inference);
        if (!inference)
            status = RISKGAN_ERR_NO_MEMORY;
        if (status == RISKGAN_OK)
            status = mark_columns(path, "--discrete", options->discrete_columns, 0, table, inference, mark_categorical);
        if (status == RISKGAN_OK)
            status = mark_columns(path, "--continuous", options->continuous_columns, 0, table, inference,
                                  mark_continuous);
        if (status == RISKGAN_OK)
            status = mark_columns(path, "--id", options->identifier_columns, 0, table, inference, mark_identifier);
        if (status == RISKGAN_OK)
            status = mark_columns(path, "--datetime", options->datetime_columns, 1, table, inference, mark_datetime);
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
    size_t *row_index = NULL, index = 0; /* a sample's rows' numbers in the file */
    int blocks = filter && filter->block_rows;
    size_t handed = 0; /* rows handed over in blocks */
    if (filter && filter->sample_rows) {
        filter->sample_level = 0;
        if (status == RISKGAN_OK && !(row_index = rg_calloc(2 * filter->sample_rows + 1, sizeof *row_index)))
            status = RISKGAN_ERR_NO_MEMORY;
    }

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
        int keep = keeps_row(filter, index);
        if (row_index && keep)
            row_index[r] = index;
        index++;
        for (size_t j = 0; j < columns; j++) {
            rg_column *column = &table->column[j];
            column_inference *info = &inference[j];
            const rg_csv_field *field = &fields[j];
            if (!keep && column->type == RISKGAN_COLUMN_CATEGORICAL)
                continue; /* a row not kept only teaches the numeric columns' formats */
            if (is_missing(field, missing)) {
                column->missing += keep;
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
            if (rg_parse_number_with(field->text, field->length, source->decimal_mark, &value, &decimals) &&
                (info->forced == FORCED_CONTINUOUS || !has_leading_zero(field->text, field->length))) {
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
        if (status == RISKGAN_OK && keep)
            table->rows++;
        if (status == RISKGAN_OK && row_index && table->rows > 2 * filter->sample_rows)
            status = keep_sample(table, row_index, filter->sample_seed, ++filter->sample_level);
        if (status == RISKGAN_OK && blocks && table->rows == filter->block_rows)
            status = flush_block(table, inference, filter, &handed);
    }
    if (status == RISKGAN_OK && blocks && table->rows)
        status = flush_block(table, inference, filter, &handed);
    free(row_index);
    if (filter)
        filter->total_rows = index;
    rg_csv_close(reader);
    if (status == RISKGAN_OK && table->rows == 0 && !(blocks && handed))
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

/* Detects the separator (and the decimal comma that goes with ';') from the first 64 kB. */
static riskgan_status detect_dialect(csv_source *source)
{
    if (source->delimiter && source->decimal_mark)
        return RISKGAN_OK;
    char sample[1 << 16];
    size_t length;
    if (source->data) {
        length = source->length < sizeof sample ? source->length : sizeof sample;
        memcpy(sample, source->data, length);
    } else {
        FILE *stream = fopen(source->path, "rb");
        if (!stream)
            return rg_fail(RISKGAN_ERR_IO, "%s: cannot open: %s", source->path, strerror(errno));
        length = fread(sample, 1, sizeof sample, stream);
        fclose(stream);
    }
    if (!source->delimiter)
        source->delimiter = rg_csv_detect_delimiter(sample, length);
    if (!source->decimal_mark) {
        source->decimal_mark = '.';
        if (source->delimiter != ',') { /* a decimal comma: digits, one comma, digits, in a field */
            for (size_t i = 1; i + 1 < length; i++)
                if (sample[i] == ',' && sample[i - 1] >= '0' && sample[i - 1] <= '9' && sample[i + 1] >= '0' &&
                    sample[i + 1] <= '9') {
                    source->decimal_mark = ',';
                    break;
                }
        }
    }
    if (source->decimal_mark == source->delimiter)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the decimal mark cannot be the field separator");
    return RISKGAN_OK;
}

static riskgan_status read_table(const char *path, const riskgan_read_options *options,
                                 const riskgan_table *schema, rg_row_filter *filter, riskgan_table **out)
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
    csv_source source = {path, NULL, 0, options->delimiter, options->decimal_mark};
    if (strcmp(path, "-") == 0) {
        source.path = "standard input";
        status = rg_read_stream(stdin, "standard input", (unsigned char **)&source.data, &source.length);
        if (status == RISKGAN_OK && source.length == 0)
            status = rg_fail(RISKGAN_ERR_PARSE, "standard input: the input is empty (a header row is required)");
    }
    if (status == RISKGAN_OK)
        status = detect_dialect(&source);
    column_inference *inference = NULL;
    int again = 0;
    if (status == RISKGAN_OK)
        status = read_pass(&source, options, schema, &missing, &inference, filter, out, &again);
    if (status == RISKGAN_OK && again) {
        riskgan_table_free(*out);
        *out = NULL;
        status = read_pass(&source, options, schema, &missing, &inference, filter, out, &again);
    }
    unsigned char *named_categorical = status == RISKGAN_OK ? rg_calloc((*out)->columns, 1) : NULL;
    if (status == RISKGAN_OK && !named_categorical)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; status == RISKGAN_OK && j < (*out)->columns; j++) {
        rg_column *column = &(*out)->column[j];
        column->role = inference[j].role;
        named_categorical[j] = inference[j].forced == FORCED_CATEGORICAL && !inference[j].switched;
        if (inference[j].datetime_declared)
            status = rg_apply_datetime(*out, j, &inference[j].datetime);
    }
    if (status == RISKGAN_OK && options->detect_roles && !schema)
        rg_detect_roles(*out, named_categorical);
    free(named_categorical);
    if (status != RISKGAN_OK) {
        riskgan_table_free(*out);
        *out = NULL;
    }
    free(inference);
    free(source.data);
    token_list_free(&missing);
    return status;
}

riskgan_status riskgan_table_read_csv(const char *path, const riskgan_read_options *options,
                                      riskgan_table **out)
{
    return read_table(path, options, NULL, NULL, out);
}



riskgan_status rg_table_read_rows(const char *path, const riskgan_read_options *options, const riskgan_table *schema,
                                  rg_row_filter *filter, riskgan_table **out)
{
    riskgan_status status = read_table(path, options, schema, filter, out);
    if (status != RISKGAN_OK || !schema)
        return status;
    for (size_t k = 0; k < schema->columns; k++) { /* keep the schema's number formatting */
        long j = riskgan_table_find_column(*out, schema->column[k].name);
        if (j < 0)
            continue; /* an identifier column the file omits */
        rg_column *column = &(*out)->column[j];
        if (schema->column[k].type != RISKGAN_COLUMN_CATEGORICAL && column->type != RISKGAN_COLUMN_CATEGORICAL) {
            column->type = schema->column[k].type;
            column->decimals = schema->column[k].decimals;
        }
    }
    return RISKGAN_OK;
}

riskgan_status riskgan_table_read_csv_like(const char *path, const riskgan_table *schema,
                                           const riskgan_read_options *options, riskgan_table **out)
{
    return rg_table_read_rows(path, options, schema, NULL, out);
}
