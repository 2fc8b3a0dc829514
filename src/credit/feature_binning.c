/* feature_binning.c — one column's optimal bins: pre-bins, the exact partition, then the
 * missing and special bins, WoE and IV of each, and the feature's KS and Gini. */
#include "feature_binning.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/string_dictionary.h"
#include "../data/table.h"

/* A peak or valley is kept over a monotone shape only when its IV is this much larger. */
static const double TURN_GAIN = 1.10;

void rg_binning_options_init(rg_binning_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_bins = 10, o->min_share = 0.05, o->max_prebins = 50, o->trend = RG_TREND_AUTO;
}

typedef struct {
    double value;
    int8_t event;
} observation;

static int by_value(const void *a, const void *b)
{
    double x = ((const observation *)a)->value, y = ((const observation *)b)->value;
    return (x > y) - (x < y);
}

static int is_special(const rg_binning_options *o, double v)
{
    for (size_t k = 0; k < o->special_count; k++)
        if (v == o->specials[k])
            return 1;
    return 0;
}

/* Pre-bins of sorted observations, closed at value boundaries once they hold `size` rows:
 * counts, events and each pre-bin's largest value; returns how many. */
static size_t prebin(const observation *sorted, size_t n, size_t size, double *count, double *events, double *upper)
{
    size_t bins = 0;
    for (size_t r = 0; r < n; r++) {
        if (r == 0 || (count[bins - 1] >= (double)size && sorted[r].value != sorted[r - 1].value))
            count[bins] = events[bins] = 0, bins++;
        count[bins - 1] += 1, events[bins - 1] += sorted[r].event, upper[bins - 1] = sorted[r].value;
    }
    return bins;
}

static riskgan_status add_bin(rg_feature_binning *b, rg_bin_kind kind, double low, double high, const char *label,
                              double count, double events)
{
    rg_bin *grown = realloc(b->bins, (b->bin_count + 1) * sizeof *grown);
    if (!grown)
        return RISKGAN_ERR_NO_MEMORY;
    b->bins = grown;
    rg_bin *bin = &b->bins[b->bin_count];
    *bin = (rg_bin){.kind = kind, .low = low, .high = high, .count = count, .events = events};
    if (!(bin->label = rg_strdup(label)))
        return RISKGAN_ERR_NO_MEMORY;
    b->bin_count++;
    return RISKGAN_OK;
}

/* The partition under o->trend, or (AUTO) the best monotone one unless a turn pays. */
static riskgan_status partition(const double *count, const double *events, size_t n, const rg_binning_options *o,
                                double min_count, size_t *first, size_t *bins, rg_trend *trend)
{
    static const rg_trend tried[] = {RG_TREND_ASCENDING, RG_TREND_DESCENDING, RG_TREND_PEAK, RG_TREND_VALLEY};
    if (o->trend != RG_TREND_AUTO) {
        double iv;
        *trend = o->trend;
        return rg_optimal_partition(count, events, n, o->max_bins, min_count, o->trend, first, bins, &iv);
    }
    size_t *candidate = rg_calloc(o->max_bins + 1, sizeof *candidate);
    double best = -1;
    riskgan_status status = candidate ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t t = 0; t < 4 && status == RISKGAN_OK; t++) {
        size_t found;
        double iv;
        status = rg_optimal_partition(count, events, n, o->max_bins, min_count, tried[t], candidate, &found, &iv);
        double worth = t >= 2 ? iv / TURN_GAIN : iv;
        if (status == RISKGAN_OK && found > 0 && worth > best) {
            best = worth, *bins = found, *trend = tried[t];
            memcpy(first, candidate, found * sizeof *first);
        }
    }
    free(candidate);
    return status;
}

/* The regular bins of a numeric column from its sorted observations. */
static riskgan_status bin_numbers(rg_feature_binning *b, const riskgan_table *t, size_t column, observation *sorted,
                                  size_t n, double min_count, const rg_binning_options *o)
{
    qsort(sorted, n, sizeof *sorted, by_value);
    size_t slots = o->max_prebins + 1;
    double *count = rg_calloc(3 * slots, sizeof *count), *events = count + slots, *upper = events + slots;
    size_t *first = rg_calloc(o->max_bins + 1, sizeof *first), bins = 0;
    riskgan_status status = count && first ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    size_t prebins = 0;
    if (status == RISKGAN_OK && n > 0) {
        prebins = prebin(sorted, n, (n + o->max_prebins - 1) / o->max_prebins, count, events, upper);
        status = partition(count, events, prebins, o, min_count, first, &bins, &b->trend);
    }
    if (status == RISKGAN_OK && n > 0 && bins == 0) /* no partition meets the minimum: one bin */
        bins = 1, first[0] = 0;
    for (size_t k = 0; k < bins && status == RISKGAN_OK; k++) {
        size_t end = k + 1 < bins ? first[k + 1] : prebins;
        double rows = 0, hits = 0, low = k ? upper[first[k] - 1] : -INFINITY, high = k + 1 < bins ? upper[end - 1] : INFINITY;
        for (size_t i = first[k]; i < end; i++)
            rows += count[i], hits += events[i];
        char a[64] = "-inf", z[64] = "inf", label[160];
        if (k)
            riskgan_table_format_value(t, column, low, a, sizeof a);
        if (k + 1 < bins)
            riskgan_table_format_value(t, column, high, z, sizeof z);
        snprintf(label, sizeof label, "(%s, %s]", a, z);
        status = add_bin(b, RG_BIN_RANGE, low, high, label, rows, hits);
    }
    free(count), free(first);
    return status;
}

static riskgan_status numeric_feature(rg_feature_binning *b, const riskgan_table *t, size_t column,
                                      const int8_t *is_event, double min_count, const rg_binning_options *o)
{
    const rg_column *c = &t->column[column];
    observation *kept = rg_calloc(t->rows + 1, sizeof *kept);
    double *special = rg_calloc(2 * o->special_count + 1, sizeof *special), missing[2] = {0, 0};
    if (!kept || !special) {
        free(kept), free(special);
        return RISKGAN_ERR_NO_MEMORY;
    }
    size_t n = 0;
    for (size_t r = 0; r < t->rows; r++) {
        double v = c->numbers[r];
        if (is_event[r] < 0)
            continue;
        if (isnan(v))
            missing[0] += 1, missing[1] += is_event[r];
        else if (is_special(o, v))
            for (size_t k = 0; k < o->special_count; k++)
                special[2 * k] += v == o->specials[k], special[2 * k + 1] += v == o->specials[k] ? is_event[r] : 0;
        else
            kept[n++] = (observation){v, is_event[r]};
    }
    riskgan_status status = bin_numbers(b, t, column, kept, n, min_count, o);
    if (status == RISKGAN_OK && missing[0] > 0)
        status = add_bin(b, RG_BIN_MISSING, NAN, NAN, "missing", missing[0], missing[1]);
    for (size_t k = 0; k < o->special_count && status == RISKGAN_OK; k++) {
        char label[64];
        riskgan_table_format_value(t, column, o->specials[k], label, sizeof label);
        if (special[2 * k] > 0)
            status = add_bin(b, RG_BIN_SPECIAL, o->specials[k], o->specials[k], label, special[2 * k], special[2 * k + 1]);
    }
    free(kept), free(special);
    return status;
}

typedef struct {
    size_t code;
    double count, events;
} category_tally;

static int by_event_rate(const void *a, const void *b)
{
    const category_tally *x = a, *y = b;
    double left = x->events * y->count, right = y->events * x->count; /* rate x < rate y */
    if (left != right)
        return (left > right) - (left < right);
    return (x->code > y->code) - (x->code < y->code);
}

/* "A, B, C" (shortened with "..." past the label's room). */
static void join_names(const rg_column *c, const category_tally *tally, size_t from, size_t to, char *label,
                       size_t size)
{
    size_t used = 0;
    label[0] = 0;
    for (size_t i = from; i < to && used + 4 < size; i++) {
        int wrote = snprintf(label + used, size - used, "%s%s", i > from ? ", " : "",
                             rg_dictionary_string(&c->categories, (int32_t)tally[i].code));
        used += wrote > 0 ? (size_t)wrote : 0;
    }
    if (used >= size - 1)
        memcpy(label + size - 4, "...", 4);
}

/* Categories as pre-bins in the order of their event rates, grouped by the exact partition. */
static riskgan_status categorical_feature(rg_feature_binning *b, const riskgan_table *t, size_t column,
                                          const int8_t *is_event, double min_count, const rg_binning_options *o)
{
    const rg_column *c = &t->column[column];
    size_t levels = c->categories.count, seen = 0, bins = 0;
    category_tally *tally = rg_calloc(levels + 1, sizeof *tally);
    double *count = rg_calloc(2 * levels + 2, sizeof *count), *events = count + levels + 1, missing[2] = {0, 0};
    size_t *first = rg_calloc(o->max_bins + 1, sizeof *first);
    riskgan_status status = tally && count && first ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t k = 0; status == RISKGAN_OK && k < levels; k++)
        tally[k].code = k;
    for (size_t r = 0; status == RISKGAN_OK && r < t->rows; r++)
        if (is_event[r] >= 0 && c->codes[r] < 0)
            missing[0] += 1, missing[1] += is_event[r];
        else if (is_event[r] >= 0)
            tally[c->codes[r]].count += 1, tally[c->codes[r]].events += is_event[r];
    if (status == RISKGAN_OK) {
        qsort(tally, levels, sizeof *tally, by_event_rate);
        for (size_t k = 0; k < levels; k++)
            if (tally[k].count > 0)
                tally[seen] = tally[k], count[seen] = tally[k].count, events[seen++] = tally[k].events;
        b->trend = RG_TREND_ASCENDING;
        double iv;
        status = rg_optimal_partition(count, events, seen, o->max_bins, min_count, RG_TREND_ASCENDING, first, &bins, &iv);
    }
    if (status == RISKGAN_OK && seen > 0 && bins == 0)
        bins = 1, first[0] = 0;
    b->category_count = seen;
    if (status == RISKGAN_OK && (!(b->categories = rg_calloc(seen + 1, sizeof *b->categories)) ||
                                 !(b->category_bin = rg_calloc(seen + 1, sizeof *b->category_bin))))
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t k = 0; k < bins && status == RISKGAN_OK; k++) {
        size_t end = k + 1 < bins ? first[k + 1] : seen;
        double rows = 0, hits = 0;
        char label[240];
        for (size_t i = first[k]; i < end && status == RISKGAN_OK; i++) {
            rows += count[i], hits += events[i], b->category_bin[i] = k;
            if (!(b->categories[i] = rg_strdup(rg_dictionary_string(&c->categories, (int32_t)tally[i].code))))
                status = RISKGAN_ERR_NO_MEMORY;
        }
        join_names(c, tally, first[k], end, label, sizeof label);
        if (status == RISKGAN_OK)
            status = add_bin(b, RG_BIN_CATEGORIES, NAN, NAN, label, rows, hits);
    }
    if (status == RISKGAN_OK && missing[0] > 0)
        status = add_bin(b, RG_BIN_MISSING, NAN, NAN, "missing", missing[0], missing[1]);
    free(tally), free(count), free(first);
    return status;
}

/* WoE and IV of every bin, the feature's IV, and the KS and Gini of its bins ordered from the
 * riskiest (lowest WoE) up. */
static void measure(rg_feature_binning *b)
{
    double total = 0, total_events = 0;
    for (size_t k = 0; k < b->bin_count; k++)
        total += b->bins[k].count, total_events += b->bins[k].events;
    b->iv = b->ks = b->gini = 0;
    if (total_events <= 0 || total_events >= total)
        return;
    size_t *order = rg_calloc(b->bin_count + 1, sizeof *order);
    for (size_t k = 0; k < b->bin_count; k++) {
        rg_bin_woe_iv(b->bins[k].count, b->bins[k].events, total, total_events, &b->bins[k].woe, &b->bins[k].iv);
        b->iv += b->bins[k].iv;
        if (order) { /* insertion sort by WoE: a handful of bins */
            size_t i = k;
            while (i > 0 && b->bins[order[i - 1]].woe > b->bins[k].woe)
                order[i] = order[i - 1], i--;
            order[i] = k;
        }
    }
    double events_before = 0, non_events_before = 0, area = 0, total_non_events = total - total_events;
    for (size_t i = 0; order && i < b->bin_count; i++) {
        const rg_bin *bin = &b->bins[order[i]];
        double e = bin->events / total_events, g = (bin->count - bin->events) / total_non_events;
        area += g * (events_before + e / 2); /* a non-event ranked below the events before it */
        events_before += e, non_events_before += g;
        double gap = fabs(events_before - non_events_before);
        b->ks = gap > b->ks ? gap : b->ks;
    }
    b->gini = order ? 2 * area - 1 : 0;
    free(order);
}

riskgan_status rg_bin_feature(const riskgan_table *t, size_t column, const int8_t *is_event,
                              const rg_binning_options *o, rg_feature_binning *out)
{
    memset(out, 0, sizeof *out);
    const rg_column *c = &t->column[column];
    if (c->role == RISKGAN_ROLE_IDENTIFIER || c->type == RISKGAN_COLUMN_DATETIME)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column '%s' is an identifier or a date: not a feature to bin",
                       c->name);
    if (o->max_bins < 1 || o->max_prebins < 2 || !(o->min_share >= 0 && o->min_share < 1))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "binning needs at least 1 bin, 2 pre-bins and a minimum bin "
                       "share in [0, 1)");
    double rows = 0;
    for (size_t r = 0; r < t->rows; r++)
        rows += is_event[r] >= 0;
    out->categorical = c->type == RISKGAN_COLUMN_CATEGORICAL;
    riskgan_status status = (out->feature = rg_strdup(c->name)) ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = out->categorical ? categorical_feature(out, t, column, is_event, o->min_share * rows, o)
                                  : numeric_feature(out, t, column, is_event, o->min_share * rows, o);
    if (status != RISKGAN_OK) {
        rg_feature_binning_free(out);
        return status;
    }
    measure(out);
    return RISKGAN_OK;
}

/* The first bin of a kind. */
static long bin_of_kind(const rg_feature_binning *b, rg_bin_kind kind)
{
    for (size_t k = 0; k < b->bin_count; k++)
        if (b->bins[k].kind == kind)
            return (long)k;
    return -1;
}

long rg_binning_bin_of(const rg_feature_binning *b, const riskgan_table *t, size_t column, size_t row)
{
    const rg_column *c = &t->column[column];
    if (b->categorical) {
        if (c->type != RISKGAN_COLUMN_CATEGORICAL || c->codes[row] < 0)
            return bin_of_kind(b, RG_BIN_MISSING);
        const char *text = rg_dictionary_string(&c->categories, c->codes[row]);
        for (size_t k = 0; k < b->category_count; k++)
            if (strcmp(b->categories[k], text) == 0)
                return (long)b->category_bin[k];
        return -1;
    }
    double v = rg_column_is_numeric(c) ? c->numbers[row] : NAN;
    if (isnan(v))
        return bin_of_kind(b, RG_BIN_MISSING);
    for (size_t k = 0; k < b->bin_count; k++)
        if (b->bins[k].kind == RG_BIN_SPECIAL && b->bins[k].low == v)
            return (long)k;
    for (size_t k = 0; k < b->bin_count; k++)
        if (b->bins[k].kind == RG_BIN_RANGE && v > b->bins[k].low && v <= b->bins[k].high)
            return (long)k;
    return -1;
}

void rg_feature_binning_free(rg_feature_binning *b)
{
    free(b->feature);
    for (size_t k = 0; k < b->bin_count; k++)
        free(b->bins[k].label);
    free(b->bins);
    for (size_t k = 0; k < b->category_count && b->categories; k++)
        free(b->categories[k]);
    free(b->categories), free(b->category_bin);
    memset(b, 0, sizeof *b);
}
