/* sqlite_sink.h — rows written into a new SQLite table (row_sink.h) in one transaction: the
 * columns typed as their riskgan kind (INTEGER, NUMERIC(p,s) with the column's decimals, REAL,
 * DATE/TIMESTAMP in ISO form, TEXT), missing values as NULL, numbers bound as their exact
 * double. */
#ifndef RISKGAN_DATA_SQLITE_SINK_H
#define RISKGAN_DATA_SQLITE_SINK_H

#include "location.h"
#include "row_sink.h"

/* location->path (created if absent), table location->table (required). */
riskgan_status rg_sqlite_sink_open(const rg_location *location, const rg_sink_options *options, rg_table_sink **out);

#endif
