/* training_rows.h — this rank's training rows, encoded: held in memory, or, for a shard
 * larger than the memory limit, streamed from the CSV file a block at a time into a
 * temporary file and read back in training blocks (docs/scaling.md). */
#ifndef RISKGAN_MODELS_TRAINING_ROWS_H
#define RISKGAN_MODELS_TRAINING_ROWS_H

#include "../data/row_source.h"
#include "../transform/transformer.h"
#include "condition_sampler.h"
#include "ctgan_training.h"
#include "encoded_store.h"

/* The rows this rank trains on: a table in memory, or rows [first, end) of a row source
 * (a CSV file, a database table or this rank's share of one) read with the fit sample's
 * schema. Row first of the source is row number_offset + first of the whole table (its
 * number seeds its encoding: 0 when the source is the whole table). */
typedef struct {
    const riskgan_table *table;
    const rg_row_source *source;
    const riskgan_read_options *read_options;
    const riskgan_table *schema;
    size_t first, end;
    size_t number_offset;
} rg_shard;

typedef struct {
    float *encoded;            /* in memory: rows x width */
    riskgan_table *held_out;   /* in memory: real rows kept out of training for early stopping */
    size_t rows;               /* rows kept (every rank: its own) */
    size_t left_out;           /* over all ranks: rows with a value the fit sample never showed */
    int on_disk;
    rg_encoded_store store;
    /* the training sampler of the rows (in memory) or of the block loaded (on disk) */
    const rg_transformer *transformer;
    rg_condition_sampler sampler;
    long target_column;
    double target_weight;
} rg_training_data;

/* Encodes the shard (first row numbered shard->first for the cell-keyed mode draws, so any
 * split of the table encodes alike). In memory unless the shard comes from a file and its
 * rows would need more than memory_limit bytes (table and encoded rows); then streamed, in
 * training blocks of memory_limit / 8 bytes. With `partial` (the transformer saw a sample),
 * rows holding a value it never saw are left out. With count_levels, every one-hot column's
 * level counts become those of the kept rows of all ranks (collective). In memory, `held_out`
 * rows drawn at random (seeded) are not trained on and are copied to data->held_out (streamed:
 * none). */
riskgan_status rg_training_data_load(rg_training_data *data, rg_transformer *transformer, const rg_shard *shard,
                                     int partial, uint64_t seed, size_t memory_limit, int count_levels,
                                     size_t held_out);
/* The source rg_ctgan_train draws from (the sampler built with target_column/target_weight). */
rg_training_rows rg_training_data_rows(rg_training_data *data);
void rg_training_data_free(rg_training_data *data);

#endif
