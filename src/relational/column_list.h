/* column_list.h — columns gathered one by one (numbers or texts, one value a row) and made into
 * a table: the per-parent profiles and the events with their context that the evaluation of
 * linked tables judges. */
#ifndef RISKGAN_RELATIONAL_COLUMN_LIST_H
#define RISKGAN_RELATIONAL_COLUMN_LIST_H

#include <stddef.h>

#include "riskgan.h"

typedef struct {
    size_t rows, count, capacity;
    riskgan_column_data *columns; /* names, numbers and texts owned by the list */
    int failed;                   /* out of memory on the way */
} rg_column_list;

void rg_column_list_init(rg_column_list *list, size_t rows);
/* A new column of numbers (NaN = missing), all missing; NULL when out of memory. */
double *rg_column_list_numbers(rg_column_list *list, const char *name);
/* A new column of texts (NULL = missing; the texts must outlive the list), all missing. */
const char **rg_column_list_texts(rg_column_list *list, const char *name);
/* The table of the columns (nothing recognized from the values: numbers stay numbers, texts
 * categories). */
riskgan_status rg_column_list_table(const rg_column_list *list, riskgan_table **out);
void rg_column_list_free(rg_column_list *list);

#endif
