/* postgres_source.c — rows of a PostgreSQL table or query: the result's types from a LIMIT 0
 * run, the rows from COPY ... TO STDOUT (CSV, text always quoted, NULL as an unquoted \N)
 * spooled once into an unlinked temporary file (memory stays bounded whatever the table's
 * size; every pass of the table builder reads the same snapshot) and parsed by the CSV reader. */
#include "postgres_source.h"

#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "csv_reader.h"
#include "postgres_connection.h"
#include "sql_types.h"

typedef struct {
    PGconn *conn;
    char *sql, *name;
    int spool;  /* the COPY output: an unlinked temporary file (-1: none yet) */
    size_t columns;
    rg_column_hint *hints;
    char **formats;
    char *quote_list; /* FORCE_QUOTE's columns: the text ones, quoted names, or NULL */
} postgres_state;

struct rg_row_cursor {
    rg_csv_reader *reader;
    size_t row;
    rg_field *fields; /* the reader's fields with \N made null */
    size_t capacity;
};

static riskgan_status open_pass(void *state, rg_row_cursor **out)
{
    postgres_state *s = state;
    rg_row_cursor *cursor = rg_calloc(1, sizeof *cursor);
    if (!cursor || !(cursor->fields = rg_calloc(s->columns + 1, sizeof *cursor->fields))) {
        free(cursor);
        return RISKGAN_ERR_NO_MEMORY;
    }
    cursor->capacity = s->columns;
    int fd = dup(s->spool);
    FILE *stream = fd >= 0 && lseek(fd, 0, SEEK_SET) == 0 ? fdopen(fd, "rb") : NULL;
    riskgan_status status = stream ? rg_csv_open_stream(stream, s->name, &cursor->reader)
                                   : rg_fail(RISKGAN_ERR_IO, "%s: cannot read the spooled rows: %s", s->name,
                                             strerror(errno));
    if (!stream && fd >= 0)
        close(fd);
    if (status != RISKGAN_OK) {
        free(cursor->fields), free(cursor);
        return status;
    }
    *out = cursor;
    return RISKGAN_OK;
}

static riskgan_status next_record(rg_row_cursor *cursor, const rg_field **fields, size_t *count)
{
    const rg_field *read;
    riskgan_status status = rg_csv_next(cursor->reader, &read, count);
    if (status != RISKGAN_OK || *count == 0)
        return status;
    if (*count > cursor->capacity)
        return rg_fail(RISKGAN_ERR_PARSE, "row %zu of the COPY output has %zu fields, not %zu", cursor->row, *count,
                       cursor->capacity);
    for (size_t j = 0; j < *count; j++) {
        cursor->fields[j] = read[j];
        cursor->fields[j].null = !read[j].quoted && read[j].length == 2 && memcmp(read[j].text, "\\N", 2) == 0;
        cursor->fields[j].quoted = 0;
    }
    cursor->row++;
    *fields = cursor->fields;
    return RISKGAN_OK;
}

static size_t record_row(const rg_row_cursor *cursor)
{
    return cursor->row - 1; /* the header is row 0 */
}

static void close_pass(rg_row_cursor *cursor)
{
    rg_csv_close(cursor->reader);
    free(cursor->fields), free(cursor);
}

static const rg_row_source_ops postgres_ops = {open_pass, next_record, record_row, close_pass};

static void release(rg_row_source *source)
{
    postgres_state *s = source->state;
    if (s) {
        for (size_t j = 0; s->formats && j < s->columns; j++)
            free(s->formats[j]);
        free(s->formats), free(s->hints), free(s->sql), free(s->name), free(s->quote_list);
        if (s->spool >= 0)
            close(s->spool);
        PQfinish(s->conn);
        free(s);
    }
    memset(source, 0, sizeof *source);
}

/* The column's type from its OID and type modifier. */
static void type_of(Oid oid, int modifier, rg_sql_type *out)
{
    *out = (rg_sql_type){RG_SQL_UNKNOWN, -1};
    switch (oid) {
    case 20: case 21: case 23: out->kind = RG_SQL_INTEGER; break;
    case 700: case 701: out->kind = RG_SQL_FLOAT; break;
    case 1700: out->kind = RG_SQL_DECIMAL, out->scale = modifier >= 4 ? (modifier - 4) & 0xffff : -1; break;
    case 16: out->kind = RG_SQL_BOOLEAN; break;
    case 25: case 1042: case 1043: case 19: out->kind = RG_SQL_TEXT; break;
    case 1082: out->kind = RG_SQL_DATE; break;
    case 1114: out->kind = RG_SQL_TIMESTAMP; break;
    case 1184: out->kind = RG_SQL_TIMESTAMP_TZ; break;
    default: out->kind = RG_SQL_TEXT; /* uuid, json, intervals...: their text, exactly */
    }
}

static int is_primary_key(PGconn *conn, Oid table, int column)
{
    if (table == InvalidOid || column <= 0)
        return 0;
    char table_text[32], column_text[32];
    snprintf(table_text, sizeof table_text, "%u", table);
    snprintf(column_text, sizeof column_text, "%d", column);
    const char *values[2] = {table_text, column_text};
    PGresult *result = PQexecParams(conn, "SELECT 1 FROM pg_index WHERE indrelid = $1::oid AND indisprimary "
                                          "AND $2::int2 = ANY(indkey)", 2, NULL, values, NULL, NULL, 0);
    int primary = PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0;
    PQclear(result);
    return primary;
}

/* Text columns are quoted in the COPY output, so that '' (quoted) and NULL (\N) stay apart;
 * numbers and dates need no quotes (and parse faster without). */
static riskgan_status add_quoted(postgres_state *s, const char *name)
{
    size_t used = s->quote_list ? strlen(s->quote_list) : 0, size = used + 2 * strlen(name) + 8;
    char *list = realloc(s->quote_list, size);
    if (!list)
        return RISKGAN_ERR_NO_MEMORY;
    s->quote_list = list;
    if (used)
        strcpy(list + used, ", "), used += 2;
    rg_sql_quote_name(name, list + used, size - used);
    return RISKGAN_OK;
}

static riskgan_status read_hints(postgres_state *s)
{
    size_t size = strlen(s->sql) + 64;
    char *probe = rg_calloc(size, 1);
    if (!probe)
        return RISKGAN_ERR_NO_MEMORY;
    snprintf(probe, size, "SELECT * FROM (%s) AS riskgan_query LIMIT 0", s->sql);
    PGresult *result = PQexec(s->conn, probe);
    free(probe);
    riskgan_status status = rg_postgres_check(s->conn, result, PGRES_TUPLES_OK, s->name, strlen("SELECT * FROM ("));
    s->columns = status == RISKGAN_OK ? (size_t)PQnfields(result) : 0;
    if (status == RISKGAN_OK && (!(s->hints = rg_calloc(s->columns + 1, sizeof *s->hints)) ||
                                 !(s->formats = rg_calloc(s->columns + 1, sizeof *s->formats))))
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; status == RISKGAN_OK && j < s->columns; j++) {
        rg_sql_type type;
        type_of(PQftype(result, (int)j), PQfmod(result, (int)j), &type);
        status = rg_sql_type_hint(&type, &s->hints[j], &s->formats[j]);
        s->hints[j].identifier = is_primary_key(s->conn, PQftable(result, (int)j), PQftablecol(result, (int)j));
        if (status == RISKGAN_OK && s->hints[j].categorical)
            status = add_quoted(s, PQfname(result, (int)j));
    }
    PQclear(result);
    if (status == RISKGAN_OK && s->columns == 0)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "%s returns no columns", s->name);
    return status;
}

/* An unlinked temporary file in $TMPDIR (else /tmp) for the COPY output. */
static riskgan_status open_spool(postgres_state *s)
{
    const char *directory = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/riskgan-copy.XXXXXX", directory && *directory ? directory : "/tmp");
    s->spool = mkstemp(path);
    if (s->spool < 0)
        return rg_fail(RISKGAN_ERR_IO, "%s: cannot create a temporary file in %s for the rows: %s", s->name,
                       directory && *directory ? directory : "/tmp", strerror(errno));
    unlink(path);
    return RISKGAN_OK;
}

static riskgan_status spool_write(postgres_state *s, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t written = write(s->spool, data, length);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return rg_fail(RISKGAN_ERR_IO, "%s: cannot spool the rows to a temporary file: %s", s->name,
                           strerror(errno));
        data += written, length -= (size_t)written;
    }
    return RISKGAN_OK;
}

/* The COPY output, whole, into the spool file. */
static riskgan_status copy_rows(postgres_state *s)
{
    size_t size = strlen(s->sql) + (s->quote_list ? strlen(s->quote_list) : 0) + 128;
    char *copy = rg_calloc(size, 1);
    if (!copy)
        return RISKGAN_ERR_NO_MEMORY;
    snprintf(copy, size, "COPY (%s) TO STDOUT WITH (FORMAT csv, HEADER true%s%s%s, NULL '\\N')", s->sql,
             s->quote_list ? ", FORCE_QUOTE (" : "", s->quote_list ? s->quote_list : "", s->quote_list ? ")" : "");
    PGresult *result = PQexec(s->conn, copy);
    free(copy);
    riskgan_status status = rg_postgres_check(s->conn, result, PGRES_COPY_OUT, s->name, strlen("COPY ("));
    PQclear(result);
    if (status == RISKGAN_OK)
        status = open_spool(s);
    char *buffer;
    int got;
    while (status == RISKGAN_OK && (got = PQgetCopyData(s->conn, &buffer, 0)) > 0) {
        status = spool_write(s, buffer, (size_t)got);
        PQfreemem(buffer);
    }
    if (status != RISKGAN_OK) /* drain the rest of the COPY so the connection can close cleanly */
        while ((got = PQgetCopyData(s->conn, &buffer, 0)) > 0)
            PQfreemem(buffer);
    while ((result = PQgetResult(s->conn)) != NULL) {
        if (status == RISKGAN_OK)
            status = rg_postgres_check(s->conn, result, PGRES_COMMAND_OK, s->name, 0);
        PQclear(result);
    }
    return status;
}

/* The SELECT a table read runs ("schema"."table", each part quoted), or the query without a
 * trailing semicolon (COPY takes one statement in parentheses). */
static riskgan_status statement_text(const rg_location *location, const char *query, const rg_row_share *share,
                                     postgres_state *s)
{
    if (share && share->ranks > 1 && query)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: data-parallel ranks read a table (?table=schema.NAME), not "
                       "a query: its rows have no key to share them out by", s->name);
    if (query && location->table)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: give ?table= or --query, not both", s->name);
    if (!query && !location->table)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: name a table (?table=schema.NAME) or give --query", s->name);
    const char *what = query ? query : location->table;
    size_t size = 2 * strlen(what) + 160;
    if (!(s->sql = rg_calloc(size, 1)))
        return RISKGAN_ERR_NO_MEMORY;
    if (query) {
        strcpy(s->sql, query);
        for (size_t n = strlen(s->sql); n > 0 && strchr("; \t\r\n", s->sql[n - 1]); n--)
            s->sql[n - 1] = '\0';
        return RISKGAN_OK;
    }
    strcpy(s->sql, "SELECT * FROM ");
    rg_sql_quote_qualified(location->table, s->sql + strlen(s->sql), size - strlen(s->sql));
    if (share && share->ranks > 1) /* this rank's rows: their page modulo the ranks, in page order */
        snprintf(s->sql + strlen(s->sql), size - strlen(s->sql),
                 " WHERE ((ctid::text::point)[0]::bigint %% %d) = %d ORDER BY ctid", share->ranks, share->rank);
    return RISKGAN_OK;
}

riskgan_status rg_postgres_source_open(const rg_location *location, const char *query, const rg_row_share *share,
                                       rg_row_source *source)
{
    memset(source, 0, sizeof *source);
    postgres_state *s = rg_calloc(1, sizeof *s);
    if (!s)
        return RISKGAN_ERR_NO_MEMORY;
    s->spool = -1;
    *source = (rg_row_source){.ops = &postgres_ops, .state = s, .position_word = "row",
                              .kind = query ? "query" : "table", .delimiter = ',', .decimal_mark = '.',
                              .nulls_only = 1, .release = release};
    riskgan_status status = rg_postgres_name(location, query, &s->name);
    if (status == RISKGAN_OK)
        status = statement_text(location, query, share, s);
    if (status == RISKGAN_OK)
        status = rg_postgres_connect(location, s->name, &s->conn);
    if (status == RISKGAN_OK)
        status = rg_postgres_command(s->conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", s->name);
    if (status == RISKGAN_OK)
        status = read_hints(s);
    if (status == RISKGAN_OK)
        status = copy_rows(s);
    if (status != RISKGAN_OK) {
        release(source);
        return status;
    }
    source->name = s->name;
    source->hints = s->hints;
    return RISKGAN_OK;
}
