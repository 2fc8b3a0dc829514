/* folds.c — stratified k-fold assignment and the tables of one fold. */
#include "folds.h"

#include <stdlib.h>

#include "../core/memory.h"
#include "../data/table.h"

riskgan_status rg_stratified_folds(rg_rng *rng, const int32_t *class_of_row, size_t rows, size_t classes, int folds,
                                   int *fold_of_row)
{
    uint32_t *members = rg_calloc(rows ? rows : 1, sizeof *members);
    if (!members)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t r = 0; r < rows; r++)
        fold_of_row[r] = -1;
    for (size_t c = 0; c < classes; c++) {
        size_t n = 0;
        for (size_t r = 0; r < rows; r++)
            if (class_of_row[r] == (int32_t)c)
                members[n++] = (uint32_t)r;
        rg_rng_shuffle(rng, members, (uint32_t)n);
        for (size_t i = 0; i < n; i++)
            fold_of_row[members[i]] = (int)(i % (size_t)folds);
    }
    free(members);
    return RISKGAN_OK;
}

riskgan_status rg_fold_tables(const riskgan_table *table, const int *fold_of_row, int fold, riskgan_table **train,
                              riskgan_table **test)
{
    riskgan_status status = rg_table_new_like(table, table->rows, train);
    if (status == RISKGAN_OK)
        status = rg_table_new_like(table, table->rows / 2 + 1, test);
    for (size_t r = 0; status == RISKGAN_OK && r < table->rows; r++)
        if (fold_of_row[r] >= 0)
            status = rg_table_append_row(fold_of_row[r] == fold ? *test : *train, table, r);
    return status;
}
