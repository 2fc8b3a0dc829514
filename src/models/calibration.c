/* calibration.c — fitting, storing and loading the marginal calibration. */
#include "calibration.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/table.h"
#include "../learn/metrics.h"
#include "../core/compare.h"
#include "../transform/transformer_decode.h"

enum { CALIBRATION_ROWS = 20000, BIAS_ROUNDS = 4, QUANTILES = RG_TARGET_QUANTILES };

/* Softmax spans whose frequencies are observable: categories and missing flags, not the
 * latent mixture modes. */
static int calibrated_span(const rg_transformer *t, const rg_span *s)
{
    const rg_column_encoder *e = &t->column[s->column];
    return s->kind == RG_SPAN_SOFTMAX && !(e->encoding == RG_ENCODE_MIXTURE && s->start == e->output_start + 1);
}

static void span_shares(const rg_transformer *t, const float *rows, size_t n, double *share)
{
    memset(share, 0, t->width * sizeof *share);
    for (size_t k = 0; k < t->span_count; k++) {
        const rg_span *s = &t->spans[k];
        if (!calibrated_span(t, s))
            continue;
        for (size_t r = 0; r < n; r++) {
            const float *v = rows + r * t->width + s->start;
            size_t best = 0;
            for (size_t c = 1; c < s->width; c++)
                if (v[c] > v[best])
                    best = c;
            share[s->start + best] += 1.0 / n;
        }
    }
}

/* QUANTILES evenly spaced quantiles of the finite values (sorted in place). */
static void quantiles(double *values, size_t n, double *out)
{
    qsort(values, n, sizeof *values, rg_compare_doubles);
    for (size_t k = 0; k < QUANTILES; k++)
        out[k] = rg_sorted_quantile(values, n, (double)k / (QUANTILES - 1));
}

void rg_calibration_free(rg_calibration *c)
{
    for (size_t j = 0; c->maps && j < c->columns; j++) {
        free(c->maps[j].from);
        free(c->maps[j].to);
    }
    free(c->maps);
    free(c->logit_bias);
    memset(c, 0, sizeof *c);
}

static riskgan_status allocate(rg_calibration *c, const rg_transformer *t)
{
    c->width = t->width;
    c->columns = t->columns;
    c->logit_bias = rg_calloc(t->width, sizeof *c->logit_bias);
    c->maps = rg_calloc(t->columns, sizeof *c->maps);
    return c->logit_bias && c->maps ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
}

riskgan_status rg_calibration_fit_targets(rg_calibration *c, const rg_transformer *t, const double *shares,
                                          const double *column_quantiles, rg_encoded_generator generate, void *context,
                                          rg_rng *rng)
{
    memset(c, 0, sizeof *c);
    size_t n = CALIBRATION_ROWS;
    float *rows = rg_calloc(n * t->width, sizeof *rows);
    double *synthetic = rg_calloc(t->width, sizeof *synthetic), *values = rg_calloc(n, sizeof *values);
    riskgan_status status = allocate(c, t);
    if (!rows || !synthetic || !values)
        status = RISKGAN_ERR_NO_MEMORY;
    for (int round = 0; round < BIAS_ROUNDS && status == RISKGAN_OK; round++) {
        if ((status = generate(context, n, c->logit_bias, rng, rows)) != RISKGAN_OK)
            break;
        span_shares(t, rows, n, synthetic);
        for (size_t k = 0; k < t->span_count; k++) {
            const rg_span *s = &t->spans[k];
            if (!calibrated_span(t, s))
                continue;
            for (size_t i = s->start; i < s->start + s->width; i++) {
                float bias = c->logit_bias[i] + (float)log((shares[i] + 1e-4) / (synthetic[i] + 1e-4));
                c->logit_bias[i] = bias < -10 ? -10 : bias > 10 ? 10 : bias;
            }
        }
    }
    if (status == RISKGAN_OK)
        status = generate(context, n, c->logit_bias, rng, rows);
    for (size_t j = 0; j < t->columns && status == RISKGAN_OK; j++) {
        const rg_column_encoder *e = &t->column[j];
        const double *target = column_quantiles + j * QUANTILES;
        if (e->encoding != RG_ENCODE_MIXTURE || isnan(target[0]))
            continue;
        size_t produced = 0;
        for (size_t r = 0; r < n; r++) {
            double v = rg_transformer_decode_value(e, rows + r * t->width + e->output_start);
            if (!isnan(v))
                values[produced++] = v;
        }
        if (produced < QUANTILES)
            continue;
        rg_value_map *map = &c->maps[j];
        map->from = rg_calloc(QUANTILES, sizeof *map->from);
        map->to = rg_calloc(QUANTILES, sizeof *map->to);
        if (!map->from || !map->to) {
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        quantiles(values, produced, map->from);
        memcpy(map->to, target, QUANTILES * sizeof *map->to);
        /* strictly increasing `from` keeps the map a function: merge tied quantiles */
        size_t kept = 0;
        for (size_t k = 0; k < QUANTILES; k++) {
            if (kept && map->from[k] <= map->from[kept - 1]) {
                map->to[kept - 1] = (map->to[kept - 1] + map->to[k]) / 2;
                continue;
            }
            map->from[kept] = map->from[k];
            map->to[kept] = map->to[k];
            kept++;
        }
        map->points = kept;
    }
    free(rows), free(synthetic), free(values);
    if (status != RISKGAN_OK)
        rg_calibration_free(c);
    return status;
}

riskgan_status rg_calibration_fit(rg_calibration *c, const rg_transformer *t, const float *encoded,
                                  const riskgan_table *table, rg_encoded_generator generate, void *context, rg_rng *rng)
{
    double *shares = rg_calloc(t->width, sizeof *shares);
    double *targets = rg_calloc(t->columns * QUANTILES, sizeof *targets);
    double *values = rg_calloc(table->rows ? table->rows : 1, sizeof *values);
    riskgan_status status = shares && targets && values ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        span_shares(t, encoded, table->rows, shares);
        for (size_t j = 0; j < t->columns; j++) {
            size_t present = 0;
            for (size_t r = 0; r < table->rows && t->column[j].encoding == RG_ENCODE_MIXTURE; r++)
                if (!isnan(table->column[j].numbers[r]))
                    values[present++] = table->column[j].numbers[r];
            if (present >= 2)
                quantiles(values, present, targets + j * QUANTILES);
            else
                targets[j * QUANTILES] = NAN;
        }
        status = rg_calibration_fit_targets(c, t, shares, targets, generate, context, rng);
    }
    free(shares), free(targets), free(values);
    return status;
}

void rg_calibration_write(const rg_calibration *c, rg_writer *w)
{
    rg_write_u32(w, c->logit_bias != NULL);
    if (!c->logit_bias)
        return;
    rg_write_floats(w, c->logit_bias, c->width);
    for (size_t j = 0; j < c->columns; j++) {
        rg_write_u64(w, c->maps[j].points);
        for (size_t k = 0; k < c->maps[j].points; k++) {
            rg_write_f64(w, c->maps[j].from[k]);
            rg_write_f64(w, c->maps[j].to[k]);
        }
    }
}

riskgan_status rg_calibration_read(rg_calibration *c, const rg_transformer *t, rg_reader *r)
{
    memset(c, 0, sizeof *c);
    uint32_t present = rg_read_u32(r);
    if (r->failure || present > 1) {
        r->failure = r->failure ? r->failure : "the calibration block is invalid (corrupt file)";
        return RISKGAN_ERR_FORMAT;
    }
    if (!present)
        return RISKGAN_OK;
    riskgan_status status = allocate(c, t);
    if (status != RISKGAN_OK)
        return status;
    rg_read_floats(r, c->logit_bias, c->width);
    for (size_t j = 0; j < c->columns && !r->failure; j++) {
        size_t points = rg_read_items(r, 100000, 16);
        if (points && t->column[j].encoding != RG_ENCODE_MIXTURE)
            r->failure = "a quantile map on a discrete column (corrupt file)";
        if (r->failure || points == 0)
            continue;
        rg_value_map *map = &c->maps[j];
        map->from = rg_calloc(points, sizeof *map->from);
        map->to = rg_calloc(points, sizeof *map->to);
        if (!map->from || !map->to) {
            rg_calibration_free(c);
            return RISKGAN_ERR_NO_MEMORY;
        }
        map->points = points;
        for (size_t k = 0; k < points; k++) {
            map->from[k] = rg_read_f64(r);
            map->to[k] = rg_read_f64(r);
            if (!r->failure && (!isfinite(map->from[k]) || !isfinite(map->to[k]) || (k && map->from[k] <= map->from[k - 1])))
                r->failure = "a quantile map is not increasing (corrupt file)";
        }
    }
    for (size_t i = 0; i < c->width && !r->failure; i++)
        if (!isfinite(c->logit_bias[i]))
            r->failure = "a calibration bias is NaN/inf (corrupt file)";
    if (r->failure) {
        rg_calibration_free(c);
        return RISKGAN_ERR_FORMAT;
    }
    return RISKGAN_OK;
}
