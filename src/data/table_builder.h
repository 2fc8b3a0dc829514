/* table_builder.h — rows from any row source (row_source.h) -> a typed riskgan_table: type
 * inference, roles, number formats, and which rows are kept (a shard, a seeded fit sample,
 * or blocks handed over one at a time).
 *
 * One pass in the usual case. Every column starts as numeric; a column whose first
 * non-number shows up after some numbers (a code column "01", "02", "A7") is marked, and
 * the source is read a second time with the marked columns read as categorical, so that
 * their categories keep the exact text. A number written with a leading zero ("007") is a
 * code: the column stays text. After reading, text columns whose every value is a date in
 * one format become date columns, and identifier columns are recognized
 * (docs/data-integrity.md). */
#ifndef RISKGAN_DATA_TABLE_BUILDER_H
#define RISKGAN_DATA_TABLE_BUILDER_H

#include <stddef.h>
#include <stdint.h>

#include "riskgan.h"
#include "row_source.h"

/* Which data rows a read keeps (every row still counts for type inference, so that a shard
 * or a sample is typed as the whole source). Rows are numbered from 0 after rows dropped
 * for missing values. A sample keeps row i when rg_fit_sample_keeps(sample_seed, i, level)
 * (fit_sample.h), raising the level whenever more than 2 x sample_rows are kept: a seeded
 * Bernoulli sample of rate 2^-level holding at most 2 x sample_rows rows, the same set
 * whoever reads the source. */
typedef struct {
    size_t first, end;         /* keep rows [first, end) (sample_rows == 0) */
    size_t sample_rows;        /* > 0: keep the seeded sample instead */
    uint64_t sample_seed;
    int sample_level;          /* out: the sample's level */
    size_t total_rows;         /* out: data rows in the source */
    /* > 0: the kept rows are handed to on_block block_rows at a time (the last block may be
     * shorter), typed like the schema (dates converted), first_row = the block's first row's
     * number among the kept rows; the read then returns an empty table. Memory stays at one
     * block: categories are forgotten between blocks. */
    size_t block_rows;
    riskgan_status (*on_block)(const riskgan_table *block, size_t first_row, void *context);
    void *context;
    /* With record_positions (all rows kept, no blocks): *positions receives, for every row of
     * the table, where it stands in the source (its line in a file), for messages; the caller
     * frees it. */
    int record_positions;
    size_t *positions;
} rg_row_filter;

/* Builds the table of the rows `filter` keeps (NULL: all). With a schema (a training table),
 * each column the schema names is read with the schema's type and role, and keeps the
 * schema's number format; a schema column missing from the source is an error naming it
 * (identifiers excepted); extra columns are kept. */
riskgan_status rg_table_build(const rg_row_source *source, const riskgan_read_options *options,
                              const riskgan_table *schema, rg_row_filter *filter, riskgan_table **out);

#endif
