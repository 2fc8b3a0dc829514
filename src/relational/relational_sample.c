/* relational_sample.c — generating linked tables: parents first; each root table's rows from
 * its synthesizer (as many as asked, under an optional condition), with fresh keys; each child table's rows from its event model, as many per
 * parent as the parent's count column says; then the summary columns dropped and the tables
 * assembled under the model's metadata (which checks every key). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/rng.h"
#include "../data/table.h"
#include "event_sampling.h"
#include "relational_model.h"
#include "table_view.h"

/* Fresh values of an identifier column: numbers past the largest real one, or "S1", "S2"... */
static riskgan_status fresh_column(riskgan_table *t, size_t j, const rg_event_column *e)
{
    rg_column *c = &t->column[j];
    for (size_t r = 0; r < t->rows; r++) {
        if (rg_column_is_numeric(c)) {
            c->numbers[r] = e->fresh_start + (double)r;
            continue;
        }
        char text[32];
        int length = snprintf(text, sizeof text, "S%zu", r + 1);
        if ((c->codes[r] = rg_dictionary_intern(&c->categories, text, (size_t)length)) < 0)
            return RISKGAN_ERR_NO_MEMORY;
    }
    return RISKGAN_OK;
}

static riskgan_status set_id_schema(riskgan_table *t, size_t j, const rg_event_column *e)
{
    riskgan_status status = rg_table_set_column(t, j, e->name, e->type);
    t->column[j].decimals = e->type == RISKGAN_COLUMN_CATEGORICAL ? -1 : 0;
    t->column[j].role = RISKGAN_ROLE_IDENTIFIER;
    return status;
}

/* A root table from its synthesizer's rows: its columns in order, keys and identifiers fresh
 * (the summary columns, last, come from the synthesizer too). */
static riskgan_status root_table(const rg_table_model *tm, const riskgan_table *drawn, riskgan_table **out)
{
    size_t n = tm->column_count;
    riskgan_table *t;
    riskgan_status status = rg_table_new(n, &t);
    for (size_t j = 0; status == RISKGAN_OK && j < n; j++) {
        const rg_event_column *e = &tm->columns[j];
        status = e->role != RG_EVENT_HEAD ? set_id_schema(t, j, e) : rg_table_copy_schema(t, j, drawn, (size_t)e->head);
    }
    if (status == RISKGAN_OK)
        status = rg_table_reserve(t, drawn->rows ? drawn->rows : 1);
    if (status == RISKGAN_OK)
        t->rows = drawn->rows;
    for (size_t j = 0; status == RISKGAN_OK && j < n; j++) {
        const rg_event_column *e = &tm->columns[j];
        if (e->role != RG_EVENT_HEAD)
            status = fresh_column(t, j, e);
        else
            rg_table_copy_values(t, j, drawn, (size_t)e->head);
    }
    if (status != RISKGAN_OK)
        riskgan_table_free(t), t = NULL;
    *out = t;
    return status;
}

static riskgan_status sample_root(const rg_table_model *tm, const riskgan_relational_sample_options *o,
                                  const riskgan_condition *where, uint64_t seed, riskgan_table **out)
{
    double wanted = o->rows ? (double)o->rows : round(o->scale * (double)tm->rows);
    size_t rows = wanted < 1 ? 1 : (size_t)wanted;
    riskgan_table *drawn = NULL;
    riskgan_status status = riskgan_sample(tm->root, rows, seed, where, &drawn);
    if (status == RISKGAN_OK)
        status = root_table(tm, drawn, out);
    riskgan_table_free(drawn);
    return status;
}

/* The text of every generated parent's key (the caller frees each, then the array). */
static char **key_texts(const riskgan_table *parents, const char *key)
{
    long column = riskgan_table_find_column(parents, key);
    char **texts = rg_calloc(parents->rows + 1, sizeof *texts);
    for (size_t r = 0; texts && column >= 0 && r < parents->rows; r++) {
        char buffer[64];
        const char *text = rg_dataset_key_text(parents, (size_t)column, r, buffer, sizeof buffer);
        if (text && !(texts[r] = rg_strdup(text))) {
            for (size_t k = 0; k < r; k++)
                free(texts[k]);
            free(texts);
            return NULL;
        }
    }
    return texts;
}

static riskgan_status sample_child(const riskgan_relational_model *m, size_t i, riskgan_table **generated,
                                   uint64_t seed)
{
    const rg_dataset_spec *spec = &m->spec;
    const rg_relationship *r = &spec->relationships[rg_dataset_spec_parent(spec, i)];
    size_t parent = (size_t)rg_dataset_spec_table(spec, r->parent);
    riskgan_table *view = NULL;
    char **keys = key_texts(generated[parent], r->parent_key);
    riskgan_status status = keys ? rg_modelled_view(spec, parent, generated[parent], &view) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_event_model_sample(&m->tables[i].events, view, (const char *const *)keys, seed, &generated[i]);
    for (size_t k = 0; keys && k < generated[parent]->rows; k++)
        free(keys[k]);
    free(keys);
    riskgan_table_free(view);
    return status;
}

/* Table i without its summary columns (child_summary.h): its own columns come first. */
static riskgan_status without_summaries(const rg_dataset_spec *spec, size_t i, const riskgan_table *t,
                                        riskgan_table **out)
{
    size_t n = riskgan_table_columns(t);
    int *keep = rg_calloc(n + 1, sizeof *keep);
    if (!keep)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < n && j < spec->tables[i].column_count; j++)
        keep[j] = 1;
    riskgan_status status = rg_table_view(t, keep, NULL, 0, out);
    free(keep);
    return status;
}

/* The condition for table i: the options' where, if they name that table. */
static const riskgan_condition *condition_for(const riskgan_relational_model *m, size_t i,
                                              const riskgan_relational_sample_options *o)
{
    return o->where_table && strcmp(o->where_table, m->spec.tables[i].name) == 0 ? &o->where : NULL;
}

static riskgan_status sample_tables(const riskgan_relational_model *m, const riskgan_relational_sample_options *o,
                                    riskgan_table **generated)
{
    uint64_t seed = o->seed;
    size_t count = m->spec.table_count, *order = rg_calloc(count + 1, sizeof *order);
    if (!order)
        return RISKGAN_ERR_NO_MEMORY;
    rg_dataset_spec_order(&m->spec, order);
    riskgan_status status = RISKGAN_OK;
    for (size_t k = 0; k < count && status == RISKGAN_OK; k++) {
        size_t i = order[k];
        uint64_t table_seed = rg_hash64(seed ^ rg_hash64(i + 1));
        status = m->tables[i].root ? sample_root(&m->tables[i], o, condition_for(m, i, o), table_seed, &generated[i])
                                   : sample_child(m, i, generated, table_seed);
    }
    free(order);
    return status;
}

/* The options name a root table and one of its modelled columns, if any. */
static riskgan_status check_options(const riskgan_relational_model *m, const riskgan_relational_sample_options *o)
{
    if (!(o->rows > 0 || (o->scale > 0 && isfinite(o->scale))))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the scale of a sample must be a positive number");
    if (!o->where_table)
        return RISKGAN_OK;
    long i = rg_dataset_spec_table(&m->spec, o->where_table);
    if (i < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--where names table '%s', which the model does not have",
                       o->where_table);
    if (!m->tables[i].root)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--where conditions a root table; '%s' is a child table "
                       "(its rows follow their parents)", o->where_table);
    if (!o->where.column || !o->where.value || strncmp(o->where.column, "__", 2) == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--where needs a column of table '%s' and a value", o->where_table);
    return RISKGAN_OK;
}

void riskgan_relational_sample_options_init(riskgan_relational_sample_options *o)
{
    memset(o, 0, sizeof *o);
    o->scale = 1;
}

riskgan_status riskgan_relational_sample(const riskgan_relational_model *m, double scale, uint64_t seed,
                                         riskgan_dataset **out)
{
    riskgan_relational_sample_options o;
    riskgan_relational_sample_options_init(&o);
    o.scale = scale, o.seed = seed;
    return riskgan_relational_sample_with(m, &o, out);
}

riskgan_status riskgan_relational_sample_with(const riskgan_relational_model *m,
                                              const riskgan_relational_sample_options *o, riskgan_dataset **out)
{
    *out = NULL;
    size_t count = m->spec.table_count;
    riskgan_table **generated = rg_calloc(count + 1, sizeof *generated);
    riskgan_table **tables = rg_calloc(count + 1, sizeof *tables);
    riskgan_status status = generated && tables ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = check_options(m, o);
    if (status == RISKGAN_OK)
        status = sample_tables(m, o, generated);
    for (size_t i = 0; status == RISKGAN_OK && i < count; i++)
        status = without_summaries(&m->spec, i, generated[i], &tables[i]);
    if (status == RISKGAN_OK)
        status = rg_dataset_assemble(&m->spec, tables, out);
    else
        for (size_t i = 0; tables && i < count; i++)
            riskgan_table_free(tables[i]);
    for (size_t i = 0; generated && i < count; i++)
        riskgan_table_free(generated[i]);
    free(generated), free(tables);
    return status;
}
