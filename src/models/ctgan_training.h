/* ctgan_training.h — CTGAN trained as published, from rows in memory or in blocks, on one or several ranks. */
#ifndef RISKGAN_MODELS_CTGAN_TRAINING_H
#define RISKGAN_MODELS_CTGAN_TRAINING_H

#include <stddef.h>
#include "../core/rng.h"
#include "../transform/transformer.h"
#include "condition_sampler.h"
#include "ctgan.h"
#include "fit_watch.h"
#include "riskgan.h"

/* Where training rows come from: this rank's rows in one block held in memory, or in
 * several blocks loaded in turn (a table larger than memory). load() makes block `block`
 * of the epoch current: its encoded rows and a sampler over them that knows every rank's
 * current block (rg_condition_sampler_share; collective). `blocks` is the same on every rank. */
typedef struct {
    size_t blocks;
    riskgan_status (*load)(void *context, size_t block, const float **data, const rg_condition_sampler **sampler);
    void *context;
} rg_training_rows;

/* Early stopping (one process; fit_watch.h): the watch, and the sampler generation draws
 * conditions from. */
typedef struct {
    rg_fit_watch *watch;
    const rg_condition_sampler *sampler;
} rg_ctgan_watch;

/* Trains on the rows of every rank: each step's batch is drawn from the rows of all ranks'
 * current blocks (max(1, their rows / batch) steps per block; the blocks in a shuffled order
 * each epoch), each rank computes its packs, and the gradients are summed over the ranks, so
 * every rank ends with the same weights. Returns after options->epochs epochs (or
 * options->max_steps generator steps), on a stop request (RISKGAN_ERR_INTERRUPTED) or on a
 * non-finite loss. *epochs_done is set. With a watch (may be NULL), a check after every few
 * epochs may end training early, and the generator of the best check is the one kept. */
riskgan_status rg_ctgan_train(rg_ctgan *model, const rg_transformer *transformer, const rg_training_rows *rows,
                              const riskgan_fit_options *options, int batch_size, const rg_ctgan_watch *watch,
                              rg_rng *rng, int *epochs_done);

#endif
