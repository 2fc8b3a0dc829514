/* eval_data.c — aligning the three tables of an evaluation and building features. */
#include "eval_data.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../learn/classes.h"
#include "../learn/features.h"
#include "../transform/transformer.h"
#include "../data/number_text.h"
#include "../data/table.h"

void rg_eval_warn(rg_eval_data *data, const char *format, ...)
{
    char message[512];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    char **grown = realloc(data->warnings, (data->warning_count + 1) * sizeof *grown);
    if (!grown)
        return;
    data->warnings = grown;
    if ((data->warnings[data->warning_count] = strdup(message)))
        data->warning_count++;
}

void rg_eval_data_free(rg_eval_data *data)
{
    for (size_t j = 0; data->column && j < data->columns; j++) {
        rg_eval_column *c = &data->column[j];
        free(c->name);
        for (size_t l = 0; c->level_names && l < c->levels; l++)
            free(c->level_names[l]);
        free(c->level_names);
        for (int t = 0; t < RG_TABLES; t++) {
            free(c->code[t]);
            free(c->value[t]);
        }
    }
    free(data->column);
    for (size_t i = 0; i < data->warning_count; i++)
        free(data->warnings[i]);
    free(data->warnings);
    memset(data, 0, sizeof *data);
}

static const char *const table_names[RG_TABLES] = {"training", "test", "synthetic"};

/* Says which rows of table t hold values the training data never has: riskgan's stand-in
 * for categories too rare to generate is named as such, not blamed on the generator. */
static void warn_unseen(rg_eval_data *out, const rg_eval_column *c, int t)
{
    size_t other = c->unseen[t] - c->placeholder[t];
    if (other)
        rg_eval_warn(out, "column '%s': %zu %s rows hold values never seen in the training data", c->name, other,
                     table_names[t]);
    if (c->placeholder[t])
        rg_eval_warn(out, "column '%s': %zu %s rows hold '%s', riskgan's stand-in for categories seen in fewer "
                     "training rows than its min-category-count: never generated (docs/data-integrity.md)",
                     c->name, c->placeholder[t], table_names[t], RG_RARE_PLACEHOLDER);
}

/* Text of a cell as the level name: category text or the number in the column's format. */
static const char *cell_text(const rg_column *column, size_t row, char *buffer, size_t size)
{
    if (!rg_column_is_numeric(column))
        return column->codes[row] < 0 ? NULL : rg_dictionary_string(&column->categories, column->codes[row]);
    if (isnan(column->numbers[row]))
        return NULL;
    rg_format_number(buffer, size, column->numbers[row], column->type == RISKGAN_COLUMN_INTEGER ? 0 : column->decimals);
    return buffer;
}

static int count_distinct_numbers(const rg_column *column, size_t rows, int limit)
{
    double seen[64];
    int distinct = 0;
    for (size_t r = 0; r < rows; r++) {
        double v = column->numbers[r];
        if (isnan(v))
            continue;
        int k = 0;
        while (k < distinct && seen[k] != v)
            k++;
        if (k == distinct) {
            if (distinct == limit)
                return limit + 1;
            seen[distinct++] = v;
        }
    }
    return distinct;
}

static riskgan_status build_discrete(rg_eval_column *c, const rg_column *sources[RG_TABLES],
                                     const size_t rows[RG_TABLES])
{
    rg_dictionary levels;
    rg_dictionary_init(&levels);
    riskgan_status status = RISKGAN_OK;
    int missing = 0;
    size_t training_levels = 0;
    char buffer[64];
    for (int t = 0; t < RG_TABLES && status == RISKGAN_OK; t++) {
        c->code[t] = rg_calloc(rows[t], sizeof(int32_t));
        if (!c->code[t]) {
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        for (size_t r = 0; r < rows[t]; r++) {
            const char *text = cell_text(sources[t], r, buffer, sizeof buffer);
            if (!text) {
                c->code[t][r] = -1;
                missing = 1;
                continue;
            }
            int32_t code = rg_dictionary_intern(&levels, text, strlen(text));
            if (code < 0) {
                status = RISKGAN_ERR_NO_MEMORY;
                break;
            }
            c->code[t][r] = code;
            if (t != RG_TRAIN && (size_t)code >= training_levels) {
                c->unseen[t]++;
                c->placeholder[t] += strcmp(text, RG_RARE_PLACEHOLDER) == 0;
            }
        }
        if (t == RG_TRAIN)
            training_levels = levels.count;
    }
    if (status == RISKGAN_OK) {
        c->levels = levels.count + (size_t)missing;
        c->level_names = rg_calloc(c->levels, sizeof *c->level_names);
        if (!c->level_names)
            status = RISKGAN_ERR_NO_MEMORY;
        for (size_t l = 0; status == RISKGAN_OK && l < c->levels; l++)
            if (!(c->level_names[l] = rg_strdup(l < levels.count ? rg_dictionary_string(&levels, (int32_t)l) : "(missing)")))
                status = RISKGAN_ERR_NO_MEMORY;
        for (int t = 0; status == RISKGAN_OK && t < RG_TABLES; t++)
            for (size_t r = 0; r < rows[t]; r++)
                if (c->code[t][r] < 0)
                    c->code[t][r] = (int32_t)(c->levels - 1);
    }
    rg_dictionary_free(&levels);
    return status;
}

static riskgan_status build_continuous(rg_eval_column *c, const rg_column *sources[RG_TABLES], const size_t rows[RG_TABLES])
{
    for (int t = 0; t < RG_TABLES; t++) {
        if (!(c->value[t] = rg_calloc(rows[t], sizeof(double))))
            return RISKGAN_ERR_NO_MEMORY;
        for (size_t r = 0; r < rows[t]; r++) {
            c->value[t][r] = sources[t]->numbers[r];
            c->any_missing |= isnan(c->value[t][r]);
        }
    }
    double sum = 0, squares = 0;
    size_t n = 0;
    c->minimum = INFINITY, c->maximum = -INFINITY;
    for (size_t r = 0; r < rows[RG_TRAIN]; r++) {
        double v = c->value[RG_TRAIN][r];
        if (isnan(v))
            continue;
        sum += v, n++;
        c->minimum = fmin(c->minimum, v), c->maximum = fmax(c->maximum, v);
    }
    c->mean = n ? sum / n : 0;
    for (size_t r = 0; r < rows[RG_TRAIN]; r++)
        if (!isnan(c->value[RG_TRAIN][r]))
            squares += (c->value[RG_TRAIN][r] - c->mean) * (c->value[RG_TRAIN][r] - c->mean);
    c->deviation = n > 1 ? sqrt(squares / (n - 1)) : 1;
    if (!(c->deviation > 0))
        c->deviation = 1;
    if (!n)
        c->minimum = c->maximum = 0;
    return RISKGAN_OK;
}

/* The target's positive class: the same rule as the risk models (rg_classes_positive). */
static riskgan_status find_positive(rg_eval_data *out, const riskgan_table *train, const char *target,
                                    const char *positive)
{
    riskgan_status status;
    rg_eval_column *t = &out->column[out->target];
    out->positive_level = -1;
    rg_classes classes;
    size_t positive_class = 0;
    int guessed = 0;
    status = rg_classes_find(train, target, &classes);
    if (status == RISKGAN_OK)
        status = rg_classes_positive(&classes, target, positive, &positive_class, &guessed);
    for (size_t l = 0; status == RISKGAN_OK && l < t->levels; l++)
        if (strcmp(t->level_names[l], classes.name[positive_class]) == 0)
            out->positive_level = (int32_t)l;
    if (status == RISKGAN_OK && guessed)
        rg_eval_warn(out, "positive class not given: using the rarer class '%s' of '%s'", classes.name[positive_class],
                     target);
    rg_classes_free(&classes); /* zeroed by rg_classes_find even when it fails */
    if (status == RISKGAN_OK && out->positive_level < 0)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "the positive class of '%s' is not among its values", target);
    if (status != RISKGAN_OK)
        return status;
    if (t->levels > 2 + (strcmp(t->level_names[t->levels - 1], "(missing)") == 0))
        rg_eval_warn(out, "target '%s' has more than two classes: '%s' is scored against all others", target,
                     t->level_names[out->positive_level]);
    return RISKGAN_OK;
}

riskgan_status rg_eval_data_build(const riskgan_table *const tables[RG_TABLES], const char *target,
                                  const char *positive, rg_eval_data *out)
{
    memset(out, 0, sizeof *out);
    const riskgan_table *train = tables[RG_TRAIN];
    riskgan_status status = target ? riskgan_table_check_target(train, target) : RISKGAN_OK;
    if (status != RISKGAN_OK)
        return status;
    for (int t = 0; t < RG_TABLES; t++) {
        out->table[t] = tables[t];
        out->rows[t] = tables[t]->rows;
        if (tables[t]->rows == 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "the %s data has no rows", table_names[t]);
        for (size_t j = 0; j < train->columns; j++)
            if (train->column[j].role != RISKGAN_ROLE_IDENTIFIER &&
                riskgan_table_find_column(tables[t], train->column[j].name) < 0)
                return rg_fail(RISKGAN_ERR_SCHEMA, "the %s data has no column '%s'", table_names[t], train->column[j].name);
    }
    /* identifiers are no features: they are checked for leaks only (leaks.c) */
    size_t *used = rg_calloc(train->columns, sizeof *used);
    if (!used)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < train->columns; j++)
        if (train->column[j].role != RISKGAN_ROLE_IDENTIFIER || (target && strcmp(train->column[j].name, target) == 0))
            used[out->columns++] = j;
    out->column = rg_calloc(out->columns ? out->columns : 1, sizeof *out->column);
    if (!out->column) {
        free(used);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (int t = 1; t < RG_TABLES; t++)
        for (size_t j = 0; j < tables[t]->columns; j++)
            if (riskgan_table_find_column(train, tables[t]->column[j].name) < 0)
                rg_eval_warn(out, "the %s data has a column '%s' the training data lacks: ignored", table_names[t],
                             tables[t]->column[j].name);
    out->target = -1;
    for (size_t j = 0; j < out->columns && status == RISKGAN_OK; j++) {
        rg_eval_column *c = &out->column[j];
        const rg_column *sources[RG_TABLES];
        for (int t = 0; t < RG_TABLES; t++)
            sources[t] = &tables[t]->column[riskgan_table_find_column(tables[t], train->column[used[j]].name)];
        if (target && strcmp(sources[0]->name, target) == 0)
            out->target = (long)j;
        for (int t = 1; t < RG_TABLES; t++)
            if ((sources[t]->type == RISKGAN_COLUMN_CATEGORICAL) != (sources[0]->type == RISKGAN_COLUMN_CATEGORICAL)) {
                status = rg_fail(RISKGAN_ERR_SCHEMA, "column '%s' is %s in the training data but %s in the %s data",
                                 sources[0]->name, sources[0]->type == RISKGAN_COLUMN_CATEGORICAL ? "categorical" : "numeric",
                                 sources[t]->type == RISKGAN_COLUMN_CATEGORICAL ? "categorical" : "numeric", table_names[t]);
                break;
            }
        if (status != RISKGAN_OK)
            break;
        c->name = rg_strdup(sources[0]->name);
        c->is_target = (long)j == out->target;
        c->discrete = c->is_target || sources[0]->type == RISKGAN_COLUMN_CATEGORICAL ||
                      count_distinct_numbers(sources[0], train->rows, 10) <= 10;
        if (!c->name)
            status = RISKGAN_ERR_NO_MEMORY;
        else
            status = c->discrete ? build_discrete(c, sources, out->rows) : build_continuous(c, sources, out->rows);
        for (int t = 1; status == RISKGAN_OK && t < RG_TABLES; t++)
            warn_unseen(out, c, t);
    }
    free(used);
    if (status != RISKGAN_OK) {
        rg_eval_data_free(out);
        return status;
    }
    if (target && (status = find_positive(out, train, target, positive)) != RISKGAN_OK)
        rg_eval_data_free(out);
    return status;
}

size_t rg_eval_distance_width(const rg_eval_data *data)
{
    size_t width = 0;
    for (size_t j = 0; j < data->columns; j++) {
        const rg_eval_column *c = &data->column[j];
        width += c->discrete ? c->levels : 1 + (size_t)c->any_missing;
    }
    return width;
}

void rg_eval_distance_features(const rg_eval_data *data, int table, float *out)
{
    size_t width = rg_eval_distance_width(data), rows = data->rows[table], offset = 0;
    memset(out, 0, rows * width * sizeof *out);
    for (size_t j = 0; j < data->columns; j++) {
        const rg_eval_column *c = &data->column[j];
        if (c->discrete) {
            for (size_t r = 0; r < rows; r++)
                out[r * width + offset + (size_t)c->code[table][r]] = 1;
            offset += c->levels;
            continue;
        }
        double range = c->maximum - c->minimum > 0 ? c->maximum - c->minimum : 1;
        for (size_t r = 0; r < rows; r++) {
            double v = c->value[table][r];
            if (isnan(v)) {
                out[r * width + offset + 1] = 1;
                continue;
            }
            out[r * width + offset] = (float)((v - c->minimum) / range);
        }
        offset += 1 + (size_t)c->any_missing;
    }
}

riskgan_status rg_eval_model_features(const rg_eval_data *data, int include_target, size_t *width,
                                      float *out[RG_TABLES])
{
    const riskgan_table *train = data->table[RG_TRAIN];
    long target = include_target ? -1 : riskgan_table_find_column(train, data->column[data->target].name);
    rg_feature_encoder encoder;
    riskgan_status status = rg_features_fit(&encoder, train, target);
    *width = encoder.width;
    for (int t = 0; t < RG_TABLES; t++)
        out[t] = NULL;
    for (int t = 0; t < RG_TABLES && status == RISKGAN_OK; t++) {
        out[t] = rg_calloc(data->rows[t] * encoder.width + 1, sizeof(float));
        status = out[t] ? rg_features_encode(&encoder, data->table[t], out[t], NULL) : RISKGAN_ERR_NO_MEMORY;
    }
    rg_features_free(&encoder);
    if (status != RISKGAN_OK)
        for (int t = 0; t < RG_TABLES; t++) {
            free(out[t]);
            out[t] = NULL;
        }
    return status;
}

void rg_eval_labels(const rg_eval_data *data, int table, int *out)
{
    const rg_eval_column *t = &data->column[data->target];
    for (size_t r = 0; r < data->rows[table]; r++)
        out[r] = t->code[table][r] == data->positive_level;
}
