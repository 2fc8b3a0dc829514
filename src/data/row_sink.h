/* row_sink.h — the seam between the writers of tables (a whole table, a sample drawn a chunk
 * at a time) and where the rows go: a CSV file written through a temporary and renamed
 * (table_sink.c), or a new table of a database written in one transaction (sqlite_sink.h).
 * Nothing is half-written: abort leaves no file and no table behind. table_sink.h opens the
 * sink a location names.
 *
 * To add a destination: embed rg_table_sink first in the destination's state, fill an
 * rg_table_sink_ops, and open it from rg_table_sink_open. */
#ifndef RISKGAN_DATA_ROW_SINK_H
#define RISKGAN_DATA_ROW_SINK_H

#include "riskgan.h"

typedef struct rg_table_sink rg_table_sink;

typedef struct {
    /* The first chunk's columns (skip[j] set: left out) make the destination's columns. */
    riskgan_status (*write)(rg_table_sink *sink, const riskgan_table *chunk, const unsigned char *skip);
    riskgan_status (*commit)(rg_table_sink *sink); /* frees the sink */
    void (*abort)(rg_table_sink *sink);            /* frees the sink, leaves nothing */
} rg_table_sink_ops;

struct rg_table_sink {
    const rg_table_sink_ops *ops;
};

/* How a database table is created. */
typedef struct {
    int replace;             /* an existing table is dropped (in the same transaction), else refused */
    const char *constraints; /* SQL appended inside CREATE TABLE (keys of linked tables), or NULL */
} rg_sink_options;

#endif
