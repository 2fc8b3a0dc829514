/* relational_model_file.c — a model of linked tables in a file (framed as every riskgan file):
 * the metadata as JSON, then per table its synthesizer (a root table: its columns and a
 * single-table model payload) or its event model; every field checked on reading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/framed_file.h"
#include "../core/memory.h"
#include "../models/model.h"
#include "../models/model_file.h"
#include "event_record.h"
#include "relational_model.h"

static const char magic[8] = {'R', 'G', 'R', 'E', 'L', 'A', 'T', 0x1a};
/* Version 2: number heads carry their roundness classes; 3: event models their clocks and gap
 * heads their period; 4: amount heads their shares of the balance; 5: event models whether every parent dated in
 * the window has events (older files read without); ... 11: every event head reads the balance's band; 12: and the
 * event's month since the parent's date. */
enum { OLDEST_VERSION = 1, FORMAT_VERSION = 12, ROOT_TABLE = 1, CHILD_TABLE = 2 };

static void write_payload(const void *object, rg_writer *w)
{
    const riskgan_relational_model *m = object;
    char *json = rg_dataset_spec_to_json(&m->spec);
    rg_write_string(w, json ? json : "");
    free(json);
    rg_write_u32(w, rg_model_format_version());
    rg_write_u64(w, m->spec.table_count);
    for (size_t i = 0; i < m->spec.table_count; i++) {
        const rg_table_model *t = &m->tables[i];
        rg_write_u32(w, t->root ? ROOT_TABLE : CHILD_TABLE);
        if (!t->root) {
            rg_event_model_write(&t->events, w);
            continue;
        }
        rg_write_u64(w, t->rows);
        rg_write_u64(w, t->column_count);
        for (size_t j = 0; j < t->column_count; j++)
            rg_event_column_write(&t->columns[j], w);
        rg_model_write(t->root, w);
    }
}

riskgan_status riskgan_relational_model_save(const riskgan_relational_model *m, const char *path)
{
    return rg_framed_write(path, magic, FORMAT_VERSION, write_payload, m);
}

/* Is the synthesizer's column `head` named `name`? (sampling names the column as the synthesizer does) */
static int same_name(const char *name, const riskgan_model *root, size_t head)
{
    const char *drawn = riskgan_model_column_name(root, head);
    return name && drawn && strcmp(name, drawn) == 0;
}

/* A root table's columns (its own, then the summaries of its children, at least a count per
 * child table, each named "__..."): the synthesizer's columns are heads 0, 1, ... in order. */
static void check_root(const rg_dataset_spec *spec, size_t i, const rg_table_model *t, rg_reader *r)
{
    size_t heads = 0, children = 0, columns = 0;
    for (size_t j = 0; j < t->column_count && !r->failure; j++)
        if (t->columns[j].role == RG_EVENT_HEAD && t->columns[j].head != (int)heads++)
            r->failure = "a root table's columns are out of order (corrupt file)";
        else if (t->columns[j].role == RG_EVENT_HEAD && !same_name(t->columns[j].name, t->root, heads - 1))
            r->failure = "a root table's column is named unlike its synthesizer's (corrupt file)";
    for (size_t c = 0; c < spec->table_count; c++) {
        long rel = rg_dataset_spec_parent(spec, c);
        children += rel >= 0 && strcmp(spec->relationships[rel].parent, spec->tables[i].name) == 0;
    }
    while (riskgan_model_column_name(t->root, columns))
        columns++;
    size_t own = spec->tables[i].column_count;
    for (size_t j = own; j < t->column_count && !r->failure; j++)
        if (!t->columns[j].name || strncmp(t->columns[j].name, "__", 2) != 0)
            r->failure = "a root table's summary columns are misnamed (corrupt file)";
    if (!r->failure && (columns != heads || t->column_count < own + children))
        r->failure = "a root table's synthesizer does not match its columns (corrupt file)";
}

static riskgan_status read_root(const rg_dataset_spec *spec, size_t i, rg_table_model *t, rg_reader *r,
                                uint32_t model_version)
{
    t->rows = rg_read_u64(r);
    t->column_count = rg_read_count(r, 4096);
    if (!(t->columns = rg_calloc(t->column_count + 1, sizeof *t->columns)))
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < t->column_count && !r->failure; j++)
        rg_event_column_read(&t->columns[j], r, t->column_count);
    riskgan_status status = r->failure ? RISKGAN_OK : rg_model_read(r, model_version, &t->root);
    if (status == RISKGAN_OK && !r->failure && !t->root)
        r->failure = "a root table has no synthesizer (corrupt file)";
    if (status == RISKGAN_OK && !r->failure)
        check_root(spec, i, t, r);
    return status;
}

static riskgan_status read_tables(riskgan_relational_model *m, rg_reader *r, uint32_t version, uint32_t model_version)
{
    riskgan_status status = RISKGAN_OK;
    for (size_t i = 0; i < m->spec.table_count && status == RISKGAN_OK && !r->failure; i++) {
        uint32_t kind = rg_read_u32(r);
        int root = rg_dataset_spec_parent(&m->spec, i) < 0;
        if (!r->failure && kind != (root ? ROOT_TABLE : CHILD_TABLE))
            r->failure = "a table's model does not match the metadata (corrupt file)";
        else if (!r->failure)
            status = root ? read_root(&m->spec, i, &m->tables[i], r, model_version)
                          : rg_event_model_read(&m->tables[i].events, r, version);
        if (status == RISKGAN_OK && !r->failure && !root &&
            rg_event_input_width(&m->tables[i].events) != m->tables[i].events.input_width)
            r->failure = "an event model's input width does not match its heads (corrupt file)";
    }
    return status;
}

/* The columns a table's model makes: a root's beside its synthesizer, a child's event model's. */
static const rg_event_column *model_columns(const rg_table_model *t, int root, size_t *count)
{
    *count = root ? t->column_count : t->events.column_count;
    return root ? t->columns : t->events.columns;
}

/* Does table p's model generate a column `name` its children may see (not a key), of the kind
 * (category or number) an encoder expects? A root's columns are typed by its synthesizer. */
static int generates(const rg_table_model *t, int root, const char *name, int categorical)
{
    size_t count;
    const rg_event_column *columns = model_columns(t, root, &count);
    for (size_t j = 0; j < count; j++) {
        rg_event_role role = columns[j].role;
        int seen = role == RG_EVENT_HEAD || (!root && (role == RG_EVENT_INDEX || role == RG_EVENT_BALANCE));
        if (!seen || !columns[j].name || strcmp(columns[j].name, name) != 0)
            continue;
        riskgan_column_type type = root ? t->root->transformer->column[columns[j].head].type : columns[j].type;
        return (type == RISKGAN_COLUMN_CATEGORICAL) == (categorical != 0);
    }
    return 0;
}

/* Every column an encoder of child table i reads is one its parent's model generates. */
static int parent_has(const riskgan_relational_model *m, size_t i, const rg_feature_encoder *e)
{
    const rg_relationship *rel = &m->spec.relationships[rg_dataset_spec_parent(&m->spec, i)];
    long p = rg_dataset_spec_table(&m->spec, rel->parent);
    for (size_t k = 0; p >= 0 && k < e->columns; k++)
        if (!e->column[k].name || !generates(&m->tables[p], rg_dataset_spec_parent(&m->spec, (size_t)p) < 0,
                                             e->column[k].name, e->column[k].categorical))
            return 0;
    return p >= 0;
}

/* Each child's event model reads only columns its parent's model generates. */
static void check_parents(const riskgan_relational_model *m, rg_reader *r)
{
    for (size_t i = 0; i < m->spec.table_count && !r->failure; i++) {
        const rg_event_model *e = &m->tables[i].events;
        if (rg_dataset_spec_parent(&m->spec, i) < 0)
            continue;
        if (!parent_has(m, i, &e->parent_features) || !parent_has(m, i, &e->length.features) ||
            !parent_has(m, i, &e->level.features) || !parent_has(m, i, &e->low.features) ||
            !parent_has(m, i, &e->high.features))
            r->failure = "an event model reads a column its parent's model does not make, or not of that kind "
                         "(corrupt file)";
    }
}

/* Does table i's model make a column `name` in the role `role`? */
static int makes_key(const riskgan_relational_model *m, size_t i, const char *name, rg_event_role role)
{
    size_t count;
    const rg_event_column *columns = model_columns(&m->tables[i], rg_dataset_spec_parent(&m->spec, i) < 0, &count);
    for (size_t j = 0; name && j < count; j++)
        if (columns[j].name && strcmp(columns[j].name, name) == 0)
            return columns[j].role == role;
    return !name;
}

/* Each table's model makes the keys its metadata names, fresh (a root's primary key is one of its
 * identifiers) or from the parent: sampling links rows by them. */
static void check_keys(const riskgan_relational_model *m, rg_reader *r)
{
    for (size_t i = 0; i < m->spec.table_count && !r->failure; i++) {
        const char *primary = m->spec.tables[i].primary_key;
        long rel = rg_dataset_spec_parent(&m->spec, i);
        const char *foreign = rel >= 0 ? m->spec.relationships[rel].child_key : NULL;
        int own_key = foreign && primary && strcmp(foreign, primary) == 0;
        if (!makes_key(m, i, primary, rel < 0 ? RG_EVENT_FRESH_ID : RG_EVENT_KEY) ||
            !makes_key(m, i, foreign, own_key ? RG_EVENT_KEY : RG_EVENT_PARENT_KEY))
            r->failure = "a table's model does not make the keys its metadata names (corrupt file)";
    }
}

static riskgan_status read_payload(rg_reader *r, uint32_t version, void *object)
{
    riskgan_relational_model *m = object;
    char *json = rg_read_string(r);
    uint32_t model_version = rg_read_u32(r);
    size_t tables = rg_read_count(r, 4096);
    riskgan_status status = RISKGAN_OK;
    if (!r->failure && (model_version < 2 || model_version > rg_model_format_version()))
        r->failure = "the root tables' models are of an unknown format version";
    if (!r->failure && (status = rg_dataset_spec_parse(json, "the model's metadata", ".", &m->spec)) != RISKGAN_OK)
        r->failure = "its metadata is not valid (corrupt file)", status = RISKGAN_OK;
    free(json);
    if (!r->failure && tables != m->spec.table_count)
        r->failure = "the number of tables does not match the metadata (corrupt file)";
    if (!r->failure && !(m->tables = rg_calloc(tables + 1, sizeof *m->tables)))
        return RISKGAN_ERR_NO_MEMORY;
    if (!r->failure)
        status = read_tables(m, r, version, model_version);
    if (status == RISKGAN_OK && !r->failure)
        check_keys(m, r);
    if (status == RISKGAN_OK && !r->failure)
        check_parents(m, r);
    if (status == RISKGAN_OK && !r->failure && r->position != r->length)
        r->failure = "unexpected bytes after the last table (corrupt file)";
    return status;
}

static void free_model(void *object)
{
    rg_relational_model_release(object);
}

static const rg_framed_kind relational_kind = {"riskgan model of linked tables", magic, OLDEST_VERSION,
                                               FORMAT_VERSION, sizeof(riskgan_relational_model), read_payload,
                                               free_model};

riskgan_status riskgan_relational_model_load_memory(const void *data, size_t length, riskgan_relational_model **out)
{
    return rg_framed_load(&relational_kind, data, length, "model", (void **)out);
}

riskgan_status riskgan_relational_model_load(const char *path, riskgan_relational_model **out)
{
    return rg_framed_load_file(&relational_kind, path, (void **)out);
}

void riskgan_relational_model_free(riskgan_relational_model *m)
{
    rg_relational_model_release(m);
}

int riskgan_relational_model_file(const char *path)
{
    unsigned char head[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    return got == sizeof head && memcmp(head, magic, sizeof magic) == 0;
}
