/* fit_sample.h — the seeded Bernoulli sample of rows that a large table's transformer, label
 * model and calibration learn from (docs/scaling.md): the same rows whoever draws it, from a
 * file or from a table in memory, on one rank or many. */
#ifndef RISKGAN_DATA_FIT_SAMPLE_H
#define RISKGAN_DATA_FIT_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

/* The key of data row `row` under `seed`. */
uint64_t rg_fit_sample_key(uint64_t seed, size_t row);

/* Row `row` belongs to the sample of rate 2^-level when the top `level` bits of its key are
 * zero (level 0: every row). */
static inline int rg_fit_sample_keeps(uint64_t seed, size_t row, int level)
{
    return level == 0 || (rg_fit_sample_key(seed, row) >> (64 - level)) == 0;
}

#endif
