/* column_roles.h — recognizing what a column is for: date columns (by a format every value
 * fits) and identifier columns (unique per row), after a table has been read. */
#ifndef RISKGAN_DATA_COLUMN_ROLES_H
#define RISKGAN_DATA_COLUMN_ROLES_H

#include "table.h"

/* Makes text column `index` a date column: in `format`, or in the detected format when
 * format->order is RG_DATE_NONE. A column whose values are not dates is an error naming
 * a value. */
riskgan_status rg_apply_datetime(riskgan_table *table, size_t index, const rg_datetime_format *format);
/* Recognizes date columns among the text columns (skip[j] != 0: the user named the column
 * categorical) and identifier columns among the rest:
 * - text: at least 20 values and at least 95 % of them distinct;
 * - integers: at least 20 values, all distinct, and a name like "id", "customer_id",
 *   "AccountNumber", or consecutive values (a row counter), or 8 digits and more. */
void rg_detect_roles(riskgan_table *table, const unsigned char *skip);

#endif
