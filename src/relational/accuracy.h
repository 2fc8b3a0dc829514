/* accuracy.h — "accuracy" as TabularARGN reports it: every column cut into bins (categories as
 * they are, numbers into ten quantile bins of the real column, missing its own bin), then
 * 1 - total variation distance between real and generated rows, averaged over the columns
 * (univariate) and over the pairs of columns (bivariate). */
#ifndef RISKGAN_RELATIONAL_ACCURACY_H
#define RISKGAN_RELATIONAL_ACCURACY_H

#include <stddef.h>

#include "riskgan.h"

typedef struct {
    double univariate, bivariate, accuracy; /* accuracy: the mean of the two */
} rg_accuracy;

/* Over the first `columns` columns of `real` (generated must hold them, by name). */
riskgan_status rg_accuracy_measure(const riskgan_table *real, const riskgan_table *generated, size_t columns,
                                   rg_accuracy *out);

#endif
