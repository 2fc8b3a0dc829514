/* location.h — where a table is read from or written to, as the user writes it: a CSV path
 * ("-": standard input or output), `sqlite:PATH[?table=T]`, or a PostgreSQL connection URI
 * `postgresql://user@host:port/db[?table=schema.T&schema=S&...]` (docs/databases.md).
 * riskgan's own parameters (table, schema) are taken out of the URI; libpq gets the rest. */
#ifndef RISKGAN_DATA_LOCATION_H
#define RISKGAN_DATA_LOCATION_H

#include "riskgan.h"

typedef enum { RG_LOCATION_CSV, RG_LOCATION_SQLITE, RG_LOCATION_POSTGRES } rg_location_kind;

typedef struct {
    rg_location_kind kind;
    char *path;     /* CSV: the path; SQLite: the database file */
    char *conninfo; /* PostgreSQL: the URI without riskgan's parameters */
    char *table;    /* ?table= (percent-decoded), or NULL */
    char *schema;   /* ?schema= (percent-decoded), or NULL */
} rg_location;

/* Parses `text`; an unknown parameter of a sqlite: location, a malformed percent escape or
 * an empty path is an error naming the location. */
riskgan_status rg_location_parse(const char *text, rg_location *out);
void rg_location_free(rg_location *location);
/* 1 when `text` names a database rather than a CSV file. */
int rg_location_is_database(const char *text);

#endif
