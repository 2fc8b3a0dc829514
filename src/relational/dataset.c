/* dataset.c — reading linked tables as their metadata says, checking their keys, linking
 * child rows to parent rows, and writing a dataset back as CSV files and metadata. */
#include "dataset.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/framed_file.h"
#include "../core/memory.h"
#include "../data/location.h"
#include "../data/number_text.h"
#include "../data/string_dictionary.h"
#include "../data/table.h"
#include "../data/table_builder.h"
#include "../data/table_source.h"

const char *rg_dataset_key_text(const riskgan_table *table, size_t column, size_t row, char *buffer, size_t size)
{
    const rg_column *c = &table->column[column];
    if (!rg_column_is_numeric(c))
        return c->codes[row] < 0 ? NULL : rg_dictionary_string(&c->categories, c->codes[row]);
    if (isnan(c->numbers[row]))
        return NULL;
    rg_format_number(buffer, size, c->numbers[row], -1);
    return buffer;
}

long rg_dataset_column(const riskgan_dataset *d, size_t table, const char *column)
{
    return column ? riskgan_table_find_column(d->tables[table], column) : -1;
}

/* Appends "name" or "name:format" to a comma list. */
static void add_name(char *list, size_t size, const char *name, const char *format)
{
    size_t used = strlen(list);
    snprintf(list + used, size - used, "%s%s%s%s", used ? "," : "", name, format ? ":" : "", format ? format : "");
}

riskgan_status rg_table_spec_read_options(const rg_table_spec *t, riskgan_read_options *o, char *buffers[3])
{
    riskgan_read_options_init(o);
    size_t size = 64;
    for (size_t j = 0; j < t->column_count; j++)
        size += strlen(t->columns[j].name) + 40;
    for (int b = 0; b < 3; b++)
        if (!(buffers[b] = rg_calloc(size, 1)))
            return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < t->column_count; j++) {
        const rg_column_spec *c = &t->columns[j];
        if (c->sdtype == RG_SDTYPE_ID)
            add_name(buffers[0], size, c->name, NULL);
        else if (c->sdtype == RG_SDTYPE_DATETIME)
            add_name(buffers[1], size, c->name, c->datetime_format);
        else if (c->sdtype == RG_SDTYPE_CATEGORICAL || c->sdtype == RG_SDTYPE_BOOLEAN)
            add_name(buffers[2], size, c->name, NULL);
    }
    o->identifier_columns = buffers[0][0] ? buffers[0] : NULL;
    o->datetime_columns = buffers[1][0] ? buffers[1] : NULL;
    o->discrete_columns = buffers[2][0] ? buffers[2] : NULL;
    o->detect_roles = 0; /* the metadata says what each column is */
    return RISKGAN_OK;
}

riskgan_status rg_table_spec_check_columns(const rg_table_spec *t, const riskgan_table *table, const char *path)
{
    for (size_t j = 0; j < t->column_count; j++) {
        long k = riskgan_table_find_column(table, t->columns[j].name);
        if (k < 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "table '%s': %s has no column '%s' (the metadata names it)", t->name,
                           path, t->columns[j].name);
        if (t->columns[j].sdtype == RG_SDTYPE_NUMERICAL && !rg_column_is_numeric(&table->column[k]))
            return rg_fail(RISKGAN_ERR_SCHEMA, "table '%s', column '%s': declared numerical, but %s holds text in it",
                           t->name, t->columns[j].name, path);
    }
    for (size_t k = 0; k < table->columns; k++)
        if (rg_table_spec_column(t, table->column[k].name) < 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "table '%s': column '%s' of %s is not in the metadata (add it, with its "
                           "sdtype)", t->name, table->column[k].name, path);
    return RISKGAN_OK;
}

static riskgan_status read_table(const rg_dataset_spec *spec, size_t i, riskgan_table **table, size_t **positions)
{
    const rg_table_spec *t = &spec->tables[i];
    size_t length = strlen(spec->directory) + strlen(t->path) + 2;
    char *path = rg_calloc(length, 1), *buffers[3] = {NULL, NULL, NULL};
    if (!path)
        return RISKGAN_ERR_NO_MEMORY;
    int as_written = t->path[0] == '/' || rg_location_is_database(t->path); /* databases: as the user wrote them */
    snprintf(path, length, "%s%s%s", as_written ? "" : spec->directory, as_written ? "" : "/", t->path);
    riskgan_read_options options;
    riskgan_status status = rg_table_spec_read_options(t, &options, buffers);
    rg_row_source source;
    if (status == RISKGAN_OK && (status = rg_table_source_open(path, &options, &source)) == RISKGAN_OK) {
        rg_row_filter filter = {.first = 0, .end = SIZE_MAX, .record_positions = 1};
        status = rg_table_build(&source, &options, NULL, &filter, table);
        source.release(&source);
        *positions = filter.positions;
    }
    if (status == RISKGAN_OK)
        status = rg_table_spec_check_columns(t, *table, path);
    if (status != RISKGAN_OK)
        rg_fail_context(status, "table '%s'", t->name);
    free(path);
    for (int b = 0; b < 3; b++)
        free(buffers[b]);
    return status;
}

/* Where a row stands, for messages: "line 7" of its file, or "row 7" of generated data. */
static void row_place(const riskgan_dataset *d, size_t table, size_t row, char *out, size_t size)
{
    if (d->positions && d->positions[table])
        snprintf(out, size, "%s: %s %zu", d->spec.tables[table].path,
                 rg_location_is_database(d->spec.tables[table].path) ? "row" : "line", d->positions[table][row]);
    else
        snprintf(out, size, "row %zu", row + 1);
}

/* The error for row r's primary key `key`, which an earlier row has too (named with it). */
static riskgan_status duplicate_key(const riskgan_dataset *d, size_t t, size_t column, size_t r, const char *key)
{
    char *duplicate = rg_strdup(key); /* its own copy: the scan below reuses a key's buffer */
    if (!duplicate)
        return RISKGAN_ERR_NO_MEMORY;
    char buffer[64], place[512], first_place[512];
    size_t first = 0;
    while (first < r && strcmp(rg_dataset_key_text(d->tables[t], column, first, buffer, sizeof buffer), duplicate))
        first++;
    row_place(d, t, r, place, sizeof place);
    row_place(d, t, first, first_place, sizeof first_place);
    riskgan_status status =
        rg_fail(RISKGAN_ERR_SCHEMA, "table '%s', %s, column '%s': duplicate primary key %s (also at %s)",
                d->spec.tables[t].name, place, d->spec.tables[t].primary_key, duplicate, first_place);
    free(duplicate);
    return status;
}

/* The primary key's values, each once (a duplicate is an error naming both lines). */
static riskgan_status index_keys(const riskgan_dataset *d, size_t t, rg_dictionary *keys)
{
    const rg_table_spec *spec = &d->spec.tables[t];
    long column = rg_dataset_column(d, t, spec->primary_key);
    const riskgan_table *table = d->tables[t];
    char buffer[64], place[512];
    for (size_t r = 0; r < table->rows; r++) {
        const char *key = rg_dataset_key_text(table, (size_t)column, r, buffer, sizeof buffer);
        if (!key) {
            row_place(d, t, r, place, sizeof place);
            return rg_fail(RISKGAN_ERR_SCHEMA, "table '%s', %s, column '%s': the primary key is missing", spec->name,
                           place, spec->primary_key);
        }
        size_t before = keys->count;
        int32_t code = rg_dictionary_intern(keys, key, strlen(key));
        if (code < 0)
            return RISKGAN_ERR_NO_MEMORY;
        if (keys->count == before)
            return duplicate_key(d, t, (size_t)column, r, key);
    }
    return RISKGAN_OK;
}

/* Each child row's parent row; a foreign key that names no parent row is an error. */
static riskgan_status link_parents(riskgan_dataset *d, size_t child, const rg_relationship *r, size_t parent,
                                   const rg_dictionary *keys)
{
    const riskgan_table *table = d->tables[child];
    long column = rg_dataset_column(d, child, r->child_key);
    if (!(d->parent_row[child] = rg_calloc(table->rows + 1, sizeof(long))))
        return RISKGAN_ERR_NO_MEMORY;
    char buffer[64], place[512];
    for (size_t row = 0; row < table->rows; row++) {
        const char *key = rg_dataset_key_text(table, (size_t)column, row, buffer, sizeof buffer);
        int32_t code = key ? rg_dictionary_find(keys, key, strlen(key)) : -1;
        if (code < 0) {
            row_place(d, child, row, place, sizeof place);
            return rg_fail(RISKGAN_ERR_SCHEMA, "table '%s', %s, column '%s': %s%s%s names no row of '%s'", r->child,
                           place, r->child_key, key ? "'" : "", key ? key : "a missing key", key ? "'" : "",
                           d->spec.tables[parent].name);
        }
        d->parent_row[child][row] = code; /* keys are interned in row order: the code is the row */
    }
    return RISKGAN_OK;
}

static riskgan_status check_keys(riskgan_dataset *d)
{
    riskgan_status status = RISKGAN_OK;
    rg_dictionary *keys = rg_calloc(d->spec.table_count, sizeof *keys);
    if (!keys)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t t = 0; t < d->spec.table_count; t++) {
        rg_dictionary_init(&keys[t]);
        if (status == RISKGAN_OK && d->spec.tables[t].primary_key)
            status = index_keys(d, t, &keys[t]);
    }
    for (size_t k = 0; status == RISKGAN_OK && k < d->spec.relationship_count; k++) {
        const rg_relationship *r = &d->spec.relationships[k];
        size_t child = (size_t)rg_dataset_spec_table(&d->spec, r->child);
        size_t parent = (size_t)rg_dataset_spec_table(&d->spec, r->parent);
        status = link_parents(d, child, r, parent, &keys[parent]);
    }
    for (size_t t = 0; t < d->spec.table_count; t++)
        rg_dictionary_free(&keys[t]);
    free(keys);
    return status;
}

static riskgan_status allocate(riskgan_dataset *d)
{
    size_t n = d->spec.table_count;
    d->tables = rg_calloc(n, sizeof *d->tables);
    d->positions = rg_calloc(n, sizeof *d->positions);
    d->parent_row = rg_calloc(n, sizeof *d->parent_row);
    return d->tables && d->positions && d->parent_row ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
}

/* The directory part of a path ("." when none). */
static char *directory_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? rg_strndup(path, (size_t)(slash - path) ? (size_t)(slash - path) : 1) : rg_strdup(".");
}

riskgan_status riskgan_dataset_read(const char *metadata_path, riskgan_dataset **out)
{
    *out = NULL;
    unsigned char *json = NULL;
    size_t length = 0;
    riskgan_status status = rg_read_whole_file(metadata_path, &json, &length);
    char *text = status == RISKGAN_OK ? rg_strndup((const char *)json, length) : NULL;
    char *directory = directory_of(metadata_path);
    riskgan_dataset *d = rg_calloc(1, sizeof *d);
    if (status == RISKGAN_OK && (!text || !directory || !d))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_dataset_spec_parse(text, metadata_path, directory, &d->spec);
    free(json), free(text), free(directory);
    if (status == RISKGAN_OK)
        status = allocate(d);
    for (size_t t = 0; status == RISKGAN_OK && t < d->spec.table_count; t++)
        status = read_table(&d->spec, t, &d->tables[t], &d->positions[t]);
    if (status == RISKGAN_OK)
        status = check_keys(d);
    if (status != RISKGAN_OK) {
        riskgan_dataset_free(d);
        return status;
    }
    *out = d;
    return RISKGAN_OK;
}

riskgan_status rg_dataset_assemble(const rg_dataset_spec *spec, riskgan_table **tables, riskgan_dataset **out)
{
    *out = NULL;
    riskgan_dataset *d = rg_calloc(1, sizeof *d);
    char *json = rg_dataset_spec_to_json(spec);
    riskgan_status status = d && json ? rg_dataset_spec_parse(json, "metadata", spec->directory, &d->spec)
                                      : RISKGAN_ERR_NO_MEMORY;
    free(json);
    if (status == RISKGAN_OK)
        status = allocate(d);
    for (size_t t = 0; status == RISKGAN_OK && t < spec->table_count; t++)
        d->tables[t] = tables[t];
    if (status == RISKGAN_OK)
        status = check_keys(d);
    if (status != RISKGAN_OK) {
        if (d && !d->tables)
            for (size_t t = 0; t < spec->table_count; t++)
                riskgan_table_free(tables[t]);
        riskgan_dataset_free(d);
        return status;
    }
    *out = d;
    return RISKGAN_OK;
}

void riskgan_dataset_free(riskgan_dataset *d)
{
    if (!d)
        return;
    for (size_t t = 0; t < d->spec.table_count; t++) {
        if (d->tables)
            riskgan_table_free(d->tables[t]);
        if (d->positions)
            free(d->positions[t]);
        if (d->parent_row)
            free(d->parent_row[t]);
    }
    free(d->tables), free(d->positions), free(d->parent_row);
    rg_dataset_spec_free(&d->spec);
    free(d);
}

size_t riskgan_dataset_table_count(const riskgan_dataset *d)
{
    return d->spec.table_count;
}

const char *riskgan_dataset_table_name(const riskgan_dataset *d, size_t table)
{
    return table < d->spec.table_count ? d->spec.tables[table].name : NULL;
}

const riskgan_table *riskgan_dataset_table(const riskgan_dataset *d, size_t table)
{
    return table < d->spec.table_count ? d->tables[table] : NULL;
}

long riskgan_dataset_find_table(const riskgan_dataset *d, const char *name)
{
    return rg_dataset_spec_table(&d->spec, name);
}

/* The metadata of tables written as NAME.csv beside it. */
static char *metadata_beside_tables(const rg_dataset_spec *spec)
{
    char *text = rg_dataset_spec_to_json(spec);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    if (!root)
        return NULL;
    cJSON *table;
    cJSON_ArrayForEach(table, cJSON_GetObjectItemCaseSensitive(root, "tables"))
    {
        char path[512];
        snprintf(path, sizeof path, "%s.csv", table->string);
        cJSON_ReplaceItemInObjectCaseSensitive(table, "path", cJSON_CreateString(path));
    }
    text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

riskgan_status riskgan_dataset_write(const riskgan_dataset *d, const char *directory)
{
    if (mkdir(directory, 0777) != 0 && errno != EEXIST)
        return rg_fail(RISKGAN_ERR_IO, "cannot create the folder %s: %s", directory, strerror(errno));
    riskgan_status status = RISKGAN_OK;
    for (size_t t = 0; status == RISKGAN_OK && t < d->spec.table_count; t++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", directory, d->spec.tables[t].name);
        status = riskgan_table_write_csv(d->tables[t], path);
    }
    char *json = status == RISKGAN_OK ? metadata_beside_tables(&d->spec) : NULL;
    if (status == RISKGAN_OK && !json)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        char path[4096];
        snprintf(path, sizeof path, "%s/metadata.json", directory);
        size_t length = strlen(json);
        json[length] = '\n';
        status = riskgan_write_file(path, json, length + 1);
    }
    free(json);
    return status;
}
