/* threads.h — the process-wide thread counts of OpenMP loops and OpenBLAS, set for the length
 * of one call and given back afterwards, so that no library call leaves a changed count
 * behind (riskgan_set_threads alone sets them for good). */
#ifndef RISKGAN_CORE_THREADS_H
#define RISKGAN_CORE_THREADS_H

typedef struct {
    int openmp, blas;
} rg_thread_counts;

/* Sets both counts to `threads` (<= 0: leaves them) and returns the counts before. */
rg_thread_counts rg_threads_push(int threads);
/* Gives the counts rg_threads_push returned back. */
void rg_threads_pop(rg_thread_counts previous);
/* Sets OpenBLAS's count alone (a small network runs faster on one) and returns the one before. */
int rg_blas_set_threads(int threads);
/* OpenBLAS's count now. */
int rg_blas_threads(void);

#endif
