/* column_formats.h — the per-column format overrides of riskgan_fit_options.column_formats:
 * "rate:decimals=2;amount:step=100,range=free;score:values=any". */
#ifndef RISKGAN_TRANSFORM_COLUMN_FORMATS_H
#define RISKGAN_TRANSFORM_COLUMN_FORMATS_H

#include "../data/table.h"

enum { RG_UNSET = -2 };

typedef struct {
    int decimals; /* RG_UNSET, or the decimals to round to (-1: none) */
    double step;  /* 0: unset (detected), > 0: the grid, -1: no grid */
    int range;    /* RG_UNSET, 0: observed (clamped), 1: free */
    int values;   /* RG_UNSET, 0: any, 1: observed only */
} rg_column_format_override;

/* Parses `text` against the table's columns into overrides[columns] (all unset when text is
 * NULL). An unknown column, key or value is a RISKGAN_ERR_INVALID_ARGUMENT naming it. */
riskgan_status rg_column_formats_parse(const char *text, const riskgan_table *table,
                                       rg_column_format_override *overrides);

#endif
