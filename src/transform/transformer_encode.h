/* transformer_encode.h — rows of a table into encoded rows. */
#ifndef RISKGAN_TRANSFORM_TRANSFORMER_ENCODE_H
#define RISKGAN_TRANSFORM_TRANSFORMER_ENCODE_H

#include <stdint.h>
#include "riskgan.h"
#include "transformer.h"

/* Encodes every row of `table` (same columns as fitted) into rows x width floats. Modes
 * are sampled from each value's posterior by a draw keyed on (seed, first_row + row,
 * column): a table's rows encode alike whether whole or in shards starting at first_row.
 * A category or a missing value the transformer never saw fails the encoding, naming the
 * row, unless `unseen` (rows) is given: then unseen[row] is set to 1 and the row goes on. */
riskgan_status rg_transformer_encode(const rg_transformer *transformer, const riskgan_table *table,
                                     uint64_t seed, size_t first_row, float *out, unsigned char *unseen);

#endif
