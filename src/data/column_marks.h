/* column_marks.h — what is known of each column before its values are read: the user's
 * --discrete / --continuous / --id / --datetime, a source's declared types (row_source.h),
 * or a training table's schema; and the missing-value tokens. */
#ifndef RISKGAN_DATA_COLUMN_MARKS_H
#define RISKGAN_DATA_COLUMN_MARKS_H

#include <stddef.h>

#include "datetime.h"
#include "riskgan.h"
#include "row_source.h"

enum rg_forced_type { RG_NOT_FORCED, RG_FORCED_CATEGORICAL, RG_FORCED_CONTINUOUS };

/* A column's inference: its marks, and what the values seen so far say. */
typedef struct {
    enum rg_forced_type forced;
    int integral;                /* every value a whole number written without a point */
    int max_decimals;
    int scientific;
    int switched;                /* saw text after numbers: re-read as categorical */
    int declared_decimals;       /* > 0: the source's declared scale */
    riskgan_column_role role;    /* declared (--id, the source, or the schema's) */
    int datetime_declared;       /* --datetime, the source, or the schema's date column */
    rg_datetime_format datetime; /* its format (order RG_DATE_NONE: detect) */
} rg_column_inference;

/* Trimmed, non-empty tokens of a comma list ("NA, NaN,?"). */
typedef struct {
    char **tokens;
    size_t *lengths;
    size_t count, longest;
} rg_token_list;

riskgan_status rg_token_list_parse(const char *text, rg_token_list *list);
void rg_token_list_free(rg_token_list *list);
/* A field is missing when it is null, empty (empty_is_missing) or one of the tokens. */
int rg_field_is_missing(const rg_field *field, const rg_token_list *missing, int empty_is_missing);

/* Marks the columns of `table` (its header read from `source`) as the options, the source's
 * hints and the schema (may be NULL) say; an unknown column name is an error naming the
 * option and the source. */
riskgan_status rg_mark_columns(const rg_row_source *source, const riskgan_read_options *options,
                               const riskgan_table *schema, const riskgan_table *table,
                               rg_column_inference *inference);

#endif
