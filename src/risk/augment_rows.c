/* augment_rows.c — the rows an augmentation adds: minority-class rows from an oversampler
 * (oversample.c) or a GAN (a given model of the schema, or one fitted on the spot). */
#include "augment_rows.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/rng.h"
#include "../data/table.h"
#include "../models/model.h"
#include "oversample.h"

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
