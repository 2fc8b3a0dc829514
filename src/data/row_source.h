/* row_source.h — the seam between where rows come from and the typed-table builder
 * (table_builder.h). A row source is anything that can be read through, once or several
 * times, as a header of column names followed by records of text fields: a CSV file or
 * standard input (csv_source.h), columns in memory (column_source.h), a SQLite statement
 * (sqlite_source.h); table_source.h opens the right one for a location. The builder does the rest the same way for every source: type
 * inference, roles, number formats, samples, shards and blocks.
 *
 * To add a source: fill an rg_row_source_ops with open/next/close, give the source a name
 * and the word its positions are counted in, and hand it to rg_table_build. */
#ifndef RISKGAN_DATA_ROW_SOURCE_H
#define RISKGAN_DATA_ROW_SOURCE_H

#include <stddef.h>

#include "riskgan.h"

/* One field of a record: text (not NUL-terminated; valid until the next record). */
typedef struct {
    const char *text;
    size_t length;
    int quoted; /* CSV: the field was written in double quotes */
    int null;   /* missing whatever the text says (a database NULL, a DataFrame's NA) */
} rg_field;

/* What a source knows of a column before any value is read (a database's catalog, a
 * DataFrame's dtype): the builder takes it as the user's --discrete/--continuous/--id/
 * --datetime. Zero: nothing declared. */
typedef struct {
    int categorical;             /* 1: text, whatever it looks like */
    int continuous;              /* 1: numbers (a non-number is an error naming the row) */
    int decimals;                /* > 0 with continuous: the column's declared scale */
    int identifier;              /* 1: an identifier (a primary key) */
    const char *datetime_format; /* a date column in this format ("yyyy-mm-dd") */
} rg_column_hint;

/* A database table read by `ranks` data-parallel processes: this one reads share `rank` of
 * its rows only (SQLite: rowid modulo ranks; PostgreSQL: the row's page modulo ranks), in a
 * fixed order. */
typedef struct {
    int rank, ranks;
} rg_row_share;

typedef struct rg_row_cursor rg_row_cursor; /* one pass over the rows, the source's own */

typedef struct {
    /* Starts a pass. The first record `next` returns is the header. */
    riskgan_status (*open)(void *state, rg_row_cursor **out);
    /* The next record; *count is 0 at the end. Errors name the source and position. */
    riskgan_status (*next)(rg_row_cursor *cursor, const rg_field **fields, size_t *count);
    /* Where the last record starts (a 1-based line of a file, a row of a table). */
    size_t (*position)(const rg_row_cursor *cursor);
    void (*close)(rg_row_cursor *cursor);
} rg_row_source_ops;

typedef struct rg_row_source rg_row_source;
struct rg_row_source {
    const rg_row_source_ops *ops;
    void *state;
    const char *name;            /* in messages: "loans.csv", "standard input" */
    const char *position_word;   /* "line" or "row" */
    const char *kind;            /* "file", "table", "query": "the file has no data rows" */
    char delimiter, decimal_mark; /* how numbers are written in the fields; the table's dialect */
    int empty_is_missing;        /* CSV: an empty field is a missing value */
    int nulls_only;              /* databases: only a null field is missing ("NA" is text) */
    const rg_column_hint *hints; /* per column of the header, or NULL */
    void (*release)(rg_row_source *source); /* frees what the open function made */
};

#endif
