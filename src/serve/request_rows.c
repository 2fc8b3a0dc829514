/* request_rows.c — JSON and CSV request bodies to rows of text fields in a model's column
 * order (request_rows.h). JSON numbers become their shortest exact text, so that a number
 * sent over HTTP is the double a CSV file holding the same digits gives. */
#include "request_rows.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/c_locale.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../data/csv_reader.h"
#include "../data/number_text.h"
#include "../data/table.h"

enum { HTTP_BAD_REQUEST = 400, HTTP_TOO_LARGE = 413, HTTP_UNPROCESSABLE = 422, NO_TEXT = -1 };

riskgan_status rg_request_schema_init(rg_request_schema *schema, const riskgan_table *table)
{
    memset(schema, 0, sizeof *schema);
    rg_dictionary_init(&schema->lookup);
    schema->columns = table->columns;
    schema->name = rg_calloc(table->columns + 1, sizeof *schema->name);
    schema->kind = rg_calloc(table->columns + 1, sizeof *schema->kind);
    if (!schema->name || !schema->kind)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < table->columns; j++) {
        const rg_column *c = &table->column[j];
        schema->kind[j] = c->type == RISKGAN_COLUMN_CATEGORICAL ? RG_FIELD_TEXT
                          : c->type == RISKGAN_COLUMN_DATETIME  ? RG_FIELD_DATE
                                                                : RG_FIELD_NUMBER;
        if (!(schema->name[j] = rg_strdup(c->name)) ||
            rg_dictionary_intern(&schema->lookup, c->name, strlen(c->name)) != (int32_t)j)
            return RISKGAN_ERR_NO_MEMORY;
    }
    return RISKGAN_OK;
}

void rg_request_schema_free(rg_request_schema *schema)
{
    for (size_t j = 0; schema->name && j < schema->columns; j++)
        free(schema->name[j]);
    free(schema->name);
    free(schema->kind);
    rg_dictionary_free(&schema->lookup);
    memset(schema, 0, sizeof *schema);
}

/* Rows as they are decoded: texts by offset into the arena (the arena moves as it grows). */
typedef struct {
    rg_request_rows *rows;
    long *offset, *id_offset;   /* rows x columns, rows; NO_TEXT: missing / no id */
    size_t *length;
    size_t capacity;            /* rows room */
} builder;

static long keep_text(builder *b, const char *text, size_t length)
{
    rg_request_rows *r = b->rows;
    if (r->used + length + 1 > r->capacity) {
        size_t capacity = (r->used + length + 1) * 2;
        char *grown = realloc(r->arena, capacity);
        if (!grown)
            return NO_TEXT - 1;
        r->arena = grown, r->capacity = capacity;
    }
    memcpy(r->arena + r->used, text, length);
    r->arena[r->used + length] = 0;
    long at = (long)r->used;
    r->used += length + 1;
    return at;
}

/* A new row, every field not yet seen (NO_TEXT - 2 marks "not given"). */
static int add_row(builder *b)
{
    rg_request_rows *r = b->rows;
    if (r->rows == b->capacity) {
        size_t capacity = b->capacity ? b->capacity * 2 : 4, columns = r->columns ? r->columns : 1;
        long *offset = realloc(b->offset, capacity * columns * sizeof *offset);
        if (offset)
            b->offset = offset;
        size_t *length = realloc(b->length, capacity * columns * sizeof *length);
        if (length)
            b->length = length;
        long *id = realloc(b->id_offset, capacity * sizeof *id);
        if (id)
            b->id_offset = id;
        if (!offset || !length || !id)
            return 0;
        b->capacity = capacity;
    }
    for (size_t j = 0; j < r->columns; j++)
        b->offset[r->rows * r->columns + j] = NO_TEXT - 2;
    b->id_offset[r->rows] = NO_TEXT;
    r->rows++;
    return 1;
}

/* Points the fields and ids into the arena once it no longer moves. */
static int finish_rows(builder *b)
{
    rg_request_rows *r = b->rows;
    size_t cells = r->rows * r->columns;
    r->field = rg_calloc(cells + 1, sizeof *r->field);
    r->id = rg_calloc(r->rows + 1, sizeof *r->id);
    if (!r->field || !r->id)
        return 0;
    for (size_t i = 0; i < cells; i++)
        r->field[i] = b->offset[i] >= 0 ? (rg_field){r->arena + b->offset[i], b->length[i], 0, 0}
                                        : (rg_field){"", 0, 0, 1};
    for (size_t i = 0; i < r->rows; i++)
        r->id[i] = b->id_offset[i] >= 0 ? r->arena + b->id_offset[i] : NULL;
    return 1;
}

static const double exact_integers = 9007199254740992.0; /* 2^53 */

/* Field `column` of the last row from a JSON value; 0 or an HTTP status. */
static int take_value(builder *b, const rg_request_schema *s, size_t column, const cJSON *item, size_t record)
{
    const char *name = s->name[column];
    size_t cell = (b->rows->rows - 1) * s->columns + column;
    if (b->offset[cell] != NO_TEXT - 2)
        return rg_fail(RISKGAN_ERR_SCHEMA, "record %zu: field '%s' is given twice", record, name), HTTP_UNPROCESSABLE;
    char number[64];
    const char *text;
    if (cJSON_IsNull(item)) {
        b->offset[cell] = NO_TEXT;
        return 0;
    } else if (cJSON_IsString(item)) {
        text = item->valuestring;
    } else if (cJSON_IsNumber(item)) {
        if (!isfinite(item->valuedouble))
            return rg_fail(RISKGAN_ERR_SCHEMA, "record %zu: field '%s' is a number too large for a double", record,
                           name), HTTP_UNPROCESSABLE;
        if (s->kind[column] == RG_FIELD_DATE)
            return rg_fail(RISKGAN_ERR_SCHEMA, "record %zu: field '%s' is a date: send it as a string", record,
                           name), HTTP_UNPROCESSABLE;
        if (s->kind[column] == RG_FIELD_TEXT && fabs(item->valuedouble) >= exact_integers)
            return rg_fail(RISKGAN_ERR_SCHEMA, "record %zu: field '%s' is a category: send numbers beyond 2^53 as "
                           "strings (JSON numbers lose their digits)", record, name), HTTP_UNPROCESSABLE;
        double value = item->valuedouble; /* shortest exact text; whole numbers without printf */
        rg_format_number(number, sizeof number, value, value == trunc(value) && fabs(value) < exact_integers ? 0 : -1);
        text = number;
    } else {
        return rg_fail(RISKGAN_ERR_SCHEMA, "record %zu: field '%s' must be a number, a string or null, not %s", record,
                       name, cJSON_IsBool(item) ? "true/false" : cJSON_IsArray(item) ? "an array" : "an object"),
               HTTP_UNPROCESSABLE;
    }
    size_t length = strlen(text);
    long at = keep_text(b, text, length);
    if (at < 0)
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), 500;
    b->offset[cell] = at, b->length[cell] = length;
    return 0;
}

/* The passthrough id of the last row: a string, or a number that JSON holds exactly. */
static int take_id(builder *b, const cJSON *item, size_t record, const char *id_field)
{
    if (!cJSON_IsString(item) && !cJSON_IsNumber(item))
        return rg_fail(RISKGAN_ERR_SCHEMA, "record %zu: '%s' (the passthrough id) must be a string or a number",
                       record, id_field), HTTP_UNPROCESSABLE;
    if (cJSON_IsNumber(item) && !(fabs(item->valuedouble) < exact_integers))
        return rg_fail(RISKGAN_ERR_SCHEMA, "record %zu: '%s' beyond 2^53 would lose digits: send it as a string",
                       record, id_field), HTTP_UNPROCESSABLE;
    char *text = cJSON_PrintUnformatted(item);
    long at = text ? keep_text(b, text, strlen(text)) : NO_TEXT - 1;
    cJSON_free(text);
    if (at < 0)
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), 500;
    b->id_offset[b->rows->rows - 1] = at;
    return 0;
}

/* One JSON record (an object) as the next row. */
static int take_record(builder *b, const rg_request_schema *s, const rg_request_limits *limits, const cJSON *record,
                       size_t number)
{
    if (!cJSON_IsObject(record))
        return rg_fail(RISKGAN_ERR_SCHEMA, "record %zu is not an object keyed by column", number), HTTP_UNPROCESSABLE;
    if (!add_row(b))
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), 500;
    for (const cJSON *item = record->child; item; item = item->next) {
        const char *key = item->string ? item->string : "";
        int status;
        if (limits->id_field && strcmp(key, limits->id_field) == 0)
            status = take_id(b, item, number, limits->id_field);
        else {
            int32_t column = rg_dictionary_find(&s->lookup, key, strlen(key));
            if (column < 0)
                return rg_fail(RISKGAN_ERR_SCHEMA, "record %zu: unknown field '%s' (GET /v1/models lists the "
                               "model's columns)", number, key), HTTP_UNPROCESSABLE;
            status = take_value(b, s, (size_t)column, item, number);
        }
        if (status)
            return status;
    }
    for (size_t j = 0; j < s->columns; j++)
        if (b->offset[(b->rows->rows - 1) * s->columns + j] == NO_TEXT - 2)
            return rg_fail(RISKGAN_ERR_SCHEMA, "record %zu: field '%s' is missing (null gives a missing value)",
                           number, s->name[j]), HTTP_UNPROCESSABLE;
    return 0;
}

static int decode_json(builder *b, const rg_request_schema *s, const rg_request_limits *limits, const char *body,
                       size_t length)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(body, length, &end, 0);
    if (!root) {
        size_t at = end && end >= body ? (size_t)(end - body) : 0;
        return rg_fail(RISKGAN_ERR_PARSE, "the body is not valid JSON (at byte %zu)", at), HTTP_BAD_REQUEST;
    }
    int status = 0;
    if (cJSON_IsArray(root)) {
        size_t count = (size_t)cJSON_GetArraySize(root), number = 1;
        if (count == 0)
            status = (rg_fail(RISKGAN_ERR_SCHEMA, "the array holds no records"), HTTP_UNPROCESSABLE);
        else if (count > limits->max_records)
            status = (rg_fail(RISKGAN_ERR_SCHEMA, "%zu records in one request; the limit is %zu", count,
                              limits->max_records), HTTP_TOO_LARGE);
        for (const cJSON *record = root->child; record && !status; record = record->next)
            status = take_record(b, s, limits, record, number++);
    } else if (cJSON_IsObject(root)) {
        b->rows->single = 1;
        status = take_record(b, s, limits, root, 1);
    } else {
        status = (rg_fail(RISKGAN_ERR_SCHEMA, "the body must be a record (an object) or an array of records"),
                  HTTP_UNPROCESSABLE);
    }
    cJSON_Delete(root);
    return status;
}

/* The CSV header: each column's place in the schema (-1: the id; -2 never happens). */
static int map_header(const rg_request_schema *s, const rg_request_limits *limits, const rg_field *fields,
                      size_t count, long *place)
{
    unsigned char *seen = rg_calloc(s->columns + 1, 1);
    if (!seen)
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), 500;
    int status = 0;
    for (size_t i = 0; i < count && !status; i++) {
        int32_t column = rg_dictionary_find(&s->lookup, fields[i].text, fields[i].length);
        if (limits->id_field && fields[i].length == strlen(limits->id_field) &&
            memcmp(fields[i].text, limits->id_field, fields[i].length) == 0)
            place[i] = -1;
        else if (column < 0)
            status = (rg_fail(RISKGAN_ERR_SCHEMA, "CSV header: unknown column '%.*s'", (int)fields[i].length,
                              fields[i].text), HTTP_UNPROCESSABLE);
        else if (seen[column]++)
            status = (rg_fail(RISKGAN_ERR_SCHEMA, "CSV header: column '%s' is given twice", s->name[column]),
                      HTTP_UNPROCESSABLE);
        else
            place[i] = column;
    }
    for (size_t j = 0; j < s->columns && !status; j++)
        if (!seen[j])
            status = (rg_fail(RISKGAN_ERR_SCHEMA, "CSV header: column '%s' is missing", s->name[j]),
                      HTTP_UNPROCESSABLE);
    free(seen);
    return status;
}

/* One CSV record as the next row (an empty field is a missing value, as in files). */
static int take_csv_record(builder *b, const rg_field *fields, size_t count, const long *place, size_t header,
                           size_t line)
{
    if (count != header)
        return rg_fail(RISKGAN_ERR_PARSE, "CSV line %zu: %zu fields, the header has %zu", line, count, header),
               HTTP_BAD_REQUEST;
    if (!add_row(b))
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), 500;
    size_t row = b->rows->rows - 1;
    for (size_t i = 0; i < count; i++) {
        long at = fields[i].length || place[i] < 0 ? keep_text(b, fields[i].text, fields[i].length) : NO_TEXT;
        if (at < NO_TEXT)
            return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), 500;
        if (place[i] < 0) {
            b->id_offset[row] = at;
        } else {
            b->offset[row * b->rows->columns + (size_t)place[i]] = at;
            b->length[row * b->rows->columns + (size_t)place[i]] = fields[i].length;
        }
    }
    return 0;
}

static int decode_csv(builder *b, const rg_request_schema *s, const rg_request_limits *limits, const char *body,
                      size_t length)
{
    rg_csv_reader *reader;
    if (rg_csv_open_memory(body, length, "the CSV body", &reader) != RISKGAN_OK)
        return HTTP_BAD_REQUEST;
    const rg_field *fields;
    size_t count, header = 0;
    long *place = NULL;
    int status = rg_csv_next(reader, &fields, &count) != RISKGAN_OK ? HTTP_BAD_REQUEST : 0;
    if (!status && count == 0)
        status = (rg_fail(RISKGAN_ERR_PARSE, "the CSV body is empty (a header row is required)"), HTTP_BAD_REQUEST);
    if (!status && !(place = rg_calloc(count, sizeof *place)))
        status = (rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), 500);
    if (!status && !(status = map_header(s, limits, fields, count, place)))
        header = count;
    while (!status) {
        if (rg_csv_next(reader, &fields, &count) != RISKGAN_OK)
            status = HTTP_BAD_REQUEST;
        else if (count == 0)
            break;
        else if (b->rows->rows == limits->max_records)
            status = (rg_fail(RISKGAN_ERR_SCHEMA, "more than %zu records in one request", limits->max_records),
                      HTTP_TOO_LARGE);
        else
            status = take_csv_record(b, fields, count, place, header, rg_csv_record_line(reader));
    }
    if (!status && b->rows->rows == 0)
        status = (rg_fail(RISKGAN_ERR_SCHEMA, "the CSV body holds no records"), HTTP_UNPROCESSABLE);
    free(place);
    rg_csv_close(reader);
    return status;
}

int rg_request_rows_decode(const rg_request_schema *schema, const rg_request_limits *limits, const char *body,
                           size_t length, int csv, rg_request_rows *rows)
{
    memset(rows, 0, sizeof *rows);
    rows->columns = schema->columns;
    builder b = {rows, NULL, NULL, NULL, 0};
    locale_t previous = rg_use_c_locale(); /* numbers with '.', whatever the host's locale */
    int status = csv ? decode_csv(&b, schema, limits, body, length) : decode_json(&b, schema, limits, body, length);
    uselocale(previous);
    if (!status && !finish_rows(&b))
        status = (rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), 500);
    free(b.offset), free(b.length), free(b.id_offset);
    if (status)
        rg_request_rows_free(rows);
    return status;
}

void rg_request_rows_free(rg_request_rows *rows)
{
    free(rows->field);
    free(rows->id);
    free(rows->arena);
    memset(rows, 0, sizeof *rows);
}
