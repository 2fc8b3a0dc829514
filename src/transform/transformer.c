/* transformer.c — fitting, encoding, decoding and serializing the tabular transform.
 *
 * Layout of an encoded row, column by column in table order:
 *   mixture column:  [scalar in [-1,1] (tanh)] [one-hot of the mode (softmax)]
 *                    [present, missing (softmax)]  -- the last only if training had missing
 *   one-hot column:  [one-hot of the level (softmax)]
 * A categorical column with more than max_categories values keeps the most frequent ones and
 * groups the rest into an "other" level; decoding "other" draws one of the grouped values
 * with its training frequency. A category seen in fewer than min_category_count rows is
 * folded into "other" without being stored: it can never be generated (when no stored
 * member remains, "other" decodes to RG_RARE_PLACEHOLDER).
 * Identifier columns have no encoding at all and decode to fresh identifiers.
 * Numeric columns keep their learned format: decimals, grid step, observed range and, with
 * few distinct values, only observed values (docs/data-integrity.md). */
#include "transformer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"
#include "column_formats.h"

void rg_transformer_options_default(rg_transformer_options *options)
{
    memset(options, 0, sizeof *options);
    options->max_categories = 50;
    options->max_discrete_numbers = 10;
    options->max_snap_values = 100;
    options->min_category_count = 5;
    options->seed = 0;
    rg_gmm_options_default(&options->gmm);
}

static void encoder_free(rg_column_encoder *e)
{
    free(e->name);
    free(e->level_values);
    if (e->level_names)
        for (size_t l = 0; l < e->levels; l++)
            free(e->level_names[l]);
    free(e->level_names);
    if (e->rare_names) /* NULL when a corrupt file failed validation before it was read */
        for (size_t r = 0; r < e->rare_count; r++)
            free(e->rare_names[r]);
    free(e->rare_names);
    free(e->rare_cumulative);
    free(e->level_frequency);
    free(e->snap_values);
    free(e->id_prefix);
}

void rg_transformer_free(rg_transformer *transformer)
{
    if (!transformer)
        return;
    for (size_t j = 0; j < transformer->columns; j++)
        encoder_free(&transformer->column[j]);
    free(transformer->column);
    free(transformer->spans);
    free(transformer);
}

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

/* Identifiers: fresh values that cannot equal a real one. Integers start above the largest
 * real one, rounded up at its second digit (123456789012 -> 130000000000), so the model file
 * holds no real identifier; text gets a prefix no real identifier starts with. */
static riskgan_status fit_identifier(rg_column_encoder *e, const rg_column *column, size_t rows)
{
    e->encoding = RG_ENCODE_IDENTIFIER;
    if (column->type != RISKGAN_COLUMN_CATEGORICAL) {
        double maximum = -INFINITY;
        for (size_t r = 0; r < rows; r++)
            if (!isnan(column->numbers[r]) && column->numbers[r] > maximum)
                maximum = column->numbers[r];
        if (!(maximum >= 1)) {
            e->id_start = 1;
        } else {
            double unit = pow(10, fmax(0, floor(log10(maximum)) - 1));
            e->id_start = (floor(maximum / unit) + 1) * unit;
            while (e->id_start <= maximum) /* guard against log10 rounding */
                e->id_start += unit;
        }
        e->type = RISKGAN_COLUMN_INTEGER;
        e->decimals = 0;
        return RISKGAN_OK;
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
    int typical = counted ? (int)(total_length / counted) : 8;
    e->id_prefix = rg_strdup(prefixes[chosen]);
    e->id_digits = typical - (int)strlen(prefixes[chosen]);
    if (e->id_digits < 6)
        e->id_digits = 6;
    if (e->id_digits > 18)
        e->id_digits = 18;
    return e->id_prefix ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
}

riskgan_status rg_transformer_build_layout(rg_transformer *t)
{
    size_t spans = 0;
    for (size_t j = 0; j < t->columns; j++)
        spans += t->column[j].encoding == RG_ENCODE_ONE_HOT    ? 1
                 : t->column[j].encoding == RG_ENCODE_MIXTURE ? 2 + (size_t)t->column[j].has_missing
                                                              : 0;
    t->spans = rg_calloc(spans ? spans : 1, sizeof *t->spans);
    if (!t->spans)
        return RISKGAN_ERR_NO_MEMORY;
    size_t offset = 0, condition = 0;
    for (size_t j = 0; j < t->columns; j++) {
        rg_column_encoder *e = &t->column[j];
        e->output_start = offset;
        if (e->encoding == RG_ENCODE_IDENTIFIER) {
            e->output_width = 0;
            continue;
        }
        if (e->encoding == RG_ENCODE_ONE_HOT) {
            t->spans[t->span_count++] = (rg_span){offset, e->levels, RG_SPAN_SOFTMAX, 1, condition, j};
            condition += e->levels;
            offset += e->levels;
        } else {
            t->spans[t->span_count++] = (rg_span){offset, 1, RG_SPAN_TANH, 0, 0, j};
            offset += 1;
            size_t modes = (size_t)e->gmm.components;
            t->spans[t->span_count++] = (rg_span){offset, modes, RG_SPAN_SOFTMAX, 0, 0, j};
            offset += modes;
            if (e->has_missing) {
                t->spans[t->span_count++] = (rg_span){offset, 2, RG_SPAN_SOFTMAX, 0, 0, j};
                offset += 2;
            }
        }
        e->output_width = offset - e->output_start;
    }
    t->width = offset;
    t->condition_width = condition;
    return RISKGAN_OK;
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

long rg_transformer_find_level(const rg_transformer *t, size_t column, const char *value)
{
    const rg_column_encoder *e = &t->column[column];
    if (e->encoding != RG_ENCODE_ONE_HOT)
        return -1;
    for (size_t l = 0; l < e->levels; l++) {
        if (e->level_names && e->level_names[l] && strcmp(e->level_names[l], value) == 0)
            return (long)l;
        if (e->level_values && (long)l != e->missing_level) {
            double parsed;
            int decimals;
            if (rg_parse_number(value, strlen(value), &parsed, &decimals) &&
                parsed == e->level_values[l])
                return (long)l;
        }
    }
    return -1;
}

/* Level of a one-hot column for row r of the source column, or -1 if unknown. */
static long level_of(const rg_column_encoder *e, const rg_column *column, size_t r)
{
    if (column->type == RISKGAN_COLUMN_CATEGORICAL) {
        int32_t code = column->codes[r];
        if (code < 0)
            return e->missing_level;
        const char *text = rg_dictionary_string(&column->categories, code);
        for (size_t l = 0; l < e->levels; l++)
            if (e->level_names[l] && strcmp(e->level_names[l], text) == 0)
                return (long)l;
        return e->other_level; /* grouped, folded as too rare, or unseen: "other" if there is one */
    }
    double v = column->numbers[r];
    if (isnan(v))
        return e->missing_level;
    long nearest = -1;
    for (size_t l = 0; l < e->levels; l++) {
        if ((long)l == e->missing_level)
            continue;
        if (e->level_values[l] == v)
            return (long)l;
        if (nearest < 0 || fabs(e->level_values[l] - v) < fabs(e->level_values[nearest] - v))
            nearest = (long)l;
    }
    return e->private_levels ? nearest : -1; /* a value not released under privacy: the nearest one */
}

riskgan_status rg_transformer_encode(const rg_transformer *t, const riskgan_table *table, uint64_t seed,
                                     size_t first_row, float *out, unsigned char *unseen)
{
    if (table->columns != t->columns)
        return rg_fail(RISKGAN_ERR_SCHEMA, "the table has %zu columns, the model was fitted on %zu",
                       table->columns, t->columns);
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        const rg_column *column = &table->column[j];
        int types_differ = (e->type == RISKGAN_COLUMN_CATEGORICAL) != (column->type == RISKGAN_COLUMN_CATEGORICAL);
        if (strcmp(e->name, column->name) != 0 || (types_differ && e->encoding != RG_ENCODE_IDENTIFIER))
            return rg_fail(RISKGAN_ERR_SCHEMA, "column %zu is '%s' here but '%s' (%s) in the model",
                           j + 1, column->name, e->name,
                           e->type == RISKGAN_COLUMN_CATEGORICAL ? "categorical" : "numeric");
    }
    memset(out, 0, table->rows * t->width * sizeof *out);
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        const rg_column *column = &table->column[j];
        if (e->encoding == RG_ENCODE_IDENTIFIER)
            continue;
        for (size_t r = 0; r < table->rows; r++) {
            float *row = out + r * t->width + e->output_start;
            if (e->encoding == RG_ENCODE_ONE_HOT) {
                long level = level_of(e, column, r);
                if (level < 0 && unseen) {
                    unseen[r] = 1;
                    continue;
                }
                if (level < 0) {
                    char shown[64];
                    if (column->type == RISKGAN_COLUMN_CATEGORICAL && column->codes[r] >= 0)
                        snprintf(shown, sizeof shown, "'%s'", rg_dictionary_string(&column->categories, column->codes[r]));
                    else if (column->type != RISKGAN_COLUMN_CATEGORICAL && !isnan(column->numbers[r]))
                        snprintf(shown, sizeof shown, "%g", column->numbers[r]);
                    else
                        snprintf(shown, sizeof shown, "a missing value");
                    return rg_fail(RISKGAN_ERR_SCHEMA,
                                   "row %zu, column '%s': %s was never seen when the model was fitted",
                                   r + 1, e->name, shown);
                }
                row[level] = 1;
                continue;
            }
            double v = column->numbers[r];
            int modes = e->gmm.components;
            if (isnan(v)) {
                row[1] = 1; /* any mode; the missing flag is what decodes */
                if (e->has_missing)
                    row[1 + modes + 1] = 1;
                else if (unseen)
                    unseen[r] = 1;
                else
                    return rg_fail(RISKGAN_ERR_SCHEMA, "row %zu, column '%s': missing, but the model "
                                   "saw no missing values there", r + 1, e->name);
                continue;
            }
            double probability[RG_GMM_MAX_COMPONENTS];
            rg_gmm_posterior(&e->gmm, v, probability);
            /* the mode draw depends on the cell alone: shards encode as the whole table would */
            uint64_t cell = ((uint64_t)(first_row + r) * t->columns + j) * 0xD1B54A32D192ED03ull;
            double u = (double)(rg_hash64(seed ^ cell) >> 11) * 0x1.0p-53;
            int mode = 0;
            while (mode + 1 < modes && (u -= probability[mode]) >= 0)
                mode++;
            double scalar = (v - e->gmm.mean[mode]) / (4 * e->gmm.std[mode]);
            row[0] = (float)(scalar < -1 ? -1 : scalar > 1 ? 1 : scalar);
            row[1 + mode] = 1;
            if (e->has_missing)
                row[1 + modes] = 1;
        }
    }
    return RISKGAN_OK;
}

static size_t argmax(const float *values, size_t n)
{
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (values[i] > values[best])
            best = i;
    return best;
}

double rg_transformer_decode_value(const rg_column_encoder *e, const float *row)
{
    size_t modes = (size_t)e->gmm.components;
    if (e->has_missing && row[1 + modes + 1] > row[1 + modes])
        return NAN;
    size_t mode = argmax(row + 1, modes);
    double scalar = row[0] < -1 ? -1 : row[0] > 1 ? 1 : row[0];
    return e->gmm.mean[mode] + scalar * 4 * e->gmm.std[mode];
}

double rg_value_map_apply(const rg_value_map *map, double value)
{
    if (!map || map->points == 0 || isnan(value))
        return value;
    const double *from = map->from, *to = map->to;
    size_t n = map->points;
    if (value <= from[0])
        return to[0];
    if (value >= from[n - 1])
        return to[n - 1];
    size_t low = 0, high = n - 1; /* from[low] < value <= from[high] */
    while (high - low > 1) {
        size_t middle = (low + high) / 2;
        if (from[middle] < value)
            low = middle;
        else
            high = middle;
    }
    double span = from[high] - from[low];
    return span > 0 ? to[low] + (to[high] - to[low]) * (value - from[low]) / span : to[high];
}

double rg_encoder_format_value(const rg_column_encoder *e, double value)
{
    if (isnan(value))
        return value;
    if (e->clamp)
        value = fmin(fmax(value, e->minimum), e->maximum);
    if (e->snap_count) { /* the nearest observed value */
        size_t low = 0, high = e->snap_count - 1;
        while (high - low > 1) {
            size_t middle = (low + high) / 2;
            if (e->snap_values[middle] <= value)
                low = middle;
            else
                high = middle;
        }
        return fabs(value - e->snap_values[low]) <= fabs(e->snap_values[high] - value) ? e->snap_values[low]
                                                                                        : e->snap_values[high];
    }
    if (e->step > 0) {
        double k = nearbyint((value - e->origin) / e->step);
        if (e->clamp && e->origin + k * e->step > e->maximum)
            k = floor((e->maximum - e->origin) / e->step);
        if (e->clamp && e->origin + k * e->step < e->minimum)
            k = ceil((e->minimum - e->origin) / e->step);
        double on_grid = e->origin + k * e->step;
        if (!e->clamp || (on_grid >= e->minimum && on_grid <= e->maximum))
            value = on_grid; /* else no grid point in the range: keep the clamped value */
        return rg_round_to_format(value, e->type == RISKGAN_COLUMN_CONTINUOUS ? e->decimals : 0);
    }
    return rg_round_like_column(e->type, e->decimals, &e->datetime, value);
}

/* The decoded table's column j: the training schema, formatting, role and dictionary. */
static riskgan_status decoded_schema(const rg_column_encoder *e, riskgan_table *table, size_t j)
{
    riskgan_status status = rg_table_set_column(table, j, e->name, e->type);
    if (status != RISKGAN_OK)
        return status;
    rg_column *column = &table->column[j];
    column->decimals = e->decimals;
    column->role = e->encoding == RG_ENCODE_IDENTIFIER ? RISKGAN_ROLE_IDENTIFIER : RISKGAN_ROLE_FEATURE;
    if (e->type == RISKGAN_COLUMN_DATETIME)
        rg_column_set_datetime(column, &e->datetime);
    if (e->type != RISKGAN_COLUMN_CATEGORICAL || e->encoding == RG_ENCODE_IDENTIFIER)
        return RISKGAN_OK;
    rg_dictionary *d = &column->categories;
    for (size_t l = 0; l < e->levels; l++)
        if (e->level_names[l] && rg_dictionary_intern(d, e->level_names[l], strlen(e->level_names[l])) < 0)
            return RISKGAN_ERR_NO_MEMORY;
    for (size_t k = 0; k < e->rare_count; k++)
        if (rg_dictionary_intern(d, e->rare_names[k], strlen(e->rare_names[k])) < 0)
            return RISKGAN_ERR_NO_MEMORY;
    if (e->other_level >= 0 && e->rare_count == 0 &&
        rg_dictionary_intern(d, RG_RARE_PLACEHOLDER, strlen(RG_RARE_PLACEHOLDER)) < 0)
        return RISKGAN_ERR_NO_MEMORY;
    return RISKGAN_OK;
}

/* Fresh identifiers for rows first_row ... first_row + rows - 1 of the output. */
static riskgan_status decode_identifiers(const rg_column_encoder *e, rg_column *column, size_t rows,
                                         size_t first_row)
{
    for (size_t r = 0; r < rows; r++) {
        if (!e->id_prefix) {
            column->numbers[r] = e->id_start + (double)(first_row + r);
            continue;
        }
        char text[64];
        int length = snprintf(text, sizeof text, "%s%0*zu", e->id_prefix, e->id_digits, first_row + r + 1);
        int32_t code = rg_dictionary_intern(&column->categories, text, (size_t)length);
        if (code < 0)
            return RISKGAN_ERR_NO_MEMORY;
        column->codes[r] = code;
    }
    return RISKGAN_OK;
}

riskgan_status rg_transformer_decode(const rg_transformer *t, const float *encoded, size_t rows,
                                     const rg_value_map *maps, rg_rng *rng, size_t first_row, riskgan_table **out)
{
    *out = NULL;
    riskgan_table *table;
    riskgan_status status = rg_table_new(t->columns, &table);
    if (status != RISKGAN_OK)
        return status;
    table->delimiter = t->delimiter;
    table->decimal_mark = t->decimal_mark;
    for (size_t j = 0; j < t->columns && status == RISKGAN_OK; j++)
        status = decoded_schema(&t->column[j], table, j);
    if (status == RISKGAN_OK)
        status = rg_table_reserve(table, rows);
    for (size_t j = 0; j < t->columns && status == RISKGAN_OK; j++)
        if (t->column[j].encoding == RG_ENCODE_IDENTIFIER)
            status = decode_identifiers(&t->column[j], &table->column[j], rows, first_row);
    if (status != RISKGAN_OK) {
        riskgan_table_free(table);
        return status;
    }
    table->rows = rows;
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        rg_column *column = &table->column[j];
        if (e->encoding == RG_ENCODE_IDENTIFIER)
            continue;
        size_t kept = e->levels - (e->other_level >= 0) - (e->missing_level >= 0);
        for (size_t r = 0; r < rows; r++) {
            const float *row = encoded + r * t->width + e->output_start;
            if (e->encoding == RG_ENCODE_ONE_HOT) {
                long level = (long)argmax(row, e->levels);
                if (level == e->missing_level) {
                    column->missing++;
                    if (e->type == RISKGAN_COLUMN_CATEGORICAL)
                        column->codes[r] = -1;
                    else
                        column->numbers[r] = NAN;
                } else if (e->type != RISKGAN_COLUMN_CATEGORICAL) {
                    column->numbers[r] = e->level_values[level];
                } else if (level == e->other_level) {
                    /* a stored grouped member by its frequency, or the placeholder (next code) */
                    size_t k = 0;
                    if (e->rare_count) {
                        double u = rg_rng_uniform(rng);
                        while (k + 1 < e->rare_count && e->rare_cumulative[k] <= u)
                            k++;
                    }
                    column->codes[r] = (int32_t)(kept + k);
                } else {
                    column->codes[r] = (int32_t)level;
                }
                continue;
            }
            double value = rg_transformer_decode_value(e, row);
            if (isnan(value)) {
                column->numbers[r] = NAN;
                column->missing++;
                continue;
            }
            column->numbers[r] = rg_encoder_format_value(e, rg_value_map_apply(maps ? &maps[j] : NULL, value));
        }
    }
    *out = table;
    return RISKGAN_OK;
}

static void write_datetime(rg_writer *w, const rg_datetime_format *f)
{
    rg_write_u32(w, f->order);
    rg_write_u32(w, (uint32_t)(unsigned char)f->separator);
    rg_write_u32(w, f->padded);
    rg_write_u32(w, f->time);
    rg_write_u32(w, (uint32_t)(unsigned char)f->time_separator);
    rg_write_u32(w, f->zulu);
}

static int read_datetime(rg_reader *r, rg_datetime_format *f, int is_date)
{
    uint32_t fields[6];
    for (int i = 0; i < 6; i++)
        fields[i] = rg_read_u32(r);
    if (r->failure)
        return 0;
    *f = (rg_datetime_format){(unsigned char)fields[0], (char)fields[1], (unsigned char)fields[2],
                              (unsigned char)fields[3], (char)fields[4], (unsigned char)fields[5]};
    if (!is_date)
        return fields[0] == RG_DATE_NONE;
    return fields[0] >= RG_DATE_YMD && fields[0] <= RG_DATE_MDY && (fields[1] == '-' || fields[1] == '/' || fields[1] == '.') &&
           fields[2] <= 1 && fields[3] <= 2 && (fields[4] == ' ' || fields[4] == 'T') && fields[5] <= 1;
}

void rg_transformer_write(const rg_transformer *t, rg_writer *w)
{
    rg_write_u64(w, t->columns);
    rg_write_u32(w, (uint32_t)(unsigned char)t->delimiter);
    rg_write_u32(w, (uint32_t)(unsigned char)t->decimal_mark);
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        rg_write_string(w, e->name);
        rg_write_u32(w, (uint32_t)e->type);
        rg_write_u32(w, (uint32_t)(e->decimals + 1));
        rg_write_u32(w, (uint32_t)e->encoding);
        write_datetime(w, &e->datetime);
        if (e->encoding == RG_ENCODE_IDENTIFIER) {
            rg_write_f64(w, e->id_start);
            rg_write_string(w, e->id_prefix);
            rg_write_u32(w, (uint32_t)e->id_digits);
            continue;
        }
        if (e->encoding == RG_ENCODE_MIXTURE) {
            rg_write_u32(w, (uint32_t)e->gmm.components);
            for (int c = 0; c < e->gmm.components; c++) {
                rg_write_f64(w, e->gmm.weight[c]);
                rg_write_f64(w, e->gmm.mean[c]);
                rg_write_f64(w, e->gmm.std[c]);
            }
            rg_write_f64(w, e->minimum);
            rg_write_f64(w, e->maximum);
            rg_write_u32(w, (uint32_t)e->has_missing);
            rg_write_u32(w, (uint32_t)e->clamp);
            rg_write_f64(w, e->step);
            rg_write_f64(w, e->origin);
            rg_write_u64(w, e->snap_count);
            for (size_t k = 0; k < e->snap_count; k++)
                rg_write_f64(w, e->snap_values[k]);
            continue;
        }
        rg_write_u64(w, e->levels);
        rg_write_u64(w, (uint64_t)(e->other_level + 1));
        rg_write_u64(w, (uint64_t)(e->missing_level + 1));
        for (size_t l = 0; l < e->levels; l++) {
            if (e->type == RISKGAN_COLUMN_CATEGORICAL)
                rg_write_string(w, e->level_names[l]);
            else
                rg_write_f64(w, e->level_values[l]);
            rg_write_f64(w, e->level_frequency[l]);
        }
        rg_write_u64(w, e->rare_count);
        for (size_t k = 0; k < e->rare_count; k++) {
            rg_write_string(w, e->rare_names[k]);
            rg_write_f64(w, e->rare_cumulative[k]);
        }
    }
}

enum { MAX_COLUMNS = 1 << 20, MAX_LEVELS = 1 << 26 };

static riskgan_status invalid(rg_reader *r, const char *reason)
{
    if (!r->failure)
        r->failure = reason;
    return RISKGAN_ERR_FORMAT;
}

static riskgan_status read_mixture(rg_reader *r, rg_column_encoder *e)
{
    uint32_t components = rg_read_u32(r);
    if (r->failure || components < 1 || components > RG_GMM_MAX_COMPONENTS)
        return invalid(r, "a mixture has an invalid number of components (corrupt file)");
    e->gmm.components = (int)components;
    for (uint32_t c = 0; c < components; c++) {
        e->gmm.weight[c] = rg_read_f64(r);
        e->gmm.mean[c] = rg_read_f64(r);
        e->gmm.std[c] = rg_read_f64(r);
        if (!(e->gmm.std[c] > 0) || !isfinite(e->gmm.std[c]) || !isfinite(e->gmm.mean[c]))
            return invalid(r, "a mixture component is invalid (corrupt file)");
    }
    e->minimum = rg_read_f64(r);
    e->maximum = rg_read_f64(r);
    e->has_missing = rg_read_u32(r) != 0;
    e->clamp = rg_read_u32(r) != 0;
    e->step = rg_read_f64(r);
    e->origin = rg_read_f64(r);
    e->snap_count = rg_read_items(r, MAX_LEVELS, 8);
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    if (!isfinite(e->minimum) || !isfinite(e->maximum) || e->minimum > e->maximum || !(e->step >= 0) ||
        !isfinite(e->step) || !isfinite(e->origin))
        return invalid(r, "a column's range or step is invalid (corrupt file)");
    if (e->snap_count) {
        e->snap_values = rg_calloc(e->snap_count, sizeof *e->snap_values);
        if (!e->snap_values)
            return RISKGAN_ERR_NO_MEMORY;
        for (size_t k = 0; k < e->snap_count && !r->failure; k++) {
            e->snap_values[k] = rg_read_f64(r);
            if (!isfinite(e->snap_values[k]) || (k && !(e->snap_values[k] > e->snap_values[k - 1])))
                return invalid(r, "a column's observed values are invalid (corrupt file)");
        }
    }
    return r->failure ? RISKGAN_ERR_FORMAT : RISKGAN_OK;
}

static riskgan_status read_identifier(rg_reader *r, rg_column_encoder *e)
{
    e->id_start = rg_read_f64(r);
    e->id_prefix = rg_read_string(r);
    e->id_digits = (int)rg_read_u32(r);
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    int text = e->type == RISKGAN_COLUMN_CATEGORICAL;
    if (!isfinite(e->id_start) || fabs(e->id_start) > 1e300 || e->id_digits < 0 || e->id_digits > 18 ||
        (e->id_prefix != NULL) != text || (e->id_prefix && strlen(e->id_prefix) > 32))
        return invalid(r, "an identifier column is invalid (corrupt file)");
    return RISKGAN_OK;
}

static riskgan_status read_encoder(rg_reader *r, rg_column_encoder *e)
{
    e->name = rg_read_string(r);
    e->type = (riskgan_column_type)rg_read_u32(r);
    uint32_t decimals_plus_one = rg_read_u32(r);
    /* decimals as read from the text, which may hold more digits than a double (a sanity bound) */
    e->decimals = decimals_plus_one <= RG_MAX_DECIMALS + 1 ? (int)decimals_plus_one - 1 : 0;
    e->encoding = (rg_encoding)rg_read_u32(r);
    e->other_level = e->missing_level = -1;
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    if (!e->name || e->type > RISKGAN_COLUMN_DATETIME || e->encoding > RG_ENCODE_IDENTIFIER ||
        decimals_plus_one > RG_MAX_DECIMALS + 1)
        return invalid(r, "a column description is invalid (corrupt file)");
    if (!read_datetime(r, &e->datetime, e->type == RISKGAN_COLUMN_DATETIME))
        return invalid(r, "a date format is invalid (corrupt file)");
    if (e->encoding == RG_ENCODE_IDENTIFIER)
        return read_identifier(r, e);
    if (e->encoding == RG_ENCODE_MIXTURE) {
        if (e->type == RISKGAN_COLUMN_CATEGORICAL)
            return invalid(r, "a categorical column has a numeric encoding (corrupt file)");
        return read_mixture(r, e);
    }
    e->levels = rg_read_items(r, MAX_LEVELS, 8 + 8); /* value or name length, frequency */
    e->other_level = (long)rg_read_count(r, e->levels) - 1;
    e->missing_level = (long)rg_read_count(r, e->levels) - 1;
    if (r->failure || e->levels == 0)
        return invalid(r, "a discrete column has no levels (corrupt file)");
    if (e->other_level >= 0 && e->other_level == e->missing_level)
        return invalid(r, "a discrete column's special levels collide (corrupt file)");
    int categorical = e->type == RISKGAN_COLUMN_CATEGORICAL;
    if (!categorical && e->other_level >= 0)
        return invalid(r, "a numeric column has grouped levels (corrupt file)");
    if (categorical)
        e->level_names = rg_calloc(e->levels, sizeof *e->level_names);
    else
        e->level_values = rg_calloc(e->levels, sizeof *e->level_values);
    e->level_frequency = rg_calloc(e->levels, sizeof *e->level_frequency);
    if ((categorical ? (void *)e->level_names : (void *)e->level_values) == NULL || !e->level_frequency)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t l = 0; l < e->levels && !r->failure; l++) {
        if (categorical) {
            e->level_names[l] = rg_read_string(r);
            int special = (long)l == e->other_level || (long)l == e->missing_level;
            if (!r->failure && (e->level_names[l] == NULL) != special)
                r->failure = "a category name is invalid (corrupt file)";
        } else {
            e->level_values[l] = rg_read_f64(r);
        }
        e->level_frequency[l] = rg_read_f64(r);
    }
    e->rare_count = rg_read_items(r, MAX_LEVELS, 8 + 8);
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    if (e->rare_count > 0 && e->other_level < 0) {
        e->rare_count = 0; /* nothing was allocated for them */
        return invalid(r, "grouped categories without an 'other' level (corrupt file)");
    }
    e->rare_names = rg_calloc(e->rare_count ? e->rare_count : 1, sizeof *e->rare_names);
    e->rare_cumulative = rg_calloc(e->rare_count ? e->rare_count : 1, sizeof *e->rare_cumulative);
    if (!e->rare_names || !e->rare_cumulative)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t k = 0; k < e->rare_count && !r->failure; k++) {
        e->rare_names[k] = rg_read_string(r);
        e->rare_cumulative[k] = rg_read_f64(r);
        if (!r->failure && !e->rare_names[k])
            r->failure = "a grouped category name is missing (corrupt file)";
    }
    return r->failure ? RISKGAN_ERR_FORMAT : RISKGAN_OK;
}

riskgan_status rg_transformer_read(rg_reader *r, rg_transformer **out)
{
    *out = NULL;
    rg_transformer *t = rg_calloc(1, sizeof *t);
    if (!t)
        return RISKGAN_ERR_NO_MEMORY;
    t->columns = rg_read_items(r, MAX_COLUMNS, 8 + 4 * 9); /* name length, type ... date format */
    t->delimiter = (char)rg_read_u32(r);
    t->decimal_mark = (char)rg_read_u32(r);
    if (r->failure || t->columns == 0 || !t->delimiter || !strchr(",;\t|", t->delimiter) ||
        (t->decimal_mark != '.' && t->decimal_mark != ',') || t->decimal_mark == t->delimiter) {
        free(t);
        return invalid(r, "the model's columns or CSV dialect are invalid (corrupt file)");
    }
    t->column = rg_calloc(t->columns, sizeof *t->column);
    riskgan_status status = t->column ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < t->columns && status == RISKGAN_OK; j++)
        status = read_encoder(r, &t->column[j]);
    if (status == RISKGAN_OK)
        status = rg_transformer_build_layout(t);
    if (status == RISKGAN_OK && t->width == 0)
        status = invalid(r, "the model has no modelled column (corrupt file)");
    if (status != RISKGAN_OK) {
        if (!t->column)
            t->columns = 0;
        rg_transformer_free(t);
        return status;
    }
    *out = t;
    return RISKGAN_OK;
}
