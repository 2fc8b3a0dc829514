/* market_sample.c — generating paths from a market model: into memory, or streamed to CSV
 * in chunks of paths so that memory does not grow with the number of paths (one chunk of
 * returns and text per thread). Each chunk has its own random stream (from the seed and the
 * chunk number) and chunks run in parallel, so the output does not depend on the threads. */
#include <locale.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/threads.h"
#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../nn/layers.h"
#include "market_internal.h"
#include "market_model.h"

enum { CHUNK_PATHS = 1024 };

void riskgan_market_sample_options_init(riskgan_market_sample_options *o)
{
    memset(o, 0, sizeof *o);
    o->paths = 1000;
    o->days = 250;
}

static riskgan_status check_options(const riskgan_market_sample_options *o)
{
    if (o->paths == 0 || o->days == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "paths and days must be positive");
    if (o->days > 100000 || o->paths > 100000000)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "at most 100,000 days and 100,000,000 paths");
    return RISKGAN_OK;
}

/* Paths [first, first + count) into out (count x days x assets). */
static void sample_chunk(const riskgan_market_model *m, rg_market_engine *e, const riskgan_market_sample_options *o,
                         size_t chunk, double *out, double *day)
{
    rg_rng rng;
    rg_rng_seed(&rng, o->seed ^ (0x9e3779b97f4a7c15ULL * (chunk + 1)));
    if (o->from_history)
        rg_market_engine_start_after(e, m->history, m->days);
    else
        rg_market_engine_start_random(e, &rng);
    size_t d = m->assets;
    for (size_t t = 0; t < o->days; t++) {
        rg_market_engine_step(e, day, &rng);
        for (size_t p = 0; p < e->paths; p++)
            memcpy(out + (p * o->days + t) * d, day + p * d, d * sizeof *day);
    }
}

/* Chunk `chunk` (paths [chunk * CHUNK_PATHS, ...)) into out: its own engine and stream. */
static riskgan_status run_chunk(const riskgan_market_model *m, const riskgan_market_sample_options *o, size_t chunk,
                                double *out)
{
    size_t first = chunk * CHUNK_PATHS, count = o->paths - first < CHUNK_PATHS ? o->paths - first : CHUNK_PATHS;
    rg_market_engine e;
    double *day = rg_calloc(count * m->assets, sizeof *day);
    riskgan_status status = day ? rg_market_engine_init(&e, m, count) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        sample_chunk(m, &e, o, chunk, out, day);
        rg_market_engine_free(&e);
    }
    free(day);
    return status;
}

riskgan_status riskgan_market_sample(const riskgan_market_model *m, const riskgan_market_sample_options *o,
                                     double *returns)
{
    riskgan_status status = check_options(o);
    if (status != RISKGAN_OK)
        return status;
    long chunks = (long)((o->paths + CHUNK_PATHS - 1) / CHUNK_PATHS);
    int blas_threads = rg_blas_set_threads(1); /* chunks run in parallel instead */
#pragma omp parallel for schedule(static, 1)
    for (long chunk = 0; chunk < chunks; chunk++) {
        riskgan_status chunk_status = run_chunk(m, o, (size_t)chunk, returns + (size_t)chunk * CHUNK_PATHS * o->days * m->assets);
        if (chunk_status != RISKGAN_OK) {
#pragma omp critical
            status = chunk_status;
        }
    }
    rg_blas_set_threads(blas_threads);
    return status;
}

/* value rounded to `decimals` digits and written with them (the project's number writer). */
static int format_rounded(char *out, double value, int decimals)
{
    return rg_format_number(out, 40, rg_round_to_format(value, decimals), decimals);
}

/* A price as the paths show it: rounded to the asset's input decimals, at least one unit of
 * the last decimal. */
static double shown_price(const riskgan_market_model *m, size_t asset, double value, int *decimals)
{
    *decimals = m->decimals[asset] < 0 ? 6 : m->decimals[asset];
    double unit = *decimals <= 10 ? pow(10, -*decimals) : 0;
    return rg_round_to_format(fmax(value, unit), *decimals);
}

static void write_day(FILE *f, const riskgan_market_model *m, size_t path, size_t day, const double *values, int returns)
{
    char line[64 + 48 * 64], *at = line;
    at += sprintf(at, "%zu,%zu", path, day);
    for (size_t a = 0; a < m->assets; a++) {
        if ((size_t)(at - line) > sizeof line - 48) {
            fwrite(line, 1, (size_t)(at - line), f);
            at = line;
        }
        *at++ = ',';
        if (returns) {
            at += format_rounded(at, values[a], 10);
        } else {
            int decimals;
            double price = shown_price(m, a, values[a], &decimals);
            at += rg_format_number(at, 40, price, decimals);
        }
    }
    *at++ = '\n';
    fwrite(line, 1, (size_t)(at - line), f);
}

riskgan_status riskgan_market_sample_prices(const riskgan_market_model *m, const riskgan_market_sample_options *o,
                                            double *prices)
{
    size_t d = m->assets, days = o->days;
    double *returns = o->paths && days ? rg_calloc(o->paths * days * d, sizeof *returns) : NULL;
    riskgan_status status = returns ? riskgan_market_sample(m, o, returns) : check_options(o);
    if (status == RISKGAN_OK && !returns)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t p = 0; status == RISKGAN_OK && p < o->paths; p++) {
        double *out = prices + p * (days + 1) * d;
        int decimals;
        for (size_t a = 0; a < d; a++)
            out[a] = m->last_price[a];
        for (size_t t = 0; t < days; t++)
            for (size_t a = 0; a < d; a++)
                out[(t + 1) * d + a] = out[t * d + a] * exp(returns[(p * days + t) * d + a]);
        for (size_t i = 0; i < (days + 1) * d; i++)
            out[i] = shown_price(m, i % d, out[i], &decimals);
    }
    free(returns);
    return status;
}

/* The CSV text of one chunk of paths (caller frees *text). */
static riskgan_status format_chunk(const riskgan_market_model *m, const riskgan_market_sample_options *o, size_t chunk,
                                   const double *returns, char **text, size_t *length)
{
    size_t d = m->assets, first = chunk * CHUNK_PATHS;
    size_t count = o->paths - first < CHUNK_PATHS ? o->paths - first : CHUNK_PATHS;
    double *price = rg_calloc(d, sizeof *price);
    FILE *f = price ? open_memstream(text, length) : NULL;
    if (!f) {
        free(price);
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory formatting paths");
    }
    for (size_t p = 0; p < count; p++) {
        memcpy(price, m->last_price, d * sizeof *price);
        if (!o->returns)
            write_day(f, m, first + p, 0, price, 0);
        for (size_t t = 0; t < o->days; t++) {
            const double *r = returns + (p * o->days + t) * d;
            for (size_t a = 0; a < d; a++)
                price[a] *= exp(r[a]);
            write_day(f, m, first + p, t + 1, o->returns ? r : price, o->returns);
        }
    }
    int failed = ferror(f);
    fclose(f);
    free(price);
    if (failed) {
        free(*text);
        *text = NULL;
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory formatting paths");
    }
    return RISKGAN_OK;
}

riskgan_status riskgan_market_sample_to_csv(const riskgan_market_model *m, const riskgan_market_sample_options *o,
                                         const char *path)
{
    riskgan_status status = check_options(o);
    if (status != RISKGAN_OK)
        return status;
    /* groups of chunks, one per thread: generated and formatted in parallel, written in order */
    int group = omp_get_max_threads();
    size_t chunk_values = CHUNK_PATHS * o->days * m->assets, chunks = (o->paths + CHUNK_PATHS - 1) / CHUNK_PATHS;
    double *buffers = rg_calloc((size_t)group * chunk_values, sizeof *buffers);
    char **texts = rg_calloc((size_t)group, sizeof *texts);
    size_t *lengths = rg_calloc((size_t)group, sizeof *lengths);
    if (!buffers || !texts || !lengths) {
        free(buffers), free(texts), free(lengths);
        return RISKGAN_ERR_NO_MEMORY;
    }
    rg_atomic_file file;
    status = rg_atomic_open(&file, path);
    locale_t previous = rg_use_c_locale();
    if (status == RISKGAN_OK) {
        fputs("path,day", file.stream);
        for (size_t a = 0; a < m->assets; a++)
            fprintf(file.stream, ",%s", m->names[a]);
        fputc('\n', file.stream);
    }
    int blas_threads = rg_blas_set_threads(1);
    for (size_t start = 0; status == RISKGAN_OK && start < chunks; start += (size_t)group) {
        long members = (long)(chunks - start < (size_t)group ? chunks - start : (size_t)group);
#pragma omp parallel for schedule(static, 1)
        for (long k = 0; k < members; k++) {
            locale_t thread_previous = rg_use_c_locale();
            riskgan_status chunk_status = run_chunk(m, o, start + (size_t)k, buffers + (size_t)k * chunk_values);
            if (chunk_status == RISKGAN_OK)
                chunk_status = format_chunk(m, o, start + (size_t)k, buffers + (size_t)k * chunk_values, &texts[k],
                                            &lengths[k]);
            uselocale(thread_previous);
            if (chunk_status != RISKGAN_OK) {
#pragma omp critical
                status = chunk_status;
            }
        }
        for (long k = 0; k < members; k++) {
            if (status == RISKGAN_OK && fwrite(texts[k], 1, lengths[k], file.stream) != lengths[k])
                status = rg_fail(RISKGAN_ERR_IO, "writing %s failed", path);
            free(texts[k]);
            texts[k] = NULL;
        }
    }
    rg_blas_set_threads(blas_threads);
    uselocale(previous);
    if (status == RISKGAN_OK)
        status = rg_atomic_commit(&file);
    else if (file.stream)
        rg_atomic_abort(&file);
    free(buffers), free(texts), free(lengths);
    return status;
}
