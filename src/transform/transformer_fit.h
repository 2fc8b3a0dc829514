/* transformer_fit.h — fitting the transform to a table. */
#ifndef RISKGAN_TRANSFORM_TRANSFORMER_FIT_H
#define RISKGAN_TRANSFORM_TRANSFORMER_FIT_H

#include "riskgan.h"
#include "transformer.h"

riskgan_status rg_transformer_fit(const riskgan_table *table, const rg_transformer_options *options,
                                  rg_transformer **out);

#endif
