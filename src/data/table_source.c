/* table_source.c — opens the row source a location names: CSV, SQLite or PostgreSQL. */
#include "table_source.h"

#include <string.h>

#include "../core/error.h"
#include "csv_source.h"
#include "location.h"
#include "postgres_source.h"
#include "sqlite_source.h"

riskgan_status rg_table_source_open_share(const char *text, const riskgan_read_options *options,
                                         const rg_row_share *share, rg_row_source *source)
{
    memset(source, 0, sizeof *source);
    if (!rg_location_is_database(text)) {
        if (options->query)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--query reads from a database (sqlite:FILE or "
                           "postgresql://...), not from the file %s", text);
        return rg_csv_source_open(text, options, source);
    }
    rg_location location;
    riskgan_status status = rg_location_parse(text, &location);
    if (status != RISKGAN_OK)
        return status;
    if (location.kind == RG_LOCATION_SQLITE)
        status = rg_sqlite_source_open(&location, options->query, share, source);
    else
        status = rg_postgres_source_open(&location, options->query, share, source);
    rg_location_free(&location);
    return status;
}

riskgan_status rg_table_source_open(const char *text, const riskgan_read_options *options, rg_row_source *source)
{
    return rg_table_source_open_share(text, options, NULL, source);
}
