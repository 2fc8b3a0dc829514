/* transformer_file.c — the transform in a model file, every field validated on reading. */
#include "transformer_file.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "column_formats.h"

static void write_datetime(rg_writer *w, const rg_datetime_format *f)
{
    rg_write_u32(w, f->order);
    rg_write_u32(w, (uint32_t)(unsigned char)f->separator);
    rg_write_u32(w, (uint32_t)f->padded | (uint32_t)f->two_digit_year << 1);
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
    *f = (rg_datetime_format){(unsigned char)fields[0], (char)fields[1], (unsigned char)(fields[2] & 1),
                              (unsigned char)fields[3], (char)fields[4], (unsigned char)fields[5],
                              (unsigned char)(fields[2] >> 1 & 1)};
    if (!is_date)
        return fields[0] == RG_DATE_NONE;
    int compact = fields[1] == 0 && fields[0] == RG_DATE_YMD && (fields[2] & 1); /* yyyymmdd, yymmdd */
    return fields[0] >= RG_DATE_YMD && fields[0] <= RG_DATE_MDY &&
           (fields[1] == '-' || fields[1] == '/' || fields[1] == '.' || compact) &&
           (fields[2] <= 1 || (compact && fields[2] == 3)) && fields[3] <= 2 && (fields[4] == ' ' || fields[4] == 'T') &&
           fields[5] <= 1;
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
    if (!isfinite(e->id_start) || fabs(e->id_start) >= RG_FRESH_LIMIT || e->id_digits < 0 || e->id_digits > 18 ||
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
