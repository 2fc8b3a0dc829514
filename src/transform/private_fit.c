/* private_fit.c — the transformer fitted from differentially private statistics only.
 *
 * Every row adds 1 to each of `unit_queries` counts (the row count; per categorical column
 * its category's count, missing included; per numeric column the range grid, the fine
 * histogram with a missing bucket and, for decimal columns, the decimals needed), so the
 * vector of all counts has L2 sensitivity sqrt(unit_queries) and one Gaussian noise level
 * sigma = sqrt(unit_queries / (2 rho)) gives rho-zCDP for all of them together (Bun &
 * Steinke 2016; adaptively chosen queries compose the same way). Values from an unknown
 * domain (categories, a numeric target's values) are released only when their noisy count
 * passes a threshold that a value held by one row crosses with probability
 * release_delta / released_domains: the delta of the threshold step. Declared metadata is
 * public and costs nothing. Everything else the model holds is computed from these noisy
 * counts (post-processing). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/compare.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"
#include "../privacy/mechanisms.h"
#include "metadata.h"
#include "private_fit.h"
#include "transformer.h"

enum { FINE_BINS = 64, GMM_DRAWS = 5000 };
/* range grid bins, fine bins and decimals count when their noisy count exceeds these many sigmas */
static const double range_sigmas = 4, edge_sigmas = 1, decimals_sigmas = 3;
/* generated numbers are clamped to the noisy histogram's 0.1 % ... 99.9 % range */
static const double clamp_share = 0.001;

typedef struct {
    const rg_transformer_options *options;
    rg_private_fit *privacy;
    double threshold; /* release threshold of unknown-domain values */
    rg_rng rng;
} private_context;

static int is_target(const private_context *p, const rg_column *column)
{
    return p->options->target && strcmp(p->options->target, column->name) == 0;
}

/* The counts every row contributes to, for one column (see the file comment). */
static size_t column_queries(const rg_column *column, const rg_column_metadata *meta, int target)
{
    if (column->role == RISKGAN_ROLE_IDENTIFIER && !target)
        return 0;
    if (meta->identifier && !target)
        return 0;
    if (column->type == RISKGAN_COLUMN_CATEGORICAL || meta->value_count || target)
        return 1;
    /* range, fine histogram, decimals; then common values and grid (not for dates) */
    return (size_t)!meta->has_bounds + 1 + (column->type == RISKGAN_COLUMN_CONTINUOUS && meta->decimals < 0) +
           2 * (column->type != RISKGAN_COLUMN_DATETIME);
}

static int releases_domain(const rg_column *column, const rg_column_metadata *meta, int target)
{
    if (column_queries(column, meta, target) == 0 || meta->value_count)
        return 0;
    return column->type != RISKGAN_COLUMN_DATETIME; /* categories, a target's or a number's common values */
}

/* Grid steps a whole-number column may keep (generated values are multiples of the step). */
static const double grid_steps[] = {1, 2, 3, 5, 6, 10, 12, 20, 25, 50, 100, 250, 500, 1000};
enum { GRID_STEPS = sizeof grid_steps / sizeof *grid_steps };
/* a column's common values (or grid) must cover this share of its noisy mass to be used */
static const double coverage = 0.95;

/* Identifiers: numbered from a declared start, else text ids with a fixed prefix; the
 * column's values are never read. */
static riskgan_status fit_identifier_private(rg_column_encoder *e, const rg_column *column,
                                             const rg_column_metadata *meta)
{
    e->encoding = RG_ENCODE_IDENTIFIER;
    if (!isnan(meta->id_start)) {
        if (column->type == RISKGAN_COLUMN_CATEGORICAL)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "metadata, column '%s': \"id_start\" needs a numeric "
                           "identifier column", column->name);
        e->id_start = meta->id_start;
        e->type = RISKGAN_COLUMN_INTEGER;
        e->decimals = 0;
        return RISKGAN_OK;
    }
    e->type = RISKGAN_COLUMN_CATEGORICAL;
    e->id_prefix = rg_strdup("SYN-DP-");
    e->id_digits = 8;
    return e->id_prefix ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
}

typedef struct {
    double count;
    size_t index;
} noisy_item;

static int by_noisy_count(const void *a, const void *b)
{
    const noisy_item *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int allocate_levels(rg_column_encoder *e, size_t levels, int names)
{
    e->levels = levels;
    e->level_frequency = rg_calloc(levels, sizeof *e->level_frequency);
    if (names)
        e->level_names = rg_calloc(levels, sizeof *e->level_names);
    else
        e->level_values = rg_calloc(levels, sizeof *e->level_values);
    return e->level_frequency && (names ? e->level_names != NULL : e->level_values != NULL);
}

/* Categories: a declared domain, or the observed ones whose noisy count passes the
 * threshold; then "other" and missing levels whatever the data holds. */
static riskgan_status fit_categorical_private(rg_column_encoder *e, const rg_column *column, size_t rows,
                                              const rg_column_metadata *meta, private_context *p)
{
    int target = is_target(p, column);
    size_t n = meta->value_count ? meta->value_count : column->categories.count;
    double *counts = rg_calloc(n + 2, sizeof *counts); /* values, other (declared domain), missing */
    noisy_item *order = rg_calloc(n + 1, sizeof *order);
    int32_t *domain_of_code = rg_calloc(column->categories.count + 1, sizeof *domain_of_code);
    if (!counts || !order || !domain_of_code) {
        free(counts), free(order), free(domain_of_code);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t c = 0; c < column->categories.count; c++) {
        const char *text = rg_dictionary_string(&column->categories, (int32_t)c);
        domain_of_code[c] = (int32_t)c;
        if (meta->value_count) {
            domain_of_code[c] = (int32_t)n; /* not declared: other */
            for (size_t k = 0; k < n; k++)
                if (strcmp(meta->values[k], text) == 0)
                    domain_of_code[c] = (int32_t)k;
        }
    }
    for (size_t r = 0; r < rows; r++)
        counts[column->codes[r] < 0 ? n + 1 : (size_t)domain_of_code[column->codes[r]]] += 1;
    rg_dp_add_noise(counts, n + 2, p->privacy->sigma, &p->rng);
    size_t released = 0;
    double minimum = meta->value_count ? -INFINITY : fmax(p->threshold, (double)p->options->min_category_count);
    for (size_t c = 0; c < n; c++)
        if (counts[c] >= minimum)
            order[released++] = (noisy_item){counts[c], c};
    if (!meta->value_count) /* declared domains keep their order */
        qsort(order, released, sizeof *order, by_noisy_count);
    size_t kept = target || meta->value_count || released <= p->options->max_categories ? released
                                                                                        : p->options->max_categories;
    riskgan_status status = RISKGAN_OK;
    e->encoding = RG_ENCODE_ONE_HOT;
    e->rare_count = released - kept;
    if (!allocate_levels(e, kept + 2, 1) || !(e->rare_names = rg_calloc(e->rare_count + 1, sizeof *e->rare_names)) ||
        !(e->rare_cumulative = rg_calloc(e->rare_count + 1, sizeof *e->rare_cumulative)))
        status = RISKGAN_ERR_NO_MEMORY;
    e->other_level = (long)kept;
    e->missing_level = (long)kept + 1;
    double released_total = 0, grouped = 0;
    for (size_t i = 0; i < released && status == RISKGAN_OK; i++) {
        size_t c = order[i].index;
        const char *text = meta->value_count ? meta->values[c] : rg_dictionary_string(&column->categories, (int32_t)c);
        char *name = rg_strdup(text);
        if (!name) {
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        double count = fmax(0, order[i].count);
        released_total += count;
        if (i < kept) {
            e->level_names[i] = name;
            e->level_frequency[i] = count;
        } else {
            e->rare_names[i - kept] = name;
            grouped += count;
            e->rare_cumulative[i - kept] = grouped;
        }
    }
    if (status == RISKGAN_OK) {
        for (size_t k = 0; k < e->rare_count; k++)
            e->rare_cumulative[k] = grouped > 0 ? e->rare_cumulative[k] / grouped : (double)(k + 1) / e->rare_count;
        double missing = fmax(0, counts[n + 1]);
        double unreleased = meta->value_count ? fmax(0, counts[n])
                                              : fmax(0, p->privacy->noisy_rows - released_total - missing);
        e->level_frequency[e->other_level] = grouped + unreleased;
        e->level_frequency[e->missing_level] = missing;
        if (target && kept < 2)
            status = rg_fail(RISKGAN_ERR_SCHEMA, "under differential privacy fewer than 2 classes of target '%s' have "
                             "enough rows to be released within this budget: declare its classes in the metadata "
                             "(\"values\") or raise epsilon", column->name);
    }
    free(counts), free(order), free(domain_of_code);
    return status;
}

/* A numeric target, or a numeric column with declared values: one level per value (the
 * declared ones, or the observed ones whose noisy count passes the threshold) and a
 * missing level; other values are encoded as the nearest level. */
static riskgan_status fit_numeric_levels_private(rg_column_encoder *e, const rg_column *column, size_t rows,
                                                 const rg_column_metadata *meta, private_context *p)
{
    size_t present, distinct;
    double *sorted = rg_column_sorted_values(column, rows, &present, &distinct);
    if (!sorted)
        return RISKGAN_ERR_NO_MEMORY;
    size_t n = meta->value_count ? meta->value_count : distinct;
    double *values = rg_calloc(n + 1, sizeof *values), *counts = rg_calloc(n + 1, sizeof *counts);
    riskgan_status status = values && counts ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    int decimals;
    if (status == RISKGAN_OK && meta->value_count) {
        for (size_t k = 0; k < n && status == RISKGAN_OK; k++)
            if (!rg_parse_number(meta->values[k], strlen(meta->values[k]), &values[k], &decimals))
                status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "metadata, column '%s': value \"%s\" is not a number",
                                 column->name, meta->values[k]);
        qsort(values, n, sizeof *values, rg_compare_doubles);
    } else if (status == RISKGAN_OK) {
        size_t k = 0;
        for (size_t i = 0; i < present; i++)
            if (i == 0 || sorted[i] != sorted[i - 1])
                values[k++] = sorted[i];
    }
    e->encoding = RG_ENCODE_ONE_HOT;
    e->private_levels = 1;
    e->other_level = -1;
    for (size_t i = 0; i < present && status == RISKGAN_OK; i++) { /* each value to its nearest level */
        size_t lo = 0, hi = n;
        while (hi - lo > 1) {
            size_t middle = (lo + hi) / 2;
            if (values[middle] <= sorted[i])
                lo = middle;
            else
                hi = middle;
        }
        size_t level = lo + 1 < n && fabs(values[lo + 1] - sorted[i]) < fabs(values[lo] - sorted[i]) ? lo + 1 : lo;
        counts[level] += 1;
    }
    counts[n] = (double)(rows - present);
    if (status == RISKGAN_OK) {
        rg_dp_add_noise(counts, n + 1, p->privacy->sigma, &p->rng);
        size_t kept = 0;
        for (size_t k = 0; k < n; k++)
            if (meta->value_count || counts[k] >= p->threshold)
                kept++;
        if (kept < 1 || (is_target(p, column) && kept < 2))
            status = rg_fail(RISKGAN_ERR_SCHEMA, "under differential privacy too few values of column '%s' have "
                             "enough rows to be released within this budget: declare them in the metadata "
                             "(\"values\") or raise epsilon", column->name);
        else if (!allocate_levels(e, kept + 1, 0))
            status = RISKGAN_ERR_NO_MEMORY;
        size_t level = 0;
        for (size_t k = 0; k < n && status == RISKGAN_OK; k++)
            if (meta->value_count || counts[k] >= p->threshold) {
                e->level_values[level] = values[k];
                e->level_frequency[level++] = fmax(0, counts[k]);
            }
        if (status == RISKGAN_OK) {
            e->missing_level = (long)kept;
            e->level_frequency[kept] = fmax(0, counts[n]);
        }
    }
    free(sorted), free(values), free(counts);
    return status;
}

/* The range: declared, else the span of the public grid bins whose noisy count passes
 * range_sigmas * sigma. */
static riskgan_status private_range(const rg_column *column, size_t rows, const rg_column_metadata *meta,
                                    private_context *p, double *low, double *high)
{
    if (meta->has_bounds) {
        *low = meta->minimum;
        *high = meta->maximum;
        return RISKGAN_OK;
    }
    size_t bins = rg_dp_range_bins();
    double *counts = rg_calloc(bins, sizeof *counts);
    if (!counts)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t r = 0; r < rows; r++)
        if (!isnan(column->numbers[r]))
            counts[rg_dp_range_bin(column->numbers[r])] += 1;
    rg_dp_add_noise(counts, bins, p->privacy->sigma, &p->rng);
    long first = -1, last = -1;
    for (size_t b = 0; b < bins; b++)
        if (counts[b] > range_sigmas * p->privacy->sigma) {
            if (first < 0)
                first = (long)b;
            last = (long)b;
        }
    free(counts);
    if (first < 0)
        return rg_fail(RISKGAN_ERR_SCHEMA, "under differential privacy the range of column '%s' cannot be found "
                       "within this budget (too few rows): declare \"min\" and \"max\" in the metadata or raise "
                       "epsilon", column->name);
    double ignored;
    rg_dp_range_edges((size_t)first, low, &ignored);
    rg_dp_range_edges((size_t)last, &ignored, high);
    return RISKGAN_OK;
}

/* A column's noisy distribution: a histogram of `bins` equal bins from `low` (continuous
 * mass, uniform within a bin) plus point masses at its released common values (spikes, such
 * as the many zeros of a debt column), their mass taken out of the bins that hold them. */
typedef struct {
    int bins;
    double low, width, total;
    double mass[FINE_BINS];
    size_t spikes;          /* released common values, ascending */
    double *spike_value, *spike_mass;
} noisy_distribution;

static int bin_of(const noisy_distribution *d, double v)
{
    long b = (long)floor((v - d->low) / d->width);
    return b < 0 ? 0 : b >= d->bins ? d->bins - 1 : (int)b;
}

/* The smallest x with mass(<= x) >= target. */
static double distribution_quantile(const noisy_distribution *d, double target)
{
    double cumulative = 0;
    size_t k = 0;
    for (int b = 0; b < d->bins; b++) {
        double from = d->low + b * d->width, to = from + d->width, density = d->mass[b] / d->width;
        for (; k < d->spikes && bin_of(d, d->spike_value[k]) == b; k++) {
            double at = fmin(to, fmax(from, d->spike_value[k]));
            if (density > 0 && cumulative + density * (at - from) >= target)
                return from + (target - cumulative) / density;
            cumulative += density * (at - from);
            from = at;
            if (cumulative + d->spike_mass[k] >= target)
                return d->spike_value[k];
            cumulative += d->spike_mass[k];
        }
        if (density > 0 && cumulative + density * (to - from) >= target)
            return from + (target - cumulative) / density;
        cumulative += density * (to - from);
    }
    return d->low + d->bins * d->width;
}

/* Common values: noisy counts of every distinct value, released above the threshold (into
 * d's spikes), and noisy counts of each whole value's largest grid step (into grid). */
static riskgan_status release_common_values(const rg_column *column, size_t rows, private_context *p,
                                            noisy_distribution *d, double *grid)
{
    size_t present, distinct;
    double *sorted = rg_column_sorted_values(column, rows, &present, &distinct);
    double *values = rg_calloc(distinct + 1, sizeof *values), *counts = rg_calloc(distinct + 1, sizeof *counts);
    if (!sorted || !values || !counts) {
        free(sorted), free(values), free(counts);
        return RISKGAN_ERR_NO_MEMORY;
    }
    size_t k = 0;
    for (size_t i = 0; i < present; i++) {
        if (i == 0 || sorted[i] != sorted[i - 1])
            values[k++] = sorted[i];
        counts[k - 1] += 1;
        double v = sorted[i];
        if (fabs(v) < 9e15 && v == nearbyint(v)) {
            int largest = 0;
            for (int g = 1; g < GRID_STEPS; g++)
                if (fmod(v, grid_steps[g]) == 0)
                    largest = g;
            grid[largest] += 1;
        }
    }
    free(sorted);
    rg_dp_add_noise(counts, distinct, p->privacy->sigma, &p->rng);
    rg_dp_add_noise(grid, GRID_STEPS, p->privacy->sigma, &p->rng);
    for (size_t i = 0; i < distinct; i++)
        if (counts[i] >= p->threshold) {
            values[d->spikes] = values[i];
            counts[d->spikes++] = counts[i];
        }
    d->spike_value = values;
    d->spike_mass = counts;
    for (size_t i = 0; i < d->spikes; i++) { /* the spikes' mass leaves the bins that held it */
        int b = bin_of(d, values[i]);
        double taken = fmin(d->mass[b], counts[i]);
        d->mass[b] -= taken;
        d->total -= taken;
        d->total += counts[i];
    }
    return RISKGAN_OK;
}

/* The bins' mass made to add up to what the row count leaves for them (present rows minus
 * the spikes): noisy bins are individually unbiased but their sum is not, once the empty
 * ones are cut to zero. */
static void normalize_bins(noisy_distribution *d, double present)
{
    double spikes = 0, bins = 0;
    for (size_t i = 0; i < d->spikes; i++)
        spikes += d->spike_mass[i];
    for (int b = 0; b < d->bins; b++)
        bins += d->mass[b];
    double wanted = fmax(0, present - spikes);
    for (int b = 0; b < d->bins; b++)
        d->mass[b] = bins > 0 ? d->mass[b] * wanted / bins : wanted / d->bins;
    d->total = spikes + wanted;
}

/* With at most 10 common values covering 95 % of the rows the column becomes one-hot on
 * them; with at most 100, generated values are snapped to them; otherwise a whole-number
 * column keeps the largest grid step that 95 % of its values lie on. */
static riskgan_status choose_form(rg_column_encoder *e, const noisy_distribution *d, const double *grid,
                                  const private_context *p, double present, double missing)
{
    double covered = 0;
    for (size_t i = 0; i < d->spikes; i++)
        covered += d->spike_mass[i];
    int common = d->spikes >= 1 && covered >= coverage * present;
    if (common && d->spikes <= p->options->max_discrete_numbers) {
        e->encoding = RG_ENCODE_ONE_HOT;
        e->private_levels = 1;
        e->other_level = -1;
        e->missing_level = (long)d->spikes;
        e->levels = d->spikes + 1;
        e->level_values = rg_calloc(e->levels, sizeof *e->level_values);
        e->level_frequency = rg_calloc(e->levels, sizeof *e->level_frequency);
        if (!e->level_values || !e->level_frequency)
            return RISKGAN_ERR_NO_MEMORY;
        for (size_t i = 0; i < d->spikes; i++) {
            e->level_values[i] = d->spike_value[i];
            e->level_frequency[i] = d->spike_mass[i];
        }
        e->level_frequency[d->spikes] = missing;
    } else if (common && d->spikes <= p->options->max_snap_values) {
        if (!(e->snap_values = rg_calloc(d->spikes, sizeof *e->snap_values)))
            return RISKGAN_ERR_NO_MEMORY;
        for (size_t i = 0; i < d->spikes; i++)
            e->snap_values[e->snap_count++] = d->spike_value[i];
    } else if (e->decimals == 0) {
        for (int g = GRID_STEPS - 1; g > 0 && e->step == 0; g--) {
            double multiples = 0;
            for (int h = 0; h < GRID_STEPS; h++)
                if (fmod(grid_steps[h], grid_steps[g]) == 0)
                    multiples += grid[h];
            if (multiples >= coverage * present)
                e->step = grid_steps[g];
        }
        e->origin = 0;
    }
    return RISKGAN_OK;
}

static int decimals_private(const rg_column *column, size_t rows, private_context *p)
{
    double needed[8] = {0}, sigma = p->privacy->sigma;
    for (size_t r = 0; r < rows; r++)
        if (!isnan(column->numbers[r]))
            needed[rg_dp_decimals_needed(column->numbers[r])] += 1;
    rg_dp_add_noise(needed, 8, sigma, &p->rng);
    for (int d = 7; d >= 0; d--)
        if (needed[d] > decimals_sigmas * sigma)
            return d == 7 ? -1 : d;
    return 0; /* nothing passed: whole numbers */
}

/* Numbers: the range, a noisy histogram on it (with a missing bucket), the decimals, the
 * common values and grid; from the resulting distribution the clamp bounds (its 0.1 % and
 * 99.9 % points, widened to the common values), the calibration's quantile curve and the
 * mixture (fitted to draws from it); then the column's form (one-hot, snapped or grid). */
static riskgan_status fit_mixture_private(rg_column_encoder *e, const rg_column *column, size_t rows,
                                          const rg_column_metadata *meta, private_context *p, double *target_quantiles,
                                          double *missing_share)
{
    noisy_distribution d = {0};
    double high;
    riskgan_status status = private_range(column, rows, meta, p, &d.low, &high);
    if (status != RISKGAN_OK)
        return status;
    /* as many bins as keep the expected count per bin at 5 noise deviations (4 ... 64) */
    double sigma = p->privacy->sigma, n = p->privacy->noisy_rows;
    d.bins = (int)fmin(FINE_BINS, fmax(4, floor(n / (5 * sigma))));
    d.width = (high - d.low) / d.bins;
    double counts[FINE_BINS + 1] = {0};
    for (size_t r = 0; r < rows; r++)
        counts[isnan(column->numbers[r]) ? d.bins : bin_of(&d, column->numbers[r])] += 1;
    rg_dp_add_noise(counts, (size_t)d.bins + 1, sigma, &p->rng);
    for (int b = 0; b < d.bins; b++) /* counts within a noise deviation of zero are taken as empty */
        d.total += d.mass[b] = counts[b] > edge_sigmas * sigma ? counts[b] : 0;
    double missing = fmax(0, counts[d.bins]), grid[GRID_STEPS] = {0};
    *missing_share = fmin(1, missing / n);
    e->encoding = RG_ENCODE_MIXTURE;
    e->clamp = !p->options->extrapolate;
    e->has_missing = 1;
    e->decimals = e->type != RISKGAN_COLUMN_CONTINUOUS ? 0 /* integers, dates at their resolution */
                  : meta->decimals >= 0                ? meta->decimals
                                                       : decimals_private(column, rows, p);
    if (e->type != RISKGAN_COLUMN_DATETIME)
        status = release_common_values(column, rows, p, &d, grid);
    if (status == RISKGAN_OK)
        normalize_bins(&d, fmax(0, n - missing));
    if (status == RISKGAN_OK && !(d.total > 0))
        status = rg_fail(RISKGAN_ERR_SCHEMA, "under differential privacy the distribution of column '%s' cannot be "
                         "estimated within this budget: raise epsilon", column->name);
    double *draws = status == RISKGAN_OK ? rg_calloc(GMM_DRAWS, sizeof *draws) : NULL;
    if (status == RISKGAN_OK && !draws)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        if (meta->has_bounds) {
            e->minimum = d.low;
            e->maximum = high;
        } else {
            e->minimum = distribution_quantile(&d, clamp_share * d.total);
            e->maximum = distribution_quantile(&d, (1 - clamp_share) * d.total);
            if (d.spikes) {
                e->minimum = fmin(e->minimum, d.spike_value[0]);
                e->maximum = fmax(e->maximum, d.spike_value[d.spikes - 1]);
            }
        }
        for (int k = 0; k < RG_TARGET_QUANTILES; k++) { /* the curve marginal calibration aims at */
            double share = clamp_share + (1 - 2 * clamp_share) * k / (RG_TARGET_QUANTILES - 1.0);
            target_quantiles[k] = fmin(e->maximum, fmax(e->minimum, distribution_quantile(&d, share * d.total)));
        }
        for (int i = 0; i < GMM_DRAWS; i++)
            draws[i] = distribution_quantile(&d, rg_rng_uniform(&p->rng) * d.total);
        status = rg_gmm_fit(draws, GMM_DRAWS, &p->options->gmm, &p->rng, &e->gmm);
    }
    if (status == RISKGAN_OK && e->type != RISKGAN_COLUMN_DATETIME)
        status = choose_form(e, &d, grid, p, fmax(1, n - missing), missing);
    if (status == RISKGAN_OK && e->encoding == RG_ENCODE_ONE_HOT)
        target_quantiles[0] = NAN; /* no longer a mixture */
    free(draws), free(d.spike_value), free(d.spike_mass);
    return status;
}

/* Conditional sampling needs some mass on every discrete column: all-zero noisy counts
 * (a tiny table under a small budget) become uniform. */
static void ensure_frequencies(rg_column_encoder *e)
{
    double total = 0;
    for (size_t l = 0; l < e->levels; l++)
        total += e->level_frequency[l];
    if (!(total > 0))
        for (size_t l = 0; l < e->levels; l++)
            e->level_frequency[l] = 1;
}

/* Each level's noisy share (one-hot columns) and each missing flag's, for calibration. */
static riskgan_status target_shares(const rg_transformer *t, const double *missing_share, rg_private_fit *privacy)
{
    double *shares = privacy->target_shares = rg_calloc(t->width + 1, sizeof *shares);
    if (!shares)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        if (e->encoding == RG_ENCODE_ONE_HOT) {
            double total = 0;
            for (size_t l = 0; l < e->levels; l++)
                total += e->level_frequency[l];
            for (size_t l = 0; l < e->levels; l++)
                shares[e->output_start + l] = e->level_frequency[l] / total;
        } else if (e->encoding == RG_ENCODE_MIXTURE && e->has_missing) {
            size_t flag = e->output_start + 1 + (size_t)e->gmm.components;
            shares[flag] = 1 - missing_share[j];
            shares[flag + 1] = missing_share[j];
        }
    }
    return RISKGAN_OK;
}

riskgan_status rg_transformer_fit_private(const riskgan_table *table, const rg_transformer_options *options,
                                          rg_private_fit *privacy, rg_transformer **out)
{
    *out = NULL;
    rg_column_metadata *meta = rg_calloc(table->columns ? table->columns : 1, sizeof *meta);
    rg_transformer *t = rg_calloc(1, sizeof *t);
    if (!meta || !t || !(t->column = rg_calloc(table->columns ? table->columns : 1, sizeof *t->column))) {
        free(meta), free(t);
        return RISKGAN_ERR_NO_MEMORY;
    }
    t->columns = table->columns;
    t->delimiter = table->delimiter;
    t->decimal_mark = table->decimal_mark;
    riskgan_status status = rg_metadata_parse(privacy->metadata, table, meta);
    if (status != RISKGAN_OK) {
        free(meta), free(t->column), free(t);
        return status;
    }
    privacy->target_quantiles = rg_calloc(table->columns * RG_TARGET_QUANTILES + 1, sizeof(double));
    double *missing_share = rg_calloc(table->columns + 1, sizeof *missing_share);
    if (!privacy->target_quantiles || !missing_share) {
        free(missing_share);
        rg_metadata_free(meta, table->columns);
        free(meta), free(t->column), free(t);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t j = 0; j < table->columns; j++)
        privacy->target_quantiles[j * RG_TARGET_QUANTILES] = NAN;
    private_context p = {.options = options, .privacy = privacy};
    rg_rng_seed(&p.rng, options->seed ^ 0x7072697661637921ULL);
    privacy->unit_queries = 1; /* the row count */
    privacy->released_domains = 0;
    for (size_t j = 0; j < table->columns; j++) {
        int target = options->target && strcmp(options->target, table->column[j].name) == 0;
        privacy->unit_queries += column_queries(&table->column[j], &meta[j], target);
        privacy->released_domains += (size_t)releases_domain(&table->column[j], &meta[j], target);
    }
    privacy->sigma = rg_dp_sigma_for((double)privacy->unit_queries, privacy->rho);
    p.threshold = privacy->released_domains
                      ? rg_dp_release_threshold(privacy->sigma, privacy->release_delta / (double)privacy->released_domains)
                      : INFINITY;
    privacy->noisy_rows = fmax(1, (double)table->rows + privacy->sigma * rg_rng_normal(&p.rng));
    for (size_t j = 0; j < t->columns && status == RISKGAN_OK; j++) {
        const rg_column *column = &table->column[j];
        rg_column_encoder *e = &t->column[j];
        int target = options->target && strcmp(options->target, column->name) == 0;
        e->type = column->type;
        e->decimals = -1;
        e->datetime = column->datetime;
        e->other_level = e->missing_level = -1;
        if (!(e->name = rg_strdup(column->name))) {
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        if ((column->role == RISKGAN_ROLE_IDENTIFIER || meta[j].identifier) && !target)
            status = fit_identifier_private(e, column, &meta[j]);
        else if (column->type == RISKGAN_COLUMN_CATEGORICAL)
            status = fit_categorical_private(e, column, table->rows, &meta[j], &p);
        else if (target || meta[j].value_count)
            status = fit_numeric_levels_private(e, column, table->rows, &meta[j], &p);
        else
            status = fit_mixture_private(e, column, table->rows, &meta[j], &p,
                                         privacy->target_quantiles + j * RG_TARGET_QUANTILES, &missing_share[j]);
        if (status == RISKGAN_OK && e->encoding == RG_ENCODE_ONE_HOT)
            ensure_frequencies(e);
    }
    rg_metadata_free(meta, table->columns);
    free(meta);
    if (status == RISKGAN_OK)
        status = rg_transformer_build_layout(t);
    if (status == RISKGAN_OK)
        status = target_shares(t, missing_share, privacy);
    free(missing_share);
    if (status != RISKGAN_OK) {
        rg_transformer_free(t);
        return status;
    }
    *out = t;
    return RISKGAN_OK;
}
