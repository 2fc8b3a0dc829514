/* market_sample.c — generating paths from a market model: into memory, or streamed to CSV
 * in chunks of paths so that memory does not grow with the number of paths. Each chunk has
 * its own random stream (from the seed and the chunk number), so output never depends on
 * how the work is cut. */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "market_internal.h"

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
        rg_market_engine_start_after(e, m->history, m->days, &rng);
    else
        rg_market_engine_start_random(e, &rng);
    size_t d = m->assets;
    for (size_t t = 0; t < o->days; t++) {
        rg_market_engine_step(e, day, &rng);
        for (size_t p = 0; p < e->paths; p++)
            memcpy(out + (p * o->days + t) * d, day + p * d, d * sizeof *day);
    }
}

riskgan_status riskgan_market_sample(const riskgan_market_model *m, const riskgan_market_sample_options *o,
                                     double *returns)
{
    riskgan_status status = check_options(o);
    for (size_t first = 0, chunk = 0; status == RISKGAN_OK && first < o->paths; first += CHUNK_PATHS, chunk++) {
        size_t count = o->paths - first < CHUNK_PATHS ? o->paths - first : CHUNK_PATHS;
        rg_market_engine e;
        double *day = rg_calloc(count * m->assets, sizeof *day);
        status = day ? rg_market_engine_init(&e, m, count) : RISKGAN_ERR_NO_MEMORY;
        if (status == RISKGAN_OK) {
            sample_chunk(m, &e, o, chunk, returns + first * o->days * m->assets, day);
            rg_market_engine_free(&e);
        }
        free(day);
    }
    return status;
}

/* value with `decimals` digits after the point (0..9), fast path of the writer. */
static int format_fixed(char *out, double value, int decimals)
{
    static const double powers[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10};
    if (decimals < 0 || decimals > 10 || !(fabs(value) < 1e8))
        return rg_format_number(out, 40, value, -1);
    long long scaled = llround(value * powers[decimals]);
    char digits[32];
    int negative = scaled < 0, n = 0, length = 0;
    unsigned long long u = negative ? (unsigned long long)(-scaled) : (unsigned long long)scaled;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0 || n <= decimals);
    if (negative)
        out[length++] = '-';
    for (int i = n - 1; i >= 0; i--) {
        out[length++] = digits[i];
        if (i == decimals && decimals > 0)
            out[length++] = '.';
    }
    out[length] = '\0';
    return length;
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
            at += format_fixed(at, values[a], 10);
        } else {
            int decimals = m->decimals[a] < 0 ? 6 : m->decimals[a];
            double unit = decimals <= 10 ? pow(10, -decimals) : 0;
            at += format_fixed(at, fmax(values[a], unit), decimals);
        }
    }
    *at++ = '\n';
    fwrite(line, 1, (size_t)(at - line), f);
}

riskgan_status riskgan_market_sample_csv(const riskgan_market_model *m, const riskgan_market_sample_options *o,
                                         const char *path)
{
    riskgan_status status = check_options(o);
    if (status != RISKGAN_OK)
        return status;
    size_t chunk_paths = o->paths < CHUNK_PATHS ? o->paths : CHUNK_PATHS, d = m->assets;
    double *buffer = rg_calloc(chunk_paths * o->days * d, sizeof *buffer), *day = rg_calloc(chunk_paths * d, sizeof *day);
    double *price = rg_calloc(d, sizeof *price);
    rg_atomic_file file;
    if (!buffer || !day || !price) {
        free(buffer), free(day), free(price);
        return RISKGAN_ERR_NO_MEMORY;
    }
    status = rg_atomic_open(&file, path);
    locale_t previous = rg_use_c_locale();
    if (status == RISKGAN_OK) {
        fputs("path,day", file.stream);
        for (size_t a = 0; a < d; a++)
            fprintf(file.stream, ",%s", m->names[a]);
        fputc('\n', file.stream);
    }
    for (size_t first = 0, chunk = 0; status == RISKGAN_OK && first < o->paths; first += CHUNK_PATHS, chunk++) {
        size_t count = o->paths - first < CHUNK_PATHS ? o->paths - first : CHUNK_PATHS;
        rg_market_engine e;
        status = rg_market_engine_init(&e, m, count);
        if (status != RISKGAN_OK)
            break;
        sample_chunk(m, &e, o, chunk, buffer, day);
        rg_market_engine_free(&e);
        for (size_t p = 0; p < count; p++) {
            memcpy(price, m->last_price, d * sizeof *price);
            if (!o->returns)
                write_day(file.stream, m, first + p, 0, price, 0);
            for (size_t t = 0; t < o->days; t++) {
                const double *r = buffer + (p * o->days + t) * d;
                for (size_t a = 0; a < d; a++)
                    price[a] *= exp(r[a]);
                write_day(file.stream, m, first + p, t + 1, o->returns ? r : price, o->returns);
            }
        }
        if (ferror(file.stream))
            status = rg_fail(RISKGAN_ERR_IO, "writing %s failed", path);
    }
    uselocale(previous);
    if (status == RISKGAN_OK)
        status = rg_atomic_commit(&file);
    else if (file.stream)
        rg_atomic_abort(&file);
    free(buffer), free(day), free(price);
    return status;
}
