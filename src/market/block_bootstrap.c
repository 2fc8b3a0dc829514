/* block_bootstrap.c — one day of stationary-bootstrap paths. */
#include "block_bootstrap.h"

#include <stdint.h>
#include <string.h>

void rg_block_bootstrap_step(const double *history, size_t days, size_t assets, double mean_block, size_t paths,
                             size_t *position, double *r, rg_rng *rng)
{
    double restart = 1 / (mean_block < 1 ? 1 : mean_block);
    for (size_t p = 0; p < paths; p++) {
        if (position[p] == SIZE_MAX || rg_rng_uniform(rng) < restart)
            position[p] = (size_t)rg_rng_below(rng, days);
        else
            position[p] = (position[p] + 1) % days;
        memcpy(r + p * assets, history + position[p] * assets, assets * sizeof *r);
    }
}
