/* event_length.h — how many events a parent has: a number head (event_heads.h) over the
 * parent's columns alone (not its count column, which the parent's own model drew), so the
 * number of a parent's events follows what the parent is (its opening date, its other
 * children) as it did in the data; trained by maximum likelihood, the best epoch on a tenth of
 * the parents held out kept. */
#ifndef RISKGAN_RELATIONAL_EVENT_LENGTH_H
#define RISKGAN_RELATIONAL_EVENT_LENGTH_H

#include <stddef.h>
#include <stdint.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../learn/features.h"
#include "event_heads.h"
#include "riskgan.h"

typedef struct {
    rg_feature_encoder features; /* the parent's columns but its count column */
    rg_head head;                /* tokens of the number of events */
} rg_length_model;

/* Fits the model to the parents (their count column `count_column` holds each one's number of
 * events); hidden width, epochs cap (0: 300), seed. */
riskgan_status rg_length_fit(rg_length_model *model, const riskgan_table *parents, const char *count_column,
                             int hidden, int epochs, size_t min_parents, uint64_t seed);
/* Draws every parent's number of events into lengths[parents->rows]. */
riskgan_status rg_length_sample(const rg_length_model *model, const riskgan_table *parents, rg_rng *rng,
                                size_t *lengths);
void rg_length_free(rg_length_model *model);
void rg_length_write(const rg_length_model *model, rg_writer *writer);
riskgan_status rg_length_read(rg_length_model *model, rg_reader *reader);

#endif
