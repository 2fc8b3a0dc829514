/* detect_features.h — what the detectors see of a row. The columns are fitted by the
 * mixed-type transformer (identifiers and excluded columns left out, categories seen in
 * fewer than 5 rows folded into "other", missing values as a level or a flag); numbers are
 * then encoded deterministically for detection instead of by sampled mixture modes, and
 * without compressing their tails (an extreme value must stay extreme):
 *   neural view: (x - median) / scale, within +-1e6 [+ missing flag]; one-hot for discrete columns
 *                (unseen or rare categories light "other", or nothing when there is none);
 *   tree view:   one number per column — the raw value for numbers (missing: below the
 *                training minimum), the category's training share for discrete columns
 *                (rare and unseen categories: 0). */
#ifndef RISKGAN_DETECT_DETECT_FEATURES_H
#define RISKGAN_DETECT_DETECT_FEATURES_H

#include <stddef.h>

#include "../core/binary_io.h"
#include "../data/string_dictionary.h"
#include "../transform/transformer.h"
#include "riskgan.h"

typedef struct {
    rg_transformer *transformer;  /* the feature columns only */
    double *center, *scale;       /* per column: median and robust scale of numbers */
    double *missing_value;        /* per column: the tree view's value for a missing number */
    size_t width;                 /* neural view width */
    size_t *offset, *span;        /* per column: its place in the neural view */
    rg_dictionary *lookup;        /* per categorical column: text -> level (built, not stored) */
    double *level_total;          /* per discrete column: training rows over its levels (built) */
} rg_detect_features;

/* A cell as the encoders take it: a number (NaN = missing) or a category (NULL = missing). */
typedef struct {
    double number;
    const char *text;
} rg_cell;

/* Fits on `table` minus the identifier columns and the columns whose flag in `drop` is set. */
riskgan_status rg_detect_features_fit(rg_detect_features *f, const riskgan_table *table, const unsigned char *drop);
void rg_detect_features_free(rg_detect_features *f);
size_t rg_detect_features_columns(const rg_detect_features *f);
const char *rg_detect_features_name(const rg_detect_features *f, size_t column);
/* The neural view (f->width floats) and the tree view (one double per column) of a row. */
void rg_detect_features_encode(const rg_detect_features *f, const rg_cell *cells, float *neural, double *tree);
/* Column j of the feature columns -> its index in `table`, or an error naming the column. */
riskgan_status rg_detect_features_map(const rg_detect_features *f, const riskgan_table *table, size_t *index);
/* Encodes rows first .. first + count - 1 of `table` (read through the map into cells, one
 * row at a time) into count rows of the neural and tree views. */
void rg_detect_features_encode_rows(const rg_detect_features *f, const riskgan_table *table, const size_t *index,
                                    size_t first, size_t count, rg_cell *cells, float *neural, double *tree);
/* Parses a field as text arrives (NULL or "" = missing) into a cell of column j. */
riskgan_status rg_detect_features_parse(const rg_detect_features *f, size_t column, const char *field, rg_cell *cell);
/* A table with the feature columns' names and types, for reading files to score. */
riskgan_status rg_detect_features_schema(const rg_detect_features *f, riskgan_table **out);
void rg_detect_features_write(const rg_detect_features *f, rg_writer *writer);
riskgan_status rg_detect_features_read(rg_detect_features *f, rg_reader *reader);

#endif
