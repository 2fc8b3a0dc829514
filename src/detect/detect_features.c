/* detect_features.c — the detectors' two views of a row (see detect_features.h). */
#include "detect_features.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"
#include "../transform/transformer_fit.h"
#include "../transform/transformer_file.h"

enum { DETECT_MAX_CATEGORIES = 200 };
static const double standardized_limit = 1e6; /* inf and absurd values stay finite */

static int is_discrete(const rg_column_encoder *e)
{
    return e->encoding == RG_ENCODE_ONE_HOT;
}

/* The feature columns of `table` as a table of their own. */
static riskgan_status project(const riskgan_table *table, const unsigned char *drop, riskgan_table **out)
{
    riskgan_table *copy;
    riskgan_status status = rg_table_new_like(table, table->rows, &copy);
    if (status != RISKGAN_OK)
        return status;
    for (size_t j = 0; j < table->columns; j++) {
        const rg_column *from = &table->column[j];
        rg_column *to = &copy->column[j];
        if (rg_column_is_numeric(from))
            memcpy(to->numbers, from->numbers, table->rows * sizeof *to->numbers);
        else
            memcpy(to->codes, from->codes, table->rows * sizeof *to->codes);
        to->missing = from->missing;
    }
    copy->rows = table->rows;
    for (size_t j = table->columns; j-- > 0;)
        if ((drop && drop[j]) || table->column[j].role == RISKGAN_ROLE_IDENTIFIER)
            riskgan_table_drop_column(copy, j);
    if (copy->columns == 0) {
        riskgan_table_free(copy);
        return rg_fail(RISKGAN_ERR_SCHEMA, "no feature columns are left once identifiers and excluded columns are removed");
    }
    *out = copy;
    return RISKGAN_OK;
}

/* Median and robust scale (IQR / 1.349, else mean absolute deviation * 1.2533, else 1). */
static void fit_scale(const rg_column *column, size_t rows, double *center, double *scale, double *missing_value)
{
    size_t present;
    double *sorted = rg_column_sorted_values(column, rows, &present, NULL);
    *center = 0, *scale = 1, *missing_value = -1;
    if (!sorted || present == 0) {
        free(sorted);
        return;
    }
    double q1 = sorted[present / 4], q3 = sorted[(3 * present) / 4];
    *center = sorted[present / 2];
    double spread = (q3 - q1) / 1.349;
    if (!(spread > 0)) {
        double deviation = 0;
        for (size_t i = 0; i < present; i++)
            deviation += fabs(sorted[i] - *center);
        spread = deviation / (double)present * 1.2533;
    }
    *scale = spread > 0 ? spread : 1;
    double range = sorted[present - 1] - sorted[0];
    *missing_value = sorted[0] - (range > 1 ? range : 1);
    free(sorted);
}

/* Spans and category lookups, from the fitted (or read) transformer. */
static riskgan_status build_layout(rg_detect_features *f)
{
    size_t columns = f->transformer->columns;
    f->offset = rg_calloc(columns, sizeof *f->offset);
    f->span = rg_calloc(columns, sizeof *f->span);
    f->lookup = rg_calloc(columns, sizeof *f->lookup);
    f->level_total = rg_calloc(columns, sizeof *f->level_total);
    if (!f->offset || !f->span || !f->lookup || !f->level_total)
        return RISKGAN_ERR_NO_MEMORY;
    f->width = 0;
    for (size_t j = 0; j < columns; j++) {
        const rg_column_encoder *e = &f->transformer->column[j];
        rg_dictionary_init(&f->lookup[j]);
        f->offset[j] = f->width;
        f->span[j] = is_discrete(e) ? e->levels : 1 + (size_t)(e->has_missing != 0);
        f->width += f->span[j];
        for (size_t l = 0; is_discrete(e) && l < e->levels; l++)
            f->level_total[j] += e->level_frequency[l];
        if (e->type != RISKGAN_COLUMN_CATEGORICAL || !is_discrete(e))
            continue;
        for (size_t l = 0; l < e->levels && e->level_names[l]; l++) /* kept levels come first */
            if (rg_dictionary_intern(&f->lookup[j], e->level_names[l], strlen(e->level_names[l])) < 0)
                return RISKGAN_ERR_NO_MEMORY;
    }
    return RISKGAN_OK;
}

riskgan_status rg_detect_features_fit(rg_detect_features *f, const riskgan_table *table, const unsigned char *drop)
{
    memset(f, 0, sizeof *f);
    riskgan_table *features = NULL;
    riskgan_status status = project(table, drop, &features);
    if (status != RISKGAN_OK)
        return status;
    rg_transformer_options options;
    rg_transformer_options_default(&options);
    options.max_categories = DETECT_MAX_CATEGORIES;
    options.gmm.max_components = 1; /* the mixture is not used for detection */
    status = rg_transformer_fit(features, &options, &f->transformer);
    size_t columns = features->columns;
    if (status == RISKGAN_OK) {
        f->center = rg_calloc(columns, sizeof *f->center);
        f->scale = rg_calloc(columns, sizeof *f->scale);
        f->missing_value = rg_calloc(columns, sizeof *f->missing_value);
        if (!f->center || !f->scale || !f->missing_value)
            status = RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t j = 0; status == RISKGAN_OK && j < columns; j++) {
        f->scale[j] = 1;
        if (rg_column_is_numeric(&features->column[j]))
            fit_scale(&features->column[j], features->rows, &f->center[j], &f->scale[j], &f->missing_value[j]);
    }
    riskgan_table_free(features);
    if (status == RISKGAN_OK)
        status = build_layout(f);
    if (status != RISKGAN_OK)
        rg_detect_features_free(f);
    return status;
}

void rg_detect_features_free(rg_detect_features *f)
{
    if (f->lookup && f->transformer)
        for (size_t j = 0; j < f->transformer->columns; j++)
            rg_dictionary_free(&f->lookup[j]);
    rg_transformer_free(f->transformer);
    free(f->center);
    free(f->scale);
    free(f->missing_value);
    free(f->offset);
    free(f->span);
    free(f->lookup);
    free(f->level_total);
    memset(f, 0, sizeof *f);
}

size_t rg_detect_features_columns(const rg_detect_features *f)
{
    return f->transformer->columns;
}

const char *rg_detect_features_name(const rg_detect_features *f, size_t column)
{
    return column < f->transformer->columns ? f->transformer->column[column].name : NULL;
}

static long level_of(const rg_detect_features *f, size_t j, const rg_cell *cell)
{
    const rg_column_encoder *e = &f->transformer->column[j];
    if (e->type == RISKGAN_COLUMN_CATEGORICAL) {
        if (!cell->text)
            return e->missing_level;
        int32_t code = rg_dictionary_find(&f->lookup[j], cell->text, strlen(cell->text));
        return code >= 0 ? code : e->other_level;
    }
    if (isnan(cell->number))
        return e->missing_level;
    for (size_t l = 0; l < e->levels; l++)
        if ((long)l != e->missing_level && e->level_values[l] == cell->number)
            return (long)l;
    return e->other_level;
}

static double level_share(const rg_column_encoder *e, long level, double total)
{
    if (level < 0 || level == e->other_level || !(total > 0))
        return 0;
    return e->level_frequency[level] / total;
}

void rg_detect_features_encode(const rg_detect_features *f, const rg_cell *cells, float *neural, double *tree)
{
    for (size_t j = 0; j < f->transformer->columns; j++) {
        const rg_column_encoder *e = &f->transformer->column[j];
        float *out = neural + f->offset[j];
        memset(out, 0, f->span[j] * sizeof *out);
        double number = cells[j].number;
        if (is_discrete(e)) {
            long level = level_of(f, j, &cells[j]);
            if (level >= 0)
                out[level] = 1;
            if (e->type == RISKGAN_COLUMN_CATEGORICAL)
                tree[j] = level_share(e, level, f->level_total[j]);
            else
                tree[j] = isnan(number) ? f->missing_value[j] : number;
            continue;
        }
        if (isnan(number)) {
            if (f->span[j] > 1)
                out[1] = 1;
            tree[j] = f->missing_value[j];
            continue;
        }
        double z = (number - f->center[j]) / f->scale[j];
        z = z < -standardized_limit ? -standardized_limit : z > standardized_limit ? standardized_limit : z;
        out[0] = (float)z;
        tree[j] = isinf(number) ? copysign(1e300, number) : number; /* cuts stay finite */
    }
}

riskgan_status rg_detect_features_map(const rg_detect_features *f, const riskgan_table *table, size_t *index)
{
    for (size_t j = 0; j < f->transformer->columns; j++) {
        const rg_column_encoder *e = &f->transformer->column[j];
        long k = riskgan_table_find_column(table, e->name);
        if (k < 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "column '%s', which the detector was fitted on, is missing", e->name);
        int categorical = table->column[k].type == RISKGAN_COLUMN_CATEGORICAL;
        if (categorical != (e->type == RISKGAN_COLUMN_CATEGORICAL))
            return rg_fail(RISKGAN_ERR_SCHEMA, "column '%s' is %s here but %s in the detector", e->name,
                           categorical ? "text" : "numeric", categorical ? "numeric" : "text");
        index[j] = (size_t)k;
    }
    return RISKGAN_OK;
}

void rg_detect_features_encode_rows(const rg_detect_features *f, const riskgan_table *table, const size_t *index,
                                    size_t first, size_t count, rg_cell *cells, float *neural, double *tree)
{
    size_t columns = f->transformer->columns;
    for (size_t i = 0; i < count; i++) {
        size_t r = first + i;
        for (size_t j = 0; j < columns; j++) {
            const rg_column *column = &table->column[index[j]];
            cells[j].number = NAN;
            cells[j].text = NULL;
            if (rg_column_is_numeric(column))
                cells[j].number = column->numbers[r];
            else if (column->codes[r] >= 0)
                cells[j].text = rg_dictionary_string(&column->categories, column->codes[r]);
        }
        rg_detect_features_encode(f, cells, neural + i * f->width, tree + i * columns);
    }
}

static int is_missing_token(const char *field)
{
    static const char *const tokens[] = {"", "NA", "NaN", "null", "?"};
    for (size_t k = 0; k < sizeof tokens / sizeof *tokens; k++)
        if (strcmp(field, tokens[k]) == 0)
            return 1;
    return 0;
}

riskgan_status rg_detect_features_parse(const rg_detect_features *f, size_t column, const char *field, rg_cell *cell)
{
    const rg_column_encoder *e = &f->transformer->column[column];
    cell->number = NAN;
    cell->text = NULL;
    if (!field || is_missing_token(field))
        return RISKGAN_OK;
    if (e->type == RISKGAN_COLUMN_CATEGORICAL) {
        cell->text = field;
        return RISKGAN_OK;
    }
    size_t length = strlen(field);
    int decimals, ok;
    if (e->type == RISKGAN_COLUMN_DATETIME)
        ok = rg_datetime_parse(field, length, &e->datetime, &cell->number);
    else
        ok = rg_parse_number(field, length, &cell->number, &decimals) ||
             rg_parse_number_with(field, length, f->transformer->decimal_mark, &cell->number, &decimals);
    if (!ok && e->type != RISKGAN_COLUMN_DATETIME && (strcmp(field, "inf") == 0 || strcmp(field, "-inf") == 0)) {
        cell->number = field[0] == '-' ? -INFINITY : INFINITY;
        ok = 1;
    }
    if (!ok)
        return rg_fail(RISKGAN_ERR_PARSE, "column '%s': '%.40s' is not %s", e->name, field,
                       e->type == RISKGAN_COLUMN_DATETIME ? "a date in the column's format" : "a number");
    return RISKGAN_OK;
}

riskgan_status rg_detect_features_schema(const rg_detect_features *f, riskgan_table **out)
{
    riskgan_table *schema;
    riskgan_status status = rg_table_new(f->transformer->columns, &schema);
    for (size_t j = 0; status == RISKGAN_OK && j < f->transformer->columns; j++) {
        const rg_column_encoder *e = &f->transformer->column[j];
        status = rg_table_set_column(schema, j, e->name, e->type);
        if (status == RISKGAN_OK && e->type == RISKGAN_COLUMN_DATETIME)
            rg_column_set_datetime(&schema->column[j], &e->datetime);
    }
    if (status != RISKGAN_OK) {
        riskgan_table_free(schema);
        return status;
    }
    *out = schema;
    return RISKGAN_OK;
}

void rg_detect_features_write(const rg_detect_features *f, rg_writer *writer)
{
    rg_transformer_write(f->transformer, writer);
    for (size_t j = 0; j < f->transformer->columns; j++) {
        rg_write_f64(writer, f->center[j]);
        rg_write_f64(writer, f->scale[j]);
        rg_write_f64(writer, f->missing_value[j]);
    }
}

riskgan_status rg_detect_features_read(rg_detect_features *f, rg_reader *reader)
{
    memset(f, 0, sizeof *f);
    riskgan_status status = rg_transformer_read(reader, &f->transformer);
    if (status != RISKGAN_OK)
        return status;
    size_t columns = f->transformer->columns;
    for (size_t j = 0; j < columns; j++)
        if (f->transformer->column[j].encoding == RG_ENCODE_IDENTIFIER) {
            rg_detect_features_free(f);
            return rg_fail(RISKGAN_ERR_FORMAT, "a detector's feature column is an identifier");
        }
    f->center = rg_calloc(columns, sizeof *f->center);
    f->scale = rg_calloc(columns, sizeof *f->scale);
    f->missing_value = rg_calloc(columns, sizeof *f->missing_value);
    if (!f->center || !f->scale || !f->missing_value)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; status == RISKGAN_OK && j < columns; j++) {
        f->center[j] = rg_read_f64(reader);
        f->scale[j] = rg_read_f64(reader);
        f->missing_value[j] = rg_read_f64(reader);
        if (!reader->failure && (!isfinite(f->center[j]) || !(f->scale[j] > 0) || !isfinite(f->scale[j]) ||
                                 !isfinite(f->missing_value[j])))
            status = rg_fail(RISKGAN_ERR_FORMAT, "column '%s' has an invalid scale", f->transformer->column[j].name);
    }
    if (status == RISKGAN_OK && reader->failure)
        status = rg_fail(RISKGAN_ERR_FORMAT, "%s", reader->failure);
    if (status == RISKGAN_OK)
        status = build_layout(f);
    if (status != RISKGAN_OK)
        rg_detect_features_free(f);
    return status;
}
