/* optimal_partition.c — the largest-IV partition of ordered pre-bins under an event-rate shape,
 * by dynamic programming: value[i][j][k][p] is the best IV of pre-bins 0..j in k bins whose
 * last bin is i..j, on side p of the turn (0 before, 1 after a peak or valley). */
#include "optimal_partition.h"

#include <math.h>
#include <stdlib.h>

#include "../core/memory.h"

void rg_bin_woe_iv(double count, double events, double total_count, double total_events, double *woe, double *iv)
{
    double non_events = count - events, total_non_events = total_count - total_events;
    if (events <= 0 || non_events <= 0)
        events += 0.5, non_events += 0.5;
    double share_events = events / total_events, share_non_events = non_events / total_non_events;
    *woe = log(share_non_events / share_events);
    *iv = (share_non_events - share_events) * *woe;
}

typedef struct {
    size_t n, bins;
    double *count, *events; /* prefix sums: count[j] = rows of pre-bins 0..j-1 */
    double total, total_events;
    double *value;          /* n x n x (bins + 1) x 2, -INFINITY where infeasible */
    int *previous;          /* the same: 2 h + p of the state before (the bin before i..j) */
} table;

static size_t at(const table *t, size_t i, size_t j, size_t k, int p)
{
    return ((i * t->n + j) * (t->bins + 1) + k) * 2 + (size_t)p;
}

/* -1, 0 or 1 as the event rate of pre-bins a..b is below, equal to or above that of c..d. */
static int compare_rates(const table *t, size_t a, size_t b, size_t c, size_t d)
{
    double left = (t->events[b + 1] - t->events[a]) * (t->count[d + 1] - t->count[c]);
    double right = (t->events[d + 1] - t->events[c]) * (t->count[b + 1] - t->count[a]);
    return (left > right) - (left < right);
}

/* May a bin on side p follow one on side from with rates in this order (-1: rising)? */
static int allowed(rg_trend trend, int from, int p, int order)
{
    switch (trend) {
    case RG_TREND_ASCENDING: return p == 0 && order <= 0;
    case RG_TREND_DESCENDING: return p == 0 && order >= 0;
    case RG_TREND_PEAK: return p == 0 ? from == 0 && order <= 0 : order >= 0;
    case RG_TREND_VALLEY: return p == 0 ? from == 0 && order >= 0 : order <= 0;
    default: return p == 0;
    }
}

/* The best state ending with bin i..j as bin k on side p, from every bin h..i-1 before it. */
static void extend(table *t, rg_trend trend, size_t i, size_t j, size_t k, int p, double iv)
{
    double best = -INFINITY;
    int from_state = -1;
    for (size_t h = 0; h < i; h++)
        for (int q = 0; q < 2; q++) {
            double before = t->value[at(t, h, i - 1, k - 1, q)];
            if (before > best && allowed(trend, q, p, compare_rates(t, h, i - 1, i, j)))
                best = before, from_state = (int)(2 * h) + q;
        }
    if (from_state >= 0)
        t->value[at(t, i, j, k, p)] = best + iv, t->previous[at(t, i, j, k, p)] = from_state;
}

static void fill(table *t, rg_trend trend, double min_count)
{
    for (size_t j = 0; j < t->n; j++)
        for (size_t i = 0; i <= j; i++) {
            double count = t->count[j + 1] - t->count[i], woe, iv;
            if (count < min_count)
                continue;
            rg_bin_woe_iv(count, t->events[j + 1] - t->events[i], t->total, t->total_events, &woe, &iv);
            if (i == 0) {
                t->value[at(t, 0, j, 1, 0)] = iv;
                continue;
            }
            for (size_t k = 2; k <= t->bins; k++)
                for (int p = 0; p < 2; p++)
                    extend(t, trend, i, j, k, p, iv);
        }
}

/* The best final state (a peak or valley must have turned), its bins written back to front. */
static size_t trace_back(const table *t, rg_trend trend, size_t *first, double *iv)
{
    double best = -INFINITY;
    size_t best_i = 0, best_k = 0;
    int best_p = 0, turned = trend == RG_TREND_PEAK || trend == RG_TREND_VALLEY;
    for (size_t i = 0; i < t->n; i++)
        for (size_t k = 1; k <= t->bins; k++)
            if (t->value[at(t, i, t->n - 1, k, turned)] > best)
                best = t->value[at(t, i, t->n - 1, k, turned)], best_i = i, best_k = k, best_p = turned;
    if (best_k == 0)
        return 0;
    *iv = best;
    size_t i = best_i, j = t->n - 1;
    int p = best_p;
    for (size_t k = best_k; k > 0; k--) {
        first[k - 1] = i;
        if (k == 1)
            break;
        int from = t->previous[at(t, i, j, k, p)];
        j = i - 1, i = (size_t)from / 2, p = from % 2;
    }
    return best_k;
}

riskgan_status rg_optimal_partition(const double *counts, const double *events, size_t n, size_t max_bins,
                                    double min_count, rg_trend trend, size_t *first, size_t *bins, double *iv)
{
    *iv = 0, *bins = 0;
    if (n == 0 || max_bins == 0)
        return RISKGAN_OK;
    table t = {.n = n, .bins = max_bins < n ? max_bins : n};
    size_t states = n * n * (t.bins + 1) * 2;
    t.count = rg_calloc(2 * (n + 1), sizeof *t.count);
    t.value = rg_calloc(states, sizeof *t.value);
    t.previous = rg_calloc(states, sizeof *t.previous);
    riskgan_status status = t.count && t.value && t.previous ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        t.events = t.count + n + 1;
        for (size_t j = 0; j < n; j++)
            t.count[j + 1] = t.count[j] + counts[j], t.events[j + 1] = t.events[j] + events[j];
        t.total = t.count[n], t.total_events = t.events[n];
        for (size_t s = 0; s < states; s++)
            t.value[s] = -INFINITY;
        fill(&t, trend, min_count);
        *bins = trace_back(&t, trend, first, iv);
    }
    free(t.count), free(t.value), free(t.previous);
    return status;
}
