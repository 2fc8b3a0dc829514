/* augment.c — riskgan_augment: the input rows plus minority-class rows from an oversampler
 * or a GAN, as many as a fixed ratio or the inner cross-validation of --ratio auto asks
 * for, optionally flagged in a mark column. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/rng.h"
#include "../data/table.h"
#include "../models/model.h"
#include "../learn/classes.h"
#include "oversample.h"
#include "ratio_search.h"

void riskgan_augment_options_init(riskgan_augment_options *o)
{
    memset(o, 0, sizeof *o);
    o->method = RISKGAN_AUGMENT_SMOTENC;
    o->ratio = 1.0;
    o->neighbors = 5;
}

/* A model can only add rows to a table of the schema it was fitted on. */
static riskgan_status check_model_schema(const riskgan_model *m, const riskgan_table *table)
{
    const rg_transformer *t = m->transformer;
    if (t->columns != table->columns)
        return rg_fail(RISKGAN_ERR_SCHEMA, "the model was fitted on %zu columns, the data has %zu", t->columns,
                       table->columns);
    for (size_t j = 0; j < t->columns; j++)
        if (strcmp(t->column[j].name, table->column[j].name) != 0 ||
            (t->column[j].type == RISKGAN_COLUMN_CATEGORICAL) != (table->column[j].type == RISKGAN_COLUMN_CATEGORICAL))
            return rg_fail(RISKGAN_ERR_SCHEMA, "the model was fitted on another schema: its column %zu is '%s' (%s), "
                           "the data's is '%s' (%s)", j + 1, t->column[j].name,
                           t->column[j].type == RISKGAN_COLUMN_CATEGORICAL ? "categorical" : "numeric",
                           table->column[j].name,
                           table->column[j].type == RISKGAN_COLUMN_CATEGORICAL ? "categorical" : "numeric");
    return RISKGAN_OK;
}

/* A GAN fitted for augmentation: on all rows conditioned on the target, or (gan-minority)
 * on the minority rows alone. */
static riskgan_status fit_gan(const riskgan_table *table, const riskgan_augment_options *o, const rg_classes *classes,
                              size_t minority, riskgan_model **out)
{
    int minority_only = o->method == RISKGAN_AUGMENT_GAN_MINORITY;
    riskgan_fit_options fit;
    if (o->fit)
        fit = *o->fit;
    else
        riskgan_fit_options_init(&fit, RISKGAN_PRESET_DEFAULT);
    fit.target = minority_only ? NULL : o->target; /* one class: nothing to condition on */
    fit.seed = o->seed;
    fit.threads = o->threads;
    if (!minority_only)
        return riskgan_fit(table, &fit, out);
    riskgan_table *members = NULL;
    riskgan_status status = rg_table_new_like(table, classes->size[minority], &members);
    for (size_t r = 0; status == RISKGAN_OK && r < table->rows; r++)
        if (classes->of_row[r] == (int32_t)minority)
            status = rg_table_append_row(members, table, r);
    if (status == RISKGAN_OK)
        status = riskgan_fit(members, &fit, out);
    riskgan_table_free(members);
    return status;
}

/* GAN rows of the minority class: from a model of all rows (the class drawn by its label
 * model, synthesizer.c) or, for gan-minority, from a model of the minority rows alone. */
static riskgan_status gan_rows(const riskgan_table *table, const riskgan_augment_options *o, const rg_classes *classes,
                               size_t minority, size_t count, riskgan_table *out)
{
    int minority_only = o->method == RISKGAN_AUGMENT_GAN_MINORITY;
    riskgan_model *fitted = NULL;
    const riskgan_model *model = minority_only ? NULL : o->model;
    riskgan_status status = model ? check_model_schema(model, table) : fit_gan(table, o, classes, minority, &fitted);
    if (!model)
        model = fitted;
    riskgan_table *synthetic = NULL;
    if (status == RISKGAN_OK) {
        riskgan_condition where = {o->target, classes->name[minority]};
        status = riskgan_sample(model, count, o->seed ^ 0x61756720ULL, minority_only ? NULL : &where, &synthetic);
    }
    for (size_t r = 0; status == RISKGAN_OK && r < count; r++)
        status = rg_table_append_row(out, synthetic, r);
    riskgan_table_free(synthetic);
    riskgan_model_free(fitted);
    return status;
}

riskgan_status rg_augment_rows(const riskgan_table *table, const riskgan_augment_options *o, const rg_classes *classes,
                               size_t minority, size_t count, riskgan_table *out)
{
    if (o->method == RISKGAN_AUGMENT_GAN || o->method == RISKGAN_AUGMENT_GAN_MINORITY)
        return gan_rows(table, o, classes, minority, count, out);
    rg_rng rng;
    rg_rng_seed(&rng, o->seed);
    return rg_oversample(table, classes, minority, count, o->method, o->neighbors, &rng, out);
}

/* The same table with a trailing 0/1 integer column: 1 from row `first_added` on. */
static riskgan_status add_mark_column(riskgan_table *table, const char *name, size_t first_added, riskgan_table **out)
{
    if (riskgan_table_find_column(table, name) >= 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--mark-column '%s' is already a column of the data", name);
    riskgan_table *marked;
    riskgan_status status = rg_table_new(table->columns + 1, &marked);
    if (status != RISKGAN_OK)
        return status;
    for (size_t j = 0; j < table->columns; j++) { /* move the columns over */
        marked->column[j] = table->column[j];
        memset(&table->column[j], 0, sizeof table->column[j]);
    }
    marked->capacity = table->capacity;
    marked->rows = table->rows;
    status = rg_table_set_column(marked, table->columns, name, RISKGAN_COLUMN_INTEGER);
    rg_column *mark = &marked->column[table->columns];
    if (status == RISKGAN_OK && !(mark->numbers = rg_calloc(marked->capacity, sizeof(double))))
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t r = 0; status == RISKGAN_OK && r < marked->rows; r++)
        mark->numbers[r] = r >= first_added;
    if (status != RISKGAN_OK) {
        riskgan_table_free(marked);
        return status;
    }
    *out = marked;
    return RISKGAN_OK;
}

riskgan_status riskgan_augment(const riskgan_table *table, const riskgan_augment_options *o, riskgan_table **out)
{
    *out = NULL;
    if (!o->target)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "augmentation needs a target column");
    if (!o->auto_ratio && !(o->ratio > 0 && o->ratio <= 100))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the ratio must be in (0, 100], got %g", o->ratio);
    rg_classes classes;
    riskgan_status status = rg_classes_find(table, o->target, &classes);
    if (status != RISKGAN_OK)
        return status;
    long minority = o->minority ? rg_classes_index(&classes, o->minority) : (long)rg_classes_rarest(&classes);
    size_t majority = minority >= 0 ? rg_classes_largest_other(&classes, (size_t)minority) : 0;
    if (minority < 0)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "'%s' is not a class of '%s'", o->minority, o->target);
    size_t wanted = 0;
    riskgan_set_threads(o->threads);
    if (status == RISKGAN_OK && o->method != RISKGAN_AUGMENT_NONE && o->auto_ratio) {
        riskgan_ratio_curve curve;
        if (classes.size[minority] >= classes.size[majority])
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--ratio auto: '%s' is not rarer than '%s'",
                             classes.name[minority], classes.name[majority]);
        if (status == RISKGAN_OK)
            status = rg_choose_ratio(table, o, &classes, (size_t)minority, majority, &curve);
        if (status == RISKGAN_OK)
            wanted = (size_t)curve.added_rows[curve.chosen];
        if (status == RISKGAN_OK && o->curve)
            *o->curve = curve;
    } else if (status == RISKGAN_OK && o->method != RISKGAN_AUGMENT_NONE) {
        double target_size = ceil(o->ratio * (double)classes.size[majority] - 1e-9);
        if (target_size < (double)classes.size[minority])
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT,
                             "ratio %g asks for %.0f '%s' rows but there are %zu already: augmentation never removes "
                             "rows (raise the ratio)", o->ratio, target_size, classes.name[minority],
                             classes.size[minority]);
        else
            wanted = (size_t)target_size - classes.size[minority];
    }
    riskgan_table *result = NULL;
    if (status == RISKGAN_OK)
        status = rg_table_new_like(table, table->rows + wanted, &result);
    for (size_t r = 0; status == RISKGAN_OK && r < table->rows; r++)
        status = rg_table_append_row(result, table, r);
    if (status == RISKGAN_OK && wanted)
        status = rg_augment_rows(table, o, &classes, (size_t)minority, wanted, result);
    if (status == RISKGAN_OK && o->mark_column) {
        riskgan_table *marked = NULL;
        status = add_mark_column(result, o->mark_column, table->rows, &marked);
        if (status == RISKGAN_OK) {
            riskgan_table_free(result);
            result = marked;
        }
    }
    rg_classes_free(&classes);
    if (status != RISKGAN_OK) {
        riskgan_table_free(result);
        return status;
    }
    *out = result;
    return RISKGAN_OK;
}
