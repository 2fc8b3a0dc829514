/* block_bootstrap.h — the stationary bootstrap of Politis & Romano (1994): paths made of
 * blocks of consecutive historical days (whole cross-sections, so cross-asset dependence
 * is kept) whose lengths are geometric with mean `mean_block`, the history read circularly.
 * A mean block of 1 is historical simulation (days drawn independently). */
#ifndef RISKGAN_MARKET_BLOCK_BOOTSTRAP_H
#define RISKGAN_MARKET_BLOCK_BOOTSTRAP_H

#include <stddef.h>

#include "../core/rng.h"

/* The next history day of each of `paths` paths: position[p] holds the previous day's
 * index (SIZE_MAX: the path has none yet); r (paths x assets) receives the day's returns. */
void rg_block_bootstrap_step(const double *history, size_t days, size_t assets, double mean_block, size_t paths,
                             size_t *position, double *r, rg_rng *rng);

#endif
