/* database_catalog.c — the tables of a SQLite or PostgreSQL database and their locations. */
#include "database_catalog.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "location.h"
#include "postgres_connection.h"
#include "sql_types.h"

/* `location` without its parameters, plus ?table= (or &table=) and the name %-encoded. */
static char *table_location(const rg_location *l, const char *qualified)
{
    const char *base = l->kind == RG_LOCATION_SQLITE ? l->path : l->conninfo;
    size_t size = strlen(base) + 3 * strlen(qualified) + 32;
    char *out = rg_calloc(size, 1);
    if (!out)
        return NULL;
    size_t used = (size_t)snprintf(out, size, "%s%s%s", l->kind == RG_LOCATION_SQLITE ? "sqlite:" : "", base,
                                   strchr(base, '?') ? "&table=" : "?table=");
    for (const unsigned char *p = (const unsigned char *)qualified; *p; p++)
        used += (size_t)snprintf(out + used, size - used, strchr("%&?#= \"'", *p) || *p < 32 ? "%%%02X" : "%c", *p);
    if (l->kind == RG_LOCATION_POSTGRES && strncmp(base, "postgres", 8) != 0) { /* a key=value conninfo */
        memmove(out + 11, out, strlen(out) + 1);
        memcpy(out, "postgresql:", 11);
    }
    return out;
}

static riskgan_status add_table(rg_database_tables *t, const rg_location *l, const char *name, const char *qualified)
{
    char **names = realloc(t->names, (t->count + 1) * sizeof *names);
    if (names)
        t->names = names;
    char **locations = realloc(t->locations, (t->count + 1) * sizeof *locations);
    if (locations)
        t->locations = locations;
    char **primary_keys = realloc(t->primary_keys, (t->count + 1) * sizeof *primary_keys);
    if (primary_keys)
        t->primary_keys = primary_keys;
    if (!names || !locations || !primary_keys)
        return RISKGAN_ERR_NO_MEMORY;
    t->names[t->count] = rg_strdup(name);
    t->locations[t->count] = table_location(l, qualified);
    t->primary_keys[t->count] = NULL;
    t->count++;
    return t->names[t->count - 1] && t->locations[t->count - 1] ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
}

static riskgan_status add_key(rg_database_tables *t, size_t table, const char *column, const char *parent,
                              const char *parent_column)
{
    rg_foreign_key *keys = realloc(t->keys, (t->key_count + 1) * sizeof *keys);
    if (!keys)
        return RISKGAN_ERR_NO_MEMORY;
    t->keys = keys;
    rg_foreign_key *k = &t->keys[t->key_count++];
    *k = (rg_foreign_key){table, rg_strdup(column), rg_strdup(parent), rg_strdup(parent_column)};
    return k->column && k->parent && k->parent_column ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
}

/* Table t's declared keys: its single-column primary key and single-column foreign keys. */
static riskgan_status sqlite_keys(sqlite3 *db, rg_database_tables *out, size_t t)
{
    char sql[5 * 1024 + 256], quoted[2 * 1024 + 8];
    rg_sql_quote_name(out->names[t], quoted, sizeof quoted);
    snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info(%s) WHERE pk > 0 AND "
                              "(SELECT count(*) FROM pragma_table_info(%s) WHERE pk > 0) = 1", quoted, quoted);
    sqlite3_stmt *statement = NULL;
    riskgan_status status = RISKGAN_OK;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, NULL) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW &&
        !(out->primary_keys[t] = rg_strdup((const char *)sqlite3_column_text(statement, 0))))
        status = RISKGAN_ERR_NO_MEMORY;
    sqlite3_finalize(statement);
    snprintf(sql, sizeof sql, "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(%s) WHERE id IN "
                              "(SELECT id FROM pragma_foreign_key_list(%s) GROUP BY id HAVING count(*) = 1)",
             quoted, quoted);
    if (status == RISKGAN_OK && sqlite3_prepare_v2(db, sql, -1, &statement, NULL) == SQLITE_OK)
        while (status == RISKGAN_OK && sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 2))
            status = add_key(out, t, (const char *)sqlite3_column_text(statement, 0),
                             (const char *)sqlite3_column_text(statement, 1),
                             (const char *)sqlite3_column_text(statement, 2));
    sqlite3_finalize(statement);
    return status;
}

static riskgan_status sqlite_tables(const rg_location *l, rg_database_tables *out)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *statement = NULL;
    riskgan_status status = RISKGAN_OK;
    if (sqlite3_open_v2(l->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                               "ORDER BY name", -1, &statement, NULL) != SQLITE_OK)
        status = rg_fail(RISKGAN_ERR_IO, "sqlite:%s: %s", l->path, db ? sqlite3_errmsg(db) : "out of memory");
    while (status == RISKGAN_OK && sqlite3_step(statement) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(statement, 0);
        status = add_table(out, l, name, name);
    }
    sqlite3_finalize(statement);
    for (size_t t = 0; status == RISKGAN_OK && t < out->count; t++)
        status = sqlite_keys(db, out, t);
    sqlite3_close(db);
    return status;
}

/* Table t's declared single-column primary key and foreign keys (`qualified` quoted). */
static riskgan_status postgres_keys(PGconn *conn, const char *name, const char *qualified, rg_database_tables *out,
                                    size_t t)
{
    const char *values[1] = {qualified};
    PGresult *result = PQexecParams(
        conn, "SELECT c.contype, a.attname, p.relname, pa.attname FROM pg_constraint c "
              "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
              "LEFT JOIN pg_class p ON p.oid = c.confrelid "
              "LEFT JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1] "
              "WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'f') AND cardinality(c.conkey) = 1 ORDER BY 1, 2",
        1, NULL, values, NULL, NULL, 0);
    riskgan_status status = rg_postgres_check(conn, result, PGRES_TUPLES_OK, name, 0);
    for (int r = 0; status == RISKGAN_OK && r < PQntuples(result); r++) {
        if (PQgetvalue(result, r, 0)[0] == 'p')
            status = (out->primary_keys[t] = rg_strdup(PQgetvalue(result, r, 1))) ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
        else
            status = add_key(out, t, PQgetvalue(result, r, 1), PQgetvalue(result, r, 2), PQgetvalue(result, r, 3));
    }
    PQclear(result);
    return status;
}

static riskgan_status postgres_tables(const rg_location *l, rg_database_tables *out)
{
    char *name = NULL;
    PGconn *conn = NULL;
    riskgan_status status = rg_postgres_name(l, "", &name);
    if (status == RISKGAN_OK)
        status = rg_postgres_connect(l, name, &conn);
    const char *values[1] = {l->schema};
    PGresult *result = status == RISKGAN_OK
                           ? PQexecParams(conn, "SELECT table_schema, table_name FROM information_schema.tables "
                                                "WHERE table_type = 'BASE TABLE' AND (table_schema = $1 OR ($1 IS NULL "
                                                "AND table_schema = ANY(current_schemas(false)))) ORDER BY 2, 1",
                                          1, NULL, values, NULL, NULL, 0)
                           : NULL;
    if (status == RISKGAN_OK)
        status = rg_postgres_check(conn, result, PGRES_TUPLES_OK, name, 0);
    for (int r = 0; status == RISKGAN_OK && r < PQntuples(result); r++) {
        char qualified[1024];
        snprintf(qualified, sizeof qualified, "%s.%s", PQgetvalue(result, r, 0), PQgetvalue(result, r, 1));
        status = add_table(out, l, PQgetvalue(result, r, 1), qualified);
        char quoted[2 * sizeof qualified + 8];
        rg_sql_quote_qualified(qualified, quoted, sizeof quoted);
        if (status == RISKGAN_OK)
            status = postgres_keys(conn, name, quoted, out, out->count - 1);
    }
    PQclear(result);
    PQfinish(conn);
    free(name);
    return status;
}

riskgan_status rg_database_list_tables(const char *text, rg_database_tables *out)
{
    memset(out, 0, sizeof *out);
    rg_location l;
    riskgan_status status = rg_location_parse(text, &l);
    if (status == RISKGAN_OK && l.kind == RG_LOCATION_CSV)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s is not a database (sqlite:FILE or postgresql://...)", text);
    if (status == RISKGAN_OK)
        status = l.kind == RG_LOCATION_SQLITE ? sqlite_tables(&l, out) : postgres_tables(&l, out);
    if (status == RISKGAN_OK && out->count == 0)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s holds no tables", text);
    rg_location_free(&l);
    if (status != RISKGAN_OK)
        rg_database_tables_free(out);
    return status;
}

void rg_database_tables_free(rg_database_tables *tables)
{
    for (size_t t = 0; t < tables->count; t++)
        free(tables->names[t]), free(tables->locations[t]), free(tables->primary_keys[t]);
    for (size_t k = 0; k < tables->key_count; k++)
        free(tables->keys[k].column), free(tables->keys[k].parent), free(tables->keys[k].parent_column);
    free(tables->names), free(tables->locations), free(tables->primary_keys), free(tables->keys);
    memset(tables, 0, sizeof *tables);
}

riskgan_status rg_database_drop_table(const char *text)
{
    rg_location l;
    riskgan_status status = rg_location_parse(text, &l);
    if (status != RISKGAN_OK)
        return status;
    size_t size = l.table ? 2 * strlen(l.table) + 32 : 0;
    char *drop = size ? rg_calloc(size, 1) : NULL;
    if (!drop) {
        rg_location_free(&l);
        return size ? RISKGAN_ERR_NO_MEMORY : rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s names no table", text);
    }
    strcpy(drop, "DROP TABLE IF EXISTS ");
    rg_sql_quote_qualified(l.table, drop + strlen(drop), size - strlen(drop));
    if (l.kind == RG_LOCATION_SQLITE) {
        sqlite3 *db = NULL;
        if (sqlite3_open_v2(l.path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
            sqlite3_exec(db, drop, NULL, NULL, NULL) != SQLITE_OK)
            status = rg_fail(RISKGAN_ERR_IO, "sqlite:%s: %s", l.path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
    } else if (l.kind == RG_LOCATION_POSTGRES) {
        char *name = NULL;
        PGconn *conn = NULL;
        status = rg_postgres_name(&l, NULL, &name);
        if (status == RISKGAN_OK)
            status = rg_postgres_connect(&l, name, &conn);
        if (status == RISKGAN_OK)
            status = rg_postgres_command(conn, drop, name);
        PQfinish(conn);
        free(name);
    }
    free(drop);
    rg_location_free(&l);
    return status;
}
