/* nearest_neighbors.h — exact nearest and second-nearest Euclidean neighbours by blocked
 * matrix products (|q|^2 + |r|^2 - 2 q.r through sgemm), for distances to closest records. */
#ifndef RISKGAN_EVAL_NEAREST_NEIGHBORS_H
#define RISKGAN_EVAL_NEAREST_NEIGHBORS_H

#include <stddef.h>

#include "riskgan.h"

/* For each of the nq query rows: distance to the nearest and second-nearest of the nr
 * reference rows (width columns each). The nearest distance is recomputed directly, so a
 * copy of a reference row gets exactly 0. second may be NULL. */
riskgan_status rg_nearest_two(const float *queries, size_t nq, const float *references, size_t nr, size_t width,
                              double *nearest, double *second);

#endif
