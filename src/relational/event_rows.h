/* event_rows.h — writing a child table's generated events into a table. */
#ifndef RISKGAN_RELATIONAL_EVENT_ROWS_H
#define RISKGAN_RELATIONAL_EVENT_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "event_model.h"
#include "riskgan.h"

/* A generated event, kept until the table is written. */
typedef struct {
    uint32_t parent;
    double index, balance;
    int16_t level[RG_MAX_CATEGORY_HEADS];
    double value[RG_MAX_NUMBER_HEADS];
} rg_drawn_event;

/* The events (each parent's in the order drawn; parent_keys[p] the key of parent p) as the
 * child table's rows, grouped by parent, into a new table. */
riskgan_status rg_event_rows_write(const rg_event_model *model, const rg_drawn_event *events, size_t count,
                                   const char *const *parent_keys, riskgan_table **out);

#endif
