/* parent_head.h — a number drawn once per parent from the parent's columns: a number head
 * (event_heads.h) over the parent's features, trained by maximum likelihood with the best
 * epoch on a tenth of the parents held out kept. The event model draws two: how many events a
 * parent has (not from its count column, which the parent's own model drew: from what the
 * parent is, its opening date, its other children), and the level its running balance keeps
 * (the sequence's mean balance: DoppelGANger's per-sequence scale, which the events then
 * revert to). */
#ifndef RISKGAN_RELATIONAL_PARENT_HEAD_H
#define RISKGAN_RELATIONAL_PARENT_HEAD_H

#include <stddef.h>
#include <stdint.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../learn/features.h"
#include "event_heads.h"
#include "riskgan.h"

typedef struct {
    rg_feature_encoder features; /* the parent's columns but one (its count column) */
    rg_head head;                /* tokens of the number */
} rg_parent_head;

typedef struct {
    const char *name;       /* what the number is, in messages */
    long exclude;           /* a parent column the head does not see (-1: none) */
    int integer, decimals;  /* the number's format */
    size_t min_parents;     /* a value shared by fewer parents is never an exact token */
    uint64_t seed;
} rg_parent_head_options;

/* Fits the head to values[p] of each parent p (NaN: not learned from). */
riskgan_status rg_parent_head_fit(rg_parent_head *head, const riskgan_table *parents, const double *values,
                                  const rg_parent_head_options *options);
/* Draws every parent's number into values[parents->rows]; a parent flagged in `positive`
 * (NULL: none) gets a number of at least 1, drawn from the head's other tokens (at worst 1). */
riskgan_status rg_parent_head_sample(const rg_parent_head *head, const riskgan_table *parents, rg_rng *rng,
                                     const unsigned char *positive, double *values);
void rg_parent_head_free(rg_parent_head *head);
void rg_parent_head_write(const rg_parent_head *head, rg_writer *writer);
riskgan_status rg_parent_head_read(rg_parent_head *head, rg_reader *reader, uint32_t version);

#endif
