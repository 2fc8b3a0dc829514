/* transformer_fit.c — fitting the transform to a table: category levels (frequent ones kept,
 * rare ones folded into "other"), mode-specific normalization of numbers by a Gaussian
 * mixture, learned number formats, identifiers. */
#include "transformer_fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"
#include "column_formats.h"

typedef struct {
    size_t code, count;
} code_count;

static int by_count_descending(const void *a, const void *b)
{
    const code_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return x->code < y->code ? -1 : x->code > y->code;
}

static riskgan_status fit_categorical(rg_column_encoder *e, const rg_column *column, size_t rows,
                                      size_t max_categories, size_t min_count)
{
    size_t n = column->categories.count;
    code_count *order = rg_calloc(n ? n : 1, sizeof *order);
    if (!order)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t c = 0; c < n; c++)
        order[c].code = c;
    for (size_t r = 0; r < rows; r++)
        if (column->codes[r] >= 0)
            order[column->codes[r]].count++;
    qsort(order, n, sizeof *order, by_count_descending);
    size_t frequent = 0; /* seen in at least min_count rows: may be stored */
    while (frequent < n && order[frequent].count >= min_count)
        frequent++;
    size_t kept = frequent <= max_categories ? frequent : max_categories;
    double folded = 0; /* rows of categories too rare to store */
    for (size_t i = frequent; i < n; i++)
        folded += (double)order[i].count;
    e->rare_count = frequent - kept;
    int has_other = e->rare_count > 0 || folded > 0;
    e->levels = kept + (size_t)has_other + (column->missing > 0);
    e->other_level = has_other ? (long)kept : -1;
    e->missing_level = column->missing ? (long)(e->levels - 1) : -1;
    e->level_names = rg_calloc(e->levels ? e->levels : 1, sizeof *e->level_names);
    e->level_frequency = rg_calloc(e->levels ? e->levels : 1, sizeof *e->level_frequency);
    e->rare_names = rg_calloc(e->rare_count ? e->rare_count : 1, sizeof *e->rare_names);
    e->rare_cumulative = rg_calloc(e->rare_count ? e->rare_count : 1, sizeof *e->rare_cumulative);
    riskgan_status status = RISKGAN_OK;
    if (!e->level_names || !e->level_frequency || !e->rare_names || !e->rare_cumulative)
        status = RISKGAN_ERR_NO_MEMORY;
    double grouped_total = 0;
    for (size_t i = 0; i < frequent && status == RISKGAN_OK; i++) {
        char *name = rg_strdup(rg_dictionary_string(&column->categories, (int32_t)order[i].code));
        if (!name) {
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        if (i < kept) {
            e->level_names[i] = name;
            e->level_frequency[i] = (double)order[i].count;
        } else {
            e->rare_names[i - kept] = name;
            grouped_total += (double)order[i].count;
            e->rare_cumulative[i - kept] = grouped_total;
        }
    }
    if (status == RISKGAN_OK) {
        for (size_t i = 0; i < e->rare_count; i++)
            e->rare_cumulative[i] /= grouped_total;
        if (e->other_level >= 0)
            e->level_frequency[e->other_level] = grouped_total + folded;
        if (e->missing_level >= 0)
            e->level_frequency[e->missing_level] = (double)column->missing;
    }
    free(order);
    return status;
}

/* Few distinct values: one level per value, in ascending order. */
static riskgan_status fit_numeric_levels(rg_column_encoder *e, const rg_column *column, size_t rows,
                                         const double *sorted, size_t present, size_t distinct)
{
    e->encoding = RG_ENCODE_ONE_HOT;
    e->levels = distinct + (column->missing > 0);
    e->other_level = -1;
    e->missing_level = column->missing ? (long)distinct : -1;
    e->level_values = rg_calloc(e->levels, sizeof *e->level_values);
    e->level_frequency = rg_calloc(e->levels, sizeof *e->level_frequency);
    if (!e->level_values || !e->level_frequency)
        return RISKGAN_ERR_NO_MEMORY;
    size_t level = 0;
    for (size_t i = 0; i < present; i++) {
        if (i > 0 && sorted[i] != sorted[i - 1])
            level++;
        e->level_values[level] = sorted[i];
        e->level_frequency[level] += 1;
    }
    if (e->missing_level >= 0)
        e->level_frequency[e->missing_level] = (double)column->missing;
    (void)rows;
    return RISKGAN_OK;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t r = a % b;
        a = b;
        b = r;
    }
    return a;
}

/* The grid the values lie on: the greatest common divisor of their distances from the
 * minimum, in units of the last decimal written (0 when there is no grid coarser than
 * the decimals themselves, or the values are not exact decimals). */
static double detect_step(const double *sorted, size_t present, int decimals)
{
    if (decimals < 0 || decimals > 9 || present < 2)
        return 0;
    static const double scale_of[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    double scale = scale_of[decimals];
    uint64_t g = 0;
    for (size_t i = 1; i < present && g != 1; i++) {
        double units = (sorted[i] - sorted[0]) * scale;
        if (!(units < 9007199254740992.0))
            return 0;
        double whole = nearbyint(units);
        if (fabs(units - whole) > 1e-6 * fmax(1, whole))
            return 0;
        g = gcd(g, (uint64_t)whole);
    }
    return g > 1 ? (double)g / scale : 0;
}

static riskgan_status fit_mixture(rg_column_encoder *e, const rg_column *column, size_t rows,
                                  const rg_gmm_options *options, rg_rng *rng)
{
    double *values = rg_calloc(rows, sizeof *values);
    if (!values)
        return RISKGAN_ERR_NO_MEMORY;
    size_t n = 0;
    e->minimum = INFINITY;
    e->maximum = -INFINITY;
    for (size_t r = 0; r < rows; r++) {
        double v = column->numbers[r];
        if (isnan(v))
            continue;
        values[n++] = v;
        if (v < e->minimum)
            e->minimum = v;
        if (v > e->maximum)
            e->maximum = v;
    }
    e->has_missing = column->missing > 0;
    riskgan_status status = RISKGAN_OK;
    if (n == 0) { /* an all-missing column: one dummy mode, always missing */
        e->gmm.components = 1;
        e->gmm.weight[0] = 1;
        e->gmm.std[0] = 1;
        e->minimum = e->maximum = 0;
    } else {
        status = rg_gmm_fit(values, n, options, rng, &e->gmm);
    }
    free(values);
    return status;
}

static riskgan_status fit_numeric(rg_column_encoder *e, const rg_column *column, size_t rows,
                                  const rg_transformer_options *options, const rg_column_format_override *o,
                                  int is_target, rg_rng *rng)
{
    size_t present, distinct;
    double *sorted = rg_column_sorted_values(column, rows, &present, &distinct);
    if (!sorted)
        return RISKGAN_ERR_NO_MEMORY;
    size_t limit = is_target ? 50 : options->max_discrete_numbers;
    riskgan_status status;
    if (distinct > 0 && distinct <= limit && (o->values != 0 || is_target)) {
        status = fit_numeric_levels(e, column, rows, sorted, present, distinct);
        free(sorted);
        return status;
    }
    e->encoding = RG_ENCODE_MIXTURE;
    status = fit_mixture(e, column, rows, &options->gmm, rng);
    e->clamp = o->range == RG_UNSET ? !options->extrapolate : o->range == 0;
    if (e->type == RISKGAN_COLUMN_INTEGER || e->type == RISKGAN_COLUMN_DATETIME)
        e->decimals = 0;
    if (o->decimals != RG_UNSET)
        e->decimals = o->decimals;
    e->step = o->step > 0 ? o->step : o->step < 0 ? 0 : detect_step(sorted, present, e->type == RISKGAN_COLUMN_CONTINUOUS ? e->decimals : 0);
    e->origin = o->step > 0 || present == 0 ? 0 : sorted[0]; /* a detected grid starts at the minimum */
    int snap = o->values == 1 ||
               (o->values == RG_UNSET && distinct <= options->max_snap_values && present >= 5 * distinct);
    if (status == RISKGAN_OK && snap && distinct > 0) {
        e->snap_values = rg_calloc(distinct, sizeof *e->snap_values);
        if (!e->snap_values)
            status = RISKGAN_ERR_NO_MEMORY;
        for (size_t i = 0; status == RISKGAN_OK && i < present; i++)
            if (i == 0 || sorted[i] != sorted[i - 1])
                e->snap_values[e->snap_count++] = sorted[i];
    }
    free(sorted);
    return status;
}

/* Where fresh integer identifiers start: above the largest real one, rounded up at its second
 * digit (123456789012 -> 130000000000), so the model file holds no real identifier; *digits
 * receives the largest one's number of digits. */
static double integer_start(const rg_column *column, size_t rows, int *digits)
{
    double maximum = -INFINITY;
    for (size_t r = 0; r < rows; r++)
        if (!isnan(column->numbers[r]) && column->numbers[r] > maximum)
            maximum = column->numbers[r];
    *digits = maximum >= 1 ? (int)floor(log10(maximum)) + 1 : 1;
    if (!(maximum >= 1))
        return 1;
    double unit = pow(10, fmax(0, floor(log10(maximum)) - 1));
    double start = (floor(maximum / unit) + 1) * unit;
    while (start <= maximum) /* guard against log10 rounding */
        start += unit;
    return start;
}

/* Identifiers: fresh values that cannot equal a real one. Integers count on from above the
 * largest real one (integer_start); text, and integers so large that counting on would not be
 * exact (from 2^52: fresh values came out equal in pairs), get a prefix no real identifier
 * starts with and as many digits as the real ones have. */
static riskgan_status fit_identifier(rg_column_encoder *e, const rg_column *column, size_t rows)
{
    e->encoding = RG_ENCODE_IDENTIFIER;
    int typical = 8;
    if (column->type != RISKGAN_COLUMN_CATEGORICAL) {
        e->id_start = integer_start(column, rows, &typical);
        if (e->id_start < RG_FRESH_LIMIT) {
            e->type = RISKGAN_COLUMN_INTEGER;
            e->decimals = 0;
            return RISKGAN_OK;
        }
        e->id_start = 0;
        e->type = RISKGAN_COLUMN_CATEGORICAL;
    }
    static const char *prefixes[] = {"SYN", "SYN-", "SYNTH-", "SYNTHETIC-", "~SYN-"};
    size_t chosen = 0, total_length = 0, counted = 0;
    for (; chosen < sizeof prefixes / sizeof *prefixes; chosen++) {
        size_t length = strlen(prefixes[chosen]);
        int clash = 0;
        for (size_t c = 0; c < column->categories.count && !clash; c++)
            clash = strncmp(rg_dictionary_string(&column->categories, (int32_t)c), prefixes[chosen], length) == 0;
        if (!clash)
            break;
    }
    if (chosen == sizeof prefixes / sizeof *prefixes)
        chosen--; /* "~SYN-" then with extra digits: still cannot match, see decode */
    for (size_t c = 0; c < column->categories.count && counted < 1000; c++, counted++)
        total_length += strlen(rg_dictionary_string(&column->categories, (int32_t)c));
    if (counted)
        typical = (int)(total_length / counted);
    e->id_prefix = rg_strdup(prefixes[chosen]);
    e->id_digits = typical - (int)strlen(prefixes[chosen]);
    if (e->id_digits < 6)
        e->id_digits = 6;
    if (e->id_digits > 18)
        e->id_digits = 18;
    return e->id_prefix ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
}

riskgan_status rg_transformer_fit(const riskgan_table *table, const rg_transformer_options *options,
                                  rg_transformer **out)
{
    *out = NULL;
    rg_transformer *t = rg_calloc(1, sizeof *t);
    if (!t)
        return RISKGAN_ERR_NO_MEMORY;
    t->columns = table->columns;
    t->delimiter = table->delimiter;
    t->decimal_mark = table->decimal_mark;
    t->column = rg_calloc(t->columns, sizeof *t->column);
    rg_column_format_override *overrides = rg_calloc(t->columns, sizeof *overrides);
    if (!t->column || !overrides) {
        free(t->column);
        free(t);
        free(overrides);
        return RISKGAN_ERR_NO_MEMORY;
    }
    riskgan_status status = rg_column_formats_parse(options->column_formats, table, overrides);
    rg_rng rng;
    rg_rng_seed(&rng, options->seed ^ 0x7472616e73666f72ULL);
    for (size_t j = 0; j < t->columns && status == RISKGAN_OK; j++) {
        const rg_column *column = &table->column[j];
        rg_column_encoder *e = &t->column[j];
        e->name = rg_strdup(column->name);
        e->type = column->type;
        e->decimals = column->decimals;
        e->datetime = column->datetime;
        e->other_level = e->missing_level = -1;
        if (!e->name) {
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        int is_target = options->target && strcmp(options->target, column->name) == 0;
        if (column->role == RISKGAN_ROLE_IDENTIFIER && !is_target)
            status = fit_identifier(e, column, table->rows);
        else if (column->type == RISKGAN_COLUMN_CATEGORICAL)
            status = fit_categorical(e, column, table->rows, is_target ? SIZE_MAX : options->max_categories,
                                     is_target ? 1 : options->min_category_count);
        else
            status = fit_numeric(e, column, table->rows, options, &overrides[j], is_target, &rng);
        if (column->type == RISKGAN_COLUMN_CATEGORICAL && e->encoding != RG_ENCODE_IDENTIFIER)
            e->encoding = RG_ENCODE_ONE_HOT;
    }
    free(overrides);
    if (status == RISKGAN_OK)
        status = rg_transformer_build_layout(t);
    if (status != RISKGAN_OK) {
        rg_transformer_free(t);
        return status;
    }
    *out = t;
    return RISKGAN_OK;
}
