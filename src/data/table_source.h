/* table_source.h — the row source of a location (location.h): a CSV file, a SQLite table or
 * query, a PostgreSQL table or query. Every reader of tables opens its rows here. */
#ifndef RISKGAN_DATA_TABLE_SOURCE_H
#define RISKGAN_DATA_TABLE_SOURCE_H

#include "riskgan.h"
#include "row_source.h"

/* Opens `location` (options->query for databases); release with source->release(source). */
riskgan_status rg_table_source_open(const char *location, const riskgan_read_options *options,
                                    rg_row_source *source);
/* The same, reading only `share` of a database table's rows (a CSV file: all of it; NULL:
 * all rows). */
riskgan_status rg_table_source_open_share(const char *location, const riskgan_read_options *options,
                                          const rg_row_share *share, rg_row_source *source);

#endif
