/* draft.c — a first metadata for a folder of CSV files (`riskgan inspect --relational DIR`)
 * or a database (`--relational sqlite:FILE`, `postgresql://...`, each table's path its
 * location): each file or table a table; primary keys are unique columns (key-like names first); a column is a
 * foreign key when its name points at another table's key and every value it holds is one of
 * that key's values; a child's date column is its sequence index; running balances the data
 * keeps become rules. Compact dates (yymmdd) are recognized in date-named columns. The user
 * reviews the draft and passes it back to fit and evaluate. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/database_catalog.h"
#include "../data/datetime.h"
#include "../data/location.h"
#include "../data/string_dictionary.h"
#include "../data/table.h"
#include "dataset.h"
#include "rules.h"
#include "sequences.h"

enum { MAX_TABLES = 64 };

typedef struct {
    char *names[MAX_TABLES], *paths[MAX_TABLES];
    riskgan_table *tables[MAX_TABLES];
    size_t count;
    long key[MAX_TABLES];                          /* primary key column, -1 */
    char *formats[MAX_TABLES];                     /* per table: "col:fmt,..." of compact dates */
    rg_database_tables declared;                   /* a database: its declared keys */
} folder;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The tables of a database: their names, and their locations as the paths. */
static riskgan_status list_database(const char *location, folder *f)
{
    rg_database_tables *tables = &f->declared;
    riskgan_status status = rg_database_list_tables(location, tables);
    if (status == RISKGAN_OK && tables->count > MAX_TABLES)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: more than %d tables", location, MAX_TABLES);
    for (size_t t = 0; status == RISKGAN_OK && t < tables->count; t++) {
        f->names[t] = tables->names[t], f->paths[t] = tables->locations[t];
        tables->names[t] = tables->locations[t] = NULL;
        f->count++;
    }
    return status;
}

/* The CSV files of the folder, sorted by name. */
static riskgan_status list_files(const char *directory, folder *f)
{
    if (rg_location_is_database(directory))
        return list_database(directory, f);
    DIR *dir = opendir(directory);
    if (!dir)
        return rg_fail(RISKGAN_ERR_IO, "%s: cannot open the folder", directory);
    struct dirent *entry;
    riskgan_status status = RISKGAN_OK;
    while (status == RISKGAN_OK && (entry = readdir(dir))) {
        size_t n = strlen(entry->d_name);
        if (n < 5 || strcasecmp(entry->d_name + n - 4, ".csv") != 0)
            continue;
        if (f->count == MAX_TABLES)
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: more than %d CSV files", directory, MAX_TABLES);
        else if (!(f->paths[f->count++] = rg_strdup(entry->d_name)))
            status = RISKGAN_ERR_NO_MEMORY;
    }
    closedir(dir);
    if (status == RISKGAN_OK && f->count == 0)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: no CSV files in the folder", directory);
    qsort(f->paths, f->count, sizeof *f->paths, by_name);
    for (size_t t = 0; status == RISKGAN_OK && t < f->count; t++)
        if (!(f->names[t] = rg_strndup(f->paths[t], strlen(f->paths[t]) - 4)))
            status = RISKGAN_ERR_NO_MEMORY;
    return status;
}

/* A column of compact dates: date-like name, and every value parses as yymmdd (numbers) or
 * "yymmdd hh:mm:ss" (text). Returns the format's name or NULL. */
static const char *compact_date(const riskgan_table *t, size_t j)
{
    const rg_column *c = &t->column[j];
    char lower[128];
    size_t n = 0;
    for (const char *p = c->name; *p && n + 1 < sizeof lower; p++)
        lower[n++] = (char)tolower((unsigned char)*p);
    lower[n] = '\0';
    if (!strstr(lower, "date") && !strstr(lower, "issued") && !strstr(lower, "day"))
        return NULL;
    static const char *const names[] = {"yymmdd", "yymmdd hh:mm:ss", "yyyymmdd"};
    for (int k = 0; k < 3; k++) {
        rg_datetime_format format;
        rg_datetime_format_from_name(names[k], &format);
        size_t present = 0, parsed = 0;
        for (size_t r = 0; r < t->rows; r++) {
            char buffer[48];
            const char *text = NULL;
            if (c->type == RISKGAN_COLUMN_CATEGORICAL)
                text = c->codes[r] < 0 ? NULL : rg_dictionary_string(&c->categories, c->codes[r]);
            else if (!isnan(c->numbers[r]) && c->numbers[r] == floor(c->numbers[r]))
                text = (snprintf(buffer, sizeof buffer, "%06.0f", c->numbers[r]), buffer);
            double seconds;
            present += text != NULL;
            parsed += text && rg_datetime_parse(text, strlen(text), &format, &seconds);
        }
        if (present && parsed == present)
            return names[k];
    }
    return NULL;
}

static riskgan_status read_folder(const char *directory, folder *f)
{
    riskgan_status status = list_files(directory, f);
    for (size_t t = 0; status == RISKGAN_OK && t < f->count; t++) {
        char path[4096];
        if (rg_location_is_database(directory))
            snprintf(path, sizeof path, "%s", f->paths[t]);
        else
            snprintf(path, sizeof path, "%s/%s", directory, f->paths[t]);
        status = riskgan_table_read_csv(path, NULL, &f->tables[t]);
        size_t size = 1;
        for (size_t j = 0; status == RISKGAN_OK && j < f->tables[t]->columns; j++)
            size += strlen(f->tables[t]->column[j].name) + 24;
        if (status == RISKGAN_OK && !(f->formats[t] = rg_calloc(size, 1)))
            status = RISKGAN_ERR_NO_MEMORY;
        for (size_t j = 0; status == RISKGAN_OK && j < f->tables[t]->columns; j++) {
            const char *format = compact_date(f->tables[t], j);
            if (format)
                snprintf(f->formats[t] + strlen(f->formats[t]), size - strlen(f->formats[t]), "%s%s:%s",
                         f->formats[t][0] ? "," : "", f->tables[t]->column[j].name, format);
        }
        if (status == RISKGAN_OK && f->formats[t][0]) { /* read again with the dates declared */
            riskgan_read_options options;
            riskgan_read_options_init(&options);
            options.datetime_columns = f->formats[t];
            riskgan_table_free(f->tables[t]);
            status = riskgan_table_read_csv(path, &options, &f->tables[t]);
        }
    }
    return status;
}

/* Every non-missing value of the column, distinct: a key candidate. */
static int unique_values(const riskgan_table *t, size_t j)
{
    const rg_column *c = &t->column[j];
    if (c->missing || t->rows == 0 || c->type == RISKGAN_COLUMN_CONTINUOUS || c->type == RISKGAN_COLUMN_DATETIME)
        return 0;
    if (c->type == RISKGAN_COLUMN_CATEGORICAL)
        return c->categories.count == t->rows;
    size_t present, distinct;
    double *sorted = rg_column_sorted_values(c, t->rows, &present, &distinct);
    free(sorted);
    return sorted && distinct == t->rows;
}

/* The declared primary key; else "account_id" for table "account", then "*_id" / "id*", then
 * any unique column. */
static long choose_key(const folder *f, size_t t)
{
    const riskgan_table *table = f->tables[t];
    if (f->declared.primary_keys && f->declared.primary_keys[t])
        return riskgan_table_find_column(table, f->declared.primary_keys[t]);
    long best = -1;
    int best_score = 0;
    for (size_t j = 0; j < table->columns; j++) {
        if (!unique_values(table, j))
            continue;
        const char *name = table->column[j].name;
        size_t n = strlen(name), m = strlen(f->names[t]);
        int score = 1;
        if (n >= 3 && strcasecmp(name + n - 3, "_id") == 0)
            score = 2;
        if (n == m + 3 && strncasecmp(name, f->names[t], m) == 0 && score == 2)
            score = 3;
        if (score > best_score)
            best = (long)j, best_score = score;
    }
    return best;
}

/* How strongly a child column's name points at a parent table: its key's name (2) or the
 * table's name within it (1). */
static int name_points_at(const char *column, const folder *f, size_t parent)
{
    const char *key = f->tables[parent]->column[f->key[parent]].name;
    if (strcasecmp(column, key) == 0)
        return 2;
    return strstr(column, f->names[parent]) != NULL;
}

/* Every non-missing value of child column j is a value of the parent's key. */
static int values_within_key(const folder *f, size_t child, size_t j, size_t parent)
{
    const riskgan_table *c = f->tables[child], *p = f->tables[parent];
    const rg_column *column = &c->column[j], *key = &p->column[f->key[parent]];
    if (rg_column_is_numeric(column) != rg_column_is_numeric(key))
        return 0;
    rg_dictionary values;
    rg_dictionary_init(&values);
    char buffer[64];
    for (size_t r = 0; r < p->rows; r++) {
        const char *text = rg_dataset_key_text(p, (size_t)f->key[parent], r, buffer, sizeof buffer);
        if (text)
            rg_dictionary_intern(&values, text, strlen(text));
    }
    int within = 1;
    for (size_t r = 0; within && r < c->rows; r++) {
        const char *text = rg_dataset_key_text(c, j, r, buffer, sizeof buffer);
        within = !text || rg_dictionary_find(&values, text, strlen(text)) >= 0;
    }
    rg_dictionary_free(&values);
    return within;
}

typedef struct {
    long parent[MAX_TABLES], column[MAX_TABLES]; /* per child table: its parent and foreign key */
} links;

/* A database's declared foreign key to another table's primary key: the child's parent (the
 * first such key of a table; the others are noted). */
static void declared_parents(const folder *f, links *l, FILE *notes)
{
    for (size_t k = 0; k < f->declared.key_count; k++) {
        const rg_foreign_key *key = &f->declared.keys[k];
        size_t c = key->table;
        long column = riskgan_table_find_column(f->tables[c], key->column), p = -1;
        for (size_t t = 0; t < f->count; t++)
            if (strcmp(f->names[t], key->parent) == 0 && f->key[t] >= 0 &&
                strcmp(f->tables[t]->column[f->key[t]].name, key->parent_column) == 0)
                p = (long)t;
        if (p < 0 || column < 0 || p == (long)c)
            continue;
        if (l->parent[c] >= 0 && notes)
            fprintf(notes, "table '%s': its foreign key '%s' to '%s' is declared too; riskgan fits trees of tables, "
                    "so the draft keeps '%s' to '%s'\n", f->names[c], key->column, key->parent,
                    f->tables[c]->column[l->column[c]].name, f->names[l->parent[c]]);
        else
            l->parent[c] = p, l->column[c] = column;
    }
}

/* Each table's parent: a declared foreign key; else the qualifying key with the strongest
 * name match; a table that would have two parents keeps the one with fewer rows (the coarser
 * entity) and the other is noted. */
static void find_parents(const folder *f, links *l, FILE *notes)
{
    for (size_t c = 0; c < f->count; c++)
        l->parent[c] = l->column[c] = -1;
    declared_parents(f, l, notes);
    for (size_t c = 0; c < f->count; c++) {
        if (l->parent[c] >= 0)
            continue;
        int best = 0;
        for (size_t j = 0; j < f->tables[c]->columns; j++)
            for (size_t p = 0; p < f->count; p++) {
                if (p == c || f->key[p] < 0 || (long)j == f->key[c])
                    continue;
                int score = name_points_at(f->tables[c]->column[j].name, f, p);
                if (!score || !values_within_key(f, c, j, p))
                    continue;
                if (l->parent[c] >= 0 && notes)
                    fprintf(notes, "table '%s': '%s' also refers to '%s' (and '%s' to '%s'); riskgan fits trees of "
                            "tables, so the draft keeps one parent: edit it if the other suits better\n",
                            f->names[c], f->tables[c]->column[j].name, f->names[p],
                            f->tables[c]->column[l->column[c]].name, f->names[l->parent[c]]);
                if (score > best || (score == best && f->tables[p]->rows < f->tables[l->parent[c]]->rows))
                    best = score, l->parent[c] = (long)p, l->column[c] = (long)j;
            }
    }
}

/* strftime form of a date format's name, as SDV writes it ("yymmdd" -> "%y%m%d"). */
static void strftime_name(const char *name, char *out, size_t size)
{
    size_t n = 0;
    int time = 0;
    for (const char *p = name; *p && n + 3 < size;) {
        const char *piece = NULL;
        size_t skip = 1;
        if (strncmp(p, "yyyy", 4) == 0)
            piece = "%Y", skip = 4;
        else if (strncmp(p, "yy", 2) == 0)
            piece = "%y", skip = 2;
        else if (strncmp(p, "mm", 2) == 0)
            piece = time ? "%M" : "%m", skip = 2;
        else if (strncmp(p, "dd", 2) == 0)
            piece = "%d", skip = 2;
        else if (strncmp(p, "hh", 2) == 0)
            piece = "%H", skip = 2, time = 1;
        else if (strncmp(p, "ss", 2) == 0)
            piece = "%S", skip = 2;
        if (piece) {
            memcpy(out + n, piece, 2);
            n += 2;
        } else {
            out[n++] = *p;
        }
        p += skip;
    }
    out[n] = '\0';
}

static void add_column(cJSON *columns, const riskgan_table *t, size_t j, int key)
{
    const rg_column *c = &t->column[j];
    cJSON *column = cJSON_AddObjectToObject(columns, c->name);
    if (key || c->role == RISKGAN_ROLE_IDENTIFIER) {
        cJSON_AddStringToObject(column, "sdtype", "id");
    } else if (c->type == RISKGAN_COLUMN_DATETIME) {
        char name[32], format[32];
        rg_datetime_format_name(&c->datetime, name, sizeof name);
        strftime_name(name, format, sizeof format);
        cJSON_AddStringToObject(column, "sdtype", "datetime");
        cJSON_AddStringToObject(column, "datetime_format", format);
    } else {
        cJSON_AddStringToObject(column, "sdtype", c->type == RISKGAN_COLUMN_CATEGORICAL ? "categorical" : "numerical");
    }
}

static cJSON *draft_json(const folder *f, const links *l)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "riskgan_metadata_version", RG_METADATA_VERSION);
    cJSON *tables = cJSON_AddObjectToObject(root, "tables");
    for (size_t t = 0; t < f->count; t++) {
        const riskgan_table *table = f->tables[t];
        cJSON *entry = cJSON_AddObjectToObject(tables, f->names[t]);
        cJSON_AddStringToObject(entry, "path", f->paths[t]);
        if (f->key[t] >= 0)
            cJSON_AddStringToObject(entry, "primary_key", table->column[f->key[t]].name);
        long date = -1;
        for (size_t j = 0; j < table->columns && date < 0; j++)
            if (table->column[j].type == RISKGAN_COLUMN_DATETIME)
                date = (long)j;
        if (l->parent[t] >= 0 && date >= 0) {
            cJSON_AddStringToObject(entry, "sequence_key", table->column[l->column[t]].name);
            cJSON_AddStringToObject(entry, "sequence_index", table->column[date].name);
        }
        cJSON *columns = cJSON_AddObjectToObject(entry, "columns");
        for (size_t j = 0; j < table->columns; j++)
            add_column(columns, table, j, (long)j == f->key[t] || (long)j == l->column[t]);
    }
    cJSON *relationships = cJSON_AddArrayToObject(root, "relationships");
    for (size_t c = 0; c < f->count; c++) {
        if (l->parent[c] < 0)
            continue;
        size_t p = (size_t)l->parent[c];
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "parent_table_name", f->names[p]);
        cJSON_AddStringToObject(r, "parent_primary_key", f->tables[p]->column[f->key[p]].name);
        cJSON_AddStringToObject(r, "child_table_name", f->names[c]);
        cJSON_AddStringToObject(r, "child_foreign_key", f->tables[c]->column[l->column[c]].name);
        cJSON_AddItemToArray(relationships, r);
    }
    return root;
}

/* The running balances the data keeps, added to the draft as rules (and said in the notes). */
static riskgan_status add_rules(cJSON *root, const folder *f, FILE *notes)
{
    char *text = cJSON_PrintUnformatted(root);
    rg_dataset_spec spec = {0};
    riskgan_status status = text ? rg_dataset_spec_parse(text, "the draft", ".", &spec) : RISKGAN_ERR_NO_MEMORY;
    free(text);
    riskgan_table *copies[MAX_TABLES];
    riskgan_dataset *d = NULL;
    for (size_t t = 0; status == RISKGAN_OK && t < f->count; t++)
        status = rg_table_new_like(f->tables[t], f->tables[t]->rows, &copies[t]);
    for (size_t t = 0; status == RISKGAN_OK && t < f->count; t++)
        for (size_t r = 0; status == RISKGAN_OK && r < f->tables[t]->rows; r++)
            status = rg_table_append_row(copies[t], f->tables[t], r);
    if (status == RISKGAN_OK)
        status = rg_dataset_assemble(&spec, copies, &d);
    for (size_t t = 0; status == RISKGAN_OK && t < spec.table_count; t++) {
        long k = rg_dataset_spec_parent(&spec, t);
        if (k < 0 || !spec.tables[t].sequence_index)
            continue;
        size_t parent = (size_t)rg_dataset_spec_table(&spec, spec.relationships[k].parent);
        rg_sequences s;
        long index = riskgan_table_find_column(d->tables[t], spec.tables[t].sequence_index);
        status = rg_sequences_build(d->tables[t], d->parent_row[t], d->tables[parent]->rows, index, &s);
        rg_balance_rule rule;
        if (status == RISKGAN_OK && (status = rg_balance_rule_find(d, t, &s, &rule)) == RISKGAN_OK &&
            rule.balance >= 0) {
            rg_rule_shares shares;
            rg_balance_rule_chain(d->tables[t], index, &rule, &s);
            rg_rules_measure(d, t, &s, &rule, &shares);
            const riskgan_table *table = d->tables[t];
            cJSON *rules = cJSON_AddArrayToObject(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "tables"),
                                                                      spec.tables[t].name), "rules");
            cJSON *entry = cJSON_CreateObject();
            cJSON_AddStringToObject(entry, "type", "running_balance");
            cJSON_AddStringToObject(entry, "balance", table->column[rule.balance].name);
            cJSON_AddStringToObject(entry, "amount", table->column[rule.amount].name);
            cJSON_AddStringToObject(entry, "sign", table->column[rule.sign].name);
            cJSON *credits = cJSON_AddArrayToObject(entry, "credit");
            for (size_t i = 0; i < rule.credit_count; i++)
                cJSON_AddItemToArray(credits, cJSON_CreateString(rule.credit_names[i]));
            cJSON_AddItemToArray(rules, entry);
            if (notes)
                fprintf(notes, "table '%s': running balance %s = previous + or - %s (sign from %s) in %.1f %% of "
                        "events, %.1f %% of first events start from zero\n", spec.tables[t].name,
                        table->column[rule.balance].name, table->column[rule.amount].name,
                        table->column[rule.sign].name, 100 * shares.balance, 100 * shares.first_balance);
        }
        if (status == RISKGAN_OK)
            rg_balance_rule_free(&rule);
        rg_sequences_free(&s);
    }
    riskgan_dataset_free(d);
    rg_dataset_spec_free(&spec);
    return status;
}

static void folder_free(folder *f)
{
    for (size_t t = 0; t < MAX_TABLES; t++) {
        free(f->names[t]), free(f->paths[t]), free(f->formats[t]);
        riskgan_table_free(f->tables[t]);
    }
    rg_database_tables_free(&f->declared);
}

riskgan_status riskgan_dataset_draft_metadata(const char *directory, char **json, char **notes_out)
{
    *json = NULL;
    if (notes_out)
        *notes_out = NULL;
    folder f;
    memset(&f, 0, sizeof f);
    links l;
    char *notes_text = NULL;
    size_t notes_length = 0;
    FILE *notes = open_memstream(&notes_text, &notes_length);
    riskgan_status status = notes ? read_folder(directory, &f) : RISKGAN_ERR_NO_MEMORY;
    for (size_t t = 0; status == RISKGAN_OK && t < f.count; t++)
        f.key[t] = choose_key(&f, t);
    if (status == RISKGAN_OK)
        find_parents(&f, &l, notes);
    cJSON *root = status == RISKGAN_OK ? draft_json(&f, &l) : NULL;
    if (status == RISKGAN_OK)
        status = add_rules(root, &f, notes);
    if (status == RISKGAN_OK && !(*json = cJSON_Print(root)))
        status = RISKGAN_ERR_NO_MEMORY;
    cJSON_Delete(root);
    folder_free(&f);
    if (notes)
        fclose(notes);
    if (notes_out && status == RISKGAN_OK)
        *notes_out = notes_text;
    else
        free(notes_text);
    return status;
}
