/* bench_detect_latency.c — per-row scoring latency of a detector through the C API
 * (riskgan_detect_score_row), single thread: median and p99 over the rows of a CSV given as
 * text fields; then throughput with T threads, each with its own scratch.
 *
 *   bench_detect_latency DETECTOR.rdet ROWS.csv [THREADS] */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/compare.h"
#include "riskgan.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s DETECTOR.rdet ROWS.csv [THREADS]\n", argv[0]);
        return 2;
    }
    riskgan_detector *d;
    riskgan_table *table;
    if (riskgan_detector_load(argv[1], &d) != RISKGAN_OK || riskgan_detect_read_csv(d, argv[2], NULL, &table) != RISKGAN_OK) {
        fprintf(stderr, "%s\n", riskgan_last_error());
        return 1;
    }
    riskgan_detector_info info;
    riskgan_detector_get_info(d, &info);
    size_t rows = riskgan_table_rows(table), columns = info.columns;
    char *text = calloc(rows * columns, 48);
    const char **fields = calloc(rows * columns, sizeof *fields);
    for (size_t j = 0; j < columns; j++) { /* the rows as the text a service receives */
        long k = riskgan_table_find_column(table, riskgan_detector_column_name(d, j));
        riskgan_column_summary s;
        riskgan_table_column_summary(table, (size_t)k, &s);
        for (size_t r = 0; r < rows; r++) {
            char *cell = text + (r * columns + j) * 48;
            if (s.type == RISKGAN_COLUMN_CATEGORICAL) {
                const char *c = riskgan_table_category(table, r, (size_t)k);
                snprintf(cell, 48, "%s", c ? c : "");
            } else {
                riskgan_table_format_value(table, (size_t)k, riskgan_table_number(table, r, (size_t)k), cell, 48);
            }
            fields[r * columns + j] = cell;
        }
    }
    riskgan_set_threads(1);
    riskgan_detect_scratch *scratch;
    riskgan_detect_scratch_new(d, &scratch);
    double *latency = calloc(rows, sizeof *latency), score, sink = 0;
    for (size_t r = 0; r < rows && r < 1000; r++) /* warm-up */
        riskgan_detect_score_row(d, scratch, fields + r * columns, columns, &score, 0, NULL, NULL);
    for (size_t r = 0; r < rows; r++) {
        double start = now();
        riskgan_detect_score_row(d, scratch, fields + r * columns, columns, &score, 0, NULL, NULL);
        latency[r] = now() - start;
        sink += score;
    }
    qsort(latency, rows, sizeof *latency, rg_compare_doubles);
    printf("rows %zu  columns %zu  median %.2f us  p99 %.2f us  (checksum %.6g)\n", rows, columns,
           1e6 * latency[rows / 2], 1e6 * latency[(size_t)(0.99 * (double)(rows - 1))], sink);
    riskgan_detect_scratch_free(scratch);
    int threads = argc > 3 ? atoi(argv[3]) : 2;
    double start = now();
    size_t scored = 0;
#pragma omp parallel num_threads(threads) reduction(+ : scored)
    {
        riskgan_detect_scratch *own;
        riskgan_detect_scratch_new(d, &own);
        double s;
        for (int pass = 0; pass < 5; pass++)
#pragma omp for
            for (size_t r = 0; r < rows; r++)
                scored += riskgan_detect_score_row(d, own, fields + r * columns, columns, &s, 0, NULL, NULL) == RISKGAN_OK;
        riskgan_detect_scratch_free(own);
    }
    double seconds = now() - start;
    printf("threads %d  %.0f rows/s  (%zu rows scored)\n", threads, (double)scored / seconds, scored);
    free(latency);
    free(text);
    free(fields);
    riskgan_table_free(table);
    riskgan_detector_free(d);
    return 0;
}
