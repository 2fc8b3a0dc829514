/* synthesizer.h — fitting a synthesizer from any row source (a CSV file, a database table):
 * the fit sample, this rank's shard, streamed when it is larger than the memory limit. */
#ifndef RISKGAN_MODELS_SYNTHESIZER_H
#define RISKGAN_MODELS_SYNTHESIZER_H

#include "../data/row_source.h"
#include "riskgan.h"

/* riskgan_fit_csv for a row source: every rank reads the source through (types inferred on
 * every row), keeps the fit sample and its own share of the rows (docs/scaling.md). */
riskgan_status rg_fit_source(const rg_row_source *source, const riskgan_read_options *read_options,
                             const riskgan_fit_options *options, riskgan_model **out);

#endif
