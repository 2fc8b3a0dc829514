/* request_rows.h — a scoring request's body as rows of text fields in a model's column order:
 * JSON (one record, an object keyed by column, or an array of them) or CSV with a header.
 * Each record may carry a passthrough id. Whatever the body holds, the answer is rows or an
 * HTTP status with a message naming the record and field (riskgan_last_error). */
#ifndef RISKGAN_SERVE_REQUEST_ROWS_H
#define RISKGAN_SERVE_REQUEST_ROWS_H

#include <stddef.h>

#include "../data/row_source.h"
#include "../data/string_dictionary.h"
#include "riskgan.h"

typedef enum { RG_FIELD_TEXT, RG_FIELD_NUMBER, RG_FIELD_DATE } rg_field_kind;

/* The columns a model reads, looked up by name (built once per loaded model). */
typedef struct {
    size_t columns;
    char **name;
    rg_field_kind *kind;
    rg_dictionary lookup; /* name -> column */
} rg_request_schema;

/* Reads the names and kinds from a schema table (riskgan_detector_schema...). */
riskgan_status rg_request_schema_init(rg_request_schema *schema, const riskgan_table *table);
void rg_request_schema_free(rg_request_schema *schema);

typedef struct {
    size_t columns, rows;
    rg_field *field;  /* rows x columns; null = a missing value */
    char **id;        /* rows: the record's id as JSON text, NULL when it had none */
    int single;       /* the body was one JSON object: the answer is one object */
    char *arena;      /* the texts */
    size_t used, capacity;
} rg_request_rows;

typedef struct {
    const char *id_field;  /* the passthrough field ("id"; NULL: none) */
    size_t max_records;    /* more is 413 */
} rg_request_limits;

/* Decodes `body` (csv: a CSV text with a header; else JSON). Returns 0 with *rows filled, or
 * the HTTP status of the refusal (400 malformed, 413 too many records, 422 a record that does
 * not fit the schema) with the reason in riskgan_last_error() and nothing to free. */
int rg_request_rows_decode(const rg_request_schema *schema, const rg_request_limits *limits, const char *body,
                           size_t length, int csv, rg_request_rows *rows);
void rg_request_rows_free(rg_request_rows *rows);

#endif
