/* postgres_sink.c — a new PostgreSQL table written in one transaction: CREATE TABLE from the
 * first chunk's columns, the rows streamed with COPY FROM STDIN as CSV, COMMIT at the end or
 * ROLLBACK on any failure (so an interrupted write leaves no table). */
#include "postgres_sink.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/text.h"
#include "datetime.h"
#include "number_text.h"
#include "postgres_connection.h"
#include "sql_types.h"
#include "table.h"

typedef struct {
    rg_table_sink base;
    PGconn *conn;
    char *name, *quoted; /* for messages; the table as a quoted name */
    char *constraints;
    int copying;
} postgres_sink;

static void release(postgres_sink *s)
{
    PQfinish(s->conn);
    free(s->name), free(s->quoted), free(s->constraints), free(s);
}

static void sink_abort(rg_table_sink *sink)
{
    postgres_sink *s = (postgres_sink *)sink;
    if (s->copying)
        PQputCopyEnd(s->conn, "riskgan: write abandoned");
    PGresult *result;
    while (s->conn && (result = PQgetResult(s->conn)) != NULL)
        PQclear(result);
    if (s->conn)
        PQclear(PQexec(s->conn, "ROLLBACK"));
    release(s);
}

static riskgan_status end_copy(postgres_sink *s)
{
    s->copying = 0;
    if (PQputCopyEnd(s->conn, NULL) != 1)
        return rg_fail(RISKGAN_ERR_IO, "%s: %s", s->name, PQerrorMessage(s->conn));
    riskgan_status status = RISKGAN_OK;
    PGresult *result;
    while ((result = PQgetResult(s->conn)) != NULL) {
        if (status == RISKGAN_OK)
            status = rg_postgres_check(s->conn, result, PGRES_COMMAND_OK, s->name, 0);
        PQclear(result);
    }
    return status;
}

static riskgan_status sink_commit(rg_table_sink *sink)
{
    postgres_sink *s = (postgres_sink *)sink;
    riskgan_status status = s->copying ? end_copy(s)
                                       : rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: no rows to write", s->name);
    if (status == RISKGAN_OK)
        status = rg_postgres_command(s->conn, "COMMIT", s->name);
    if (status != RISKGAN_OK) {
        sink_abort(sink);
        return status;
    }
    release(s);
    return RISKGAN_OK;
}

enum { SLICE_ROWS = 8192 }; /* rows sent per COPY message: memory stays bounded */

typedef struct {
    const postgres_sink *sink;
    const riskgan_table *chunk;
    const unsigned char *skip;
    size_t first, end; /* the rows of this slice */
} chunk_input;

static void write_quoted(FILE *f, const char *text)
{
    fputc('"', f);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

static void write_create(FILE *f, const void *object)
{
    const chunk_input *in = object;
    char type[64];
    fprintf(f, "CREATE TABLE %s", in->sink->quoted);
    for (size_t j = 0, n = 0; j < in->chunk->columns; j++) {
        if (in->skip && in->skip[j])
            continue;
        const char *name = in->chunk->column[j].name;
        char *quoted = rg_calloc(2 * strlen(name) + 3, 1);
        if (!quoted)
            return;
        rg_sql_quote_name(name, quoted, 2 * strlen(name) + 3);
        rg_sql_column_type(&in->chunk->column[j], 1, type, sizeof type);
        fprintf(f, "%s%s %s", n++ ? ", " : " (", quoted, type);
        free(quoted);
    }
    if (in->sink->constraints)
        fprintf(f, ", %s", in->sink->constraints);
    fputc(')', f);
}

/* One cell in PostgreSQL's CSV: NULL as nothing, text always quoted, numbers with '.', ISO dates. */
static void write_cell(FILE *f, const rg_column *column, size_t row)
{
    char text[64];
    if (!rg_column_is_numeric(column)) {
        if (column->codes[row] >= 0)
            write_quoted(f, rg_dictionary_string(&column->categories, column->codes[row]));
        return;
    }
    double value = column->numbers[row];
    if (isnan(value))
        return;
    if (column->type == RISKGAN_COLUMN_DATETIME) {
        rg_datetime_format iso = {0};
        rg_datetime_format_from_name(column->datetime.time ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd", &iso);
        rg_datetime_render(text, sizeof text, value, &iso);
    } else {
        rg_format_number(text, sizeof text, value, column->type == RISKGAN_COLUMN_INTEGER ? 0 : column->decimals);
    }
    fputs(text, f);
}

static void write_rows(FILE *f, const void *object)
{
    const chunk_input *in = object;
    for (size_t r = in->first; r < in->end; r++) {
        for (size_t j = 0, n = 0; j < in->chunk->columns; j++) {
            if (in->skip && in->skip[j])
                continue;
            if (n++)
                fputc(',', f);
            write_cell(f, &in->chunk->column[j], r);
        }
        fputc('\n', f);
    }
}

static riskgan_status start_copy(postgres_sink *s, const chunk_input *in)
{
    char *create = rg_text_build(write_create, in);
    if (!create)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_postgres_command(s->conn, create, s->name);
    free(create);
    size_t size = strlen(s->quoted) + 64;
    char *copy = rg_calloc(size, 1);
    if (status == RISKGAN_OK && !copy)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        snprintf(copy, size, "COPY %s FROM STDIN WITH (FORMAT csv)", s->quoted);
        PGresult *result = PQexec(s->conn, copy);
        status = rg_postgres_check(s->conn, result, PGRES_COPY_IN, s->name, 0);
        PQclear(result);
    }
    free(copy);
    s->copying = status == RISKGAN_OK;
    return status;
}

static riskgan_status sink_write(rg_table_sink *sink, const riskgan_table *chunk, const unsigned char *skip)
{
    postgres_sink *s = (postgres_sink *)sink;
    chunk_input in = {s, chunk, skip, 0, 0};
    riskgan_status status = s->copying ? RISKGAN_OK : start_copy(s, &in);
    for (size_t first = 0; status == RISKGAN_OK && first < chunk->rows; first += SLICE_ROWS) {
        in.first = first, in.end = chunk->rows - first < SLICE_ROWS ? chunk->rows : first + SLICE_ROWS;
        char *rows = rg_text_build(write_rows, &in);
        if (!rows)
            status = RISKGAN_ERR_NO_MEMORY;
        else if (PQputCopyData(s->conn, rows, (int)strlen(rows)) != 1)
            status = rg_fail(RISKGAN_ERR_IO, "%s: %s", s->name, PQerrorMessage(s->conn));
        free(rows);
    }
    return status;
}

static const rg_table_sink_ops postgres_ops = {sink_write, sink_commit, sink_abort};

/* In the open transaction: refuses an existing table, or drops it with replace. */
static riskgan_status make_room(postgres_sink *s, int replace)
{
    const char *values[1] = {s->quoted};
    PGresult *result = PQexecParams(s->conn, "SELECT to_regclass($1) IS NOT NULL", 1, NULL, values, NULL, NULL, 0);
    riskgan_status status = rg_postgres_check(s->conn, result, PGRES_TUPLES_OK, s->name, 0);
    int exists = status == RISKGAN_OK && PQgetvalue(result, 0, 0)[0] == 't';
    PQclear(result);
    if (status != RISKGAN_OK || !exists)
        return status;
    if (!replace)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s already exists (--replace drops it)", s->name);
    size_t size = strlen(s->quoted) + 16;
    char *drop = rg_calloc(size, 1);
    if (!drop)
        return RISKGAN_ERR_NO_MEMORY;
    snprintf(drop, size, "DROP TABLE %s", s->quoted);
    status = rg_postgres_command(s->conn, drop, s->name);
    free(drop);
    return status;
}

riskgan_status rg_postgres_sink_open(const rg_location *location, const rg_sink_options *options,
                                     rg_table_sink **out)
{
    *out = NULL;
    postgres_sink *s = rg_calloc(1, sizeof *s);
    if (!s)
        return RISKGAN_ERR_NO_MEMORY;
    s->base.ops = &postgres_ops;
    riskgan_status status = rg_postgres_name(location, NULL, &s->name);
    if (status == RISKGAN_OK && options->constraints && !(s->constraints = rg_strdup(options->constraints)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK && !location->table)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: name the table to write (?table=schema.NAME)", s->name);
    if (status == RISKGAN_OK) {
        size_t size = 2 * strlen(location->table) + 8;
        if (!(s->quoted = rg_calloc(size, 1)))
            status = RISKGAN_ERR_NO_MEMORY;
        else
            rg_sql_quote_qualified(location->table, s->quoted, size);
    }
    if (status == RISKGAN_OK)
        status = rg_postgres_connect(location, s->name, &s->conn);
    if (status == RISKGAN_OK)
        status = rg_postgres_command(s->conn, "BEGIN", s->name);
    if (status == RISKGAN_OK)
        status = make_room(s, options->replace);
    if (status != RISKGAN_OK) {
        sink_abort(&s->base);
        return status;
    }
    *out = &s->base;
    return RISKGAN_OK;
}
