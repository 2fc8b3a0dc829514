/* oversample.h — classic oversamplers of a minority class: random duplication, SMOTE and
 * SMOTE-NC, as imbalanced-learn implements them (k neighbours within the minority class,
 * a base row drawn uniformly, one of its neighbours drawn uniformly, a uniform step). */
#ifndef RISKGAN_RISK_OVERSAMPLE_H
#define RISKGAN_RISK_OVERSAMPLE_H

#include "../core/rng.h"
#include "../learn/classes.h"
#include "riskgan.h"

/* Appends `count` new rows of class `minority` to `out` (which has table's schema).
 * method is RISKGAN_AUGMENT_RANDOM, _SMOTE or _SMOTENC. Details in docs/augmentation.md. */
riskgan_status rg_oversample(const riskgan_table *table, const rg_classes *classes, size_t minority, size_t count,
                             riskgan_augment_method method, int neighbors, rg_rng *rng, riskgan_table *out);

#endif
