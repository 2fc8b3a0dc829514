/* table_writer.c — riskgan_table -> CSV, in the formatting the table was read with. */
#include <math.h>
#include <string.h>

#include "../core/atomic_file.h"
#include "number_text.h"
#include "table.h"

static void write_text(FILE *stream, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL && text[0] != ' ' && text[0] != '\0') {
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

riskgan_status riskgan_table_write_csv(const riskgan_table *table, const char *path)
{
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    FILE *stream = file.stream;
    for (size_t j = 0; j < table->columns; j++) {
        if (j)
            fputc(',', stream);
        write_text(stream, table->column[j].name);
    }
    fputc('\n', stream);
    char number[64];
    for (size_t r = 0; r < table->rows; r++) {
        for (size_t j = 0; j < table->columns; j++) {
            const rg_column *column = &table->column[j];
            if (j)
                fputc(',', stream);
            if (rg_column_is_numeric(column)) {
                double value = column->numbers[r];
                if (isnan(value))
                    continue;
                int decimals = column->type == RISKGAN_COLUMN_INTEGER ? 0 : column->decimals;
                int length = rg_format_number(number, sizeof number, value, decimals);
                fwrite(number, 1, (size_t)length, stream);
            } else if (column->codes[r] >= 0) {
                write_text(stream, rg_dictionary_string(&column->categories, column->codes[r]));
            }
        }
        fputc('\n', stream);
    }
    return rg_atomic_commit(&file);
}
