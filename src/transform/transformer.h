/* transformer.h — the reversible table <-> matrix transform the generators learn in:
 * mode-specific normalization for continuous columns, one-hot for discrete ones; and the
 * column formats learned at fit time that generated values are put back into. */
#ifndef RISKGAN_TRANSFORM_TRANSFORMER_H
#define RISKGAN_TRANSFORM_TRANSFORMER_H

#include <stddef.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../data/datetime.h"
#include "gmm.h"
#include "riskgan.h"

typedef enum { RG_SPAN_TANH, RG_SPAN_SOFTMAX } rg_span_kind;

/* A run of output columns that share one activation. */
typedef struct {
    size_t start, width;
    rg_span_kind kind;
    int conditional; /* a discrete column's one-hot, part of the conditional vector */
    size_t condition_start; /* offset in the conditional vector when conditional */
    size_t column;   /* source column */
} rg_span;

typedef enum {
    RG_ENCODE_MIXTURE,   /* numbers: GMM mode + scalar */
    RG_ENCODE_ONE_HOT,   /* categories and few-valued numbers */
    RG_ENCODE_IDENTIFIER /* not modelled: decoded as fresh identifiers */
} rg_encoding;

typedef struct {
    char *name;
    riskgan_column_type type;
    int decimals;            /* generated numbers are rounded to these (-1: not rounded) */
    rg_datetime_format datetime; /* date columns */
    rg_encoding encoding;
    /* mixture: [scalar][modes][present, missing]? */
    rg_gmm gmm;
    double minimum, maximum;
    int has_missing;
    int clamp;               /* generated values stay within [minimum, maximum] */
    double step, origin;     /* step > 0: generated values lie on origin + k * step */
    size_t snap_count;       /* > 0: generated values are snapped to these observed ones */
    double *snap_values;     /* ascending */
    /* identifiers: fresh integers from id_start, or id_prefix + zero-padded numbers */
    double id_start;
    char *id_prefix;
    int id_digits;
    /* one-hot: levels are kept values, then "other" (grouped rare categories), then missing */
    size_t levels;
    double *level_values;   /* numeric discrete columns */
    char **level_names;     /* categorical columns (NULL for "other" and missing levels) */
    long other_level, missing_level; /* -1 when absent */
    size_t rare_count;      /* categories grouped into "other", with their frequencies */
    char **rare_names;
    double *rare_cumulative;
    double *level_frequency; /* training counts per level (conditional sampling); noisy counts
                                when fitted under differential privacy */
    int private_levels;      /* levels released under privacy: a numeric value that is not one
                                of them is encoded as the nearest level (fit time only) */
    size_t output_start, output_width;
} rg_column_encoder;

typedef struct {
    size_t columns;
    rg_column_encoder *column;
    char delimiter, decimal_mark; /* the training file's CSV dialect */
    size_t width;            /* encoded row width */
    size_t span_count;
    rg_span *spans;
    size_t condition_width;  /* total width of the discrete columns' one-hots */
} rg_transformer;

typedef struct {
    size_t max_categories;   /* kept levels per categorical column; rarer ones grouped */
    size_t max_discrete_numbers; /* numeric columns with at most this many values are one-hot */
    size_t max_snap_values;  /* ... with at most this many (and >= 5 rows per value on average),
                                generated values are snapped to the observed ones */
    size_t min_category_count; /* categories seen in fewer rows are never stored (target exempt) */
    int extrapolate;         /* generated numbers may leave the observed range */
    const char *column_formats; /* per-column overrides (riskgan_fit_options.column_formats) */
    const char *target;      /* always encoded one-hot (may be NULL) */
    uint64_t seed;
    rg_gmm_options gmm;
} rg_transformer_options;

enum { RG_TARGET_QUANTILES = 200 }; /* points of a column's quantile curve (calibration) */
enum { RG_MAX_DECIMALS = 1000 }; /* decimals a stored column format may have (corrupt beyond) */

void rg_transformer_options_default(rg_transformer_options *options);
/* Lays out spans and output offsets once every column encoder is fitted. */
riskgan_status rg_transformer_build_layout(rg_transformer *transformer);
void rg_transformer_free(rg_transformer *transformer);
/* A monotone piecewise-linear map of a column's decoded values: `from` ascending, `to`
 * non-decreasing (marginal calibration). points == 0: identity. */
typedef struct {
    size_t points;
    double *from, *to;
} rg_value_map;

/* The text written for grouped categories whose members were all too rare to store. */
#define RG_RARE_PLACEHOLDER "(other)"
/* Index of the level of column `column` whose text (or number) is `value`, or -1. */
long rg_transformer_find_level(const rg_transformer *transformer, size_t column, const char *value);
#endif
