/* child_view.h — a child table as sequences: its rows grouped by parent and in order (same-day
 * events chained to keep its running balance), with that rule and the parent's date column. */
#ifndef RISKGAN_RELATIONAL_CHILD_VIEW_H
#define RISKGAN_RELATIONAL_CHILD_VIEW_H

#include <stddef.h>

#include "dataset.h"
#include "rules.h"
#include "sequences.h"

typedef struct {
    const riskgan_dataset *dataset;
    size_t child, parent;  /* table indexes */
    long index;            /* the sequence index column (-1: file order) */
    int index_is_date;
    long parent_date;      /* the parent's date column (-1: none) */
    rg_sequences sequences;
    rg_balance_rule rule;  /* balance < 0: none */
} rg_child_view;

riskgan_status rg_child_view_open(const riskgan_dataset *dataset, size_t child, rg_child_view *out);
void rg_child_view_close(rg_child_view *view);
/* The days (or index units) between two index values. */
double rg_child_view_days(const rg_child_view *view, double from, double to);

#endif
