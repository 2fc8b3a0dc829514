/* threads.c — the process-wide thread counts of OpenMP loops and OpenBLAS. */
#include "threads.h"

#include <omp.h>

#include "riskgan.h"

void openblas_set_num_threads(int threads);
int openblas_get_num_threads(void);

void riskgan_set_threads(int threads)
{
    if (threads <= 0)
        return;
    omp_set_num_threads(threads);
    openblas_set_num_threads(threads);
}

rg_thread_counts rg_threads_push(int threads)
{
    rg_thread_counts previous = {omp_get_max_threads(), openblas_get_num_threads()};
    riskgan_set_threads(threads);
    return previous;
}

void rg_threads_pop(rg_thread_counts previous)
{
    omp_set_num_threads(previous.openmp);
    openblas_set_num_threads(previous.blas);
}

int rg_blas_set_threads(int threads)
{
    int previous = openblas_get_num_threads();
    openblas_set_num_threads(threads);
    return previous;
}

int rg_blas_threads(void)
{
    return openblas_get_num_threads();
}
