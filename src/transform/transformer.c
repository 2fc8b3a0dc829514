/* transformer.c — the tabular transform's structure: options, layout of the encoded row, look-ups,
 * freeing. Fitted in transformer_fit.c, applied in transformer_encode.c and
 * transformer_decode.c, stored by transformer_file.c.
 *
 * Layout of an encoded row, column by column in table order:
 *   mixture column:  [scalar in [-1,1] (tanh)] [one-hot of the mode (softmax)]
 *                    [present, missing (softmax)]  -- the last only if training had missing
 *   one-hot column:  [one-hot of the level (softmax)]
 * A categorical column with more than max_categories values keeps the most frequent ones and
 * groups the rest into an "other" level; decoding "other" draws one of the grouped values
 * with its training frequency. A category seen in fewer than min_category_count rows is
 * folded into "other" without being stored: it can never be generated (when no stored
 * member remains, "other" decodes to RG_RARE_PLACEHOLDER).
 * Identifier columns have no encoding at all and decode to fresh identifiers.
 * Numeric columns keep their learned format: decimals, grid step, observed range and, with
 * few distinct values, only observed values (docs/data-integrity.md). */
#include "transformer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"

void rg_transformer_options_default(rg_transformer_options *options)
{
    memset(options, 0, sizeof *options);
    options->max_categories = 50;
    options->max_discrete_numbers = 10;
    options->max_snap_values = 100;
    options->min_category_count = 5;
    options->seed = 0;
    rg_gmm_options_default(&options->gmm);
}

static void encoder_free(rg_column_encoder *e)
{
    free(e->name);
    free(e->level_values);
    if (e->level_names)
        for (size_t l = 0; l < e->levels; l++)
            free(e->level_names[l]);
    free(e->level_names);
    if (e->rare_names) /* NULL when a corrupt file failed validation before it was read */
        for (size_t r = 0; r < e->rare_count; r++)
            free(e->rare_names[r]);
    free(e->rare_names);
    free(e->rare_cumulative);
    free(e->level_frequency);
    free(e->snap_values);
    free(e->id_prefix);
}

void rg_transformer_free(rg_transformer *transformer)
{
    if (!transformer)
        return;
    for (size_t j = 0; j < transformer->columns; j++)
        encoder_free(&transformer->column[j]);
    free(transformer->column);
    free(transformer->spans);
    free(transformer);
}

riskgan_status rg_transformer_build_layout(rg_transformer *t)
{
    size_t spans = 0;
    for (size_t j = 0; j < t->columns; j++)
        spans += t->column[j].encoding == RG_ENCODE_ONE_HOT    ? 1
                 : t->column[j].encoding == RG_ENCODE_MIXTURE ? 2 + (size_t)t->column[j].has_missing
                                                              : 0;
    t->spans = rg_calloc(spans ? spans : 1, sizeof *t->spans);
    if (!t->spans)
        return RISKGAN_ERR_NO_MEMORY;
    size_t offset = 0, condition = 0;
    for (size_t j = 0; j < t->columns; j++) {
        rg_column_encoder *e = &t->column[j];
        e->output_start = offset;
        if (e->encoding == RG_ENCODE_IDENTIFIER) {
            e->output_width = 0;
            continue;
        }
        if (e->encoding == RG_ENCODE_ONE_HOT) {
            t->spans[t->span_count++] = (rg_span){offset, e->levels, RG_SPAN_SOFTMAX, 1, condition, j};
            condition += e->levels;
            offset += e->levels;
        } else {
            t->spans[t->span_count++] = (rg_span){offset, 1, RG_SPAN_TANH, 0, 0, j};
            offset += 1;
            size_t modes = (size_t)e->gmm.components;
            t->spans[t->span_count++] = (rg_span){offset, modes, RG_SPAN_SOFTMAX, 0, 0, j};
            offset += modes;
            if (e->has_missing) {
                t->spans[t->span_count++] = (rg_span){offset, 2, RG_SPAN_SOFTMAX, 0, 0, j};
                offset += 2;
            }
        }
        e->output_width = offset - e->output_start;
    }
    t->width = offset;
    t->condition_width = condition;
    return RISKGAN_OK;
}

long rg_transformer_find_level(const rg_transformer *t, size_t column, const char *value)
{
    const rg_column_encoder *e = &t->column[column];
    if (e->encoding != RG_ENCODE_ONE_HOT)
        return -1;
    for (size_t l = 0; l < e->levels; l++) {
        if (e->level_names && e->level_names[l] && strcmp(e->level_names[l], value) == 0)
            return (long)l;
        if (e->level_values && (long)l != e->missing_level) {
            double parsed;
            int decimals;
            if (rg_parse_number(value, strlen(value), &parsed, &decimals) &&
                parsed == e->level_values[l])
                return (long)l;
        }
    }
    return -1;
}
