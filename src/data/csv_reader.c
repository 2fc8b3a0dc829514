/* csv_reader.c — chunked RFC 4180 state machine.
 *
 * The reader keeps a window [pos, end) of unparsed bytes. A record is parsed
 * from pos; if the window ends before the record does and more input exists,
 * the partial record is moved to the front of the buffer, the buffer is
 * refilled (grown when one record is larger than it) and the record is parsed
 * again. Unquoted fields point into the buffer; quoted fields are unescaped
 * into a scratch area so that "" becomes ". */
#include "csv_reader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"

enum { INITIAL_BUFFER = 1 << 20 };

typedef struct {
    size_t offset; /* into buffer or scratch */
    size_t length;
    int quoted;
} field_span;

struct rg_csv_reader {
    char *name;
    FILE *stream;           /* NULL when reading from memory */
    char *buffer;           /* owned when stream != NULL */
    size_t capacity, pos, end;
    int at_eof;
    size_t line;            /* line of the byte at pos */
    size_t record_line;
    size_t bytes_before_buffer;
    char *scratch;
    size_t scratch_capacity, scratch_used;
    field_span *spans;
    rg_csv_field *fields;
    size_t field_capacity;
    char delimiter;         /* ',' unless set */
};

static riskgan_status reader_new(const char *name, rg_csv_reader **out)
{
    rg_csv_reader *reader = rg_calloc(1, sizeof *reader);
    if (!reader)
        return RISKGAN_ERR_NO_MEMORY;
    reader->name = rg_strdup(name);
    reader->line = 1;
    reader->delimiter = ',';
    reader->scratch_capacity = 4096;
    reader->scratch = rg_calloc(reader->scratch_capacity, 1);
    if (!reader->name || !reader->scratch) {
        free(reader->name);
        free(reader->scratch);
        free(reader);
        return RISKGAN_ERR_NO_MEMORY;
    }
    *out = reader;
    return RISKGAN_OK;
}

riskgan_status rg_csv_open_file(const char *path, rg_csv_reader **out)
{
    *out = NULL;
    FILE *stream = fopen(path, "rb");
    if (!stream)
        return rg_fail(RISKGAN_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    return rg_csv_open_stream(stream, path, out);
}

riskgan_status rg_csv_open_stream(FILE *stream, const char *name, rg_csv_reader **out)
{
    *out = NULL;
    rg_csv_reader *reader;
    riskgan_status status = reader_new(name, &reader);
    if (status != RISKGAN_OK) {
        fclose(stream);
        return status;
    }
    reader->stream = stream;
    reader->capacity = INITIAL_BUFFER;
    reader->buffer = rg_calloc(reader->capacity, 1);
    if (!reader->buffer) {
        rg_csv_close(reader);
        return RISKGAN_ERR_NO_MEMORY;
    }
    *out = reader;
    return RISKGAN_OK;
}

riskgan_status rg_csv_open_memory(const char *data, size_t length, const char *name,
                                  rg_csv_reader **out)
{
    rg_csv_reader *reader;
    riskgan_status status = reader_new(name, &reader);
    if (status != RISKGAN_OK)
        return status;
    reader->buffer = (char *)data;
    reader->capacity = reader->end = length;
    reader->at_eof = 1;
    *out = reader;
    return RISKGAN_OK;
}

void rg_csv_close(rg_csv_reader *reader)
{
    if (!reader)
        return;
    if (reader->stream) {
        fclose(reader->stream);
        free(reader->buffer);
    }
    free(reader->name);
    free(reader->scratch);
    free(reader->spans);
    free(reader->fields);
    free(reader);
}

size_t rg_csv_record_line(const rg_csv_reader *reader) { return reader->record_line; }
const char *rg_csv_name(const rg_csv_reader *reader) { return reader->name; }
size_t rg_csv_bytes_read(const rg_csv_reader *reader)
{
    return reader->bytes_before_buffer + reader->pos;
}

/* Moves unparsed bytes to the front and reads more. Returns 0 when nothing more
 * could be read (end of input). */
static riskgan_status refill(rg_csv_reader *reader, int *got_more)
{
    *got_more = 0;
    if (reader->at_eof)
        return RISKGAN_OK;
    size_t remaining = reader->end - reader->pos;
    if (reader->pos > 0) {
        memmove(reader->buffer, reader->buffer + reader->pos, remaining);
        reader->bytes_before_buffer += reader->pos;
        reader->pos = 0;
        reader->end = remaining;
    }
    if (reader->end == reader->capacity) {
        char *grown = rg_realloc_array(reader->buffer, reader->capacity * 2, 1);
        if (!grown)
            return RISKGAN_ERR_NO_MEMORY;
        reader->buffer = grown;
        reader->capacity *= 2;
    }
    size_t got = fread(reader->buffer + reader->end, 1, reader->capacity - reader->end, reader->stream);
    if (got == 0) {
        if (ferror(reader->stream))
            return rg_fail(RISKGAN_ERR_IO, "%s: read error: %s", reader->name, strerror(errno));
        reader->at_eof = 1;
        return RISKGAN_OK;
    }
    reader->end += got;
    *got_more = 1;
    return RISKGAN_OK;
}

static int add_span(rg_csv_reader *reader, size_t count, field_span span)
{
    if (count >= reader->field_capacity) {
        size_t capacity = reader->field_capacity ? reader->field_capacity * 2 : 64;
        field_span *spans = rg_realloc_array(reader->spans, capacity, sizeof *spans);
        if (!spans)
            return 0;
        reader->spans = spans;
        rg_csv_field *fields = rg_realloc_array(reader->fields, capacity, sizeof *fields);
        if (!fields)
            return 0;
        reader->fields = fields;
        reader->field_capacity = capacity;
    }
    reader->spans[count] = span;
    return 1;
}

static int scratch_push(rg_csv_reader *reader, const char *bytes, size_t length)
{
    if (reader->scratch_used + length > reader->scratch_capacity) {
        size_t capacity = reader->scratch_capacity ? reader->scratch_capacity : 4096;
        while (capacity < reader->scratch_used + length)
            capacity *= 2;
        char *grown = rg_realloc_array(reader->scratch, capacity, 1);
        if (!grown)
            return 0;
        reader->scratch = grown;
        reader->scratch_capacity = capacity;
    }
    memcpy(reader->scratch + reader->scratch_used, bytes, length);
    reader->scratch_used += length;
    return 1;
}

enum parse_result { PARSED, NEED_MORE, FAILED };

/* Parses one record starting at reader->pos. On PARSED, advances pos and line. */
static enum parse_result parse_record(rg_csv_reader *reader, size_t *count_out, riskgan_status *status)
{
    const char *buffer = reader->buffer;
    size_t p = reader->pos, end = reader->end, line = reader->line, count = 0;
    int final = reader->at_eof;
    const char delimiter = reader->delimiter;
    reader->scratch_used = 0;
    for (;;) {
        field_span span = {0, 0, 0};
        if (p < end && buffer[p] == '"') {
            size_t opening_line = line;
            span.quoted = 1;
            span.offset = reader->scratch_used;
            p++;
            for (;;) {
                size_t run = p;
                while (p < end && buffer[p] != '"') {
                    if (buffer[p] == '\n')
                        line++;
                    p++;
                }
                if (!scratch_push(reader, buffer + run, p - run))
                    return *status = RISKGAN_ERR_NO_MEMORY, FAILED;
                if (p >= end) {
                    if (!final)
                        return NEED_MORE;
                    *status = rg_fail(RISKGAN_ERR_PARSE,
                                      "%s: line %zu, column %zu: unterminated quoted field "
                                      "(the quote opened here is never closed)",
                                      reader->name, opening_line, count + 1);
                    return FAILED;
                }
                if (p + 1 >= end && !final)
                    return NEED_MORE; /* cannot tell "" from a closing quote yet */
                if (p + 1 < end && buffer[p + 1] == '"') {
                    if (!scratch_push(reader, "\"", 1))
                        return *status = RISKGAN_ERR_NO_MEMORY, FAILED;
                    p += 2;
                    continue;
                }
                p++; /* closing quote */
                break;
            }
            span.length = reader->scratch_used - span.offset;
            if (p < end && buffer[p] != delimiter && buffer[p] != '\n' && buffer[p] != '\r') {
                *status = rg_fail(RISKGAN_ERR_PARSE,
                                  "%s: line %zu, column %zu: unexpected character '%c' after "
                                  "a closing quote (quotes inside a quoted field must be doubled)",
                                  reader->name, line, count + 1, buffer[p]);
                return FAILED;
            }
        } else {
            span.offset = p;
            while (p < end && buffer[p] != delimiter && buffer[p] != '\n' && buffer[p] != '\r')
                p++;
            span.length = p - span.offset;
        }
        if (!add_span(reader, count, span))
            return *status = RISKGAN_ERR_NO_MEMORY, FAILED;
        count++;
        if (p >= end) {
            if (!final)
                return NEED_MORE;
            break;
        }
        if (buffer[p] == delimiter) {
            p++;
            continue;
        }
        /* end of line: \n, \r\n or a lone \r */
        if (buffer[p] == '\r') {
            if (p + 1 >= end && !final)
                return NEED_MORE;
            p++;
            if (p < end && buffer[p] == '\n')
                p++;
        } else {
            p++;
        }
        line++;
        break;
    }
    reader->pos = p;
    reader->line = line;
    *count_out = count;
    return PARSED;
}

riskgan_status rg_csv_next(rg_csv_reader *reader, const rg_csv_field **fields, size_t *count)
{
    *count = 0;
    *fields = NULL;
    for (;;) {
        if (reader->pos >= reader->end) {
            int got_more;
            riskgan_status status = refill(reader, &got_more);
            if (status != RISKGAN_OK)
                return status;
            if (!got_more)
                return RISKGAN_OK;
        }
        if (rg_csv_bytes_read(reader) == 0 && reader->end - reader->pos < 3 && !reader->at_eof) {
            int got_more;
            riskgan_status status = refill(reader, &got_more);
            if (status != RISKGAN_OK)
                return status;
            continue;
        }
        if (rg_csv_bytes_read(reader) == 0 && reader->end >= 3 &&
            memcmp(reader->buffer, "\xEF\xBB\xBF", 3) == 0) {
            reader->pos = 3;
            continue; /* the mark may be all there is */
        }
        /* skip completely empty lines */
        char c = reader->buffer[reader->pos];
        if (c == '\n' || c == '\r') {
            if (c == '\r' && reader->pos + 1 >= reader->end && !reader->at_eof) {
                int got_more;
                riskgan_status status = refill(reader, &got_more);
                if (status != RISKGAN_OK)
                    return status;
                continue;
            }
            reader->pos++;
            if (c == '\r' && reader->pos < reader->end && reader->buffer[reader->pos] == '\n')
                reader->pos++;
            reader->line++;
            continue;
        }
        size_t record_line = reader->line, parsed = 0;
        riskgan_status status = RISKGAN_OK;
        enum parse_result result = parse_record(reader, &parsed, &status);
        if (result == FAILED)
            return status;
        if (result == NEED_MORE) {
            int got_more;
            status = refill(reader, &got_more);
            if (status != RISKGAN_OK)
                return status;
            continue; /* parse again with more bytes, or as final */
        }
        reader->record_line = record_line;
        for (size_t i = 0; i < parsed; i++) {
            field_span span = reader->spans[i];
            reader->fields[i].text = (span.quoted ? reader->scratch : reader->buffer) + span.offset;
            reader->fields[i].length = span.length;
            reader->fields[i].quoted = span.quoted;
            reader->fields[i].null = 0;
        }
        *fields = reader->fields;
        *count = parsed;
        return RISKGAN_OK;
    }
}

void rg_csv_set_delimiter(rg_csv_reader *reader, char delimiter) { reader->delimiter = delimiter; }

char rg_csv_detect_delimiter(const char *data, size_t length)
{
    static const char candidates[] = {',', ';', '\t', '|'};
    enum { LINES = 20 };
    size_t counts[4][LINES] = {{0}};
    size_t lines = 0;
    int quoted = 0;
    size_t i = 0;
    if (length >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (; i < length && lines < LINES; i++) {
        char ch = data[i];
        if (ch == '"')
            quoted = !quoted;
        else if (!quoted && ch == '\n')
            lines++;
        else if (!quoted)
            for (int k = 0; k < 4; k++)
                counts[k][lines] += ch == candidates[k];
    }
    if (lines == 0)
        lines = 1; /* a single line without its newline */
    char best = ',';
    size_t best_count = 0;
    for (int k = 0; k < 4; k++) {
        size_t header = counts[k][0];
        int consistent = header > 0;
        for (size_t l = 1; l < lines && consistent; l++)
            consistent = counts[k][l] == header;
        if (consistent && header > best_count) {
            best = candidates[k];
            best_count = header;
        }
    }
    return best;
}
