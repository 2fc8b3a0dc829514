/* fit_options.h — the fit's options resolved: published defaults filled in, batch size chosen. */
#ifndef RISKGAN_MODELS_FIT_OPTIONS_H
#define RISKGAN_MODELS_FIT_OPTIONS_H

#include <stddef.h>

#include "riskgan.h"

/* The options with the published optimizer settings of the chosen model filled in where the
 * caller left the default (CTGAN lr 2e-4 and decay 1e-6; TVAE lr 1e-3 and decay 1e-5), and
 * single-row packs under differential privacy. */
riskgan_fit_options rg_fit_options_resolve(const riskgan_fit_options *options);
/* Ten or more optimizer steps per epoch on small tables; CTGAN's 500 on large ones. Under
 * differential privacy `rows` is the noisy count and packs are single rows. */
int rg_choose_batch_size(const riskgan_fit_options *options, size_t rows);
/* The epochs for options that leave them at 0, chosen from the rows and the batch: 300 on
 * small tables, fewer on large ones (a budget of rows), fewer still under differential
 * privacy. */
int rg_automatic_epochs(const riskgan_fit_options *options, size_t rows, int batch);

#endif
