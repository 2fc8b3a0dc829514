/* sample_stream.c — a sample pulled chunk by chunk and formatted into a memory buffer. */
#include "sample_stream.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/c_locale.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../data/datetime.h"
#include "../data/number_text.h"
#include "../data/table.h"
#include "../data/table_writer.h"
#include "../models/sampling.h"
#include "json_text.h"

enum { HTTP_BAD_REQUEST = 400, HTTP_INTERNAL = 500 };

struct rg_sample_stream {
    rg_served_model *model;
    size_t rows, next_chunk, handed_out;
    uint64_t seed;
    riskgan_condition where;
    char *where_text;        /* "column=value", split in two */
    int json_lines, failed;
    char *text;              /* the current chunk, formatted */
    size_t length, position;
};

/* A cell as JSON: numbers as numbers (with '.'), dates and categories as strings, null. */
static void write_json_cell(FILE *f, const rg_column *c, size_t r)
{
    char text[64];
    if (!rg_column_is_numeric(c)) {
        if (c->codes[r] < 0)
            fputs("null", f);
        else
            rg_json_write_string(f, rg_dictionary_string(&c->categories, c->codes[r]));
    } else if (!isfinite(c->numbers[r])) {
        fputs("null", f);
    } else if (c->type == RISKGAN_COLUMN_DATETIME) {
        rg_datetime_render(text, sizeof text, c->numbers[r], &c->datetime);
        rg_json_write_string(f, text);
    } else {
        rg_format_number_with(text, sizeof text, c->numbers[r], c->type == RISKGAN_COLUMN_INTEGER ? 0 : c->decimals,
                              '.');
        fputs(text, f);
    }
}

static void write_json_lines(FILE *f, const riskgan_table *t)
{
    for (size_t r = 0; r < t->rows; r++) {
        for (size_t j = 0; j < t->columns; j++) {
            fputs(j ? "," : "{", f);
            rg_json_write_string(f, t->column[j].name);
            fputc(':', f);
            write_json_cell(f, &t->column[j], r);
        }
        fputs("}\n", f);
    }
}

/* Draws the next chunk and formats it (the CSV header before the first). */
static riskgan_status next_chunk(rg_sample_stream *s)
{
    riskgan_table *chunk;
    riskgan_status status = rg_sample_chunk(s->model->synthesizer, s->rows, s->seed,
                                            s->where_text ? &s->where : NULL, s->next_chunk, &chunk);
    if (status != RISKGAN_OK)
        return status;
    free(s->text);
    s->text = NULL, s->length = s->position = 0;
    FILE *f = open_memstream(&s->text, &s->length);
    if (!f) {
        riskgan_table_free(chunk);
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory");
    }
    locale_t previous = rg_use_c_locale();
    if (s->json_lines)
        write_json_lines(f, chunk);
    else {
        if (s->next_chunk == 0)
            rg_table_write_header(chunk, f, NULL);
        rg_table_write_rows(chunk, f, NULL);
    }
    uselocale(previous);
    int failed = fclose(f) != 0;
    s->handed_out += chunk->rows;
    s->next_chunk++;
    riskgan_table_free(chunk);
    return failed ? rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory") : RISKGAN_OK;
}

/* Splits "column=value" (the value may hold '='). */
static int parse_where(rg_sample_stream *s, const char *where)
{
    if (!where)
        return 0;
    char *equals = strchr(where, '=');
    if (!equals || equals == where)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "where=%s: write column=value", where), HTTP_BAD_REQUEST;
    if (!(s->where_text = rg_strdup(where)))
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), HTTP_INTERNAL;
    s->where_text[equals - where] = 0;
    s->where = (riskgan_condition){s->where_text, s->where_text + (equals - where) + 1};
    return 0;
}

int rg_sample_stream_open(rg_served_model *model, size_t rows, uint64_t seed, const char *where, int json_lines,
                          rg_sample_stream **out)
{
    *out = NULL;
    rg_sample_stream *s = rg_calloc(1, sizeof *s);
    if (!s) {
        rg_served_model_release(model);
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), HTTP_INTERNAL;
    }
    *s = (rg_sample_stream){.model = model, .rows = rows, .seed = seed, .json_lines = json_lines};
    int status = parse_where(s, where);
    if (!status) {
        riskgan_status drawn = next_chunk(s);
        status = drawn == RISKGAN_OK ? 0 : drawn == RISKGAN_ERR_NO_MEMORY ? HTTP_INTERNAL : HTTP_BAD_REQUEST;
    }
    if (status) {
        rg_sample_stream_close(s);
        return status;
    }
    *out = s;
    return 0;
}

long rg_sample_stream_read(rg_sample_stream *s, char *out, size_t size)
{
    if (s->failed)
        return -1;
    if (s->position == s->length && s->next_chunk * RG_SAMPLE_CHUNK < s->rows && next_chunk(s) != RISKGAN_OK) {
        s->failed = 1;
        return -1;
    }
    size_t n = s->length - s->position < size ? s->length - s->position : size;
    memcpy(out, s->text + s->position, n);
    s->position += n;
    return (long)n;
}

size_t rg_sample_stream_rows(const rg_sample_stream *s)
{
    return s->handed_out;
}

void rg_sample_stream_close(rg_sample_stream *s)
{
    if (!s)
        return;
    rg_served_model_release(s->model);
    free(s->where_text);
    free(s->text);
    free(s);
}
