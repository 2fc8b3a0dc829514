/* optimal_partition.h — the exact core of optimal binning (docs/scorecard.md): ordered
 * pre-bins (counts and events) cut into at most max_bins contiguous bins, each holding at
 * least min_count rows, whose event rates follow a shape (ascending, descending, a peak or a
 * valley), with the largest information value; solved by dynamic programming over (first
 * pre-bin of the last bin, last pre-bin, bins so far, side of the turn). */
#ifndef RISKGAN_CREDIT_OPTIMAL_PARTITION_H
#define RISKGAN_CREDIT_OPTIMAL_PARTITION_H

#include <stddef.h>

#include "riskgan.h"

typedef enum {
    RG_TREND_AUTO = 0,    /* ascending or descending, a peak or valley only where it pays */
    RG_TREND_ASCENDING,   /* event rate never falls from one bin to the next */
    RG_TREND_DESCENDING,
    RG_TREND_PEAK,        /* rises, then falls */
    RG_TREND_VALLEY,      /* falls, then rises */
    RG_TREND_NONE         /* any rates (categories: their order is already by event rate) */
} rg_trend;

/* A bin's weight of evidence and its information value against the totals: WoE = ln(share of
 * the non-events / share of the events), IV = (difference of the shares) x WoE; a bin without
 * events or without non-events counts half of one of each (so both stay finite). */
void rg_bin_woe_iv(double count, double events, double total_count, double total_events, double *woe, double *iv);

/* The partition of pre-bins 0..n-1 with the largest total IV under `trend` (not AUTO): writes
 * the first pre-bin of each bin into first[] (first[0] = 0; room for max_bins), their number
 * into *bins (0 when no partition meets min_count) and the total into *iv. */
riskgan_status rg_optimal_partition(const double *counts, const double *events, size_t n, size_t max_bins,
                                    double min_count, rg_trend trend, size_t *first, size_t *bins, double *iv);

#endif
