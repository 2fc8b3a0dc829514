/* fit_watch.h — early stopping: every few epochs, how well gradient-boosted trees tell the
 * generator's rows, calibrated as sampling calibrates them, from real rows held out of
 * training (detection ROC AUC, 0.5 = cannot),
 * the best generator kept, and training stopped once the check has not improved for a while. */
#ifndef RISKGAN_MODELS_FIT_WATCH_H
#define RISKGAN_MODELS_FIT_WATCH_H

#include <stddef.h>
#include <stdint.h>

#include "../learn/features.h"
#include "../transform/transformer.h"
#include "calibration.h"
#include "riskgan.h"

enum {
    RG_WATCH_CHECKS = 12,   /* checks over the planned epochs */
    RG_WATCH_PATIENCE = 3,  /* checks without improvement before training stops */
    RG_WATCH_MIN_ROWS = 5000 /* tables smaller than this train their epochs unwatched */
};

typedef struct {
    const riskgan_table *held_out; /* real rows not trained on */
    const rg_transformer *transformer;
    rg_feature_encoder features;   /* fitted on the held-out rows */
    float *real;                   /* the held-out rows' features */
    float *encoded;                /* the held-out rows encoded (the check's calibration target) */
    int every;                     /* epochs between checks */
    double best;                   /* the lowest detection AUC so far (2: none yet) */
    int best_epoch, checks_since_best;
    double last;                   /* the last check's AUC (NaN before the first) */
    uint64_t seed;
} rg_fit_watch;

/* Rows to hold out of a table of `rows` for the watch: min(10 %, 2,000), 0 below RG_WATCH_MIN_ROWS. */
size_t rg_fit_watch_rows(size_t rows);
/* exclude_column (-1: none): a column of held_out the check ignores (a target the label model
 * draws at sampling, not the generator). */
riskgan_status rg_fit_watch_init(rg_fit_watch *watch, const riskgan_table *held_out,
                                 const rg_transformer *transformer, long exclude_column, int epochs, uint64_t seed);
void rg_fit_watch_free(rg_fit_watch *watch);
/* Is a check due after `epoch` of `epochs`? (every `every` epochs and after the last) */
int rg_fit_watch_due(const rg_fit_watch *watch, int epoch, int epochs);
/* After `epoch`: calibrates the generator toward the held-out rows (as the fit calibrates it
 * toward the training rows at the end), generates as many rows through `generate` and scores
 * them; sets watch->last; *best is 1 when this is the best check so far (keep this generator),
 * *stop when the last RG_WATCH_PATIENCE checks did not improve on the best. */
riskgan_status rg_fit_watch_check(rg_fit_watch *watch, rg_encoded_generator generate, void *context, int epoch,
                                  int *best, int *stop);

#endif
