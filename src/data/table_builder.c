/* table_builder.c — rows of a row source -> a typed table (the passes, the kept rows, the
 * number formats); the declared facts come from column_marks.c, roles from column_roles.c. */
#include "table_builder.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "column_marks.h"
#include "column_roles.h"
#include "fit_sample.h"
#include "number_text.h"
#include "table.h"

/* One pass over the source. */
typedef struct {
    const rg_row_source *source;
    const riskgan_read_options *options;
    const rg_token_list *missing;
    rg_column_inference *inference;
    rg_row_filter *filter;
    riskgan_table *table;
    size_t *row_index;  /* a sample's rows' numbers in the source */
    size_t index;       /* data rows seen */
    size_t handed;      /* rows handed over in blocks */
    int needs_second_pass;
    size_t *positions, position_capacity; /* filter->record_positions */
} pass_state;

/* The reading defaults every table source starts from. */
void riskgan_read_options_init(riskgan_read_options *options)
{
    memset(options, 0, sizeof *options);
    options->missing_tokens = "NA,NaN,null,?";
    options->detect_roles = 1;
}

static riskgan_status read_header(const rg_row_source *source, rg_row_cursor *cursor, riskgan_table **out)
{
    const rg_field *fields;
    size_t count;
    riskgan_status status = source->ops->next(cursor, &fields, &count);
    if (status != RISKGAN_OK)
        return status;
    if (count == 0)
        return rg_fail(RISKGAN_ERR_PARSE, "%s: the %s is empty (a header row is required)", source->name,
                       source->kind);
    riskgan_table *table;
    if ((status = rg_table_new(count, &table)) != RISKGAN_OK)
        return status;
    size_t at = source->ops->position(cursor);
    for (size_t j = 0; j < count && status == RISKGAN_OK; j++) {
        char *name = rg_strndup(fields[j].text, fields[j].length);
        if (!name)
            status = RISKGAN_ERR_NO_MEMORY;
        else if (fields[j].length == 0)
            status = rg_fail(RISKGAN_ERR_PARSE, "%s: %s %zu, column %zu: empty column name in the header",
                             source->name, source->position_word, at, j + 1);
        else if (riskgan_table_find_column(table, name) >= 0)
            status = rg_fail(RISKGAN_ERR_PARSE, "%s: %s %zu, column %zu: duplicate column name '%s' in the header",
                             source->name, source->position_word, at, j + 1, name);
        else
            status = rg_table_set_column(table, j, name, RISKGAN_COLUMN_CONTINUOUS);
        free(name);
        if (status != RISKGAN_OK)
            table->columns = j; /* only the named columns own memory */
    }
    if (status != RISKGAN_OK) {
        riskgan_table_free(table);
        return status;
    }
    *out = table;
    return RISKGAN_OK;
}

/* Keeps the sampled rows (row_index: each stored row's number in the source) at `level`. */
static void compact_sample(riskgan_table *table, size_t *row_index, uint64_t seed, int level)
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
}

/* Recounts a column's missing values and rebuilds its category dictionary from its rows. */
static riskgan_status recount_column(rg_column *c, size_t rows)
{
    c->missing = 0;
    if (c->type != RISKGAN_COLUMN_CATEGORICAL) {
        for (size_t r = 0; r < rows; r++)
            c->missing += isnan(c->numbers[r]) != 0;
        return RISKGAN_OK;
    }
    rg_dictionary fresh;
    rg_dictionary_init(&fresh);
    for (size_t r = 0; r < rows; r++) {
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
    return RISKGAN_OK;
}

/* Raises the sample's level: keeps the rows of the sparser sample, recounting missing values
 * and rebuilding the category dictionaries from what is left. */
static riskgan_status thin_sample(pass_state *pass)
{
    riskgan_table *table = pass->table;
    compact_sample(table, pass->row_index, pass->filter->sample_seed, ++pass->filter->sample_level);
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; j < table->columns && status == RISKGAN_OK; j++)
        status = recount_column(&table->column[j], table->rows);
    return status;
}

/* Hands the rows read so far to filter->on_block with dates converted as declared, then
 * empties the table for the next block (categories forgotten, date columns back to text). */
static riskgan_status flush_block(pass_state *pass)
{
    riskgan_table *table = pass->table;
    const rg_column_inference *inference = pass->inference;
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; j < table->columns && status == RISKGAN_OK; j++)
        if (inference[j].datetime_declared && table->column[j].type == RISKGAN_COLUMN_CATEGORICAL)
            status = rg_apply_datetime(table, j, &inference[j].datetime);
    if (status == RISKGAN_OK)
        status = pass->filter->on_block(table, pass->handed, pass->filter->context);
    pass->handed += table->rows;
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
static int keeps_row(const rg_row_filter *filter, size_t index)
{
    if (!filter)
        return 1;
    if (filter->sample_rows == 0)
        return index >= filter->first && index < filter->end;
    return rg_fit_sample_keeps(filter->sample_seed, index, filter->sample_level);
}

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

/* The significant digits of a whole number's text ("-00120" and "1.2e+2": "12"). */
static size_t significant_digits(const char *text, size_t length, char *out, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < length && text[i] != 'e' && text[i] != 'E' && n + 1 < size; i++)
        if (text[i] >= '0' && text[i] <= '9' && (n > 0 || text[i] != '0'))
            out[n++] = text[i];
    while (n > 0 && out[n - 1] == '0')
        n--;
    return n;
}

/* A whole number beyond 2^53 written with more digits than its double keeps
 * (9007199254740993 reads as ...992): kept as text, so that it comes back as it was. */
static int loses_digits(const char *text, size_t length, double value, int decimals)
{
    if (decimals != 0 || fabs(value) < 9007199254740992.0)
        return 0;
    char shortest[64], given[512], kept[64];
    int written = rg_format_number(shortest, sizeof shortest, value, -1);
    size_t a = significant_digits(text, length, given, sizeof given);
    size_t b = significant_digits(shortest, written > 0 ? (size_t)written : 0, kept, sizeof kept);
    return a != b || memcmp(given, kept, a) != 0;
}

/* A numeric column's field: a number (noting its format), or text that makes the column
 * categorical (a second pass) unless it was declared continuous. */
static riskgan_status read_number(pass_state *pass, size_t j, const rg_field *field, size_t at, size_t r)
{
    rg_column *column = &pass->table->column[j];
    rg_column_inference *info = &pass->inference[j];
    double value;
    int decimals;
    if (rg_parse_number_with(field->text, field->length, pass->source->decimal_mark, &value, &decimals) &&
        (info->forced == RG_FORCED_CONTINUOUS ||
         (!has_leading_zero(field->text, field->length) && !loses_digits(field->text, field->length, value, decimals)))) {
        column->numbers[r] = value;
        if (decimals < 0)
            info->scientific = 1;
        else if (decimals > info->max_decimals)
            info->max_decimals = decimals;
        if (decimals != 0 || value != floor(value))
            info->integral = 0;
        return RISKGAN_OK;
    }
    if (info->forced == RG_FORCED_CONTINUOUS) {
        int shown = field->length > 40 ? 40 : (int)field->length;
        return rg_fail(RISKGAN_ERR_PARSE,
                       "%s: %s %zu, column %zu (%s): '%.*s' is not a number, but the column was declared continuous",
                       pass->source->name, pass->source->position_word, at, j + 1, column->name, shown, field->text);
    }
    info->switched = 1;
    info->forced = RG_FORCED_CATEGORICAL;
    pass->needs_second_pass = 1;
    column->numbers[r] = NAN;
    return RISKGAN_OK;
}

static riskgan_status read_field(pass_state *pass, size_t j, const rg_field *field, size_t at, size_t r, int keep)
{
    rg_column *column = &pass->table->column[j];
    if (!keep && column->type == RISKGAN_COLUMN_CATEGORICAL)
        return RISKGAN_OK; /* a row not kept only teaches the numeric columns' formats */
    if (rg_field_is_missing(field, pass->missing, pass->source->empty_is_missing)) {
        column->missing += keep;
        if (column->type == RISKGAN_COLUMN_CATEGORICAL)
            column->codes[r] = -1;
        else
            column->numbers[r] = NAN;
        return RISKGAN_OK;
    }
    if (column->type != RISKGAN_COLUMN_CATEGORICAL)
        return read_number(pass, j, field, at, r);
    const rg_column_inference *info = &pass->inference[j];
    double seconds;
    if (info->datetime_declared && info->datetime.order != RG_DATE_NONE &&
        !rg_datetime_parse(field->text, field->length, &info->datetime, &seconds)) {
        char format[32];
        rg_datetime_format_name(&info->datetime, format, sizeof format);
        return rg_fail(RISKGAN_ERR_PARSE, "%s: %s %zu, column %zu (%s): '%.*s' is not a date in the format %s",
                       pass->source->name, pass->source->position_word, at, j + 1, column->name,
                       field->length > 40 ? 40 : (int)field->length, field->text, format);
    }
    int32_t code = rg_dictionary_intern(&column->categories, field->text, field->length);
    if (code < 0)
        return RISKGAN_ERR_NO_MEMORY;
    column->codes[r] = code;
    return RISKGAN_OK;
}

static int has_missing_field(const pass_state *pass, const rg_field *fields, size_t count)
{
    for (size_t j = 0; j < count; j++)
        if (rg_field_is_missing(&fields[j], pass->missing, pass->source->empty_is_missing))
            return 1;
    return 0;
}

/* Remembers where row r of the table stands in the source. */
static riskgan_status record_position(pass_state *pass, size_t r, size_t at)
{
    if (r >= pass->position_capacity) {
        size_t capacity = pass->position_capacity ? 2 * pass->position_capacity : 1024;
        size_t *grown = rg_realloc_array(pass->positions, capacity, sizeof *grown);
        if (!grown)
            return RISKGAN_ERR_NO_MEMORY;
        pass->positions = grown;
        pass->position_capacity = capacity;
    }
    pass->positions[r] = at;
    return RISKGAN_OK;
}

/* One data record: stored (or, outside the kept rows, only counted for the formats). */
static riskgan_status read_record(pass_state *pass, const rg_field *fields, size_t count, size_t at)
{
    riskgan_table *table = pass->table;
    rg_row_filter *filter = pass->filter;
    if (count != table->columns)
        return rg_fail(RISKGAN_ERR_PARSE, "%s: %s %zu: %zu fields, but the header has %zu columns",
                       pass->source->name, pass->source->position_word, at, count, table->columns);
    if (pass->options->drop_missing_rows && has_missing_field(pass, fields, count)) {
        table->dropped_rows++;
        return RISKGAN_OK;
    }
    riskgan_status status = rg_table_reserve(table, table->rows + 1);
    size_t r = table->rows;
    int keep = keeps_row(filter, pass->index);
    if (pass->row_index && keep)
        pass->row_index[r] = pass->index;
    pass->index++;
    for (size_t j = 0; j < count && status == RISKGAN_OK; j++)
        status = read_field(pass, j, &fields[j], at, r, keep);
    if (status == RISKGAN_OK && keep && filter && filter->record_positions)
        status = record_position(pass, r, at);
    if (status == RISKGAN_OK && keep)
        table->rows++;
    if (status == RISKGAN_OK && pass->row_index && table->rows > 2 * filter->sample_rows)
        status = thin_sample(pass);
    if (status == RISKGAN_OK && filter && filter->block_rows && table->rows == filter->block_rows)
        status = flush_block(pass);
    return status;
}

/* Integer or continuous, and the decimals written, from what the numbers looked like. */
static void settle_number_formats(riskgan_table *table, const rg_column_inference *inference)
{
    for (size_t j = 0; j < table->columns; j++) {
        rg_column *column = &table->column[j];
        const rg_column_inference *info = &inference[j];
        if (column->type == RISKGAN_COLUMN_CATEGORICAL)
            continue;
        int whole = info->integral && !info->scientific && column->missing < table->rows &&
                    info->forced != RG_FORCED_CONTINUOUS;
        column->type = whole ? RISKGAN_COLUMN_INTEGER : RISKGAN_COLUMN_CONTINUOUS;
        column->decimals = info->scientific ? -1 : info->max_decimals;
        if (info->declared_decimals > column->decimals && !info->scientific)
            column->decimals = info->declared_decimals;
        if (!whole && !info->scientific && column->decimals == 0)
            column->decimals = 2;
    }
}

/* Prepares the table and the inference for a pass (marks on the first pass only). */
static riskgan_status start_pass(pass_state *pass, const riskgan_table *schema, rg_column_inference **inference_io)
{
    riskgan_table *table = pass->table;
    table->delimiter = pass->source->delimiter;
    table->decimal_mark = pass->source->decimal_mark;
    riskgan_status status = RISKGAN_OK;
    if (!*inference_io) {
        if (!(*inference_io = rg_calloc(table->columns, sizeof **inference_io)))
            return RISKGAN_ERR_NO_MEMORY;
        status = rg_mark_columns(pass->source, pass->options, schema, table, *inference_io);
    }
    rg_column_inference *inference = pass->inference = *inference_io;
    for (size_t j = 0; j < table->columns && status == RISKGAN_OK; j++) {
        inference[j].integral = 1;
        inference[j].max_decimals = 0;
        inference[j].scientific = 0;
        if (inference[j].forced == RG_FORCED_CATEGORICAL)
            table->column[j].type = RISKGAN_COLUMN_CATEGORICAL;
    }
    if (status == RISKGAN_OK)
        status = rg_table_reserve(table, 1024);
    if (status == RISKGAN_OK && pass->filter && pass->filter->sample_rows) {
        pass->filter->sample_level = 0;
        if (!(pass->row_index = rg_calloc(2 * pass->filter->sample_rows + 1, sizeof *pass->row_index)))
            status = RISKGAN_ERR_NO_MEMORY;
    }
    return status;
}

/* Reads every record of one pass; sets *needs_second_pass when a column switched type. */
static riskgan_status read_pass(const rg_row_source *source, const riskgan_read_options *options,
                                const riskgan_table *schema, const rg_token_list *missing,
                                rg_column_inference **inference_io, rg_row_filter *filter, riskgan_table **out,
                                int *needs_second_pass)
{
    *out = NULL;
    rg_row_cursor *cursor;
    riskgan_status status = source->ops->open(source->state, &cursor);
    if (status != RISKGAN_OK)
        return status;
    pass_state pass = {.source = source, .options = options, .missing = missing, .filter = filter};
    status = read_header(source, cursor, &pass.table);
    if (status == RISKGAN_OK)
        status = start_pass(&pass, schema, inference_io);
    const rg_field *fields;
    size_t count;
    while (status == RISKGAN_OK && (status = source->ops->next(cursor, &fields, &count)) == RISKGAN_OK && count)
        status = read_record(&pass, fields, count, source->ops->position(cursor));
    int blocks = filter && filter->block_rows;
    if (status == RISKGAN_OK && blocks && pass.table->rows)
        status = flush_block(&pass);
    free(pass.row_index);
    if (filter)
        filter->total_rows = pass.index;
    source->ops->close(cursor);
    if (status == RISKGAN_OK && pass.table->rows == 0 && !(blocks && pass.handed))
        status = rg_fail(RISKGAN_ERR_PARSE, "%s: the %s has a header but no data rows%s", source->name, source->kind,
                         pass.table->dropped_rows ? " left after dropping rows with missing values" : "");
    if (status != RISKGAN_OK) {
        free(pass.positions);
        riskgan_table_free(pass.table);
        return status;
    }
    settle_number_formats(pass.table, pass.inference);
    if (filter && filter->record_positions) {
        free(filter->positions);
        filter->positions = pass.positions;
        pass.positions = NULL;
    }
    *needs_second_pass = pass.needs_second_pass;
    *out = pass.table;
    return RISKGAN_OK;
}

/* Roles and date columns after the last pass: declared ones applied, others recognized. */
static riskgan_status settle_roles(riskgan_table *table, const rg_column_inference *inference,
                                   const riskgan_read_options *options, const riskgan_table *schema)
{
    unsigned char *named_categorical = rg_calloc(table->columns, 1);
    if (!named_categorical)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; status == RISKGAN_OK && j < table->columns; j++) {
        table->column[j].role = inference[j].role;
        named_categorical[j] = inference[j].forced == RG_FORCED_CATEGORICAL && !inference[j].switched;
        if (inference[j].datetime_declared)
            status = rg_apply_datetime(table, j, &inference[j].datetime);
    }
    if (status == RISKGAN_OK && options->detect_roles && !schema)
        rg_detect_roles(table, named_categorical);
    free(named_categorical);
    return status;
}

/* Keeps the schema's number formatting on the columns both have. */
static void keep_schema_formats(riskgan_table *table, const riskgan_table *schema)
{
    for (size_t k = 0; k < schema->columns; k++) {
        long j = riskgan_table_find_column(table, schema->column[k].name);
        if (j < 0)
            continue; /* an identifier column the source omits */
        rg_column *column = &table->column[j];
        if (schema->column[k].type != RISKGAN_COLUMN_CATEGORICAL && column->type != RISKGAN_COLUMN_CATEGORICAL) {
            column->type = schema->column[k].type;
            column->decimals = schema->column[k].decimals;
        }
    }
}

riskgan_status rg_table_build(const rg_row_source *source, const riskgan_read_options *options,
                              const riskgan_table *schema, rg_row_filter *filter, riskgan_table **out)
{
    *out = NULL;
    riskgan_read_options defaults;
    if (!options) {
        riskgan_read_options_init(&defaults);
        options = &defaults;
    }
    rg_token_list missing;
    riskgan_status status = rg_token_list_parse(source->nulls_only ? NULL : options->missing_tokens, &missing);
    rg_column_inference *inference = NULL;
    int again = 0;
    if (status == RISKGAN_OK)
        status = read_pass(source, options, schema, &missing, &inference, filter, out, &again);
    if (status == RISKGAN_OK && again) {
        riskgan_table_free(*out);
        status = read_pass(source, options, schema, &missing, &inference, filter, out, &again);
    }
    if (status == RISKGAN_OK)
        status = settle_roles(*out, inference, options, schema);
    if (status == RISKGAN_OK && schema)
        keep_schema_formats(*out, schema);
    if (status != RISKGAN_OK) {
        riskgan_table_free(*out);
        *out = NULL;
    }
    free(inference);
    rg_token_list_free(&missing);
    return status;
}
