/* metadata.h — public facts about columns declared by the user (riskgan_fit_options
 * .metadata, `fit --metadata file.json`) so that differentially private fitting spends no
 * budget discovering them:
 *   {"columns": {
 *      "Age":    {"min": 18, "max": 100, "decimals": 0},
 *      "Home":   {"values": ["rent", "owner", "parents", "priv", "other", "ignore"]},
 *      "Status": {"values": ["good", "bad"]},
 *      "Loan":   {"role": "identifier", "id_start": 900000}}}
 * Every named column must exist; unknown keys are errors (a typo must not silently cost
 * privacy). */
#ifndef RISKGAN_TRANSFORM_METADATA_H
#define RISKGAN_TRANSFORM_METADATA_H

#include <stddef.h>

#include "../data/table.h"

typedef struct {
    int declared;          /* the column appears in the metadata */
    int has_bounds;
    double minimum, maximum;
    int decimals;          /* -1 when not declared */
    size_t value_count;    /* declared domain of a discrete column (0: none) */
    char **values;         /* as written; numbers are parsed by the user of the domain */
    int identifier;        /* "role": "identifier" */
    double id_start;       /* NAN when not declared */
} rg_column_metadata;

/* Parses JSON text (NULL: nothing declared) against the table into columns[table->columns]
 * (free with rg_metadata_free). Errors name the column and key. */
riskgan_status rg_metadata_parse(const char *json, const riskgan_table *table, rg_column_metadata *columns);
void rg_metadata_free(rg_column_metadata *columns, size_t count);

#endif
