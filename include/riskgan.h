/*
 * riskgan.h — the public C API of libriskgan, and its manual.
 *
 * riskgan learns mixed-type financial tables (loan applications, card
 * transactions) and generates synthetic rows with a conditional tabular GAN
 * (CTGAN design: mode-specific normalization, PacGAN, WGAN-GP) or a TVAE.
 *
 * Conventions
 * - Every function that can fail returns a riskgan_status. On failure,
 *   riskgan_last_error() returns a human-readable message for the calling
 *   thread (file, line and column where they apply). The library never prints.
 * - Handles are opaque. Whatever a *_new / *_read / *_fit / *_load function
 *   returns through an out-pointer is owned by the caller and released with
 *   the matching *_free function (which accepts NULL).
 * - Files are written atomically: a temporary file in the same directory,
 *   renamed over the destination only once it is complete.
 * - Same seed and same thread count give byte-identical models and samples.
 *
 * Typical use
 *     riskgan_table *t;  riskgan_model *m;  riskgan_table *s;
 *     riskgan_read_options ro; riskgan_read_options_init(&ro);
 *     riskgan_table_read_csv("loans.csv", &ro, &t);
 *     riskgan_fit_options fo; riskgan_fit_options_init(&fo, RISKGAN_PRESET_DEFAULT);
 *     fo.target = "default";
 *     riskgan_fit(t, &fo, &m);
 *     riskgan_sample(m, 10000, 42, NULL, &s);
 *     riskgan_table_write_csv(s, "synthetic.csv");
 */
#ifndef RISKGAN_H
#define RISKGAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(RISKGAN_SHARED) && defined(__GNUC__)
#define RISKGAN_API __attribute__((visibility("default")))
#else
#define RISKGAN_API
#endif

#define RISKGAN_VERSION "0.1.0"

/* ---------------------------------------------------------------- status */

typedef enum {
    RISKGAN_OK = 0,
    RISKGAN_ERR_INVALID_ARGUMENT, /* a caller-supplied option or name is wrong   */
    RISKGAN_ERR_IO,               /* a file could not be opened, read or written  */
    RISKGAN_ERR_PARSE,            /* malformed CSV input                          */
    RISKGAN_ERR_SCHEMA,           /* data does not fit what is asked of it        */
    RISKGAN_ERR_FORMAT,           /* a model file is corrupt, foreign or too new  */
    RISKGAN_ERR_NUMERIC,          /* NaN/inf appeared during training             */
    RISKGAN_ERR_NO_MEMORY,
    RISKGAN_ERR_INTERRUPTED       /* stopped through riskgan_fit_options.stop     */
} riskgan_status;

/* Short fixed name of a status ("invalid argument", ...). */
RISKGAN_API const char *riskgan_status_string(riskgan_status status);
/* Message describing the last failure on this thread ("" if none). */
RISKGAN_API const char *riskgan_last_error(void);
/* Threads used by OpenMP loops and OpenBLAS (0 = library default). */
RISKGAN_API void riskgan_set_threads(int threads);

/* ---------------------------------------------------------------- tables */

typedef enum {
    RISKGAN_COLUMN_CONTINUOUS = 0, /* real-valued numbers                        */
    RISKGAN_COLUMN_INTEGER = 1,    /* whole numbers, kept as numbers on output    */
    RISKGAN_COLUMN_CATEGORICAL = 2 /* strings, booleans, user-named discrete      */
} riskgan_column_type;

typedef struct riskgan_table riskgan_table;

typedef struct {
    /* Comma-separated column names forced to categorical / continuous. */
    const char *discrete_columns;
    const char *continuous_columns;
    /* Comma-separated tokens read as missing. Default "NA,NaN,null,?" (the
     * empty field is always missing). */
    const char *missing_tokens;
    /* Drop rows holding any missing value (the count is reported through
     * riskgan_table_dropped_rows). Default 0: missing values are kept. */
    int drop_missing_rows;
} riskgan_read_options;

RISKGAN_API void riskgan_read_options_init(riskgan_read_options *options);

/* Reads an RFC 4180 CSV file (header row required; quoted fields, embedded
 * separators/quotes/newlines, CRLF and a UTF-8 BOM are accepted) and infers
 * each column's type. Errors name the file, line and column. */
RISKGAN_API riskgan_status riskgan_table_read_csv(const char *path,
                                                  const riskgan_read_options *options,
                                                  riskgan_table **out);
/* Writes the table as CSV (atomically), numbers in the input's formatting. */
RISKGAN_API riskgan_status riskgan_table_write_csv(const riskgan_table *table,
                                                   const char *path);
RISKGAN_API void riskgan_table_free(riskgan_table *table);

RISKGAN_API size_t riskgan_table_rows(const riskgan_table *table);
RISKGAN_API size_t riskgan_table_columns(const riskgan_table *table);
RISKGAN_API size_t riskgan_table_dropped_rows(const riskgan_table *table);
/* Index of the column with that name, or -1. */
RISKGAN_API long riskgan_table_find_column(const riskgan_table *table, const char *name);

typedef struct {
    const char *name;
    riskgan_column_type type;
    size_t missing;        /* number of missing values                          */
    size_t distinct;       /* distinct non-missing values (categorical, or
                              numeric up to distinct_capped)                    */
    int distinct_capped;   /* 1 when a numeric column has more than 1000 values */
    double minimum, maximum, mean; /* numeric columns, over non-missing values  */
    int decimals;          /* decimals used when writing numbers                */
} riskgan_column_summary;

RISKGAN_API riskgan_status riskgan_table_column_summary(const riskgan_table *table,
                                                        size_t column,
                                                        riskgan_column_summary *out);
/* Checks that `name` is a column usable as a binary/multiclass risk target:
 * it exists, is categorical or has few distinct values (<= 50), has no more
 * than half its rows missing and holds at least two classes. */
RISKGAN_API riskgan_status riskgan_table_check_target(const riskgan_table *table, const char *name);
/* The (up to) k most frequent categories of a categorical column, most frequent
 * first (ties by first appearance). Returns how many were written. */
RISKGAN_API size_t riskgan_table_top_categories(const riskgan_table *table, size_t column,
                                                size_t k, const char **names, size_t *counts);
/* Numeric cell (NaN when missing) of a numeric column. */
RISKGAN_API double riskgan_table_number(const riskgan_table *table, size_t row, size_t column);
/* Category string of a categorical cell, NULL when missing. */
RISKGAN_API const char *riskgan_table_category(const riskgan_table *table, size_t row,
                                               size_t column);

#ifdef __cplusplus
}
#endif

#endif /* RISKGAN_H */
