/* relational_fit.c — fitting a model of linked tables: every table with a count column per
 * child table; each root table's synthesizer on its columns but the keys, with those counts;
 * each child table's event model on its sequences, seeing its parents as their synthesizer
 * learned them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/message.h"
#include "../core/rng.h"
#include "../core/threads.h"
#include "../data/table.h"
#include "child_summary.h"
#include "event_fit.h"
#include "relational_model.h"

/* A root table's synthesizer stops after this many generator steps unless told otherwise
 * (max_steps): 300 epochs of 10,000 rows, so that a bank of 100,000 customers fits in
 * minutes; smaller tables run their epochs in full. */
enum { ROOT_STEP_BUDGET = 6000 };

void riskgan_relational_fit_options_init(riskgan_relational_fit_options *o)
{
    memset(o, 0, sizeof *o);
    riskgan_fit_options_init(&o->root, RISKGAN_PRESET_DEFAULT);
    o->min_parents = 5;
    o->days_of_month = 1;
    o->monthly_kinds = 1;
    o->seed = 42;
}

/* A root table's columns as the model writes them: keys and identifiers get fresh values (past
 * the largest real number, so none equals a real one), the others come from the synthesizer. */
static riskgan_status root_columns(rg_table_model *tm, const rg_dataset_spec *spec, size_t i, const riskgan_table *t)
{
    size_t n = riskgan_table_columns(t);
    int *keep = rg_calloc(n + 1, sizeof *keep);
    if (!keep || !(tm->columns = rg_calloc(n + 1, sizeof *tm->columns))) {
        free(keep);
        return RISKGAN_ERR_NO_MEMORY;
    }
    rg_modelled_columns(spec, i, t, keep);
    tm->column_count = n, tm->rows = riskgan_table_rows(t);
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0, head = 0; j < n && status == RISKGAN_OK; j++) {
        const rg_column *c = &t->column[j];
        rg_event_column *e = &tm->columns[j];
        e->type = c->type, e->decimals = c->decimals, e->datetime = c->datetime;
        e->role = keep[j] ? RG_EVENT_HEAD : RG_EVENT_FRESH_ID;
        e->head = keep[j] ? (int)head++ : -1;
        e->fresh_start = 1;
        if (!keep[j])
            status = rg_event_column_fresh_start(e, t, j, spec->tables[i].name);
        if (status == RISKGAN_OK && !(e->name = rg_strdup(c->name)))
            status = RISKGAN_ERR_NO_MEMORY;
    }
    free(keep);
    return status;
}

static riskgan_status fit_root(rg_table_model *tm, const rg_dataset_spec *spec, size_t i, const riskgan_table *counted,
                               const riskgan_relational_fit_options *o)
{
    riskgan_table *view = NULL;
    riskgan_status status = root_columns(tm, spec, i, counted);
    if (status == RISKGAN_OK)
        status = rg_modelled_view(spec, i, counted, &view);
    riskgan_fit_options fit = o->root;
    fit.seed = rg_hash64(o->seed ^ rg_hash64(i + 1));
    fit.max_steps = fit.max_steps > 0 ? fit.max_steps : ROOT_STEP_BUDGET;
    fit.stop = o->stop;
    if (status == RISKGAN_OK)
        status = riskgan_fit(view, &fit, &tm->root);
    riskgan_table_free(view);
    return status;
}

static riskgan_status fit_child(rg_table_model *tm, const riskgan_dataset *counted, size_t i,
                                const riskgan_relational_fit_options *o)
{
    const rg_dataset_spec *spec = &counted->spec;
    const rg_relationship *r = &spec->relationships[rg_dataset_spec_parent(spec, i)];
    size_t parent = (size_t)rg_dataset_spec_table(spec, r->parent);
    char count[96];
    rg_count_column_name(spec->tables[i].name, count, sizeof count);
    riskgan_table *parents = NULL;
    riskgan_status status = rg_modelled_view(spec, parent, counted->tables[parent], &parents);
    rg_event_fit_options e = {.epochs = o->epochs, .hidden = o->hidden, .batch = o->batch,
                              .learning_rate = o->learning_rate, .min_parents = o->min_parents,
                              .adversarial_rounds = o->adversarial_rounds, .monthly_echoes = o->monthly_echoes,
                              .days_of_month = o->days_of_month, .monthly_kinds = o->monthly_kinds,
                              .seed = rg_hash64(o->seed ^ rg_hash64(i + 1)), .progress = o->progress,
                              .progress_user = o->progress_user, .stop = o->stop};
    if (status == RISKGAN_OK)
        status = rg_event_model_fit(&tm->events, counted, i, parents, count, &e);
    riskgan_table_free(parents);
    return status;
}

/* The model's own copy of the metadata. */
static riskgan_status copy_spec(const rg_dataset_spec *spec, rg_dataset_spec *out)
{
    char *json = rg_dataset_spec_to_json(spec);
    riskgan_status status = json ? rg_dataset_spec_parse(json, "metadata", spec->directory, out) : RISKGAN_ERR_NO_MEMORY;
    free(json);
    return status;
}

/* Every table's model, parents first, on the tables with their count columns. */
static riskgan_status fit_tables(riskgan_relational_model *m, const riskgan_dataset *d, riskgan_table **counted,
                                 const riskgan_relational_fit_options *o)
{
    riskgan_dataset view = *d;
    view.tables = counted;
    size_t *order = rg_calloc(d->spec.table_count + 1, sizeof *order);
    if (!order)
        return RISKGAN_ERR_NO_MEMORY;
    rg_dataset_spec_order(&d->spec, order);
    riskgan_status status = RISKGAN_OK;
    for (size_t k = 0; k < d->spec.table_count && status == RISKGAN_OK; k++) {
        size_t i = order[k];
        rg_say(o->progress, o->progress_user, "table '%s'", d->spec.tables[i].name);
        status = rg_dataset_spec_parent(&d->spec, i) < 0 ? fit_root(&m->tables[i], &d->spec, i, counted[i], o)
                                                           : fit_child(&m->tables[i], &view, i, o);
        if (status != RISKGAN_OK && status != RISKGAN_ERR_NO_MEMORY)
            rg_fail_context(status, "table '%s'", d->spec.tables[i].name);
    }
    free(order);
    return status;
}

riskgan_status riskgan_relational_fit(const riskgan_dataset *d, const riskgan_relational_fit_options *o,
                                      riskgan_relational_model **out)
{
    *out = NULL;
    if (o->root.epsilon > 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "linked tables cannot be fitted with differential privacy yet: "
                       "the event models are not private (docs/privacy.md)");
    rg_thread_counts threads = rg_threads_push(o->threads);
    riskgan_relational_model *m = rg_calloc(1, sizeof *m);
    riskgan_table **counted = NULL;
    riskgan_status status = m ? copy_spec(&d->spec, &m->spec) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK && !(m->tables = rg_calloc(d->spec.table_count + 1, sizeof *m->tables)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_summarized_tables(d, !o->counts_only, &counted);
    if (status == RISKGAN_OK)
        status = fit_tables(m, d, counted, o);
    for (size_t i = 0; counted && i < d->spec.table_count; i++)
        riskgan_table_free(counted[i]);
    free(counted);
    rg_threads_pop(threads);
    if (status != RISKGAN_OK) {
        rg_relational_model_release(m);
        return status;
    }
    *out = m;
    return RISKGAN_OK;
}
