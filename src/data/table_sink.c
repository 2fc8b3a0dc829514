/* table_sink.c — the CSV destination (an atomic file), the choice of destination by location, and
 * riskgan_table_write / riskgan_table_write_csv. */
#include "table_sink.h"

#include <stdlib.h>

#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "location.h"
#include "postgres_sink.h"
#include "sqlite_sink.h"
#include "table_writer.h"

typedef struct {
    rg_table_sink base;
    rg_atomic_file file;
    int header_written;
} csv_sink;

static riskgan_status csv_write(rg_table_sink *sink, const riskgan_table *chunk, const unsigned char *skip)
{
    csv_sink *csv = (csv_sink *)sink;
    if (!csv->header_written)
        rg_table_write_header(chunk, csv->file.stream, skip);
    csv->header_written = 1;
    rg_table_write_rows(chunk, csv->file.stream, skip);
    return RISKGAN_OK;
}

static riskgan_status csv_commit(rg_table_sink *sink)
{
    csv_sink *csv = (csv_sink *)sink;
    riskgan_status status = rg_atomic_commit(&csv->file);
    free(csv);
    return status;
}

static void csv_abort(rg_table_sink *sink)
{
    csv_sink *csv = (csv_sink *)sink;
    rg_atomic_abort(&csv->file);
    free(csv);
}

static const rg_table_sink_ops csv_ops = {csv_write, csv_commit, csv_abort};

riskgan_status rg_table_sink_open(const char *text, const rg_sink_options *options, rg_table_sink **out)
{
    *out = NULL;
    const rg_sink_options none = {0, NULL};
    options = options ? options : &none;
    rg_location location;
    riskgan_status status = rg_location_parse(text, &location);
    if (status != RISKGAN_OK)
        return status;
    if (location.kind == RG_LOCATION_SQLITE) {
        status = rg_sqlite_sink_open(&location, options, out);
    } else if (location.kind == RG_LOCATION_POSTGRES) {
        status = rg_postgres_sink_open(&location, options, out);
    } else {
        csv_sink *csv = rg_calloc(1, sizeof *csv);
        status = csv ? rg_atomic_open(&csv->file, text) : RISKGAN_ERR_NO_MEMORY;
        if (status == RISKGAN_OK) {
            csv->base.ops = &csv_ops;
            *out = &csv->base;
        } else {
            free(csv);
        }
    }
    rg_location_free(&location);
    return status;
}

riskgan_status rg_table_sink_write_table(const char *location, int replace, const riskgan_table *table)
{
    rg_table_sink *sink;
    rg_sink_options options = {replace, NULL};
    riskgan_status status = rg_table_sink_open(location, &options, &sink);
    if (status != RISKGAN_OK)
        return status;
    status = sink->ops->write(sink, table, NULL);
    if (status != RISKGAN_OK) {
        sink->ops->abort(sink);
        return status;
    }
    return sink->ops->commit(sink);
}

riskgan_status riskgan_table_write(const riskgan_table *table, const char *location, int replace)
{
    return rg_table_sink_write_table(location, replace, table);
}

riskgan_status riskgan_table_write_csv(const riskgan_table *table, const char *path)
{
    return rg_table_sink_write_table(path, 0, table);
}
