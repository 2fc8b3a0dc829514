/* parallel.c — MPI collectives behind parallel.h. Without RISKGAN_MPI, or when the
 * process was not started by mpirun (the singleton case), there is one rank. */
#include "parallel.h"

#include "riskgan.h"
#include "error.h"

#ifdef RISKGAN_MPI
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

static int active(void)
{
    int initialized = 0, finalized = 0;
    MPI_Initialized(&initialized);
    MPI_Finalized(&finalized);
    return initialized && !finalized;
}

/* Started by a launcher: OpenMPI and PMIx set these (MPICH's hydra sets PMI_SIZE). */
static int launched_by_mpirun(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_SIZE");
}

riskgan_status riskgan_parallel_init(int *argc, char ***argv)
{
    if (active() || !launched_by_mpirun())
        return RISKGAN_OK;
    return MPI_Init(argc, argv) == MPI_SUCCESS ? RISKGAN_OK : rg_fail(RISKGAN_ERR_IO, "MPI could not be initialized");
}

void riskgan_parallel_finalize(void)
{
    if (active())
        MPI_Finalize();
}

int rg_parallel_rank(void)
{
    int rank = 0;
    if (active())
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int rg_parallel_size(void)
{
    int size = 1;
    if (active())
        MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}

/* MPI counts are ints: large buffers go in slices. */
enum { SLICE = 1 << 28 };

void rg_parallel_sum_doubles(double *values, size_t count)
{
    if (rg_parallel_size() == 1)
        return;
    for (size_t done = 0; done < count; done += SLICE) {
        int n = count - done < SLICE ? (int)(count - done) : SLICE;
        MPI_Allreduce(MPI_IN_PLACE, values + done, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    }
}

void rg_parallel_sum_floats(float *values, size_t count)
{
    if (rg_parallel_size() == 1)
        return;
    for (size_t done = 0; done < count; done += SLICE) {
        int n = count - done < SLICE ? (int)(count - done) : SLICE;
        MPI_Allreduce(MPI_IN_PLACE, values + done, n, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
    }
}

size_t rg_parallel_largest(size_t value)
{
    if (rg_parallel_size() == 1)
        return value;
    unsigned long long mine = value, largest = value;
    MPI_Allreduce(&mine, &largest, 1, MPI_UNSIGNED_LONG_LONG, MPI_MAX, MPI_COMM_WORLD);
    return (size_t)largest;
}

int rg_parallel_worst_status(int status)
{
    if (rg_parallel_size() == 1)
        return status;
    int worst = status;
    MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return worst;
}

void rg_parallel_exchange_floats(const float *send, const size_t *send_count, float *receive,
                                 const size_t *receive_count)
{
    int size = rg_parallel_size();
    if (size == 1) {
        memcpy(receive, send, send_count[0] * sizeof *send);
        return;
    }
    int *counts = malloc(4 * (size_t)size * sizeof *counts);
    if (!counts)
        abort(); /* a few ints per rank: nothing sensible is left to do */
    int *send_n = counts, *send_at = counts + size, *receive_n = counts + 2 * size, *receive_at = counts + 3 * size;
    size_t send_offset = 0, receive_offset = 0;
    for (int r = 0; r < size; r++) {
        send_n[r] = (int)send_count[r];
        send_at[r] = (int)send_offset;
        receive_n[r] = (int)receive_count[r];
        receive_at[r] = (int)receive_offset;
        send_offset += send_count[r];
        receive_offset += receive_count[r];
    }
    MPI_Alltoallv(send, send_n, send_at, MPI_FLOAT, receive, receive_n, receive_at, MPI_FLOAT, MPI_COMM_WORLD);
    free(counts);
}

void rg_parallel_gather_doubles(const double *mine, size_t count, double *all)
{
    if (rg_parallel_size() == 1) {
        memcpy(all, mine, count * sizeof *mine);
        return;
    }
    MPI_Allgather(mine, (int)count, MPI_DOUBLE, all, (int)count, MPI_DOUBLE, MPI_COMM_WORLD);
}

int rg_parallel_gather_bytes(const void *mine, size_t length, char **all, size_t *total)
{
    int size = rg_parallel_size();
    int *counts = malloc(2 * (size_t)size * sizeof *counts), mine_count = (int)length;
    if (!counts)
        abort(); /* a few ints per rank: nothing sensible is left to do */
    int *at = counts + size;
    MPI_Allgather(&mine_count, 1, MPI_INT, counts, 1, MPI_INT, MPI_COMM_WORLD);
    *total = 0;
    for (int r = 0; r < size; r++) {
        at[r] = (int)*total;
        *total += (size_t)counts[r];
    }
    *all = malloc(*total + 1);
    int ready = rg_parallel_worst_status(*all != NULL && *total < (size_t)1 << 31 ? 0 : -1) == 0;
    if (ready)
        MPI_Allgatherv(mine, mine_count, MPI_BYTE, *all, counts, at, MPI_BYTE, MPI_COMM_WORLD);
    free(counts);
    if (!ready) {
        free(*all);
        *all = NULL;
    }
    return ready;
}

#else /* one rank */
#include <stdlib.h>
#include <string.h>

riskgan_status riskgan_parallel_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return RISKGAN_OK;
}

void riskgan_parallel_finalize(void) {}
int rg_parallel_rank(void) { return 0; }
int rg_parallel_size(void) { return 1; }
void rg_parallel_sum_doubles(double *values, size_t count) { (void)values, (void)count; }
void rg_parallel_sum_floats(float *values, size_t count) { (void)values, (void)count; }
int rg_parallel_worst_status(int status) { return status; }
size_t rg_parallel_largest(size_t value) { return value; }

void rg_parallel_exchange_floats(const float *send, const size_t *send_count, float *receive,
                                 const size_t *receive_count)
{
    (void)receive_count;
    memcpy(receive, send, send_count[0] * sizeof *send);
}

void rg_parallel_gather_doubles(const double *mine, size_t count, double *all)
{
    memcpy(all, mine, count * sizeof *mine);
}

int rg_parallel_gather_bytes(const void *mine, size_t length, char **all, size_t *total)
{
    *total = length;
    if (!(*all = malloc(length + 1)))
        return 0;
    memcpy(*all, mine, length);
    return 1;
}

#endif

int riskgan_parallel_rank(void)
{
    return rg_parallel_rank();
}

int riskgan_parallel_ranks(void)
{
    return rg_parallel_size();
}
