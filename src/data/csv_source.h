/* csv_source.h — a CSV file, or standard input, as a row source (row_source.h): the dialect
 * detected from the first 64 kB unless given; standard input held in memory, so that it can
 * be read more than once like a file. */
#ifndef RISKGAN_DATA_CSV_SOURCE_H
#define RISKGAN_DATA_CSV_SOURCE_H

#include "riskgan.h"
#include "row_source.h"

/* Opens `path` ("-": standard input) as *source; release it with rg_csv_source_close. */
riskgan_status rg_csv_source_open(const char *path, const riskgan_read_options *options, rg_row_source *source);
void rg_csv_source_close(rg_row_source *source);

#endif
