/* table_reader.h — tables read from a location: a CSV file or a database (riskgan_table_read_csv
 * and its variants). */
#ifndef RISKGAN_DATA_TABLE_READER_H
#define RISKGAN_DATA_TABLE_READER_H

#include "riskgan.h"
#include "table_builder.h"

/* Reads the rows `filter` keeps (NULL: all) of a location (a CSV file, "-": standard input; sqlite:...); schema
 * (may be NULL) as riskgan_table_read_csv_like. */
riskgan_status rg_table_read_rows(const char *path, const riskgan_read_options *options, const riskgan_table *schema,
                                  rg_row_filter *filter, riskgan_table **out);

#endif
