/* database_catalog.h — what a database holds, for drafting the metadata of linked tables
 * (`riskgan inspect --relational sqlite:FILE` or `postgresql://...`): its tables, each with
 * the location that reads it; and dropping a table riskgan wrote. */
#ifndef RISKGAN_DATA_DATABASE_CATALOG_H
#define RISKGAN_DATA_DATABASE_CATALOG_H

#include <stddef.h>

#include "riskgan.h"

typedef struct {
    size_t table;           /* the child: an index into the tables */
    char *column;           /* its column holding the parent's key */
    char *parent, *parent_column;
} rg_foreign_key;

typedef struct {
    char **names;        /* table names, sorted (PostgreSQL: without the schema) */
    char **locations;    /* the location reading each ("sqlite:bank.db?table=account") */
    char **primary_keys; /* each table's declared single-column primary key, or NULL */
    size_t count;
    rg_foreign_key *keys; /* the declared single-column foreign keys */
    size_t key_count;
} rg_database_tables;

/* The base tables of the database `location` names (SQLite: every table but its own;
 * PostgreSQL: the tables of the schemas on the search path, or of ?schema=S), with their
 * declared primary and foreign keys (SQLite: PRAGMA table_info / foreign_key_list;
 * PostgreSQL: pg_constraint). */
riskgan_status rg_database_list_tables(const char *location, rg_database_tables *out);
void rg_database_tables_free(rg_database_tables *tables);
/* Drops the table a location names (DROP TABLE IF EXISTS): undoing a write that later failed. */
riskgan_status rg_database_drop_table(const char *location);

#endif
