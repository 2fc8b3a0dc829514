/* table_writer.c — riskgan_table -> CSV, in the dialect and formatting the table was read
 * with: every number reads back as the same double, dates in their column's format. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "number_text.h"
#include "table.h"
#include "table_writer.h"

void rg_csv_write_text(FILE *stream, const char *text, char delimiter)
{
    char specials[] = {delimiter, '"', '\r', '\n', '\0'};
    if (strpbrk(text, specials) == NULL && text[0] != ' ' && text[0] != '\0') {
        fputs(text, stream);
        return;
    }
    fputc('"', stream);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', stream);
        fputc(*p, stream);
    }
    fputc('"', stream);
}

/* A numeric cell as text; the length written. */
static int format_cell(const riskgan_table *table, const rg_column *column, double value, char *out, size_t size)
{
    if (column->type == RISKGAN_COLUMN_DATETIME)
        return rg_datetime_render(out, size, value, &column->datetime);
    return rg_format_number_with(out, size, value, column->type == RISKGAN_COLUMN_INTEGER ? 0 : column->decimals,
                                 table->decimal_mark ? table->decimal_mark : '.');
}

void riskgan_table_format_value(const riskgan_table *table, size_t column, double value, char *out, size_t size)
{
    char text[64];
    if (size == 0)
        return;
    if (column >= table->columns || isnan(value))
        text[0] = '\0';
    else
        format_cell(table, &table->column[column], value, text, sizeof text);
    snprintf(out, size, "%s", text);
}

void rg_table_write_header(const riskgan_table *table, FILE *stream, const unsigned char *skip)
{
    const char delimiter = table->delimiter ? table->delimiter : ',';
    int first = 1;
    for (size_t j = 0; j < table->columns; j++) {
        if (skip && skip[j])
            continue;
        if (!first)
            fputc(delimiter, stream);
        first = 0;
        rg_csv_write_text(stream, table->column[j].name, delimiter);
    }
    fputc('\n', stream);
}

void rg_table_write_rows(const riskgan_table *table, FILE *stream, const unsigned char *skip)
{
    const char delimiter = table->delimiter ? table->delimiter : ',';
    char number[64];
    for (size_t r = 0; r < table->rows; r++) {
        int first = 1;
        for (size_t j = 0; j < table->columns; j++) {
            const rg_column *column = &table->column[j];
            if (skip && skip[j])
                continue;
            if (!first)
                fputc(delimiter, stream);
            first = 0;
            if (rg_column_is_numeric(column)) {
                double value = column->numbers[r];
                if (isnan(value))
                    continue;
                int length = format_cell(table, column, value, number, sizeof number);
                if ((length > 0 && memchr(number, delimiter, (size_t)length)))
                    rg_csv_write_text(stream, number, delimiter);
                else
                    fwrite(number, 1, (size_t)length, stream);
            } else if (column->codes[r] >= 0) {
                rg_csv_write_text(stream, rg_dictionary_string(&column->categories, column->codes[r]), delimiter);
            }
        }
        fputc('\n', stream);
    }
}
