/* augment_rows.h — the rows an augmentation adds, by method: shared by riskgan_augment,
 * the ratio search and the experiment. */
#ifndef RISKGAN_RISK_AUGMENT_ROWS_H
#define RISKGAN_RISK_AUGMENT_ROWS_H

#include "../learn/classes.h"
#include "riskgan.h"

/* Appends `count` rows of class `minority` to `out` (table's schema) by o->method. */
riskgan_status rg_augment_rows(const riskgan_table *table, const riskgan_augment_options *o, const rg_classes *classes,
                               size_t minority, size_t count, riskgan_table *out);

#endif
