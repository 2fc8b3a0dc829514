/* model.h — the riskgan_model handle: settings, transformer and one trained network (of the
 * generator named in `generator`, generator.h). */
#ifndef RISKGAN_MODELS_MODEL_H
#define RISKGAN_MODELS_MODEL_H

#include "../transform/transformer.h"
#include "calibration.h"
#include "label_model.h"
#include "condition_sampler.h"
#include "generator.h"
#include "riskgan.h"

struct riskgan_model {
    riskgan_model_kind kind;
    char *target;
    int epochs, epochs_completed, batch_size, pac, discriminator_steps;
    double generator_lr, discriminator_lr, generator_decay, discriminator_decay, target_condition_weight;
    uint64_t seed;
    size_t training_rows;
    size_t rows_left_out;     /* rows holding a value the fit sample never showed (not saved) */
    size_t training_blocks;   /* > 0: the rows were streamed, trained on in this many blocks (not saved) */
    size_t held_out_rows;     /* early stopping: rows held out of training (not saved) */
    int best_epoch;           /* early stopping: the epoch whose generator was kept (not saved) */
    double held_out_detection; /* early stopping: its held-out detection AUC (not saved) */
    rg_transformer *transformer;
    rg_condition_sampler sampler; /* generation-only (no row lists) */
    const rg_generator *generator;
    void *network;            /* the generator's state (generator->network_size bytes) */
    rg_calibration calibration; /* empty (logit_bias NULL) when not calibrated */
    rg_label_model label_model; /* classes == 0 when not used */
    riskgan_privacy_report privacy; /* private_fit == 0 when not differentially private */
};

#endif
