/* table_reader.c — reading tables: the row source of a location (table_source.c: CSV, SQLite)
 * handed to the typed-table builder (table_builder.c). */
#include "table_reader.h"

#include <string.h>

#include "table_builder.h"
#include "table_source.h"

riskgan_status rg_table_read_rows(const char *path, const riskgan_read_options *options, const riskgan_table *schema,
                                  rg_row_filter *filter, riskgan_table **out)
{
    *out = NULL;
    riskgan_read_options defaults;
    if (!options) {
        riskgan_read_options_init(&defaults);
        options = &defaults;
    }
    rg_row_source source;
    riskgan_status status = rg_table_source_open(path, options, &source);
    if (status != RISKGAN_OK)
        return status;
    status = rg_table_build(&source, options, schema, filter, out);
    source.release(&source);
    return status;
}

riskgan_status riskgan_table_read_csv(const char *path, const riskgan_read_options *options, riskgan_table **out)
{
    return rg_table_read_rows(path, options, NULL, NULL, out);
}

riskgan_status riskgan_table_read_csv_like(const char *path, const riskgan_table *schema,
                                           const riskgan_read_options *options, riskgan_table **out)
{
    return rg_table_read_rows(path, options, schema, NULL, out);
}
