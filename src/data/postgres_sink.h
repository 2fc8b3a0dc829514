/* postgres_sink.h — rows written into a new PostgreSQL table (row_sink.h) inside one
 * transaction with COPY ... FROM STDIN (CSV): the columns typed as their riskgan kind (BIGINT,
 * NUMERIC(p,s) with the column's decimals, DOUBLE PRECISION, DATE/TIMESTAMP, TEXT), missing
 * values NULL, every text quoted so that the empty string stays a value. */
#ifndef RISKGAN_DATA_POSTGRES_SINK_H
#define RISKGAN_DATA_POSTGRES_SINK_H

#include "location.h"
#include "row_sink.h"

/* The table location->table ("schema.table" or "table", required) of location->conninfo. */
riskgan_status rg_postgres_sink_open(const rg_location *location, const rg_sink_options *options,
                                     rg_table_sink **out);

#endif
