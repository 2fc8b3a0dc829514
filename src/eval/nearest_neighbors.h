/* nearest_neighbors.h — exact nearest and second-nearest Euclidean neighbours by blocked
 * matrix products (|q|^2 + |r|^2 - 2 q.r through sgemm), for distances to closest records. */
#ifndef RISKGAN_EVAL_NEAREST_NEIGHBORS_H
#define RISKGAN_EVAL_NEAREST_NEIGHBORS_H

#include <stddef.h>
#include <stdint.h>

#include "riskgan.h"

/* For each of the nq query rows: distance to the nearest and second-nearest of the nr
 * reference rows (width columns each). The nearest distance is recomputed directly, so a
 * copy of a reference row gets exactly 0. second may be NULL. */
riskgan_status rg_nearest_two(const float *queries, size_t nq, const float *references, size_t nr, size_t width,
                              double *nearest, double *second);

/* Indices of the k nearest reference rows of each query row (nearest first), written to
 * neighbors (nq x k). With exclude_self, query i is reference i and is skipped. */
riskgan_status rg_nearest_k(const float *queries, size_t nq, const float *references, size_t nr, size_t width,
                            size_t k, int exclude_self, uint32_t *neighbors);

#endif
