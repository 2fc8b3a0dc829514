/* sql_types.h — SQL's column types as riskgan reads and writes them (docs/databases.md):
 * a declared type name ("NUMERIC(12,2)", "timestamp with time zone", "VARCHAR(20)") parsed
 * into a kind, the hint the table builder takes from it, the type a riskgan column is
 * created with, and names quoted as SQL identifiers. Shared by SQLite and PostgreSQL. */
#ifndef RISKGAN_DATA_SQL_TYPES_H
#define RISKGAN_DATA_SQL_TYPES_H

#include <stddef.h>

#include "row_source.h"
#include "table.h"

typedef enum {
    RG_SQL_UNKNOWN, /* no declared type, or one riskgan reads from the values */
    RG_SQL_INTEGER,
    RG_SQL_DECIMAL, /* NUMERIC / DECIMAL, with its scale (-1: none declared) */
    RG_SQL_FLOAT,
    RG_SQL_BOOLEAN,
    RG_SQL_TEXT,
    RG_SQL_DATE,
    RG_SQL_TIMESTAMP,
    RG_SQL_TIMESTAMP_TZ
} rg_sql_kind;

typedef struct {
    rg_sql_kind kind;
    int scale;
} rg_sql_type;

/* Parses a declared type (NULL or "" is RG_SQL_UNKNOWN), case-insensitively, by the words
 * SQLite's affinity rules look for. */
void rg_sql_type_parse(const char *declared, rg_sql_type *out);
/* The builder's hint for a column of that type; a date hint's format is allocated into
 * *format (the caller frees it). */
int rg_sql_type_hint(const rg_sql_type *type, rg_column_hint *hint, char **format);
/* The SQL type a column is created with: INTEGER, NUMERIC(p,s), DOUBLE PRECISION, TEXT,
 * DATE or TIMESTAMP (postgres: 1 for PostgreSQL's spellings). */
void rg_sql_column_type(const rg_column *column, int postgres, char *out, size_t size);
/* `name` as a quoted SQL identifier ("a""b"), NUL-terminated in out (size >= 2 strlen + 3). */
void rg_sql_quote_name(const char *name, char *out, size_t size);
/* "schema.table" as "schema"."table" (split at the first dot; no dot: one quoted name). */
void rg_sql_quote_qualified(const char *name, char *out, size_t size);

#endif
