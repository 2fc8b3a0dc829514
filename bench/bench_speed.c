/* bench_speed.c — CTGAN training speed, in the published configuration (preset ctgan) or
 * riskgan's defaults: milliseconds per generator step (with its critic steps) timed by the
 * progress reports from the end of the first epoch to the end of the last (the mixture fits,
 * the first epoch's warm-up and the calibration left out), achieved GFLOP/s (multiply-adds
 * counted from the layer shapes, two FLOPs each), and the machine's own sgemm rate.
 *
 *   bench_speed TRAIN.csv TARGET [EPOCHS] [THREADS] [ctgan|default]
 */
#include <cblas.h>
#include <riskgan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/ctgan.h"
#include "models/model.h"

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* FLOPs of `critic_steps` critic steps and one generator step (see ctgan_critic.c). */
static double step_flops(double batch, double pac, double data, double condition, double critic_steps)
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
    return critic_steps * critic_step + generator_step;
}

typedef struct {
    double first, last; /* elapsed seconds at the end of the first and of the last epoch */
} epoch_times;

static void record_epoch(const riskgan_progress *p, void *user)
{
    epoch_times *t = user;
    if (p->epoch == 1)
        t->first = p->elapsed_seconds;
    t->last = p->elapsed_seconds;
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
        fprintf(stderr, "usage: %s TRAIN.csv TARGET [EPOCHS] [THREADS] [ctgan|default]\n", argv[0]);
        return 2;
    }
    int epochs = argc > 3 ? atoi(argv[3]) : 300, threads = argc > 4 ? atoi(argv[4]) : 2;
    int published = argc <= 5 || strcmp(argv[5], "default") != 0;
    if (epochs < 2) {
        fprintf(stderr, "at least 2 epochs: the first is not timed\n");
        return 2;
    }
    riskgan_table *table;
    if (riskgan_table_read_csv(argv[1], NULL, &table) != RISKGAN_OK) {
        fprintf(stderr, "%s\n", riskgan_last_error());
        return 1;
    }
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, published ? RISKGAN_PRESET_CTGAN : RISKGAN_PRESET_DEFAULT);
    options.target = argv[2];
    options.epochs = epochs;
    options.threads = threads;
    epoch_times times = {0, 0};
    options.progress = record_epoch;
    options.progress_user = &times;
    riskgan_model *model;
    double start = seconds();
    if (riskgan_fit(table, &options, &model) != RISKGAN_OK) {
        fprintf(stderr, "%s\n", riskgan_last_error());
        return 1;
    }
    double elapsed = seconds() - start;
    size_t rows = riskgan_table_rows(table);
    long steps_per_epoch = (long)(rows / (size_t)model->batch_size) > 1 ? (long)(rows / (size_t)model->batch_size) : 1;
    double steps = (double)steps_per_epoch * (epochs - 1), timed = times.last - times.first;
    const rg_ctgan *ctgan = model->network;
    double flops = step_flops(model->batch_size, model->pac, ctgan->data_dim, ctgan->condition_dim,
                              model->discriminator_steps);
    printf("%s preset: %zu rows, encoded width %d + condition %d, batch %d, %d critic steps, %d epochs x %ld steps, "
           "%d threads\n", published ? "ctgan" : "default", rows, ctgan->data_dim, ctgan->condition_dim,
           model->batch_size, model->discriminator_steps, epochs, steps_per_epoch, threads);
    printf("fit %.2f s (with the mixture fits and calibration); epochs 2-%d: %.4f s/epoch, %.2f ms/step, "
           "%.2f GFLOP/step, %.1f GFLOP/s\n", elapsed, epochs, timed / (epochs - 1), timed / steps * 1e3, flops / 1e9,
           flops * steps / timed / 1e9);
    printf("sgemm 2048^3: %.1f GFLOP/s with %d threads, %.1f with 1\n", sgemm_rate(2048, threads), threads,
           sgemm_rate(2048, 1));
    riskgan_model_free(model);
    riskgan_table_free(table);
    return 0;
}
