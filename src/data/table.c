/* table.c — construction, growth and accessors of riskgan_table. */
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/compare.h"
#include "../core/memory.h"
#include "number_text.h"

riskgan_status rg_table_new(size_t columns, riskgan_table **out)
{
    *out = NULL;
    riskgan_table *table = rg_calloc(1, sizeof *table);
    if (!table)
        return RISKGAN_ERR_NO_MEMORY;
    table->columns = columns;
    table->delimiter = ',';
    table->decimal_mark = '.';
    table->column = rg_calloc(columns ? columns : 1, sizeof *table->column);
    if (!table->column) {
        free(table);
        return RISKGAN_ERR_NO_MEMORY;
    }
    *out = table;
    return RISKGAN_OK;
}

riskgan_status rg_table_set_column(riskgan_table *table, size_t index, const char *name,
                                   riskgan_column_type type)
{
    rg_column *column = &table->column[index];
    free(column->name);
    column->name = rg_strdup(name);
    if (!column->name)
        return RISKGAN_ERR_NO_MEMORY;
    column->type = type;
    rg_dictionary_init(&column->categories);
    return RISKGAN_OK;
}

riskgan_status rg_table_reserve(riskgan_table *table, size_t rows)
{
    if (rows <= table->capacity)
        return RISKGAN_OK;
    size_t capacity = table->capacity ? table->capacity : 1024;
    while (capacity < rows)
        capacity *= 2;
    for (size_t j = 0; j < table->columns; j++) {
        rg_column *column = &table->column[j];
        if (rg_column_is_numeric(column)) {
            double *grown = rg_realloc_array(column->numbers, capacity, sizeof *grown);
            if (!grown)
                return RISKGAN_ERR_NO_MEMORY;
            column->numbers = grown;
        } else {
            int32_t *grown = rg_realloc_array(column->codes, capacity, sizeof *grown);
            if (!grown)
                return RISKGAN_ERR_NO_MEMORY;
            column->codes = grown;
        }
    }
    table->capacity = capacity;
    return RISKGAN_OK;
}

riskgan_status rg_table_new_like(const riskgan_table *like, size_t capacity, riskgan_table **out)
{
    riskgan_table *table;
    riskgan_status status = rg_table_new(like->columns, &table);
    if (status != RISKGAN_OK)
        return status;
    for (size_t j = 0; j < like->columns && status == RISKGAN_OK; j++) {
        const rg_column *source = &like->column[j];
        status = rg_table_set_column(table, j, source->name, source->type);
        if (status != RISKGAN_OK)
            break;
        table->column[j].decimals = source->decimals;
        table->column[j].role = source->role;
        if (source->type == RISKGAN_COLUMN_DATETIME)
            rg_column_set_datetime(&table->column[j], &source->datetime);
        table->column[j].role_detected = source->role_detected;
        for (size_t c = 0; c < source->categories.count; c++) {
            const char *text = rg_dictionary_string(&source->categories, (int32_t)c);
            if (rg_dictionary_intern(&table->column[j].categories, text, strlen(text)) < 0)
                status = RISKGAN_ERR_NO_MEMORY;
        }
    }
    table->delimiter = like->delimiter;
    table->decimal_mark = like->decimal_mark;
    if (status == RISKGAN_OK)
        status = rg_table_reserve(table, capacity);
    if (status != RISKGAN_OK) {
        riskgan_table_free(table);
        return status;
    }
    *out = table;
    return RISKGAN_OK;
}

riskgan_status rg_table_convert_to_datetime(riskgan_table *table, size_t index, const rg_datetime_format *format)
{
    rg_column *column = &table->column[index];
    size_t levels = column->categories.count;
    double *seconds_of = rg_calloc(levels ? levels : 1, sizeof *seconds_of);
    double *numbers = rg_calloc(table->capacity ? table->capacity : 1, sizeof *numbers);
    if (!seconds_of || !numbers) {
        free(seconds_of);
        free(numbers);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t c = 0; c < levels; c++) {
        const char *text = rg_dictionary_string(&column->categories, (int32_t)c);
        if (!rg_datetime_parse(text, strlen(text), format, &seconds_of[c])) {
            char name[32];
            rg_datetime_format_name(format, name, sizeof name);
            free(seconds_of);
            free(numbers);
            return rg_fail(RISKGAN_ERR_PARSE, "column '%s': '%.40s' is not a date in the format %s", column->name,
                           text, name);
        }
    }
    for (size_t r = 0; r < table->rows; r++)
        numbers[r] = column->codes[r] < 0 ? NAN : seconds_of[column->codes[r]];
    free(seconds_of);
    free(column->codes);
    column->codes = NULL;
    rg_dictionary_free(&column->categories);
    column->numbers = numbers;
    rg_column_set_datetime(column, format);
    return RISKGAN_OK;
}

void rg_column_set_datetime(rg_column *column, const rg_datetime_format *format)
{
    column->type = RISKGAN_COLUMN_DATETIME;
    column->datetime = *format;
    column->decimals = 0;
    rg_datetime_format_name(format, column->datetime_name, sizeof column->datetime_name);
}

void riskgan_table_dialect(const riskgan_table *table, char *delimiter, char *decimal_mark)
{
    if (delimiter)
        *delimiter = table->delimiter;
    if (decimal_mark)
        *decimal_mark = table->decimal_mark;
}

riskgan_status riskgan_table_set_dialect(riskgan_table *table, char delimiter, char decimal_mark)
{
    if (!strchr(",;\t|", delimiter) || delimiter == '\0')
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the separator must be ',', ';', tab or '|'");
    if (decimal_mark != '.' && decimal_mark != ',')
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the decimal mark must be '.' or ','");
    if (decimal_mark == delimiter)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the decimal mark cannot be the separator");
    table->delimiter = delimiter;
    table->decimal_mark = decimal_mark;
    return RISKGAN_OK;
}

riskgan_status riskgan_table_drop_column(riskgan_table *table, size_t index)
{
    if (index >= table->columns)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column %zu out of range (%zu columns)", index, table->columns);
    rg_column *column = &table->column[index];
    free(column->name);
    free(column->numbers);
    free(column->codes);
    rg_dictionary_free(&column->categories);
    memmove(column, column + 1, (table->columns - index - 1) * sizeof *column);
    table->columns--;
    return RISKGAN_OK;
}

/* Appends one cell of `from` (row `row`) to `column` (row r); from NULL or of the other kind
 * (numbers against categories) makes it missing. */
static riskgan_status append_cell(rg_column *column, size_t r, const rg_column *from, size_t row)
{
    int numeric = rg_column_is_numeric(column);
    if (!from || rg_column_is_numeric(from) != numeric) {
        if (numeric)
            column->numbers[r] = NAN;
        else
            column->codes[r] = -1;
        column->missing++;
        return RISKGAN_OK;
    }
    if (numeric) {
        column->numbers[r] = from->numbers[row];
        column->missing += isnan(from->numbers[row]);
        return RISKGAN_OK;
    }
    int32_t code = from->codes[row];
    if (code >= 0) {
        const char *text = rg_dictionary_string(&from->categories, code);
        code = rg_dictionary_intern(&column->categories, text, strlen(text));
        if (code < 0)
            return RISKGAN_ERR_NO_MEMORY;
    } else {
        column->missing++;
    }
    column->codes[r] = code;
    return RISKGAN_OK;
}

riskgan_status rg_table_append_row(riskgan_table *table, const riskgan_table *source, size_t row)
{
    riskgan_status status = rg_table_reserve(table, table->rows + 1);
    for (size_t j = 0; j < table->columns && status == RISKGAN_OK; j++)
        status = append_cell(&table->column[j], table->rows, &source->column[j], row);
    if (status == RISKGAN_OK)
        table->rows++;
    return status;
}

riskgan_status rg_table_append_row_by_name(riskgan_table *table, const riskgan_table *source, size_t row)
{
    riskgan_status status = rg_table_reserve(table, table->rows + 1);
    for (size_t j = 0; j < table->columns && status == RISKGAN_OK; j++) {
        long from = riskgan_table_find_column(source, table->column[j].name);
        status = append_cell(&table->column[j], table->rows, from < 0 ? NULL : &source->column[from], row);
    }
    if (status == RISKGAN_OK)
        table->rows++;
    return status;
}

void riskgan_table_free(riskgan_table *table)
{
    if (!table)
        return;
    for (size_t j = 0; j < table->columns; j++) {
        free(table->column[j].name);
        free(table->column[j].numbers);
        free(table->column[j].codes);
        rg_dictionary_free(&table->column[j].categories);
    }
    free(table->column);
    free(table);
}

size_t riskgan_table_rows(const riskgan_table *table) { return table->rows; }
size_t riskgan_table_columns(const riskgan_table *table) { return table->columns; }
size_t riskgan_table_dropped_rows(const riskgan_table *table) { return table->dropped_rows; }

long riskgan_table_find_column(const riskgan_table *table, const char *name)
{
    for (size_t j = 0; j < table->columns; j++)
        if (table->column[j].name && strcmp(table->column[j].name, name) == 0)
            return (long)j;
    return -1;
}

double riskgan_table_number(const riskgan_table *table, size_t row, size_t column)
{
    const rg_column *c = &table->column[column];
    return rg_column_is_numeric(c) ? c->numbers[row] : NAN;
}

const char *riskgan_table_category(const riskgan_table *table, size_t row, size_t column)
{
    const rg_column *c = &table->column[column];
    if (rg_column_is_numeric(c) || c->codes[row] < 0)
        return NULL;
    return rg_dictionary_string(&c->categories, c->codes[row]);
}

riskgan_status riskgan_table_column_summary(const riskgan_table *table, size_t index,
                                            riskgan_column_summary *out)
{
    if (index >= table->columns)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column %zu out of range (%zu columns)",
                       index, table->columns);
    const rg_column *column = &table->column[index];
    memset(out, 0, sizeof *out);
    out->name = column->name;
    out->type = column->type;
    out->missing = column->missing;
    out->decimals = column->decimals;
    out->role = column->role;
    out->role_detected = column->role_detected;
    if (column->type == RISKGAN_COLUMN_DATETIME)
        out->datetime_format = column->datetime_name;
    if (!rg_column_is_numeric(column)) {
        out->distinct = column->categories.count;
        out->minimum = out->maximum = out->mean = NAN;
        return RISKGAN_OK;
    }
    /* distinct values up to a cap, counted in a small open-addressing set */
    double minimum = INFINITY, maximum = -INFINITY, sum = 0;
    size_t present = 0, distinct = 0;
    enum { DISTINCT_CAP = 1000, SLOTS = 2048 };
    uint64_t slot_bits[SLOTS];
    unsigned char used[SLOTS] = {0};
    int capped = 0;
    for (size_t r = 0; r < table->rows; r++) {
        double v = column->numbers[r];
        if (isnan(v))
            continue;
        present++;
        sum += v;
        if (v < minimum)
            minimum = v;
        if (v > maximum)
            maximum = v;
        if (capped)
            continue;
        double normalized = v == 0 ? 0.0 : v; /* -0 and 0 are one value */
        uint64_t bits;
        memcpy(&bits, &normalized, sizeof bits);
        size_t i = (size_t)((bits * 0x9E3779B97F4A7C15ULL) >> 53) & (SLOTS - 1);
        while (used[i] && slot_bits[i] != bits)
            i = (i + 1) & (SLOTS - 1);
        if (!used[i]) {
            if (distinct == DISTINCT_CAP) {
                capped = 1;
                continue;
            }
            used[i] = 1;
            slot_bits[i] = bits;
            distinct++;
        }
    }
    out->distinct = distinct;
    out->distinct_capped = capped;
    out->minimum = present ? minimum : NAN;
    out->maximum = present ? maximum : NAN;
    out->mean = present ? sum / (double)present : NAN;
    return RISKGAN_OK;
}

size_t riskgan_table_top_categories(const riskgan_table *table, size_t index, size_t k,
                                    const char **names, size_t *counts)
{
    if (index >= table->columns || rg_column_is_numeric(&table->column[index]))
        return 0;
    const rg_column *column = &table->column[index];
    size_t levels = column->categories.count;
    size_t *frequency = rg_calloc(levels, sizeof *frequency);
    if (!frequency)
        return 0;
    for (size_t r = 0; r < table->rows; r++)
        if (column->codes[r] >= 0)
            frequency[column->codes[r]]++;
    size_t written = 0;
    for (; written < k && written < levels; written++) {
        size_t best = 0;
        for (size_t c = 1; c < levels; c++)
            if (frequency[c] > frequency[best])
                best = c;
        if (frequency[best] == 0)
            break;
        names[written] = rg_dictionary_string(&column->categories, (int32_t)best);
        counts[written] = frequency[best];
        frequency[best] = 0;
    }
    free(frequency);
    return written;
}

riskgan_status riskgan_table_check_target(const riskgan_table *table, const char *name)
{
    long index = riskgan_table_find_column(table, name);
    if (index < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "target column '%s' is not in the table", name);
    riskgan_column_summary summary;
    riskgan_status status = riskgan_table_column_summary(table, (size_t)index, &summary);
    if (status != RISKGAN_OK)
        return status;
    if (summary.type == RISKGAN_COLUMN_CONTINUOUS || summary.distinct_capped || summary.distinct > 50)
        return rg_fail(RISKGAN_ERR_SCHEMA,
                       "target column '%s' has %s%zu distinct values: a risk target must be a "
                       "class label (name it with --discrete if it is one)",
                       name, summary.distinct_capped ? "over " : "", summary.distinct);
    if (summary.distinct < 2)
        return rg_fail(RISKGAN_ERR_SCHEMA,
                       "target column '%s' holds a single class%s: nothing to learn", name,
                       summary.distinct ? "" : " (all values missing)");
    if (summary.missing * 2 > table->rows)
        return rg_fail(RISKGAN_ERR_SCHEMA, "target column '%s' is missing in %zu of %zu rows", name,
                       summary.missing, table->rows);
    return RISKGAN_OK;
}

double *rg_column_sorted_values(const rg_column *column, size_t rows, size_t *present, size_t *distinct)
{
    double *values = malloc((rows ? rows : 1) * sizeof *values);
    if (!values)
        return NULL;
    size_t n = 0;
    for (size_t r = 0; r < rows; r++)
        if (!isnan(column->numbers[r]))
            values[n++] = column->numbers[r];
    qsort(values, n, sizeof *values, rg_compare_doubles);
    *present = n;
    if (distinct) {
        size_t d = 0;
        for (size_t i = 0; i < n; i++)
            d += i == 0 || values[i] != values[i - 1];
        *distinct = d;
    }
    return values;
}

double rg_round_like_column(riskgan_column_type type, int decimals, const rg_datetime_format *datetime, double value)
{
    if (isnan(value))
        return value;
    if (type == RISKGAN_COLUMN_DATETIME) {
        double resolution = rg_datetime_resolution(datetime);
        return nearbyint(value / resolution) * resolution;
    }
    return rg_round_to_format(value, type == RISKGAN_COLUMN_INTEGER ? 0 : decimals);
}
