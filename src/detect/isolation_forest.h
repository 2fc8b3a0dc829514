/* isolation_forest.h — Isolation Forest (Liu, Ting & Zhou 2008): trees grown on random
 * subsamples by random splits (a random feature, a cut uniform between its minimum and
 * maximum in the node) up to depth ceil(log2 subsample); a row's score is
 * 2^(-E[h(x)] / c(subsample)), h the path length plus c(size) at the leaf reached. */
#ifndef RISKGAN_DETECT_ISOLATION_FOREST_H
#define RISKGAN_DETECT_ISOLATION_FOREST_H

#include <stddef.h>
#include <stdint.h>

#include "../core/binary_io.h"
#include "riskgan.h"

typedef struct {
    int32_t feature;        /* -1: leaf */
    uint32_t left, right;   /* child node indices within the tree */
    uint32_t size;          /* training rows that reached the node */
    double cut;             /* rows with value < cut go left */
} rg_itree_node;

typedef struct {
    size_t trees, subsample, features;
    size_t *first, *count;  /* per tree: its first node in `nodes`, its node count */
    rg_itree_node *nodes;
} rg_iforest;

/* c(n): the average path length of an unsuccessful search in a binary search tree of n
 * keys, 2 H(n-1) - 2 (n-1) / n (c(1) = 0, c(2) = 1). */
double rg_iforest_average_path(double n);
/* Grows `trees` trees on rows x features values (row-major); subsample is capped at rows.
 * Each tree draws from its own stream of `seed`, so any thread count gives the same forest. */
riskgan_status rg_iforest_fit(const double *x, size_t rows, size_t features, size_t trees, size_t subsample,
                              uint64_t seed, rg_iforest *out);
void rg_iforest_free(rg_iforest *forest);
/* The expected path length E[h(x)] of one row. */
double rg_iforest_path_length(const rg_iforest *forest, const double *row);
/* The anomaly score 2^(-E[h(x)] / c(subsample)) in (0, 1]; attribution (may be NULL,
 * `features` doubles) receives, per feature, the mean over trees of the shares of the
 * node's training rows that the row's splits on that feature separated it from. */
double rg_iforest_score(const rg_iforest *forest, const double *row, double *attribution);
void rg_iforest_write(const rg_iforest *forest, rg_writer *writer);
riskgan_status rg_iforest_read(rg_iforest *forest, rg_reader *reader, size_t features);

#endif
