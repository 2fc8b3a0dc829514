/* sqlite_sink.c — a new SQLite table written in one transaction: CREATE TABLE from the first
 * chunk's columns, one prepared INSERT per row, COMMIT at the end or ROLLBACK (and the removal
 * of a database file this sink created) on any failure. */
#include "sqlite_sink.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/text.h"
#include "datetime.h"
#include "sql_types.h"
#include "table.h"

typedef struct {
    rg_table_sink base;
    sqlite3 *db;
    sqlite3_stmt *insert;
    char *path, *table, *constraints;
    int created_file, replace;
    size_t columns; /* of the destination, fixed by the first chunk */
} sqlite_sink;

static riskgan_status failure(const sqlite_sink *s, const char *doing)
{
    return rg_fail(RISKGAN_ERR_IO, "sqlite:%s table %s: %s: %s", s->path, s->table, doing, sqlite3_errmsg(s->db));
}

static void release(sqlite_sink *s)
{
    sqlite3_finalize(s->insert);
    sqlite3_close(s->db);
    free(s->path), free(s->table), free(s->constraints), free(s);
}

static void sink_abort(rg_table_sink *sink)
{
    sqlite_sink *s = (sqlite_sink *)sink;
    sqlite3_finalize(s->insert);
    s->insert = NULL;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (s->created_file) {
        sqlite3_close(s->db);
        s->db = NULL;
        unlink(s->path);
    }
    release(s);
}

static riskgan_status sink_commit(rg_table_sink *sink)
{
    sqlite_sink *s = (sqlite_sink *)sink;
    if (!s->insert) /* no chunk came: nothing to create */
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "sqlite:%s table %s: no rows to write", s->path, s->table);
    sqlite3_finalize(s->insert);
    s->insert = NULL;
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        riskgan_status status = failure(s, "commit");
        sink_abort(sink);
        return status;
    }
    release(s);
    return RISKGAN_OK;
}

typedef struct {
    const sqlite_sink *sink;
    const riskgan_table *chunk;
    const unsigned char *skip;
} statement_input;

static void write_name(FILE *f, const char *name)
{
    size_t size = 2 * strlen(name) + 3;
    char *quoted = rg_calloc(size, 1);
    if (quoted) {
        rg_sql_quote_name(name, quoted, size);
        fputs(quoted, f);
    }
    free(quoted);
}

/* CREATE TABLE "t" ("a" INTEGER, ...) from the chunk's columns. */
static void write_create(FILE *f, const void *object)
{
    const statement_input *in = object;
    char type[64];
    fputs("CREATE TABLE ", f);
    write_name(f, in->sink->table);
    for (size_t j = 0, n = 0; j < in->chunk->columns; j++) {
        if (in->skip && in->skip[j])
            continue;
        fputs(n++ ? ", " : " (", f);
        write_name(f, in->chunk->column[j].name);
        rg_sql_column_type(&in->chunk->column[j], 0, type, sizeof type);
        fprintf(f, " %s", type);
    }
    if (in->sink->constraints)
        fprintf(f, ", %s", in->sink->constraints);
    fputc(')', f);
}

static void write_insert(FILE *f, const void *object)
{
    const statement_input *in = object;
    fputs("INSERT INTO ", f);
    write_name(f, in->sink->table);
    for (size_t k = 0; k < in->sink->columns; k++)
        fputs(k ? ", ?" : " VALUES (?", f);
    fputc(')', f);
}

/* CREATE TABLE and the INSERT statement, from the first chunk's columns. */
static riskgan_status create_table(sqlite_sink *s, const riskgan_table *chunk, const unsigned char *skip)
{
    for (size_t j = 0; j < chunk->columns; j++)
        s->columns += !skip || !skip[j];
    if (!s->columns)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "sqlite:%s table %s: no column to write", s->path, s->table);
    statement_input in = {s, chunk, skip};
    char *create = rg_text_build(write_create, &in), *insert = rg_text_build(write_insert, &in);
    riskgan_status status = create && insert ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK && sqlite3_exec(s->db, create, NULL, NULL, NULL) != SQLITE_OK)
        status = failure(s, "create");
    if (status == RISKGAN_OK && sqlite3_prepare_v2(s->db, insert, -1, &s->insert, NULL) != SQLITE_OK)
        status = failure(s, "insert");
    free(create), free(insert);
    return status;
}

/* One cell as its column's SQL value: NULL, an exact integer or double, ISO date text, text. */
static int bind_cell(sqlite3_stmt *insert, int slot, const rg_column *column, size_t row)
{
    if (!rg_column_is_numeric(column)) {
        int32_t code = column->codes[row];
        if (code < 0)
            return sqlite3_bind_null(insert, slot);
        return sqlite3_bind_text(insert, slot, rg_dictionary_string(&column->categories, code), -1, SQLITE_STATIC);
    }
    double value = column->numbers[row];
    if (isnan(value))
        return sqlite3_bind_null(insert, slot);
    if (column->type == RISKGAN_COLUMN_DATETIME) {
        char text[64];
        rg_datetime_format iso = {0};
        rg_datetime_format_from_name(column->datetime.time ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd", &iso);
        rg_datetime_render(text, sizeof text, value, &iso);
        return sqlite3_bind_text(insert, slot, text, -1, SQLITE_TRANSIENT);
    }
    if (value == floor(value) && fabs(value) < 9.2e18)
        return sqlite3_bind_int64(insert, slot, (sqlite3_int64)value);
    return sqlite3_bind_double(insert, slot, value);
}

static riskgan_status sink_write(rg_table_sink *sink, const riskgan_table *chunk, const unsigned char *skip)
{
    sqlite_sink *s = (sqlite_sink *)sink;
    riskgan_status status = s->insert ? RISKGAN_OK : create_table(s, chunk, skip);
    for (size_t r = 0; r < chunk->rows && status == RISKGAN_OK; r++) {
        int slot = 1, result = SQLITE_OK;
        for (size_t j = 0; j < chunk->columns && result == SQLITE_OK; j++)
            if (!skip || !skip[j])
                result = bind_cell(s->insert, slot++, &chunk->column[j], r);
        if (result != SQLITE_OK || (size_t)(slot - 1) != s->columns || sqlite3_step(s->insert) != SQLITE_DONE)
            status = failure(s, "insert");
        sqlite3_reset(s->insert);
    }
    return status;
}

static const rg_table_sink_ops sqlite_ops = {sink_write, sink_commit, sink_abort};

/* In the open transaction: refuses an existing table, or drops it with replace. */
static riskgan_status make_room(sqlite_sink *s)
{
    sqlite3_stmt *query;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", -1, &query,
                           NULL) != SQLITE_OK)
        return failure(s, "catalog");
    sqlite3_bind_text(query, 1, s->table, -1, SQLITE_STATIC);
    int exists = sqlite3_step(query) == SQLITE_ROW;
    sqlite3_finalize(query);
    if (exists && !s->replace)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "sqlite:%s: table %s already exists (--replace drops it)",
                       s->path, s->table);
    if (!exists)
        return RISKGAN_OK;
    char drop[2 * 256 + 32];
    strcpy(drop, "DROP TABLE ");
    rg_sql_quote_name(s->table, drop + strlen(drop), sizeof drop - strlen(drop));
    return sqlite3_exec(s->db, drop, NULL, NULL, NULL) == SQLITE_OK ? RISKGAN_OK : failure(s, "drop");
}

riskgan_status rg_sqlite_sink_open(const rg_location *location, const rg_sink_options *options, rg_table_sink **out)
{
    *out = NULL;
    if (!location->table)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "sqlite:%s: name the table to write (sqlite:%s?table=NAME)",
                       location->path, location->path);
    if (strlen(location->table) > 255)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "sqlite:%s: a table name of more than 255 bytes", location->path);
    sqlite_sink *s = rg_calloc(1, sizeof *s);
    if (!s || !(s->path = rg_strdup(location->path)) || !(s->table = rg_strdup(location->table))) {
        if (s)
            free(s->path);
        free(s);
        return RISKGAN_ERR_NO_MEMORY;
    }
    s->base.ops = &sqlite_ops;
    s->replace = options->replace;
    if (options->constraints && !(s->constraints = rg_strdup(options->constraints))) {
        release(s);
        return RISKGAN_ERR_NO_MEMORY;
    }
    s->created_file = access(location->path, F_OK) != 0;
    riskgan_status status = RISKGAN_OK;
    if (sqlite3_open_v2(location->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        status = rg_fail(RISKGAN_ERR_IO, "sqlite:%s: cannot open the database: %s", location->path,
                         s->db ? sqlite3_errmsg(s->db) : "out of memory");
    if (status == RISKGAN_OK && sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        status = failure(s, "begin");
    if (status == RISKGAN_OK)
        status = make_room(s);
    if (status != RISKGAN_OK) {
        sink_abort(&s->base);
        return status;
    }
    *out = &s->base;
    return RISKGAN_OK;
}
