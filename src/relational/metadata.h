/* metadata.h — the metadata of a data set of linked tables (docs/relational.md): SDV's V1
 * multi-table metadata (tables with primary keys, columns with sdtypes, sequence key and
 * index; relationships from a parent's primary key to a child's foreign key) plus riskgan's
 * keys: a file path per table, declared cross-row rules, and the column facts a private fit
 * may use (min, max, decimals, values, id_start). Unknown keys are refused with their name. */
#ifndef RISKGAN_RELATIONAL_METADATA_H
#define RISKGAN_RELATIONAL_METADATA_H

#include <stddef.h>

#include "riskgan.h"

enum { RG_METADATA_VERSION = 1 };

typedef enum {
    RG_SDTYPE_NUMERICAL = 0,
    RG_SDTYPE_CATEGORICAL,
    RG_SDTYPE_DATETIME,
    RG_SDTYPE_BOOLEAN,
    RG_SDTYPE_ID
} rg_sdtype;

typedef struct {
    char *name;
    rg_sdtype sdtype;
    char *datetime_format; /* riskgan's name of the format ("yymmdd"), datetime only */
} rg_column_spec;

/* A rule that ties a table's rows together, declared or detected (rules.h). */
typedef enum { RG_RULE_RUNNING_BALANCE = 0 } rg_rule_kind;
typedef struct {
    rg_rule_kind kind;
    char *balance, *amount, *sign; /* balance = previous balance +- amount; sign: a categorical */
    char **credits;                /* the sign column's values that add the amount */
    size_t credit_count;
} rg_rule_spec;

typedef struct {
    char *name, *path;           /* path relative to the metadata file */
    char *primary_key;           /* may be NULL */
    char *sequence_key;          /* a foreign key: the rows of one parent form a sequence */
    char *sequence_index;        /* the order within a sequence (a date or number column) */
    rg_column_spec *columns;
    size_t column_count;
    rg_rule_spec *rules;
    size_t rule_count;
    char *facts;                 /* {"columns": {...}} for a private fit's declared facts */
} rg_table_spec;

typedef struct {
    char *parent, *parent_key, *child, *child_key;
} rg_relationship;

typedef struct {
    char *directory;             /* of the metadata file: table paths are relative to it */
    rg_table_spec *tables;
    size_t table_count;
    rg_relationship *relationships;
    size_t relationship_count;
} rg_dataset_spec;

/* Parses and checks metadata JSON (`name` in messages): every key known, every named table and
 * column present in the metadata, keys and relationships consistent, no table with two
 * parents, no circle of relationships. */
riskgan_status rg_dataset_spec_parse(const char *json, const char *name, const char *directory, rg_dataset_spec *out);
void rg_dataset_spec_free(rg_dataset_spec *spec);
/* The metadata as JSON text (caller frees), in the form rg_dataset_spec_parse reads. */
char *rg_dataset_spec_to_json(const rg_dataset_spec *spec);

/* Look-ups: the index of a table or column, or -1. */
long rg_dataset_spec_table(const rg_dataset_spec *spec, const char *name);
long rg_table_spec_column(const rg_table_spec *table, const char *name);
/* The relationship whose child is table `child` (-1: a root table). */
long rg_dataset_spec_parent(const rg_dataset_spec *spec, size_t child);
/* The tables parents first (a topological order); order[] receives table_count indexes. */
void rg_dataset_spec_order(const rg_dataset_spec *spec, size_t *order);

#endif
