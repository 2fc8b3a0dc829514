/* sqlite_source.h — a SQLite table or query as a row source (row_source.h): the declared
 * types of the catalog as hints (NUMERIC(p,s) its scale, TEXT categorical, DATE/TIMESTAMP
 * dates, primary keys identifiers), NULL as missing, REAL values in their shortest exact form. */
#ifndef RISKGAN_DATA_SQLITE_SOURCE_H
#define RISKGAN_DATA_SQLITE_SOURCE_H

#include "location.h"
#include "row_source.h"

/* Opens location->table (or `query` when not NULL; exactly one of the two) of the database
 * file location->path, read-only; release with source->release. With a share (not NULL),
 * only that share of the table's rows (a query cannot be shared out). */
riskgan_status rg_sqlite_source_open(const rg_location *location, const char *query, const rg_row_share *share,
                                     rg_row_source *source);

#endif
