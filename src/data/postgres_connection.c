/* postgres_connection.c — libpq connections, names and error messages for the PostgreSQL
 * source and sink. */
#include "postgres_connection.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"

/* A libpq message without its trailing newline. */
static const char *trimmed(const char *message, char *out, size_t size)
{
    snprintf(out, size, "%s", message ? message : "unknown error");
    for (size_t n = strlen(out); n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '); n--)
        out[n - 1] = '\0';
    return out;
}

riskgan_status rg_postgres_name(const rg_location *location, const char *query, char **out)
{
    char *error = NULL;
    PQconninfoOption *options = PQconninfoParse(location->conninfo, &error);
    if (!options) {
        char reason[256];
        riskgan_status status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "not a PostgreSQL connection string: %s",
                                        trimmed(error, reason, sizeof reason));
        PQfreemem(error);
        return status;
    }
    const char *database = NULL;
    for (PQconninfoOption *o = options; o->keyword; o++)
        if (strcmp(o->keyword, "dbname") == 0 && o->val && *o->val)
            database = o->val;
    const char *what = query ? "query" : location->table ? location->table : "";
    size_t size = strlen(what) + (database ? strlen(database) : 0) + 48;
    *out = rg_calloc(size, 1);
    if (*out)
        snprintf(*out, size, "postgresql:%s %s%s", database ? database : "(default database)",
                 query ? "" : location->table ? "table " : "", what);
    PQconninfoFree(options);
    return *out ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
}

riskgan_status rg_postgres_connect(const rg_location *location, const char *name, PGconn **out)
{
    char reason[512];
    *out = PQconnectdb(location->conninfo);
    if (!*out)
        return RISKGAN_ERR_NO_MEMORY;
    if (PQstatus(*out) != CONNECTION_OK) {
        riskgan_status status = rg_fail(RISKGAN_ERR_IO, "%s: cannot connect: %s", name,
                                        trimmed(PQerrorMessage(*out), reason, sizeof reason));
        PQfinish(*out);
        *out = NULL;
        return status;
    }
    riskgan_status status = rg_postgres_command(*out, "SET datestyle = 'ISO, YMD'", name);
    if (status == RISKGAN_OK && PQsetClientEncoding(*out, "UTF8") != 0)
        status = rg_fail(RISKGAN_ERR_IO, "%s: cannot use UTF-8", name);
    if (status != RISKGAN_OK) {
        PQfinish(*out);
        *out = NULL;
    }
    return status;
}

riskgan_status rg_postgres_check(PGconn *conn, PGresult *result, ExecStatusType expected, const char *name,
                                 size_t offset)
{
    char reason[512];
    if (!result)
        return rg_fail(RISKGAN_ERR_IO, "%s: %s", name, trimmed(PQerrorMessage(conn), reason, sizeof reason));
    if (PQresultStatus(result) == expected)
        return RISKGAN_OK;
    const char *primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    const char *position = PQresultErrorField(result, PG_DIAG_STATEMENT_POSITION);
    trimmed(primary ? primary : PQresultErrorMessage(result), reason, sizeof reason);
    long at = position ? atol(position) - (long)offset : 0;
    if (at > 0)
        return rg_fail(RISKGAN_ERR_IO, "%s: %s (at character %ld of the query)", name, reason, at);
    return rg_fail(RISKGAN_ERR_IO, "%s: %s", name, reason);
}

riskgan_status rg_postgres_command(PGconn *conn, const char *sql, const char *name)
{
    PGresult *result = PQexec(conn, sql);
    riskgan_status status = rg_postgres_check(conn, result, PGRES_COMMAND_OK, name, 0);
    PQclear(result);
    return status;
}
