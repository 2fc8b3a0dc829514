/* threads.c — the process-wide thread counts of OpenMP loops and OpenBLAS. */
#include <omp.h>

#include "riskgan.h"

void openblas_set_num_threads(int threads);

void riskgan_set_threads(int threads)
{
    if (threads <= 0)
        return;
    omp_set_num_threads(threads);
    openblas_set_num_threads(threads);
}
