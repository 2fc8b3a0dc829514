/* shared_sample.h — the fit sample of a database table that data-parallel ranks read in
 * shares (docs/scaling.md): no rank reads the whole table. Rows are numbered rank by rank
 * (rank 0's share first); the sample keeps the rows fit_sample.h keeps under those numbers,
 * at the level a single reader of the rows in that order would reach; each rank keeps the
 * sample rows of its share, and the ranks exchange them as packed text, so that every rank
 * types the same rows with the same catalog hints into the same table. */
#ifndef RISKGAN_DATA_SHARED_SAMPLE_H
#define RISKGAN_DATA_SHARED_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "riskgan.h"
#include "row_source.h"

typedef struct {
    size_t rows;          /* this rank's share */
    size_t first_number;  /* the number of its first row (the rows of the ranks before it) */
    size_t total_rows;    /* all ranks' */
} rg_share_counts;

/* Reads this rank's share twice (counting, then sampling) and builds the sample on every
 * rank. Collective: every rank calls it, and a failure on one is a failure on all. */
riskgan_status rg_shared_sample_build(const rg_row_source *share, const riskgan_read_options *options,
                                      size_t sample_rows, uint64_t seed, riskgan_table **sample,
                                      rg_share_counts *counts);

#endif
