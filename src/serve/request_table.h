/* request_table.h — decoded request rows (request_rows.h) typed into a riskgan_table by the
 * same builder, with the same schema, as the CLI reads a CSV file to score: a record sent
 * over HTTP gets the numbers its line in a file gets. */
#ifndef RISKGAN_SERVE_REQUEST_TABLE_H
#define RISKGAN_SERVE_REQUEST_TABLE_H

#include "riskgan.h"
#include "request_rows.h"

/* The rows as a table with the schema's columns and types; errors name the record and
 * column ("request: record 2: ..."). */
riskgan_status rg_request_table(const rg_request_rows *rows, const rg_request_schema *names,
                                const riskgan_table *schema, riskgan_table **out);

#endif
