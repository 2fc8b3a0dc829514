/* csv_source.c — a CSV file, or standard input held in memory, read as a row source. */
#include "csv_source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/framed_file.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "csv_reader.h"

typedef struct {
    char *path;
    char *data; /* standard input, or NULL */
    size_t length;
    char delimiter;
} csv_state;

static riskgan_status open_pass(void *state, rg_row_cursor **out)
{
    csv_state *csv = state;
    rg_csv_reader *reader;
    riskgan_status status = csv->data ? rg_csv_open_memory(csv->data, csv->length, "standard input", &reader)
                                      : rg_csv_open_file(csv->path, &reader);
    if (status != RISKGAN_OK)
        return status;
    rg_csv_set_delimiter(reader, csv->delimiter);
    *out = (rg_row_cursor *)reader;
    return RISKGAN_OK;
}

static riskgan_status next_record(rg_row_cursor *cursor, const rg_field **fields, size_t *count)
{
    return rg_csv_next((rg_csv_reader *)cursor, fields, count);
}

static size_t record_line(const rg_row_cursor *cursor)
{
    return rg_csv_record_line((const rg_csv_reader *)cursor);
}

static void close_pass(rg_row_cursor *cursor)
{
    rg_csv_close((rg_csv_reader *)cursor);
}

static const rg_row_source_ops csv_ops = {open_pass, next_record, record_line, close_pass};

/* A decimal comma: digits, one comma, digits, in a field of a file not separated by commas. */
static char detect_decimal_mark(const char *sample, size_t length, char delimiter)
{
    if (delimiter == ',')
        return '.';
    for (size_t i = 1; i + 1 < length; i++)
        if (sample[i] == ',' && sample[i - 1] >= '0' && sample[i - 1] <= '9' && sample[i + 1] >= '0' &&
            sample[i + 1] <= '9')
            return ',';
    return '.';
}

/* Detects the separator (and the decimal comma that goes with ';') from the first 64 kB. */
static riskgan_status detect_dialect(const csv_state *csv, char *delimiter, char *decimal_mark)
{
    if (*delimiter && *decimal_mark)
        return RISKGAN_OK;
    char sample[1 << 16];
    size_t length;
    if (csv->data) {
        length = csv->length < sizeof sample ? csv->length : sizeof sample;
        memcpy(sample, csv->data, length);
    } else {
        FILE *stream = fopen(csv->path, "rb");
        if (!stream)
            return rg_fail(RISKGAN_ERR_IO, "%s: cannot open: %s", csv->path, strerror(errno));
        length = fread(sample, 1, sizeof sample, stream);
        fclose(stream);
    }
    if (!*delimiter)
        *delimiter = rg_csv_detect_delimiter(sample, length);
    if (!*decimal_mark)
        *decimal_mark = detect_decimal_mark(sample, length, *delimiter);
    if (*decimal_mark == *delimiter)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the decimal mark cannot be the field separator");
    return RISKGAN_OK;
}

riskgan_status rg_csv_source_open(const char *path, const riskgan_read_options *options, rg_row_source *source)
{
    memset(source, 0, sizeof *source);
    csv_state *csv = rg_calloc(1, sizeof *csv);
    int standard_input = strcmp(path, "-") == 0;
    if (!csv || !(csv->path = rg_strdup(standard_input ? "standard input" : path))) {
        free(csv);
        return RISKGAN_ERR_NO_MEMORY;
    }
    *source = (rg_row_source){.ops = &csv_ops, .state = csv, .name = csv->path, .position_word = "line",
                              .kind = "file", .empty_is_missing = 1, .delimiter = options->delimiter,
                              .decimal_mark = options->decimal_mark, .release = rg_csv_source_close};
    riskgan_status status = RISKGAN_OK;
    if (standard_input) {
        status = rg_read_stream(stdin, "standard input", (unsigned char **)&csv->data, &csv->length);
        if (status == RISKGAN_OK && csv->length == 0)
            status = rg_fail(RISKGAN_ERR_PARSE, "standard input: the input is empty (a header row is required)");
    }
    if (status == RISKGAN_OK)
        status = detect_dialect(csv, &source->delimiter, &source->decimal_mark);
    csv->delimiter = source->delimiter;
    if (status != RISKGAN_OK)
        rg_csv_source_close(source);
    return status;
}

void rg_csv_source_close(rg_row_source *source)
{
    csv_state *csv = source->state;
    if (csv) {
        free(csv->path);
        free(csv->data);
        free(csv);
    }
    memset(source, 0, sizeof *source);
}
