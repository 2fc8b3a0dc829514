/* column_source.h — columns held in memory (riskgan_column_data) as a row source, so that a
 * table built from a program's arrays or a DataFrame is typed by the same builder as a CSV
 * file (riskgan_table_from_columns is its public face). */
#ifndef RISKGAN_DATA_COLUMN_SOURCE_H
#define RISKGAN_DATA_COLUMN_SOURCE_H

#include "riskgan.h"
#include "row_source.h"

/* Describes `count` columns of `rows` rows as *source (nothing is copied: the arrays must
 * outlive the source); release it with rg_column_source_close. Refuses a column that holds
 * neither or both of numbers and text, or a number that is infinite. */
riskgan_status rg_column_source_open(const riskgan_column_data *columns, size_t count, size_t rows,
                                     rg_row_source *source);
void rg_column_source_close(rg_row_source *source);

#endif
