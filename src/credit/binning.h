/* binning.h — the riskgan_binning handle (riskgan.h): the target, its event class, and every
 * binned feature with its column in the table it was fitted on. The scorecard builds on it. */
#ifndef RISKGAN_CREDIT_BINNING_H
#define RISKGAN_CREDIT_BINNING_H

#include <stddef.h>

#include "feature_binning.h"
#include "riskgan.h"

struct riskgan_binning {
    char *target, *positive;
    rg_feature_binning *feature;
    size_t *column;    /* each feature's column in the fitted table */
    size_t count;
};

/* The features with IV at least min_iv, strongest first (ties in table order), into order[]
 * (room for b->count); returns how many. */
size_t rg_binning_strongest_first(const riskgan_binning *binning, double min_iv, size_t *order);

#endif
