/* sqlite_source.c — rows of a SQLite table or query, read through a prepared statement (once
 * per pass of the table builder), typed by the columns' declared types. */
#include "sqlite_source.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "number_text.h"
#include "sql_types.h"

enum { NUMBER_BYTES = 40 };

typedef struct {
    sqlite3 *db;
    char *sql, *name;
    size_t columns;
    rg_column_hint *hints;
    char **formats; /* per column: the date format a hint points to */
} sqlite_state;

struct rg_row_cursor {
    sqlite_state *state;
    sqlite3_stmt *statement;
    size_t row; /* 0: the header */
    rg_field *fields;
    char *numbers;
};

/* The statement of a pass; a query of more than one statement is refused. */
static riskgan_status prepare(sqlite_state *state, sqlite3_stmt **out)
{
    const char *tail = NULL;
    if (sqlite3_prepare_v2(state->db, state->sql, -1, out, &tail) != SQLITE_OK)
        return rg_fail(RISKGAN_ERR_IO, "%s: %s", state->name, sqlite3_errmsg(state->db));
    while (tail && (*tail == ';' || *tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == '\r'))
        tail++;
    if (*out && (!tail || !*tail))
        return RISKGAN_OK;
    sqlite3_finalize(*out);
    *out = NULL;
    return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: --query must be one SELECT statement", state->name);
}

static void close_pass(rg_row_cursor *cursor)
{
    sqlite3_finalize(cursor->statement);
    free(cursor->fields), free(cursor->numbers), free(cursor);
}

static riskgan_status open_pass(void *state, rg_row_cursor **out)
{
    sqlite_state *s = state;
    rg_row_cursor *cursor = rg_calloc(1, sizeof *cursor);
    if (!cursor || !(cursor->fields = rg_calloc(s->columns + 1, sizeof *cursor->fields)) ||
        !(cursor->numbers = rg_calloc((s->columns + 1) * NUMBER_BYTES, 1))) {
        if (cursor)
            close_pass(cursor);
        return RISKGAN_ERR_NO_MEMORY;
    }
    cursor->state = s;
    riskgan_status status = prepare(s, &cursor->statement);
    if (status != RISKGAN_OK) {
        close_pass(cursor);
        return status;
    }
    *out = cursor;
    return RISKGAN_OK;
}

/* A 64-bit integer in decimal (at most 20 digits and a sign); returns the length. */
static size_t integer_text(sqlite3_int64 value, char *out)
{
    char digits[24];
    size_t n = 0, length = 0;
    unsigned long long magnitude = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    do
        digits[n++] = (char)('0' + magnitude % 10);
    while ((magnitude /= 10) > 0);
    if (value < 0)
        out[length++] = '-';
    while (n > 0)
        out[length++] = digits[--n];
    out[length] = '\0';
    return length;
}

/* A double that some decimal text of k <= 9 decimals (below 2^53 in units of 10^-k) reads back
 * as, written with the fewest such decimals: 1234.56 -> "1234.56", 0.07 -> "0.07" (reading
 * "m / 10^k" is one correctly rounded division by an exact power of ten, as the parser's fast
 * path does, so the nearest m either gives the value back or no k-decimal text does).
 * Returns 0 for other values (the caller writes the shortest round-trip form). */
static size_t decimal_text(double value, char *out)
{
    static const double powers[10] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    for (int k = 0; k < 10; k++) {
        double scaled = nearbyint(value * powers[k]); /* the k-decimal text nearest the value */
        if (!(fabs(scaled) < 9007199254740992.0) || scaled / powers[k] != value)
            continue;
        char digits[24];
        size_t length = integer_text((sqlite3_int64)fabs(scaled), digits), n = 0;
        if (value < 0 || (value == 0 && signbit(value)))
            out[n++] = '-';
        if (length <= (size_t)k) { /* 0.00ddd */
            out[n++] = '0', out[n++] = '.';
            for (size_t z = length; z < (size_t)k; z++)
                out[n++] = '0';
            memcpy(out + n, digits, length), n += length;
        } else {
            memcpy(out + n, digits, length - (size_t)k), n += length - (size_t)k;
            if (k > 0)
                out[n++] = '.', memcpy(out + n, digits + length - (size_t)k, (size_t)k), n += (size_t)k;
        }
        out[n] = '\0';
        return n;
    }
    return 0;
}

static riskgan_status read_value(rg_row_cursor *cursor, size_t j)
{
    sqlite3_stmt *statement = cursor->statement;
    rg_field *field = &cursor->fields[j];
    int type = sqlite3_column_type(statement, (int)j);
    *field = (rg_field){.text = "", .length = 0};
    if (type == SQLITE_NULL) {
        field->null = 1;
    } else if (type == SQLITE_INTEGER) { /* written here: sqlite3's text would allocate per cell */
        char *text = cursor->numbers + j * NUMBER_BYTES;
        field->length = integer_text(sqlite3_column_int64(statement, (int)j), text);
        field->text = text;
    } else if (type == SQLITE_FLOAT) { /* sqlite3's own text keeps 15 digits: not always the same double */
        char *text = cursor->numbers + j * NUMBER_BYTES;
        double value = sqlite3_column_double(statement, (int)j);
        field->length = decimal_text(value, text);
        if (!field->length)
            field->length = (size_t)rg_format_number(text, NUMBER_BYTES, value, -1);
        field->text = text;
    } else if (type == SQLITE_BLOB) {
        return rg_fail(RISKGAN_ERR_SCHEMA, "%s: row %zu, column '%s' holds a BLOB, which riskgan cannot represent",
                       cursor->state->name, cursor->row, sqlite3_column_name(statement, (int)j));
    } else {
        const unsigned char *text = sqlite3_column_text(statement, (int)j);
        if (!text)
            return RISKGAN_ERR_NO_MEMORY;
        field->text = (const char *)text;
        field->length = (size_t)sqlite3_column_bytes(statement, (int)j);
        if (memchr(field->text, '\0', field->length))
            return rg_fail(RISKGAN_ERR_SCHEMA, "%s: row %zu, column '%s' holds a NUL byte", cursor->state->name,
                           cursor->row, sqlite3_column_name(statement, (int)j));
    }
    return RISKGAN_OK;
}

static riskgan_status next_record(rg_row_cursor *cursor, const rg_field **fields, size_t *count)
{
    size_t n = cursor->state->columns;
    *fields = cursor->fields;
    *count = 0;
    if (cursor->row++ == 0) {
        for (size_t j = 0; j < n; j++) {
            const char *name = sqlite3_column_name(cursor->statement, (int)j);
            cursor->fields[j] = (rg_field){.text = name ? name : "", .length = name ? strlen(name) : 0};
        }
        *count = n;
        return RISKGAN_OK;
    }
    int step = sqlite3_step(cursor->statement);
    if (step == SQLITE_DONE)
        return RISKGAN_OK;
    if (step != SQLITE_ROW)
        return rg_fail(RISKGAN_ERR_IO, "%s: row %zu: %s", cursor->state->name, cursor->row - 1,
                       sqlite3_errmsg(cursor->state->db));
    cursor->row--; /* rows count from 1 after the header */
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; j < n && status == RISKGAN_OK; j++)
        status = read_value(cursor, j);
    cursor->row++;
    *count = status == RISKGAN_OK ? n : 0;
    return status;
}

static size_t record_row(const rg_row_cursor *cursor)
{
    return cursor->row - 1;
}

static const rg_row_source_ops sqlite_ops = {open_pass, next_record, record_row, close_pass};

static void release(rg_row_source *source)
{
    sqlite_state *state = source->state;
    if (state) {
        for (size_t j = 0; state->formats && j < state->columns; j++)
            free(state->formats[j]);
        free(state->formats), free(state->hints), free(state->sql), free(state->name);
        sqlite3_close(state->db);
        free(state);
    }
    memset(source, 0, sizeof *source);
}

/* Each column's hint: its declared type, and whether it is its table's primary key. */
static riskgan_status read_hints(sqlite_state *state)
{
    sqlite3_stmt *statement;
    riskgan_status status = prepare(state, &statement);
    if (status != RISKGAN_OK)
        return status;
    state->columns = (size_t)sqlite3_column_count(statement);
    state->hints = rg_calloc(state->columns + 1, sizeof *state->hints);
    state->formats = rg_calloc(state->columns + 1, sizeof *state->formats);
    if (!state->hints || !state->formats)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; status == RISKGAN_OK && j < state->columns; j++) {
        rg_sql_type type;
        rg_sql_type_parse(sqlite3_column_decltype(statement, (int)j), &type);
        status = rg_sql_type_hint(&type, &state->hints[j], &state->formats[j]);
        const char *table = sqlite3_column_table_name(statement, (int)j);
        const char *column = sqlite3_column_origin_name(statement, (int)j);
        int primary = 0;
        if (table && column &&
            sqlite3_table_column_metadata(state->db, sqlite3_column_database_name(statement, (int)j), table, column,
                                          NULL, NULL, NULL, &primary, NULL) == SQLITE_OK)
            state->hints[j].identifier = primary;
    }
    sqlite3_finalize(statement);
    if (status == RISKGAN_OK && state->columns == 0)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "%s returns no columns", state->name);
    return status;
}

/* The tables of the database, for a message ("account, trans"). */
static void table_names(sqlite3 *db, char *out, size_t size)
{
    sqlite3_stmt *statement;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                               "ORDER BY name", -1, &statement, NULL) != SQLITE_OK)
        return;
    size_t used = 0;
    while (sqlite3_step(statement) == SQLITE_ROW && used + 4 < size)
        used += (size_t)snprintf(out + used, size - used, "%s%s", used ? ", " : "",
                                 (const char *)sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
}

static riskgan_status open_database(const rg_location *location, sqlite3 **db)
{
    if (sqlite3_open_v2(location->path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
        return RISKGAN_OK;
    riskgan_status status = rg_fail(RISKGAN_ERR_IO, "sqlite:%s: cannot open the database: %s", location->path,
                                    *db ? sqlite3_errmsg(*db) : "out of memory");
    sqlite3_close(*db);
    *db = NULL;
    return status;
}

/* The statement a pass runs: the query, or every column of the table (quoted as a name). */
static riskgan_status statement_text(const rg_location *location, const char *query, const rg_row_share *share,
                                     sqlite_state *state)
{
    char tables[512];
    if (share && share->ranks > 1 && query)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "sqlite:%s: data-parallel ranks read a table (?table=NAME), not "
                       "a query: its rows have no key to share them out by", location->path);
    if (query && location->table)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "sqlite:%s: give ?table= or --query, not both", location->path);
    if (!query && !location->table) {
        table_names(state->db, tables, sizeof tables);
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "sqlite:%s: name a table (sqlite:%s?table=NAME) or give --query; "
                       "its tables: %s", location->path, location->path, tables[0] ? tables : "none");
    }
    const char *what = query ? query : location->table;
    size_t size = 2 * strlen(what) + strlen(location->path) + 128;
    state->sql = rg_calloc(size, 1);
    state->name = rg_calloc(size, 1);
    if (!state->sql || !state->name)
        return RISKGAN_ERR_NO_MEMORY;
    if (query) {
        snprintf(state->sql, size, "%s", query);
        snprintf(state->name, size, "sqlite:%s (query)", location->path);
        return RISKGAN_OK;
    }
    rg_sql_quote_name(location->table, state->sql + strlen(strcpy(state->sql, "SELECT * FROM ")), size - 14);
    snprintf(state->name, size, "sqlite:%s table %s", location->path, location->table);
    if (share && share->ranks > 1) /* this rank's rows: rowid modulo the ranks, in rowid order */
        snprintf(state->sql + strlen(state->sql), size - strlen(state->sql), " WHERE rowid %% %d = %d ORDER BY rowid",
                 share->ranks, share->rank);
    return RISKGAN_OK;
}

riskgan_status rg_sqlite_source_open(const rg_location *location, const char *query, const rg_row_share *share,
                                     rg_row_source *source)
{
    memset(source, 0, sizeof *source);
    sqlite_state *state = rg_calloc(1, sizeof *state);
    if (!state)
        return RISKGAN_ERR_NO_MEMORY;
    *source = (rg_row_source){.ops = &sqlite_ops, .state = state, .position_word = "row", .kind = query ? "query" : "table",
                              .delimiter = ',', .decimal_mark = '.', .nulls_only = 1, .release = release};
    riskgan_status status = open_database(location, &state->db);
    if (status == RISKGAN_OK)
        status = statement_text(location, query, share, state);
    if (status == RISKGAN_OK && sqlite3_exec(state->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        status = rg_fail(RISKGAN_ERR_IO, "%s: %s", state->name, sqlite3_errmsg(state->db));
    if (status == RISKGAN_OK)
        status = read_hints(state);
    if (status != RISKGAN_OK) {
        release(source);
        return status;
    }
    source->name = state->name;
    source->hints = state->hints;
    return RISKGAN_OK;
}
