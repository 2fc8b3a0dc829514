/* child_summary.h — what a parent's row says about its children, as columns after its own
 * (HMA's idea): per child table the parent's number of rows in it; for a root parent, unless
 * told otherwise (riskgan_relational_fit_options.counts_only), also the mean of each of the
 * child's numbers and, per category column, the parent's commonest value (a child of mostly one
 * row per parent, such as a loan) or the shares of the column's three commonest values (a
 * sequence; columns of at most four values). A childless parent's means and shares are their
 * mean over the parents with children, its commonest value missing. The root's synthesizer
 * learns them with the parent's columns, so the children's event models — siblings included —
 * see what the parent's children are like. Names begin with "__". */
#ifndef RISKGAN_RELATIONAL_CHILD_SUMMARY_H
#define RISKGAN_RELATIONAL_CHILD_SUMMARY_H

#include <stddef.h>

#include "dataset.h"
#include "riskgan.h"

enum { RG_SUMMARY_TOP_VALUES = 3, RG_SUMMARY_MIN_ROWS = 5, RG_SUMMARY_MAX_LEVELS = 4, RG_SUMMARY_MODE_VALUES = 8 };

typedef struct {
    char name[200];
    int decimals;   /* 0: a whole number (counts) */
    double *values; /* one per parent row; a category's index into labels (NaN: missing) */
    const char **labels; /* a category column's values (they live in the child's column) */
    size_t label_count;
} rg_summary_column;

typedef struct {
    rg_summary_column *column;
    size_t count;
} rg_summaries;

/* The summary columns of table `parent`'s rows, with the means and shares when `values` says
 * so (out->column[k].values the caller's, freed by rg_summaries_free). */
riskgan_status rg_summaries_of(const riskgan_dataset *dataset, size_t parent, int values, rg_summaries *out);
void rg_summaries_free(rg_summaries *summaries);
/* Is `column` one of the summary columns of child table `child` (its count, means, shares)? */
int rg_summary_of_child(const char *column, const char *child);
/* The tables of the dataset, each with its summary columns after its own (out[i] the caller's:
 * riskgan_table_free each, then free out). */
riskgan_status rg_summarized_tables(const riskgan_dataset *dataset, int values, riskgan_table ***out);

#endif
