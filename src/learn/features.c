/* features.c — fitting, applying and storing the risk models' feature encoding. */
#include "features.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "../data/datetime.h"

void rg_features_free(rg_feature_encoder *e)
{
    for (size_t j = 0; e->column && j < e->columns; j++) {
        free(e->column[j].name);
        free(e->column[j].datetime);
        for (size_t l = 0; e->column[j].level_names && l < e->column[j].levels; l++)
            free(e->column[j].level_names[l]);
        free(e->column[j].level_names);
    }
    free(e->column);
    memset(e, 0, sizeof *e);
}

static size_t column_width(const rg_feature_column *c)
{
    return c->categorical ? c->levels : 1 + (size_t)c->missing_indicator;
}

riskgan_status rg_features_fit(rg_feature_encoder *e, const riskgan_table *table, long exclude)
{
    memset(e, 0, sizeof *e);
    e->column = rg_calloc(table->columns, sizeof *e->column);
    if (!e->column)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < table->columns; j++) {
        const rg_column *c = &table->column[j];
        if ((long)j == exclude || c->role == RISKGAN_ROLE_IDENTIFIER)
            continue; /* identifiers name customers, they do not describe them */
        rg_feature_column *f = &e->column[e->columns++];
        if (!(f->name = rg_strdup(c->name)))
            return RISKGAN_ERR_NO_MEMORY;
        if (c->type == RISKGAN_COLUMN_DATETIME && !(f->datetime = rg_strdup(c->datetime_name)))
            return RISKGAN_ERR_NO_MEMORY;
        f->categorical = !rg_column_is_numeric(c);
        if (f->categorical) {
            f->levels = c->categories.count;
            f->level_names = rg_calloc(f->levels ? f->levels : 1, sizeof *f->level_names);
            if (!f->level_names)
                return RISKGAN_ERR_NO_MEMORY;
            for (size_t l = 0; l < f->levels; l++)
                if (!(f->level_names[l] = rg_strdup(rg_dictionary_string(&c->categories, (int32_t)l))))
                    return RISKGAN_ERR_NO_MEMORY;
        } else {
            double sum = 0, squares = 0;
            size_t present = 0;
            for (size_t r = 0; r < table->rows; r++)
                if (!isnan(c->numbers[r]))
                    sum += c->numbers[r], present++;
            f->mean = present ? sum / present : 0;
            for (size_t r = 0; r < table->rows; r++)
                if (!isnan(c->numbers[r]))
                    squares += (c->numbers[r] - f->mean) * (c->numbers[r] - f->mean);
            f->deviation = present > 1 ? sqrt(squares / (present - 1)) : 1;
            if (!(f->deviation > 0))
                f->deviation = 1;
            f->missing_indicator = c->missing > 0;
        }
        e->width += column_width(f);
    }
    return RISKGAN_OK;
}

riskgan_status rg_features_encode(const rg_feature_encoder *e, const riskgan_table *table, float *out, size_t *unseen)
{
    memset(out, 0, table->rows * e->width * sizeof *out);
    size_t offset = 0, unknown = 0;
    for (size_t j = 0; j < e->columns; j++) {
        const rg_feature_column *f = &e->column[j];
        long index = riskgan_table_find_column(table, f->name);
        if (index < 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "the data has no column '%s' (the risk model uses it)", f->name);
        const rg_column *c = &table->column[index];
        if (f->categorical != !rg_column_is_numeric(c))
            return rg_fail(RISKGAN_ERR_SCHEMA, "column '%s' is %s here but %s in the risk model's training data", f->name,
                           f->categorical ? "numeric" : "categorical", f->categorical ? "categorical" : "numeric");
        if (f->categorical) {
            /* map this table's codes to the model's levels once */
            long *map = rg_calloc(c->categories.count + 1, sizeof *map);
            if (!map)
                return RISKGAN_ERR_NO_MEMORY;
            for (size_t code = 0; code < c->categories.count; code++) {
                map[code] = -1;
                const char *text = rg_dictionary_string(&c->categories, (int32_t)code);
                for (size_t l = 0; l < f->levels; l++)
                    if (strcmp(f->level_names[l], text) == 0)
                        map[code] = (long)l;
            }
            for (size_t r = 0; r < table->rows; r++) {
                if (c->codes[r] < 0)
                    continue;
                long level = map[c->codes[r]];
                if (level < 0)
                    unknown++;
                else
                    out[r * e->width + offset + (size_t)level] = 1;
            }
            free(map);
        } else {
            for (size_t r = 0; r < table->rows; r++) {
                double v = c->numbers[r];
                if (isnan(v)) {
                    if (f->missing_indicator)
                        out[r * e->width + offset + 1] = 1;
                } else {
                    out[r * e->width + offset] = (float)((v - f->mean) / f->deviation);
                }
            }
        }
        offset += column_width(f);
    }
    if (unseen)
        *unseen = unknown;
    return RISKGAN_OK;
}

char *rg_features_name(const rg_feature_encoder *e, size_t feature)
{
    for (size_t j = 0; j < e->columns; j++) {
        const rg_feature_column *f = &e->column[j];
        size_t width = column_width(f);
        if (feature < width) {
            char text[512];
            if (f->categorical)
                snprintf(text, sizeof text, "%s=%s", f->name, f->level_names[feature]);
            else
                snprintf(text, sizeof text, feature ? "%s is missing" : "%s (standardized)", f->name);
            return rg_strdup(text);
        }
        feature -= width;
    }
    return rg_strdup("(bias)");
}

void rg_features_write(const rg_feature_encoder *e, rg_writer *w)
{
    rg_write_u64(w, e->columns);
    for (size_t j = 0; j < e->columns; j++) {
        const rg_feature_column *f = &e->column[j];
        rg_write_string(w, f->name);
        rg_write_string(w, f->datetime);
        rg_write_u32(w, (uint32_t)f->categorical);
        rg_write_f64(w, f->mean);
        rg_write_f64(w, f->deviation);
        rg_write_u32(w, (uint32_t)f->missing_indicator);
        rg_write_u64(w, f->levels);
        for (size_t l = 0; l < f->levels; l++)
            rg_write_string(w, f->level_names[l]);
    }
}

riskgan_status rg_features_read(rg_feature_encoder *e, rg_reader *r)
{
    memset(e, 0, sizeof *e);
    size_t columns = rg_read_items(r, 1 << 20, 8);
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    e->column = rg_calloc(columns ? columns : 1, sizeof *e->column);
    if (!e->column)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < columns && !r->failure; j++) {
        rg_feature_column *f = &e->column[e->columns++];
        f->name = rg_read_string(r);
        f->datetime = rg_read_string(r);
        f->categorical = rg_read_u32(r) != 0;
        f->mean = rg_read_f64(r);
        f->deviation = rg_read_f64(r);
        f->missing_indicator = rg_read_u32(r) != 0;
        f->levels = rg_read_items(r, 1 << 26, 8);
        if (r->failure)
            break;
        rg_datetime_format format;
        if (!f->name || !isfinite(f->mean) || (!f->categorical && !(f->deviation > 0)) ||
            (f->datetime && (f->categorical || !rg_datetime_format_from_name(f->datetime, &format)))) {
            r->failure = "a feature description is invalid (corrupt file)";
            break;
        }
        f->level_names = rg_calloc(f->levels ? f->levels : 1, sizeof *f->level_names);
        if (!f->level_names) {
            r->failure = "out of memory";
            break;
        }
        for (size_t l = 0; l < f->levels && !r->failure; l++)
            if (!(f->level_names[l] = rg_read_string(r)) && !r->failure)
                r->failure = "a category name is missing (corrupt file)";
        e->width += column_width(f);
    }
    if (r->failure) {
        rg_features_free(e);
        return RISKGAN_ERR_FORMAT;
    }
    return RISKGAN_OK;
}
