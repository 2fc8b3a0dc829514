/* transformer.c — fitting, encoding, decoding and serializing the tabular transform.
 *
 * Layout of an encoded row, column by column in table order:
 *   mixture column:  [scalar in [-1,1] (tanh)] [one-hot of the mode (softmax)]
 *                    [present, missing (softmax)]  -- the last only if training had missing
 *   one-hot column:  [one-hot of the level (softmax)]
 * A categorical column with more than max_categories values keeps the most frequent ones and
 * groups the rest into an "other" level; decoding "other" draws one of the grouped values
 * with its training frequency, so the output holds real values only. */
#include "transformer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"

void rg_transformer_options_default(rg_transformer_options *options)
{
    memset(options, 0, sizeof *options);
    options->max_categories = 50;
    options->max_discrete_numbers = 10;
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
    for (size_t r = 0; r < e->rare_count; r++)
        free(e->rare_names[r]);
    free(e->rare_names);
    free(e->rare_cumulative);
    free(e->level_frequency);
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

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
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
                                      size_t max_categories)
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
    size_t kept = n <= max_categories ? n : max_categories;
    e->rare_count = n - kept;
    e->levels = kept + (e->rare_count > 0) + (column->missing > 0);
    e->other_level = e->rare_count ? (long)kept : -1;
    e->missing_level = column->missing ? (long)(e->levels - 1) : -1;
    e->level_names = rg_calloc(e->levels, sizeof *e->level_names);
    e->level_frequency = rg_calloc(e->levels, sizeof *e->level_frequency);
    e->rare_names = rg_calloc(e->rare_count ? e->rare_count : 1, sizeof *e->rare_names);
    e->rare_cumulative = rg_calloc(e->rare_count ? e->rare_count : 1, sizeof *e->rare_cumulative);
    riskgan_status status = RISKGAN_OK;
    if (!e->level_names || !e->level_frequency || !e->rare_names || !e->rare_cumulative)
        status = RISKGAN_ERR_NO_MEMORY;
    double rare_total = 0;
    for (size_t i = 0; i < n && status == RISKGAN_OK; i++) {
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
            rare_total += (double)order[i].count;
            e->rare_cumulative[i - kept] = rare_total;
        }
    }
    if (status == RISKGAN_OK) {
        for (size_t i = 0; i < e->rare_count; i++)
            e->rare_cumulative[i] /= rare_total;
        if (e->other_level >= 0)
            e->level_frequency[e->other_level] = rare_total;
        if (e->missing_level >= 0)
            e->level_frequency[e->missing_level] = (double)column->missing;
    }
    free(order);
    return status;
}

/* Sorted distinct values of a numeric column if there are at most `limit`; else 0 levels. */
static riskgan_status fit_numeric_levels(rg_column_encoder *e, const rg_column *column, size_t rows,
                                         size_t limit)
{
    double values[64];
    size_t distinct = 0;
    for (size_t r = 0; r < rows && distinct <= limit; r++) {
        double v = column->numbers[r];
        if (isnan(v))
            continue;
        size_t k = 0;
        while (k < distinct && values[k] != v)
            k++;
        if (k == distinct) {
            if (distinct == limit || distinct == 64) {
                distinct = limit + 1;
                break;
            }
            values[distinct++] = v;
        }
    }
    if (distinct > limit || distinct == 0)
        return RISKGAN_OK; /* not discrete */
    qsort(values, distinct, sizeof *values, compare_doubles);
    e->encoding = RG_ENCODE_ONE_HOT;
    e->levels = distinct + (column->missing > 0);
    e->other_level = -1;
    e->missing_level = column->missing ? (long)distinct : -1;
    e->level_values = rg_calloc(e->levels, sizeof *e->level_values);
    e->level_frequency = rg_calloc(e->levels, sizeof *e->level_frequency);
    if (!e->level_values || !e->level_frequency)
        return RISKGAN_ERR_NO_MEMORY;
    memcpy(e->level_values, values, distinct * sizeof *values);
    for (size_t r = 0; r < rows; r++) {
        double v = column->numbers[r];
        size_t level = (size_t)e->missing_level;
        if (!isnan(v))
            for (level = 0; e->level_values[level] != v; level++)
                ;
        e->level_frequency[level] += 1;
    }
    return RISKGAN_OK;
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

static riskgan_status build_layout(rg_transformer *t)
{
    size_t spans = 0;
    for (size_t j = 0; j < t->columns; j++)
        spans += t->column[j].encoding == RG_ENCODE_ONE_HOT ? 1 : 2 + t->column[j].has_missing;
    t->spans = rg_calloc(spans, sizeof *t->spans);
    if (!t->spans)
        return RISKGAN_ERR_NO_MEMORY;
    size_t offset = 0, condition = 0;
    for (size_t j = 0; j < t->columns; j++) {
        rg_column_encoder *e = &t->column[j];
        e->output_start = offset;
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
    t->column = rg_calloc(t->columns, sizeof *t->column);
    if (!t->column) {
        free(t);
        return RISKGAN_ERR_NO_MEMORY;
    }
    rg_rng rng;
    rg_rng_seed(&rng, options->seed ^ 0x7472616e73666f72ULL);
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; j < t->columns && status == RISKGAN_OK; j++) {
        const rg_column *column = &table->column[j];
        rg_column_encoder *e = &t->column[j];
        e->name = rg_strdup(column->name);
        e->type = column->type;
        e->decimals = column->decimals;
        e->other_level = e->missing_level = -1;
        if (!e->name) {
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        int is_target = options->target && strcmp(options->target, column->name) == 0;
        if (column->type == RISKGAN_COLUMN_CATEGORICAL) {
            e->encoding = RG_ENCODE_ONE_HOT;
            status = fit_categorical(e, column, table->rows, is_target ? SIZE_MAX : options->max_categories);
            continue;
        }
        if (column->type == RISKGAN_COLUMN_INTEGER || is_target) {
            status = fit_numeric_levels(e, column, table->rows, is_target ? 50 : options->max_discrete_numbers);
            if (status != RISKGAN_OK || e->encoding == RG_ENCODE_ONE_HOT)
                continue;
        }
        e->encoding = RG_ENCODE_MIXTURE;
        status = fit_mixture(e, column, table->rows, &options->gmm, &rng);
    }
    if (status == RISKGAN_OK)
        status = build_layout(t);
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
        for (size_t k = 0; k < e->rare_count; k++)
            if (strcmp(e->rare_names[k], text) == 0)
                return e->other_level;
        return -1;
    }
    double v = column->numbers[r];
    if (isnan(v))
        return e->missing_level;
    for (size_t l = 0; l < e->levels; l++)
        if ((long)l != e->missing_level && e->level_values[l] == v)
            return (long)l;
    return -1;
}

riskgan_status rg_transformer_encode(const rg_transformer *t, const riskgan_table *table,
                                     rg_rng *rng, float *out)
{
    if (table->columns != t->columns)
        return rg_fail(RISKGAN_ERR_SCHEMA, "the table has %zu columns, the model was fitted on %zu",
                       table->columns, t->columns);
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        const rg_column *column = &table->column[j];
        if (strcmp(e->name, column->name) != 0 ||
            (e->type == RISKGAN_COLUMN_CATEGORICAL) != (column->type == RISKGAN_COLUMN_CATEGORICAL))
            return rg_fail(RISKGAN_ERR_SCHEMA, "column %zu is '%s' here but '%s' (%s) in the model",
                           j + 1, column->name, e->name,
                           e->type == RISKGAN_COLUMN_CATEGORICAL ? "categorical" : "numeric");
    }
    memset(out, 0, table->rows * t->width * sizeof *out);
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        const rg_column *column = &table->column[j];
        for (size_t r = 0; r < table->rows; r++) {
            float *row = out + r * t->width + e->output_start;
            if (e->encoding == RG_ENCODE_ONE_HOT) {
                long level = level_of(e, column, r);
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
                else
                    return rg_fail(RISKGAN_ERR_SCHEMA, "row %zu, column '%s': missing, but the model "
                                   "saw no missing values there", r + 1, e->name);
                continue;
            }
            double probability[RG_GMM_MAX_COMPONENTS];
            rg_gmm_posterior(&e->gmm, v, probability);
            double u = rg_rng_uniform(rng);
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

riskgan_status rg_transformer_decode(const rg_transformer *t, const float *encoded, size_t rows,
                                     const rg_value_map *maps, rg_rng *rng, riskgan_table **out)
{
    *out = NULL;
    riskgan_table *table;
    riskgan_status status = rg_table_new(t->columns, &table);
    for (size_t j = 0; j < t->columns && status == RISKGAN_OK; j++) {
        const rg_column_encoder *e = &t->column[j];
        status = rg_table_set_column(table, j, e->name, e->type);
        table->column[j].decimals = e->decimals;
        if (status != RISKGAN_OK || e->type != RISKGAN_COLUMN_CATEGORICAL)
            continue;
        rg_dictionary *d = &table->column[j].categories;
        for (size_t l = 0; l < e->levels && status == RISKGAN_OK; l++)
            if (e->level_names[l] && rg_dictionary_intern(d, e->level_names[l], strlen(e->level_names[l])) < 0)
                status = RISKGAN_ERR_NO_MEMORY;
        for (size_t k = 0; k < e->rare_count && status == RISKGAN_OK; k++)
            if (rg_dictionary_intern(d, e->rare_names[k], strlen(e->rare_names[k])) < 0)
                status = RISKGAN_ERR_NO_MEMORY;
    }
    if (status == RISKGAN_OK)
        status = rg_table_reserve(table, rows);
    if (status != RISKGAN_OK) {
        riskgan_table_free(table);
        return status;
    }
    table->rows = rows;
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        rg_column *column = &table->column[j];
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
                    double u = rg_rng_uniform(rng);
                    size_t k = 0;
                    while (k + 1 < e->rare_count && e->rare_cumulative[k] <= u)
                        k++;
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
            value = rg_value_map_apply(maps ? &maps[j] : NULL, value);
            if (value < e->minimum)
                value = e->minimum;
            if (value > e->maximum)
                value = e->maximum;
            value = rg_round_to_format(value, e->type == RISKGAN_COLUMN_INTEGER ? 0 : e->decimals);
            column->numbers[r] = value;
        }
    }
    *out = table;
    return RISKGAN_OK;
}

void rg_transformer_write(const rg_transformer *t, rg_writer *w)
{
    rg_write_u64(w, t->columns);
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        rg_write_string(w, e->name);
        rg_write_u32(w, (uint32_t)e->type);
        rg_write_u32(w, (uint32_t)(e->decimals + 1));
        rg_write_u32(w, (uint32_t)e->encoding);
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

static riskgan_status read_encoder(rg_reader *r, rg_column_encoder *e)
{
    e->name = rg_read_string(r);
    e->type = (riskgan_column_type)rg_read_u32(r);
    e->decimals = (int)rg_read_u32(r) - 1;
    e->encoding = (rg_encoding)rg_read_u32(r);
    e->other_level = e->missing_level = -1;
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    if (!e->name || e->type > RISKGAN_COLUMN_CATEGORICAL || e->encoding > RG_ENCODE_ONE_HOT || e->decimals > 18 || e->decimals < -1) {
        r->failure = "a column description is invalid (corrupt file)";
        return RISKGAN_ERR_FORMAT;
    }
    if (e->encoding == RG_ENCODE_MIXTURE) {
        uint32_t components = rg_read_u32(r);
        if (components < 1 || components > RG_GMM_MAX_COMPONENTS) {
            r->failure = "a mixture has an invalid number of components (corrupt file)";
            return RISKGAN_ERR_FORMAT;
        }
        e->gmm.components = (int)components;
        for (uint32_t c = 0; c < components; c++) {
            e->gmm.weight[c] = rg_read_f64(r);
            e->gmm.mean[c] = rg_read_f64(r);
            e->gmm.std[c] = rg_read_f64(r);
            if (!(e->gmm.std[c] > 0) || !isfinite(e->gmm.mean[c])) {
                r->failure = "a mixture component is invalid (corrupt file)";
                return RISKGAN_ERR_FORMAT;
            }
        }
        e->minimum = rg_read_f64(r);
        e->maximum = rg_read_f64(r);
        e->has_missing = rg_read_u32(r) != 0;
        return r->failure ? RISKGAN_ERR_FORMAT : RISKGAN_OK;
    }
    e->levels = rg_read_count(r, MAX_LEVELS);
    e->other_level = (long)rg_read_count(r, e->levels) - 1;
    e->missing_level = (long)rg_read_count(r, e->levels) - 1;
    if (r->failure || e->levels == 0) {
        r->failure = r->failure ? r->failure : "a discrete column has no levels (corrupt file)";
        return RISKGAN_ERR_FORMAT;
    }
    int categorical = e->type == RISKGAN_COLUMN_CATEGORICAL;
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
    e->rare_count = rg_read_count(r, MAX_LEVELS);
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    if ((e->rare_count > 0) != (e->other_level >= 0)) {
        r->failure = "grouped categories do not match (corrupt file)";
        return RISKGAN_ERR_FORMAT;
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
    t->columns = rg_read_count(r, MAX_COLUMNS);
    if (r->failure || t->columns == 0) {
        free(t);
        if (!r->failure)
            r->failure = "the model has no columns (corrupt file)";
        return RISKGAN_ERR_FORMAT;
    }
    t->column = rg_calloc(t->columns, sizeof *t->column);
    riskgan_status status = t->column ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < t->columns && status == RISKGAN_OK; j++)
        status = read_encoder(r, &t->column[j]);
    if (status == RISKGAN_OK)
        status = build_layout(t);
    if (status != RISKGAN_OK) {
        if (!t->column)
            t->columns = 0;
        rg_transformer_free(t);
        return status;
    }
    *out = t;
    return RISKGAN_OK;
}
