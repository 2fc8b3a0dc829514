/* feature_binning.h — optimal binning of one column against a binary target (docs/scorecard.md):
 * numbers sorted into pre-bins of about equal size at value boundaries, then cut into at most
 * max_bins bins of at least min_share of the rows with the largest information value under an
 * event-rate shape (optimal_partition.h); categories ordered by event rate and grouped the same
 * way; missing values and each special value in a bin of their own. Every bin reports its rows,
 * events, event rate, weight of evidence and IV; the feature its IV and the KS and Gini of its
 * WoE. */
#ifndef RISKGAN_CREDIT_FEATURE_BINNING_H
#define RISKGAN_CREDIT_FEATURE_BINNING_H

#include <stddef.h>
#include <stdint.h>

#include "optimal_partition.h"
#include "riskgan.h"

typedef enum { RG_BIN_RANGE = 0, RG_BIN_CATEGORIES, RG_BIN_MISSING, RG_BIN_SPECIAL } rg_bin_kind;

typedef struct {
    rg_bin_kind kind;
    double low, high;   /* RG_BIN_RANGE: low < x <= high (infinite at the ends); special: low */
    char *label;        /* "(-inf, 2.5]", "A, B", "missing", "-999" */
    double count, events, woe, iv;
} rg_bin;

typedef struct {
    size_t max_bins;       /* regular bins (10); missing and special values add their own */
    double min_share;      /* a regular bin holds at least this share of the rows (0.05) */
    size_t max_prebins;    /* 50 */
    rg_trend trend;        /* numbers: RG_TREND_AUTO picks the shape */
    const double *specials;
    size_t special_count;
} rg_binning_options;

typedef struct {
    char *feature;
    int categorical;
    rg_trend trend;        /* the shape kept (categories: ascending in their order) */
    rg_bin *bins;
    size_t bin_count;
    char **categories;     /* categorical: each category seen in training, and its bin */
    size_t *category_bin, category_count;
    double iv, ks, gini;
} rg_feature_binning;

void rg_binning_options_init(rg_binning_options *options);
/* Bins column `column` of `table` against is_event[row] (1 event, 0 not, -1 left out). A
 * constant column gets one bin (IV 0); an identifier or date column is refused. */
riskgan_status rg_bin_feature(const riskgan_table *table, size_t column, const int8_t *is_event,
                              const rg_binning_options *options, rg_feature_binning *out);
/* The bin of a row of a table holding the feature (by the binning's column index in that
 * table): -1 for a value no bin takes (a category never seen, a missing value without a
 * missing bin). */
long rg_binning_bin_of(const rg_feature_binning *binning, const riskgan_table *table, size_t column, size_t row);
void rg_feature_binning_free(rg_feature_binning *binning);

#endif
