/* table_sink.h — the destination (row_sink.h) a location names: a CSV file or a database table. */
#ifndef RISKGAN_DATA_TABLE_SINK_H
#define RISKGAN_DATA_TABLE_SINK_H

#include "riskgan.h"
#include "row_sink.h"

/* Opens the destination `location` names. A database table that exists is refused unless
 * options->replace (then it is dropped in the same transaction that writes the new one);
 * options may be NULL (refuse, no constraints). */
riskgan_status rg_table_sink_open(const char *location, const rg_sink_options *options, rg_table_sink **out);
/* The whole table through a sink. */
riskgan_status rg_table_sink_write_table(const char *location, int replace, const riskgan_table *table);

#endif
