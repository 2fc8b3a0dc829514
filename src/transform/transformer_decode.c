/* transformer_decode.c — encoded rows back into table rows in the training schema and
 * formats; fresh identifiers. */
#include "transformer_decode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"
#include "column_formats.h"

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
