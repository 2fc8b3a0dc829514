/* table_writer.c — riskgan_table -> CSV, in the dialect and formatting the table was read
 * with: every number reads back as the same double, dates in their column's format. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Rows [first, end) as CSV lines. */
static void write_row_range(const riskgan_table *table, FILE *stream, const unsigned char *skip, size_t first,
                            size_t end)
{
    const char delimiter = table->delimiter ? table->delimiter : ',';
    char number[64];
    for (size_t r = first; r < end; r++) {
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

/* Large tables are formatted in parts on the OpenMP threads, each into memory, and written in
 * order: the same bytes as one thread writes. */
void rg_table_write_rows(const riskgan_table *table, FILE *stream, const unsigned char *skip)
{
    enum { PARALLEL_ROWS = 8192 };
    int parts = omp_get_max_threads();
    char **texts = table->rows >= PARALLEL_ROWS && parts > 1 ? calloc((size_t)parts, sizeof *texts) : NULL;
    size_t *lengths = texts ? calloc((size_t)parts, sizeof *lengths) : NULL;
    if (!lengths) {
        free(texts);
        write_row_range(table, stream, skip, 0, table->rows);
        return;
    }
    int failed = 0;
#pragma omp parallel for reduction(| : failed)
    for (int p = 0; p < parts; p++) {
        FILE *part = open_memstream(&texts[p], &lengths[p]);
        if (!part) {
            failed = 1;
            continue;
        }
        write_row_range(table, part, skip, table->rows * (size_t)p / (size_t)parts,
                        table->rows * (size_t)(p + 1) / (size_t)parts);
        failed |= fclose(part) != 0;
    }
    if (failed) /* out of memory: one thread, straight to the stream */
        write_row_range(table, stream, skip, 0, table->rows);
    for (int p = 0; p < parts; p++) {
        if (!failed)
            fwrite(texts[p], 1, lengths[p], stream);
        free(texts[p]);
    }
    free(texts);
    free(lengths);
}
