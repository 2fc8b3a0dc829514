/* test_support.h — helpers shared by the unit tests: cmocka, temporary and whole files, and the
 * finite-difference gradient check. */
#ifndef RISKGAN_TEST_SUPPORT_H
#define RISKGAN_TEST_SUPPORT_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <ftw.h>

/* Writes text to a new temporary file and returns its path (caller frees and unlinks). */
static inline char *write_temporary(const char *text, size_t length)
{
    char *path = strdup("/tmp/riskgan-test-XXXXXX");
    int descriptor = mkstemp(path);
    assert_true(descriptor >= 0);
    assert_int_equal(write(descriptor, text, length), (ssize_t)length);
    close(descriptor);
    return path;
}

/* The whole of a file, NUL-terminated (the caller frees); its length in *length (may be NULL). */
static inline char *read_whole_file(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    assert_true(size >= 0);
    rewind(f);
    char *bytes = calloc((size_t)size + 1, 1);
    assert_non_null(bytes);
    assert_int_equal(fread(bytes, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    if (length)
        *length = (size_t)size;
    return bytes;
}

static inline int remove_entry(const char *path, const struct stat *status, int kind, struct FTW *walk)
{
    (void)status, (void)kind, (void)walk;
    return remove(path);
}

/* Removes a temporary folder with everything in it and frees its path. */
static inline void remove_tree(char *directory)
{
    assert_int_equal(nftw(directory, remove_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
    free(directory);
}

static inline char *temporary_path(void)
{
    char *path = strdup("/tmp/riskgan-test-XXXXXX");
    int descriptor = mkstemp(path);
    assert_true(descriptor >= 0);
    close(descriptor);
    return path;
}

/* A scalar function of a parameter vector, evaluated with all randomness fixed. */
typedef double (*loss_function)(void *context);

/* Richardson-extrapolated central difference of loss with respect to values[i]
 * (error O(h^4)), restoring the value afterwards. */
static inline double numeric_derivative(loss_function f, void *context, float *values, size_t i, double h)
{
    float saved = values[i];
    double d[2];
    for (int k = 0; k < 2; k++) {
        double step = k == 0 ? h : h / 2;
        values[i] = (float)(saved + step);
        double plus = f(context);
        values[i] = (float)(saved - step);
        double minus = f(context);
        double actual = (double)(float)(saved + step) - (double)(float)(saved - step);
        d[k] = (plus - minus) / actual;
    }
    values[i] = saved;
    return (4 * d[1] - d[0]) / 3;
}

/* Relative error ||analytic - numeric|| / ||numeric|| over up to `samples` evenly spread
 * coordinates of values[0..n). */
static inline double gradient_relative_error(loss_function f, void *context, float *values,
                                             const float *analytic, size_t n, size_t samples, double h)
{
    double difference = 0, reference = 0;
    size_t stride = n > samples ? n / samples : 1;
    for (size_t i = 0; i < n; i += stride) {
        double numeric = numeric_derivative(f, context, values, i, h);
        difference += (analytic[i] - numeric) * (analytic[i] - numeric);
        reference += numeric * numeric;
    }
    return sqrt(difference) / fmax(sqrt(reference), 1e-12);
}

#endif
