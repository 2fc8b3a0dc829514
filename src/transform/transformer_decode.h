/* transformer_decode.h — encoded rows back into table rows. */
#ifndef RISKGAN_TRANSFORM_TRANSFORMER_DECODE_H
#define RISKGAN_TRANSFORM_TRANSFORMER_DECODE_H

#include "../core/rng.h"
#include "riskgan.h"
#include "transformer.h"

/* Decodes rows x width floats (activated: tanh scalars, one-hot or probabilities) into a
 * table with the training schema and formatting. maps (one per column, may be NULL) are
 * applied to mixture columns before clamping to the training range and rounding. The rows
 * are rows first_row ... of the whole output: fresh identifiers are numbered from there. */
riskgan_status rg_transformer_decode(const rg_transformer *transformer, const float *encoded,
                                     size_t rows, const rg_value_map *maps, rg_rng *rng, size_t first_row,
                                     riskgan_table **out);
/* The raw value a mixture column's span encodes (no map, clamp or rounding); NaN when
 * the missing flag wins. */
double rg_transformer_decode_value(const rg_column_encoder *encoder, const float *span);
double rg_value_map_apply(const rg_value_map *map, double value);
/* A generated number put into its column's learned format: clamped to the observed range,
 * snapped to observed values or to the grid, rounded to the decimals (dates: resolution). */
double rg_encoder_format_value(const rg_column_encoder *encoder, double value);

#endif
