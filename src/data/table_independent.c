/* table_independent.c — independent per-column resampling, the baseline every synthesizer
 * must beat: perfect marginals and no dependence between columns. */
#include "../core/error.h"
#include "../core/rng.h"
#include "table.h"

riskgan_status riskgan_table_sample_independent(const riskgan_table *table, size_t rows, uint64_t seed,
                                                riskgan_table **out)
{
    *out = NULL;
    if (rows == 0 || table->rows == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "need at least one row to sample from and one to draw");
    riskgan_table *result;
    riskgan_status status = rg_table_new_like(table, rows, &result);
    if (status != RISKGAN_OK)
        return status;
    rg_rng rng;
    rg_rng_seed(&rng, seed);
    for (size_t j = 0; j < table->columns; j++) {
        const rg_column *from = &table->column[j];
        rg_column *to = &result->column[j];
        for (size_t r = 0; r < rows; r++) {
            size_t source = (size_t)rg_rng_below(&rng, table->rows);
            if (rg_column_is_numeric(from)) {
                to->numbers[r] = from->numbers[source];
                to->missing += to->numbers[r] != to->numbers[r];
            } else {
                to->codes[r] = from->codes[source]; /* same dictionary order: rg_table_new_like */
                to->missing += to->codes[r] < 0;
            }
        }
    }
    result->rows = rows;
    *out = result;
    return RISKGAN_OK;
}
