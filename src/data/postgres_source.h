/* postgres_source.h — a PostgreSQL table or query as a row source (row_source.h), read with
 * COPY (query) TO STDOUT in CSV form inside one read-only transaction (spooled to a temporary
 * file, so memory does not grow with the table), typed by the result's
 * column types (numeric's scale as decimals, text categorical, date/timestamp dates, primary
 * keys identifiers), NULL as missing and distinct from the empty string. */
#ifndef RISKGAN_DATA_POSTGRES_SOURCE_H
#define RISKGAN_DATA_POSTGRES_SOURCE_H

#include "location.h"
#include "row_source.h"

/* Connects with location->conninfo (libpq: the password from PGPASSWORD, ~/.pgpass or a
 * service file, never the command line) and reads location->table ("schema.table" or
 * "table") or `query` (exactly one of the two); release with source->release. With a share
 * (not NULL), only that share of the table's rows (a query cannot be shared out). */
riskgan_status rg_postgres_source_open(const rg_location *location, const char *query, const rg_row_share *share,
                                     rg_row_source *source);

#endif
