/* postgres_connection.h — what the PostgreSQL source and sink share: connecting through libpq
 * (passwords from PGPASSWORD, ~/.pgpass or a service file, never the command line), messages
 * that name the database without its password, and the server's errors with their position. */
#ifndef RISKGAN_DATA_POSTGRES_CONNECTION_H
#define RISKGAN_DATA_POSTGRES_CONNECTION_H

#include <libpq-fe.h>
#include <stddef.h>

#include "location.h"
#include "riskgan.h"

/* The name messages use: "postgresql:bank table risk.loans" (database, then what is read). */
riskgan_status rg_postgres_name(const rg_location *location, const char *query, char **out);
/* Connects (dates in ISO form, UTF-8); a refused connection is an error with libpq's reason. */
riskgan_status rg_postgres_connect(const rg_location *location, const char *name, PGconn **out);
/* RISKGAN_OK when result has the expected status, else an error naming `name` with the
 * server's message and, for a syntax error, its position in the user's text (the server's
 * position minus `offset`, the length of what riskgan put before that text). */
riskgan_status rg_postgres_check(PGconn *conn, PGresult *result, ExecStatusType expected, const char *name,
                                 size_t offset);
/* Runs a command that returns no rows. */
riskgan_status rg_postgres_command(PGconn *conn, const char *sql, const char *name);

#endif
