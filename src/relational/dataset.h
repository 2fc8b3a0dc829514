/* dataset.h — linked tables read as their metadata says (riskgan_dataset), their keys
 * checked: primary keys unique, every foreign key naming a parent row; and each child row's
 * parent row, for the fit and the evaluation. */
#ifndef RISKGAN_RELATIONAL_DATASET_H
#define RISKGAN_RELATIONAL_DATASET_H

#include <stddef.h>

#include "metadata.h"
#include "riskgan.h"

struct riskgan_dataset {
    rg_dataset_spec spec;
    riskgan_table **tables;  /* one per spec table, in spec order */
    size_t **positions;      /* per table: each row's line in its file (NULL: generated rows) */
    long **parent_row;       /* per table: each row's parent row (NULL: a root table) */
};

/* A dataset of the given tables (taken over: the dataset frees them) under a copy of the
 * spec's text; keys are checked and parents linked as for a file. */
riskgan_status rg_dataset_assemble(const rg_dataset_spec *spec, riskgan_table **tables, riskgan_dataset **out);
/* The reading options the spec gives a table: ids, dates with their formats, categoricals
 * (buffers[0..2] receive the lists; the caller frees them). */
riskgan_status rg_table_spec_read_options(const rg_table_spec *t, riskgan_read_options *o, char *buffers[3]);
/* The table's columns are the metadata's columns, and a numerical column holds numbers
 * (`where` names the table's source in messages). */
riskgan_status rg_table_spec_check_columns(const rg_table_spec *t, const riskgan_table *table, const char *where);
/* Index of the column a spec table names, in the table read for it (-1: none). */
long rg_dataset_column(const riskgan_dataset *dataset, size_t table, const char *column);
/* The key of row `row` of column `column` as text (numbers in their shortest form). */
const char *rg_dataset_key_text(const riskgan_table *table, size_t column, size_t row, char *buffer, size_t size);

#endif
