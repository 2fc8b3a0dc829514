/* metadata.c — reading, checking and writing the metadata of linked tables. */
#include "metadata.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/datetime.h"

/* Fails naming the first key of `object` not in `known` (a comma list, for the message). */
static riskgan_status check_keys(const cJSON *object, const char *const *known, const char *where, const char *name)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, object)
    {
        int found = 0;
        for (const char *const *k = known; *k && !found; k++)
            found = strcmp(item->string, *k) == 0;
        if (!found) {
            char list[512] = "";
            for (const char *const *k = known; *k; k++)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k == known ? "" : ", ", *k);
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s: unknown key \"%s\" (known: %s)", name, where,
                           item->string, list);
        }
    }
    return RISKGAN_OK;
}

/* A string member (NULL when absent); a member of another type is an error. */
static riskgan_status string_member(const cJSON *object, const char *key, const char *where, const char *name,
                                    char **out)
{
    *out = NULL;
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    if (!item)
        return RISKGAN_OK;
    if (!cJSON_IsString(item) || !item->valuestring[0])
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s: \"%s\" must be a non-empty string", name, where, key);
    return (*out = rg_strdup(item->valuestring)) ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
}

/* "%Y-%m-%d %H:%M:%S" (SDV's form) or "yyyy-mm-dd hh:mm:ss" (riskgan's) -> riskgan's name. */
static int datetime_name(const char *text, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = text; *p && n + 5 < size; p++) {
        const char *piece = NULL;
        if (*p == '%' && p[1]) {
            char c = *++p;
            piece = c == 'Y' ? "yyyy" : c == 'y' ? "yy" : c == 'm' ? "mm" : c == 'd' ? "dd" : c == 'H' ? "hh"
                  : c == 'M' ? "mm" : c == 'S' ? "ss" : NULL;
            if (!piece)
                return 0;
        }
        if (piece) {
            memcpy(out + n, piece, strlen(piece));
            n += strlen(piece);
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    rg_datetime_format format;
    return rg_datetime_format_from_name(out, &format);
}

static riskgan_status parse_sdtype(const char *text, rg_sdtype *out)
{
    static const char *const names[] = {"numerical", "categorical", "datetime", "boolean", "id"};
    for (int i = 0; i < 5; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = (rg_sdtype)i;
            return RISKGAN_OK;
        }
    return RISKGAN_ERR_INVALID_ARGUMENT;
}

static const char *const column_keys[] = {"sdtype", "datetime_format", "computer_representation", "pii",
                                          "regex_format", "min", "max", "decimals", "values", "id_start", NULL};
static const char *const fact_keys[] = {"min", "max", "decimals", "values", "id_start", NULL};

static riskgan_status parse_column(const cJSON *object, const char *table, const char *name, rg_column_spec *c)
{
    char where[256];
    snprintf(where, sizeof where, "table '%s', column '%s'", table, object->string);
    if (!cJSON_IsObject(object))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s must be an object", name, where);
    riskgan_status status = check_keys(object, column_keys, where, name);
    if (status == RISKGAN_OK && !(c->name = rg_strdup(object->string)))
        status = RISKGAN_ERR_NO_MEMORY;
    const cJSON *sdtype = cJSON_GetObjectItemCaseSensitive(object, "sdtype");
    if (status == RISKGAN_OK && (!cJSON_IsString(sdtype) || parse_sdtype(sdtype->valuestring, &c->sdtype) != RISKGAN_OK))
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s: \"sdtype\" must be numerical, categorical, datetime, "
                         "boolean or id", name, where);
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(object, "datetime_format");
    if (status == RISKGAN_OK && format && c->sdtype != RG_SDTYPE_DATETIME)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s: \"datetime_format\" needs \"sdtype\": \"datetime\"", name,
                         where);
    char converted[64];
    if (status == RISKGAN_OK && format &&
        (!cJSON_IsString(format) || !datetime_name(format->valuestring, converted, sizeof converted)))
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s: unknown datetime_format '%s' (e.g. \"%%Y-%%m-%%d\", "
                         "\"%%y%%m%%d\", \"%%d/%%m/%%Y %%H:%%M:%%S\")", name, where,
                         cJSON_IsString(format) ? format->valuestring : "?");
    if (status == RISKGAN_OK && format && !(c->datetime_format = rg_strdup(converted)))
        status = RISKGAN_ERR_NO_MEMORY;
    return status;
}

/* The column facts a private fit reads ({"columns": {name: {min, max, ...}}}), or NULL. */
static riskgan_status collect_facts(const cJSON *columns, char **out)
{
    *out = NULL;
    cJSON *root = cJSON_CreateObject(), *facts = cJSON_AddObjectToObject(root, "columns");
    int any = 0;
    const cJSON *column;
    cJSON_ArrayForEach(column, columns)
    {
        cJSON *kept = NULL;
        for (const char *const *k = fact_keys; *k; k++) {
            const cJSON *value = cJSON_GetObjectItemCaseSensitive(column, *k);
            if (!value)
                continue;
            if (!kept)
                kept = cJSON_AddObjectToObject(facts, column->string);
            cJSON_AddItemToObject(kept, *k, cJSON_Duplicate(value, 1));
            any = 1;
        }
        if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(column, "sdtype")) &&
            strcmp(cJSON_GetObjectItemCaseSensitive(column, "sdtype")->valuestring, "id") == 0 &&
            cJSON_GetObjectItemCaseSensitive(column, "id_start"))
            cJSON_AddStringToObject(cJSON_GetObjectItemCaseSensitive(facts, column->string), "role", "identifier");
    }
    if (any)
        *out = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return any && !*out ? RISKGAN_ERR_NO_MEMORY : RISKGAN_OK;
}

static riskgan_status parse_rule(const cJSON *object, const char *where, const char *name, rg_rule_spec *r)
{
    static const char *const keys[] = {"type", "balance", "amount", "sign", "credit", NULL};
    riskgan_status status = cJSON_IsObject(object) ? check_keys(object, keys, where, name)
                                                   : rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s must be an "
                                                             "object", name, where);
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(object, "type");
    if (status == RISKGAN_OK && !(cJSON_IsString(type) && strcmp(type->valuestring, "running_balance") == 0))
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s: \"type\" must be \"running_balance\"", name, where);
    r->kind = RG_RULE_RUNNING_BALANCE;
    if (status == RISKGAN_OK)
        status = string_member(object, "balance", where, name, &r->balance);
    if (status == RISKGAN_OK)
        status = string_member(object, "amount", where, name, &r->amount);
    if (status == RISKGAN_OK)
        status = string_member(object, "sign", where, name, &r->sign);
    const cJSON *credits = cJSON_GetObjectItemCaseSensitive(object, "credit");
    if (status == RISKGAN_OK && (!r->balance || !r->amount || !r->sign || !cJSON_IsArray(credits)))
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s: a running_balance rule needs \"balance\", \"amount\", "
                         "\"sign\" and \"credit\" (the sign column's values that add the amount)", name, where);
    size_t n = status == RISKGAN_OK ? (size_t)cJSON_GetArraySize(credits) : 0;
    if (n && !(r->credits = rg_calloc(n, sizeof *r->credits)))
        status = RISKGAN_ERR_NO_MEMORY;
    const cJSON *item;
    cJSON_ArrayForEach(item, credits)
    {
        if (status != RISKGAN_OK)
            break;
        if (!cJSON_IsString(item))
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s: \"credit\" holds text values", name, where);
        else if (!(r->credits[r->credit_count++] = rg_strdup(item->valuestring)))
            status = RISKGAN_ERR_NO_MEMORY;
    }
    return status;
}

static riskgan_status parse_rules(const cJSON *rules, rg_table_spec *t, const char *name)
{
    if (!rules)
        return RISKGAN_OK;
    if (!cJSON_IsArray(rules))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: table '%s': \"rules\" must be an array", name, t->name);
    size_t n = (size_t)cJSON_GetArraySize(rules);
    if (n && !(t->rules = rg_calloc(n, sizeof *t->rules)))
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = RISKGAN_OK;
    const cJSON *rule;
    cJSON_ArrayForEach(rule, rules)
    {
        char where[256];
        snprintf(where, sizeof where, "table '%s', rule %zu", t->name, t->rule_count + 1);
        if ((status = parse_rule(rule, where, name, &t->rules[t->rule_count++])) != RISKGAN_OK)
            break;
    }
    return status;
}

static riskgan_status parse_columns(const cJSON *columns, rg_table_spec *t, const char *name)
{
    if (!cJSON_IsObject(columns) || cJSON_GetArraySize(columns) == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: table '%s' needs \"columns\": {\"name\": {\"sdtype\": ...}}",
                       name, t->name);
    size_t n = (size_t)cJSON_GetArraySize(columns);
    if (!(t->columns = rg_calloc(n, sizeof *t->columns)))
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = RISKGAN_OK;
    const cJSON *column;
    cJSON_ArrayForEach(column, columns)
    {
        if ((status = parse_column(column, t->name, name, &t->columns[t->column_count++])) != RISKGAN_OK)
            break;
    }
    return status == RISKGAN_OK ? collect_facts(columns, &t->facts) : status;
}

/* A key the table names must be one of its columns (of sdtype id for keys). */
static riskgan_status check_column_named(const rg_table_spec *t, const char *column, const char *what, int id,
                                         const char *name)
{
    if (!column)
        return RISKGAN_OK;
    long j = rg_table_spec_column(t, column);
    if (j < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: table '%s': the %s '%s' is not among its columns", name,
                       t->name, what, column);
    if (id && t->columns[j].sdtype != RG_SDTYPE_ID)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: table '%s': the %s '%s' must have \"sdtype\": \"id\"", name,
                       t->name, what, column);
    return RISKGAN_OK;
}

static riskgan_status parse_table(const cJSON *object, const char *name, rg_table_spec *t)
{
    static const char *const keys[] = {"path", "primary_key", "sequence_key", "sequence_index", "columns", "rules",
                                       NULL};
    char where[256];
    snprintf(where, sizeof where, "table '%s'", object->string);
    if (!cJSON_IsObject(object))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s must be an object", name, where);
    riskgan_status status = check_keys(object, keys, where, name);
    if (status == RISKGAN_OK && !(t->name = rg_strdup(object->string)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = string_member(object, "path", where, name, &t->path);
    if (status == RISKGAN_OK && !t->path)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s needs a \"path\" (its CSV file, relative to the "
                         "metadata file)", name, where);
    if (status == RISKGAN_OK)
        status = string_member(object, "primary_key", where, name, &t->primary_key);
    if (status == RISKGAN_OK)
        status = string_member(object, "sequence_key", where, name, &t->sequence_key);
    if (status == RISKGAN_OK)
        status = string_member(object, "sequence_index", where, name, &t->sequence_index);
    if (status == RISKGAN_OK)
        status = parse_columns(cJSON_GetObjectItemCaseSensitive(object, "columns"), t, name);
    if (status == RISKGAN_OK)
        status = parse_rules(cJSON_GetObjectItemCaseSensitive(object, "rules"), t, name);
    if (status == RISKGAN_OK)
        status = check_column_named(t, t->primary_key, "primary key", 1, name);
    if (status == RISKGAN_OK)
        status = check_column_named(t, t->sequence_key, "sequence key", 1, name);
    if (status == RISKGAN_OK)
        status = check_column_named(t, t->sequence_index, "sequence index", 0, name);
    return status;
}

static riskgan_status parse_relationship(const cJSON *object, const char *name, size_t index, rg_relationship *r)
{
    static const char *const keys[] = {"parent_table_name", "parent_primary_key", "child_table_name",
                                       "child_foreign_key", NULL};
    char where[64];
    snprintf(where, sizeof where, "relationship %zu", index + 1);
    riskgan_status status = cJSON_IsObject(object) ? check_keys(object, keys, where, name)
                                                   : rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s must be an "
                                                             "object", name, where);
    if (status == RISKGAN_OK)
        status = string_member(object, "parent_table_name", where, name, &r->parent);
    if (status == RISKGAN_OK)
        status = string_member(object, "parent_primary_key", where, name, &r->parent_key);
    if (status == RISKGAN_OK)
        status = string_member(object, "child_table_name", where, name, &r->child);
    if (status == RISKGAN_OK)
        status = string_member(object, "child_foreign_key", where, name, &r->child_key);
    if (status == RISKGAN_OK && (!r->parent || !r->parent_key || !r->child || !r->child_key))
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: %s needs all of %s, %s, %s and %s", name, where, keys[0],
                         keys[1], keys[2], keys[3]);
    return status;
}

/* A relationship names tables and keys that exist; the parent key is its primary key. */
static riskgan_status check_relationship(const rg_dataset_spec *spec, const rg_relationship *r, const char *name)
{
    long p = rg_dataset_spec_table(spec, r->parent), c = rg_dataset_spec_table(spec, r->child);
    if (p < 0 || c < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: a relationship names table '%s', which is not in \"tables\"",
                       name, p < 0 ? r->parent : r->child);
    const rg_table_spec *parent = &spec->tables[p], *child = &spec->tables[c];
    if (!parent->primary_key || strcmp(parent->primary_key, r->parent_key) != 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: relationship %s -> %s: '%s' is not the primary key of '%s'",
                       name, r->parent, r->child, r->parent_key, r->parent);
    riskgan_status status = check_column_named(child, r->child_key, "foreign key", 1, name);
    if (status == RISKGAN_OK && child->sequence_key && strcmp(child->sequence_key, r->child_key) != 0)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: table '%s': the sequence key '%s' must be the foreign key "
                         "of its relationship ('%s')", name, r->child, child->sequence_key, r->child_key);
    return status;
}

/* Trees only: no table with two parents, no circle. */
static riskgan_status check_tree(const rg_dataset_spec *spec, const char *name)
{
    for (size_t c = 0; c < spec->table_count; c++) {
        long first = -1;
        for (size_t k = 0; k < spec->relationship_count; k++) {
            if (strcmp(spec->relationships[k].child, spec->tables[c].name) != 0)
                continue;
            if (first >= 0)
                return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: table '%s' has two parents ('%s' and '%s'): riskgan "
                               "synthesizes trees of tables, each with at most one parent; keep one relationship (the "
                               "other key then gets fresh identifiers, docs/relational.md)", name, spec->tables[c].name,
                               spec->relationships[first].parent, spec->relationships[k].parent);
            first = (long)k;
        }
    }
    for (size_t c = 0; c < spec->table_count; c++) {
        size_t at = c, steps = 0;
        long k;
        while ((k = rg_dataset_spec_parent(spec, at)) >= 0 && steps++ <= spec->table_count)
            at = (size_t)rg_dataset_spec_table(spec, spec->relationships[k].parent);
        if (steps > spec->table_count)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: the relationships form a circle through table '%s'", name,
                           spec->tables[c].name);
    }
    return RISKGAN_OK;
}

static riskgan_status parse_tables(const cJSON *tables, const char *name, rg_dataset_spec *spec)
{
    if (!cJSON_IsObject(tables) || cJSON_GetArraySize(tables) == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: expected \"tables\": {\"name\": {...}, ...}", name);
    size_t n = (size_t)cJSON_GetArraySize(tables);
    if (!(spec->tables = rg_calloc(n, sizeof *spec->tables)))
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = RISKGAN_OK;
    const cJSON *table;
    cJSON_ArrayForEach(table, tables)
    {
        if ((status = parse_table(table, name, &spec->tables[spec->table_count++])) != RISKGAN_OK)
            break;
    }
    return status;
}

static riskgan_status parse_relationships(const cJSON *list, const char *name, rg_dataset_spec *spec)
{
    if (!list)
        return RISKGAN_OK;
    if (!cJSON_IsArray(list))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: \"relationships\" must be an array", name);
    size_t n = (size_t)cJSON_GetArraySize(list);
    if (n && !(spec->relationships = rg_calloc(n, sizeof *spec->relationships)))
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = RISKGAN_OK;
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        rg_relationship *r = &spec->relationships[spec->relationship_count];
        if ((status = parse_relationship(item, name, spec->relationship_count++, r)) != RISKGAN_OK ||
            (status = check_relationship(spec, r, name)) != RISKGAN_OK)
            break;
    }
    return status == RISKGAN_OK ? check_tree(spec, name) : status;
}

static riskgan_status check_version(const cJSON *root, const char *name)
{
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "riskgan_metadata_version");
    if (version && (!cJSON_IsNumber(version) || version->valuedouble < 1))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: \"riskgan_metadata_version\" must be a version number", name);
    if (version && version->valuedouble > RG_METADATA_VERSION)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: metadata version %g is newer than this riskgan reads (%d): "
                       "upgrade riskgan", name, version->valuedouble, RG_METADATA_VERSION);
    return RISKGAN_OK;
}

riskgan_status rg_dataset_spec_parse(const char *json, const char *name, const char *directory, rg_dataset_spec *out)
{
    memset(out, 0, sizeof *out);
    static const char *const keys[] = {"riskgan_metadata_version", "METADATA_SPEC_VERSION", "tables",
                                       "relationships", NULL};
    cJSON *root = cJSON_Parse(json);
    if (!root || !cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: not a JSON object (near \"%.20s\")", name,
                       cJSON_GetErrorPtr() ? cJSON_GetErrorPtr() : "");
    }
    riskgan_status status = check_keys(root, keys, "the top level", name);
    if (status == RISKGAN_OK)
        status = check_version(root, name);
    if (status == RISKGAN_OK && !(out->directory = rg_strdup(directory ? directory : ".")))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = parse_tables(cJSON_GetObjectItemCaseSensitive(root, "tables"), name, out);
    if (status == RISKGAN_OK)
        status = parse_relationships(cJSON_GetObjectItemCaseSensitive(root, "relationships"), name, out);
    cJSON_Delete(root);
    if (status != RISKGAN_OK)
        rg_dataset_spec_free(out);
    return status;
}

static void free_table(rg_table_spec *t)
{
    for (size_t j = 0; j < t->column_count; j++)
        free(t->columns[j].name), free(t->columns[j].datetime_format);
    for (size_t k = 0; k < t->rule_count; k++) {
        rg_rule_spec *r = &t->rules[k];
        for (size_t i = 0; i < r->credit_count; i++)
            free(r->credits[i]);
        free(r->credits), free(r->balance), free(r->amount), free(r->sign);
    }
    free(t->columns), free(t->rules), free(t->name), free(t->path), free(t->primary_key);
    free(t->sequence_key), free(t->sequence_index), free(t->facts);
}

void rg_dataset_spec_free(rg_dataset_spec *spec)
{
    for (size_t i = 0; spec->tables && i < spec->table_count; i++)
        free_table(&spec->tables[i]);
    for (size_t k = 0; spec->relationships && k < spec->relationship_count; k++) {
        rg_relationship *r = &spec->relationships[k];
        free(r->parent), free(r->parent_key), free(r->child), free(r->child_key);
    }
    free(spec->tables), free(spec->relationships), free(spec->directory);
    memset(spec, 0, sizeof *spec);
}

long rg_dataset_spec_table(const rg_dataset_spec *spec, const char *name)
{
    for (size_t i = 0; i < spec->table_count; i++)
        if (spec->tables[i].name && strcmp(spec->tables[i].name, name) == 0)
            return (long)i;
    return -1;
}

long rg_table_spec_column(const rg_table_spec *table, const char *name)
{
    for (size_t j = 0; j < table->column_count; j++)
        if (strcmp(table->columns[j].name, name) == 0)
            return (long)j;
    return -1;
}

long rg_dataset_spec_parent(const rg_dataset_spec *spec, size_t child)
{
    for (size_t k = 0; k < spec->relationship_count; k++)
        if (strcmp(spec->relationships[k].child, spec->tables[child].name) == 0)
            return (long)k;
    return -1;
}

void rg_dataset_spec_order(const rg_dataset_spec *spec, size_t *order)
{
    size_t n = 0;
    unsigned char *placed = rg_calloc(spec->table_count + 1, 1);
    while (placed && n < spec->table_count)
        for (size_t t = 0; t < spec->table_count; t++) {
            long k = rg_dataset_spec_parent(spec, t);
            long p = k >= 0 ? rg_dataset_spec_table(spec, spec->relationships[k].parent) : -1;
            if (!placed[t] && (p < 0 || placed[p])) {
                placed[t] = 1;
                order[n++] = t;
            }
        }
    free(placed);
}

static void write_table(cJSON *tables, const rg_table_spec *t)
{
    static const char *const sdtypes[] = {"numerical", "categorical", "datetime", "boolean", "id"};
    cJSON *table = cJSON_AddObjectToObject(tables, t->name);
    cJSON_AddStringToObject(table, "path", t->path);
    if (t->primary_key)
        cJSON_AddStringToObject(table, "primary_key", t->primary_key);
    if (t->sequence_key)
        cJSON_AddStringToObject(table, "sequence_key", t->sequence_key);
    if (t->sequence_index)
        cJSON_AddStringToObject(table, "sequence_index", t->sequence_index);
    cJSON *columns = cJSON_AddObjectToObject(table, "columns");
    cJSON *facts = t->facts ? cJSON_Parse(t->facts) : NULL;
    for (size_t j = 0; j < t->column_count; j++) {
        cJSON *column = cJSON_AddObjectToObject(columns, t->columns[j].name);
        cJSON_AddStringToObject(column, "sdtype", sdtypes[t->columns[j].sdtype]);
        if (t->columns[j].datetime_format)
            cJSON_AddStringToObject(column, "datetime_format", t->columns[j].datetime_format);
        const cJSON *declared = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(facts, "columns"),
                                                                 t->columns[j].name);
        for (const char *const *k = fact_keys; declared && *k; k++)
            if (cJSON_GetObjectItemCaseSensitive(declared, *k))
                cJSON_AddItemToObject(column, *k, cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(declared, *k), 1));
    }
    cJSON_Delete(facts);
    if (!t->rule_count)
        return;
    cJSON *rules = cJSON_AddArrayToObject(table, "rules");
    for (size_t k = 0; k < t->rule_count; k++) {
        const rg_rule_spec *r = &t->rules[k];
        cJSON *rule = cJSON_CreateObject();
        cJSON_AddStringToObject(rule, "type", "running_balance");
        cJSON_AddStringToObject(rule, "balance", r->balance);
        cJSON_AddStringToObject(rule, "amount", r->amount);
        cJSON_AddStringToObject(rule, "sign", r->sign);
        cJSON *credits = cJSON_AddArrayToObject(rule, "credit");
        for (size_t i = 0; i < r->credit_count; i++)
            cJSON_AddItemToArray(credits, cJSON_CreateString(r->credits[i]));
        cJSON_AddItemToArray(rules, rule);
    }
}

char *rg_dataset_spec_to_json(const rg_dataset_spec *spec)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "riskgan_metadata_version", RG_METADATA_VERSION);
    cJSON *tables = cJSON_AddObjectToObject(root, "tables");
    for (size_t i = 0; i < spec->table_count; i++)
        write_table(tables, &spec->tables[i]);
    cJSON *relationships = cJSON_AddArrayToObject(root, "relationships");
    for (size_t k = 0; k < spec->relationship_count; k++) {
        const rg_relationship *r = &spec->relationships[k];
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "parent_table_name", r->parent);
        cJSON_AddStringToObject(item, "parent_primary_key", r->parent_key);
        cJSON_AddStringToObject(item, "child_table_name", r->child);
        cJSON_AddStringToObject(item, "child_foreign_key", r->child_key);
        cJSON_AddItemToArray(relationships, item);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}
