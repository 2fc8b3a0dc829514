/* parallel.h — the ranks of a data-parallel run: MPI when riskgan is built with
 * -DRISKGAN_MPI=ON and started by mpirun, otherwise one rank and every call a no-op.
 * All collectives are called by every rank in the same order. */
#ifndef RISKGAN_CORE_PARALLEL_H
#define RISKGAN_CORE_PARALLEL_H

#include <stddef.h>

int rg_parallel_rank(void);
int rg_parallel_size(void);
/* Element-wise sums over the ranks, in place. */
void rg_parallel_sum_doubles(double *values, size_t count);
void rg_parallel_sum_floats(float *values, size_t count);
/* The largest of the ranks' values. */
size_t rg_parallel_largest(size_t value);
/* The smallest value over the ranks of an error status (0 = fine everywhere): lets every
 * rank leave a collective phase together when one of them failed. */
int rg_parallel_worst_status(int status);
/* Sends send_count[d] floats (consecutive in send, by destination rank) to each rank d
 * and receives receive_count[s] floats from each rank s into receive, by source rank. */
void rg_parallel_exchange_floats(const float *send, const size_t *send_count, float *receive,
                                 const size_t *receive_count);
/* Every rank's `count` doubles, rank by rank, into all (size * count). */
void rg_parallel_gather_doubles(const double *mine, size_t count, double *all);
/* Every rank's `length` bytes, rank by rank, into *all (malloc'd, *total bytes; each rank's
 * part below 2 GiB). Returns 0 when out of memory (on any rank: all return 0). */
int rg_parallel_gather_bytes(const void *mine, size_t length, char **all, size_t *total);

#endif
