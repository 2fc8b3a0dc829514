/* transformer_encode.c — rows of a table into encoded rows (scalars and one-hot spans). */
#include "transformer_encode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"

/* Level of a one-hot column for row r of the source column, or -1 if unknown. */
static long level_of(const rg_column_encoder *e, const rg_column *column, size_t r)
{
    if (column->type == RISKGAN_COLUMN_CATEGORICAL) {
        int32_t code = column->codes[r];
        if (code < 0)
            return e->missing_level;
        const char *text = rg_dictionary_string(&column->categories, code);
        for (size_t l = 0; l < e->levels; l++)
            if (e->level_names[l] && strcmp(e->level_names[l], text) == 0)
                return (long)l;
        return e->other_level; /* grouped, folded as too rare, or unseen: "other" if there is one */
    }
    double v = column->numbers[r];
    if (isnan(v))
        return e->missing_level;
    long nearest = -1;
    for (size_t l = 0; l < e->levels; l++) {
        if ((long)l == e->missing_level)
            continue;
        if (e->level_values[l] == v)
            return (long)l;
        if (nearest < 0 || fabs(e->level_values[l] - v) < fabs(e->level_values[nearest] - v))
            nearest = (long)l;
    }
    return e->private_levels ? nearest : -1; /* a value not released under privacy: the nearest one */
}

riskgan_status rg_transformer_encode(const rg_transformer *t, const riskgan_table *table, uint64_t seed,
                                     size_t first_row, float *out, unsigned char *unseen)
{
    if (table->columns != t->columns)
        return rg_fail(RISKGAN_ERR_SCHEMA, "the table has %zu columns, the model was fitted on %zu",
                       table->columns, t->columns);
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        const rg_column *column = &table->column[j];
        int types_differ = (e->type == RISKGAN_COLUMN_CATEGORICAL) != (column->type == RISKGAN_COLUMN_CATEGORICAL);
        if (strcmp(e->name, column->name) != 0 || (types_differ && e->encoding != RG_ENCODE_IDENTIFIER))
            return rg_fail(RISKGAN_ERR_SCHEMA, "column %zu is '%s' here but '%s' (%s) in the model",
                           j + 1, column->name, e->name,
                           e->type == RISKGAN_COLUMN_CATEGORICAL ? "categorical" : "numeric");
    }
    memset(out, 0, table->rows * t->width * sizeof *out);
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column_encoder *e = &t->column[j];
        const rg_column *column = &table->column[j];
        if (e->encoding == RG_ENCODE_IDENTIFIER)
            continue;
        for (size_t r = 0; r < table->rows; r++) {
            float *row = out + r * t->width + e->output_start;
            if (e->encoding == RG_ENCODE_ONE_HOT) {
                long level = level_of(e, column, r);
                if (level < 0 && unseen) {
                    unseen[r] = 1;
                    continue;
                }
                if (level < 0) {
                    char shown[64];
                    if (column->type == RISKGAN_COLUMN_CATEGORICAL && column->codes[r] >= 0)
                        snprintf(shown, sizeof shown, "'%s'", rg_dictionary_string(&column->categories, column->codes[r]));
                    else if (column->type != RISKGAN_COLUMN_CATEGORICAL && !isnan(column->numbers[r]))
                        snprintf(shown, sizeof shown, "%g", column->numbers[r]);
                    else
                        snprintf(shown, sizeof shown, "a missing value");
                    return rg_fail(RISKGAN_ERR_SCHEMA,
                                   "row %zu, column '%s': %s was never seen when the model was fitted",
                                   r + 1, e->name, shown);
                }
                row[level] = 1;
                continue;
            }
            double v = column->numbers[r];
            int modes = e->gmm.components;
            if (isnan(v)) {
                row[1] = 1; /* any mode; the missing flag is what decodes */
                if (e->has_missing)
                    row[1 + modes + 1] = 1;
                else if (unseen)
                    unseen[r] = 1;
                else
                    return rg_fail(RISKGAN_ERR_SCHEMA, "row %zu, column '%s': missing, but the model "
                                   "saw no missing values there", r + 1, e->name);
                continue;
            }
            double probability[RG_GMM_MAX_COMPONENTS];
            rg_gmm_posterior(&e->gmm, v, probability);
            /* the mode draw depends on the cell alone: shards encode as the whole table would */
            uint64_t cell = ((uint64_t)(first_row + r) * t->columns + j) * 0xD1B54A32D192ED03ull;
            double u = (double)(rg_hash64(seed ^ cell) >> 11) * 0x1.0p-53;
            int mode = 0;
            while (mode + 1 < modes && (u -= probability[mode]) >= 0)
                mode++;
            double scalar = (v - e->gmm.mean[mode]) / (4 * e->gmm.std[mode]);
            row[0] = (float)(scalar < -1 ? -1 : scalar > 1 ? 1 : scalar);
            row[1 + mode] = 1;
            if (e->has_missing)
                row[1 + modes] = 1;
        }
    }
    return RISKGAN_OK;
}
