/* bench_speed.c — CTGAN training speed in the published configuration: seconds per epoch,
 * seconds per optimizer step and achieved GFLOP/s (multiply-adds counted from the layer
 * shapes, two FLOPs each), plus the machine's own sgemm rate for comparison.
 *
 *   bench_speed TRAIN.csv TARGET [EPOCHS] [THREADS]
 */
#include <cblas.h>
#include <riskgan.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "models/ctgan.h"
#include "models/model.h"

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* FLOPs of one discriminator step plus one generator step (see ctgan.c). */
static double step_flops(double batch, double pac, double data, double condition)
{
    double h = 256, noise = 128, in = noise + condition, groups = batch / pac, din = pac * (data + condition);
    double generator_forward = 2 * batch * (in * h + (in + h) * h + (in + 2 * h) * data);
    double generator_backward = 2 * batch * (in * h + 2 * (in + h) * h + 2 * (in + 2 * h) * data);
    double critic_forward = 2 * (din * h + h * h + h);                /* per row */
    double critic_backward_parameters = 2 * (din * h + 2 * h * h + 2 * h);
    double critic_backward_input = 2 * (din * h + h * h + h);
    double penalty = 2 * (3 * din * h + 3 * h * h);
    double critic_step = generator_forward + 3 * groups * critic_forward + 2 * groups * critic_backward_parameters +
                         groups * penalty;
    double generator_step = generator_forward + groups * critic_forward + groups * critic_backward_input + generator_backward;
    return critic_step + generator_step;
}

static double sgemm_rate(int n, int threads)
{
    riskgan_set_threads(threads);
    float *a = calloc((size_t)n * n, sizeof *a), *b = calloc((size_t)n * n, sizeof *b), *c = calloc((size_t)n * n, sizeof *c);
    for (size_t i = 0; i < (size_t)n * n; i++)
        a[i] = b[i] = 1e-3f * (float)(i % 1000);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
    double start = seconds();
    int reps = 5;
    for (int r = 0; r < reps; r++)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
    double rate = 2.0 * n * n * n * reps / (seconds() - start) / 1e9;
    free(a), free(b), free(c);
    return rate;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s TRAIN.csv TARGET [EPOCHS] [THREADS]\n", argv[0]);
        return 2;
    }
    int epochs = argc > 3 ? atoi(argv[3]) : 300, threads = argc > 4 ? atoi(argv[4]) : 2;
    riskgan_table *table;
    if (riskgan_table_read_csv(argv[1], NULL, &table) != RISKGAN_OK) {
        fprintf(stderr, "%s\n", riskgan_last_error());
        return 1;
    }
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_CTGAN);
    options.target = argv[2];
    options.epochs = epochs;
    options.threads = threads;
    riskgan_model *model;
    double start = seconds();
    if (riskgan_fit(table, &options, &model) != RISKGAN_OK) {
        fprintf(stderr, "%s\n", riskgan_last_error());
        return 1;
    }
    double elapsed = seconds() - start;
    size_t rows = riskgan_table_rows(table);
    long steps_per_epoch = (long)(rows / (size_t)model->batch_size) > 1 ? (long)(rows / (size_t)model->batch_size) : 1;
    double steps = (double)steps_per_epoch * epochs;
    const rg_ctgan *ctgan = model->network;
    double flops = step_flops(model->batch_size, model->pac, ctgan->data_dim, ctgan->condition_dim);
    printf("%zu rows, encoded width %d + condition %d, batch %d, %d epochs x %ld steps, %d threads\n", rows,
           ctgan->data_dim, ctgan->condition_dim, model->batch_size, epochs, steps_per_epoch, threads);
    printf("fit %.2f s (includes the mixture fits): %.4f s/epoch, %.2f ms/step, %.2f GFLOP/step, %.1f GFLOP/s\n", elapsed,
           elapsed / epochs, elapsed / steps * 1e3, flops / 1e9, flops * steps / elapsed / 1e9);
    printf("sgemm 2048^3: %.1f GFLOP/s with %d threads, %.1f with 1\n", sgemm_rate(2048, threads), threads,
           sgemm_rate(2048, 1));
    riskgan_model_free(model);
    riskgan_table_free(table);
    return 0;
}
