/* market_evaluation.c — stylized facts of generated paths against real history, as a JSON
 * document (keys in docs/market.md) that the HTML page and the summary are drawn from. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../core/compare.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../core/json.h"
#include "../learn/metrics.h"
#include "block_bootstrap.h"
#include "market_internal.h"
#include "market_report.h"
#include "stylized_facts.h"

static const int horizons[RG_MARKET_HORIZONS] = {1, 5, 20};
enum { RANGE_RESAMPLES = 200, HISTOGRAM_BINS = 40, QQ_POINTS = 99, FAN_POINTS = 60 };

void riskgan_market_evaluate_options_init(riskgan_market_evaluate_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_lag = 100;
}

/* Shape statistics of one sample of returns. */
static cJSON *shape(const double *x, size_t n)
{
    double mean, sd, skew, kurtosis;
    rg_moments(x, n, &mean, &sd, &skew, &kurtosis);
    cJSON *o = cJSON_CreateObject();
    rg_json_number(o, "mean", mean);
    rg_json_number(o, "sd", sd);
    rg_json_number(o, "skew", skew);
    rg_json_number(o, "excess_kurtosis", kurtosis);
    rg_json_number(o, "hill_left", rg_hill_tail_index(x, n, 0.05, 1));
    rg_json_number(o, "hill_right", rg_hill_tail_index(x, n, 0.05, 0));
    return o;
}

/* 5-95 % ranges of the real 1-day excess kurtosis and Hill indices under the stationary
 * bootstrap (mean block 20 days) of the real days: the sampling range of "the real value". */
static cJSON *real_ranges(const rg_return_set *real, size_t asset, uint64_t seed)
{
    size_t n = real->days;
    double *resample = malloc(n * sizeof *resample), *stat[3];
    for (int k = 0; k < 3; k++)
        stat[k] = malloc(RANGE_RESAMPLES * sizeof *stat[k]);
    cJSON *o = cJSON_CreateObject();
    if (!resample || !stat[0] || !stat[1] || !stat[2] || !o) {
        free(resample), free(stat[0]), free(stat[1]), free(stat[2]);
        return o;
    }
    rg_rng rng;
    rg_rng_seed(&rng, seed + 7919 * (asset + 1));
    double *column = malloc(n * sizeof *column);
    for (size_t t = 0; column && t < n; t++)
        column[t] = rg_return_at(real, 0, t, asset);
    for (int b = 0; column && b < RANGE_RESAMPLES; b++) {
        size_t position = SIZE_MAX;
        for (size_t t = 0; t < n; t++)
            rg_block_bootstrap_step(column, n, 1, 20, 1, &position, &resample[t], &rng);
        rg_moments(resample, n, NULL, NULL, NULL, &stat[0][b]);
        stat[1][b] = rg_hill_tail_index(resample, n, 0.05, 1);
        stat[2][b] = rg_hill_tail_index(resample, n, 0.05, 0);
    }
    const char *names[3] = {"excess_kurtosis", "hill_left", "hill_right"};
    for (int k = 0; column && k < 3; k++) {
        qsort(stat[k], RANGE_RESAMPLES, sizeof *stat[k], rg_compare_doubles); /* NaN-free: n >= 30 */
        double range[2] = {rg_sorted_quantile(stat[k], RANGE_RESAMPLES, 0.05), rg_sorted_quantile(stat[k], RANGE_RESAMPLES, 0.95)};
        rg_json_numbers(o, names[k], range, 2);
    }
    free(column), free(resample), free(stat[0]), free(stat[1]), free(stat[2]);
    return o;
}

/* Densities of both samples on a shared grid of the central 99.8 % of the real values. */
static cJSON *histogram(double *real, size_t nr, double *synthetic, size_t ns)
{
    double low = rg_sorted_quantile(real, nr, 0.001), high = rg_sorted_quantile(real, nr, 0.999);
    double counts[2][HISTOGRAM_BINS] = {{0}}, edges[2] = {low, high}, width = (high - low) / HISTOGRAM_BINS;
    const double *samples[2] = {real, synthetic};
    size_t sizes[2] = {nr, ns};
    for (int s = 0; s < 2; s++) {
        for (size_t i = 0; i < sizes[s]; i++) {
            double position = (samples[s][i] - low) / width;
            if (position >= 0 && position < HISTOGRAM_BINS)
                counts[s][(int)position] += 1.0 / (sizes[s] * width);
        }
    }
    cJSON *o = cJSON_CreateObject();
    rg_json_numbers(o, "range", edges, 2);
    rg_json_numbers(o, "real", counts[0], HISTOGRAM_BINS);
    rg_json_numbers(o, "synthetic", counts[1], HISTOGRAM_BINS);
    return o;
}

static cJSON *quantiles(const double *real, size_t nr, const double *synthetic, size_t ns)
{
    double q[2][QQ_POINTS];
    for (int i = 0; i < QQ_POINTS; i++) {
        double p = (i + 0.5) / QQ_POINTS;
        p = i == 0 ? 0.002 : i == QQ_POINTS - 1 ? 0.998 : p;
        q[0][i] = rg_sorted_quantile(real, nr, p);
        q[1][i] = rg_sorted_quantile(synthetic, ns, p);
    }
    cJSON *o = cJSON_CreateObject();
    rg_json_numbers(o, "real", q[0], QQ_POINTS);
    rg_json_numbers(o, "synthetic", q[1], QQ_POINTS);
    return o;
}

/* Quantiles 5, 25, 50, 75, 95 % over paths of the price relative to day 0, on a day grid. */
static cJSON *fan(const rg_return_set *s, size_t asset)
{
    static const double levels[5] = {0.05, 0.25, 0.5, 0.75, 0.95};
    size_t points = s->days < FAN_POINTS ? s->days : FAN_POINTS;
    double *cumulative = calloc(s->paths, sizeof *cumulative), *sorted = calloc(s->paths, sizeof *sorted);
    double *band[5], *day = calloc(points + 1, sizeof *day);
    for (int k = 0; k < 5; k++)
        band[k] = calloc(points + 1, sizeof *band[k]);
    cJSON *o = cJSON_CreateObject();
    if (cumulative && sorted && day && band[0] && band[1] && band[2] && band[3] && band[4]) {
        for (int k = 0; k < 5; k++)
            band[k][0] = 1;
        size_t next = 1;
        for (size_t t = 0; t < s->days; t++) {
            for (size_t p = 0; p < s->paths; p++)
                cumulative[p] += rg_return_at(s, p, t, asset);
            size_t target = (size_t)ceil((double)next * s->days / points);
            if (t + 1 == target && next <= points) {
                memcpy(sorted, cumulative, s->paths * sizeof *sorted);
                qsort(sorted, s->paths, sizeof *sorted, rg_compare_doubles);
                day[next] = (double)(t + 1);
                for (int k = 0; k < 5; k++)
                    band[k][next] = exp(rg_sorted_quantile(sorted, s->paths, levels[k]));
                next++;
            }
        }
        rg_json_numbers(o, "day", day, points + 1);
        const char *names[5] = {"q05", "q25", "q50", "q75", "q95"};
        for (int k = 0; k < 5; k++)
            rg_json_numbers(o, names[k], band[k], points + 1);
    }
    free(cumulative), free(sorted), free(day);
    for (int k = 0; k < 5; k++)
        free(band[k]);
    return o;
}

static cJSON *curve_pair(const double *real, const double *synthetic, int n)
{
    cJSON *o = cJSON_CreateObject();
    rg_json_numbers(o, "real", real, (size_t)n);
    rg_json_numbers(o, "synthetic", synthetic, (size_t)n);
    rg_json_number(o, "score", rg_curve_distance(real, synthetic, n));
    return o;
}

static riskgan_status asset_entry(const rg_return_set *real, const rg_return_set *synthetic, size_t a, const char *name,
                                  int max_lag, uint64_t seed, cJSON **out)
{
    cJSON *entry = cJSON_CreateObject(), *by_horizon = cJSON_CreateArray();
    size_t nr_max = real->days, ns_max = synthetic->paths * synthetic->days;
    double *r = malloc((nr_max + 1) * sizeof *r), *s = malloc((ns_max + 1) * sizeof *s);
    size_t curve = (size_t)(max_lag > 20 ? max_lag : 20); /* ACF lags, or the 20 leverage lags */
    double *curve_r = malloc(curve * sizeof *curve_r), *curve_s = malloc(curve * sizeof *curve_s);
    if (!entry || !by_horizon || !r || !s || !curve_r || !curve_s) {
        free(r), free(s), free(curve_r), free(curve_s);
        cJSON_Delete(entry), cJSON_Delete(by_horizon);
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory evaluating paths");
    }
    *out = entry;
    cJSON_AddStringToObject(entry, "name", name);
    cJSON_AddItemToObject(entry, "horizons", by_horizon);
    for (int k = 0; k < RG_MARKET_HORIZONS; k++) {
        size_t nr = rg_horizon_returns(real, a, (size_t)horizons[k], r);
        size_t ns = rg_horizon_returns(synthetic, a, (size_t)horizons[k], s);
        cJSON *h = cJSON_CreateObject();
        cJSON_AddItemToArray(by_horizon, h);
        cJSON_AddNumberToObject(h, "days", horizons[k]);
        cJSON_AddItemToObject(h, "real", shape(r, nr));
        cJSON_AddItemToObject(h, "synthetic", shape(s, ns));
        rg_json_number(h, "w1", rg_wasserstein1(r, nr, s, ns)); /* sorts r and s */
        if (k == 0) {
            cJSON_AddItemToObject(entry, "histogram", histogram(r, nr, s, ns));
            cJSON_AddItemToObject(entry, "qq", quantiles(r, nr, s, ns));
        }
    }
    cJSON_AddItemToObject(entry, "real_range", real_ranges(real, a, seed));
    const char *acf_names[3] = {"return", "absolute", "square"};
    cJSON *acf = cJSON_AddObjectToObject(entry, "acf");
    for (int t = 0; t < 3; t++) {
        rg_autocorrelation(real, a, (rg_series_transform)t, max_lag, curve_r);
        rg_autocorrelation(synthetic, a, (rg_series_transform)t, max_lag, curve_s);
        cJSON_AddItemToObject(acf, acf_names[t], curve_pair(curve_r, curve_s, max_lag));
    }
    rg_leverage(real, a, 20, curve_r);
    rg_leverage(synthetic, a, 20, curve_s);
    cJSON_AddItemToObject(entry, "leverage", curve_pair(curve_r, curve_s, 20));
    cJSON_AddItemToObject(entry, "fan", fan(synthetic, a));
    free(r), free(s), free(curve_r), free(curve_s);
    return RISKGAN_OK;
}

static riskgan_status correlation_entry(const rg_return_set *real, const rg_return_set *synthetic, char *const *names,
                                        cJSON *root)
{
    size_t d = real->assets;
    double *a = rg_calloc(d * d, sizeof *a), *b = rg_calloc(d * d, sizeof *b);
    if (!a || !b) {
        free(a), free(b);
        return RISKGAN_ERR_NO_MEMORY;
    }
    cJSON *o = cJSON_AddObjectToObject(root, "correlation"), *list = cJSON_AddArrayToObject(o, "assets");
    for (size_t i = 0; i < d; i++)
        cJSON_AddItemToArray(list, cJSON_CreateString(names[i]));
    const char *keys[2] = {"return", "absolute"};
    for (int t = 0; t < 2; t++) {
        rg_series_transform transform = t ? RG_SERIES_ABSOLUTE : RG_SERIES_RETURN;
        rg_cross_correlation(real, transform, a);
        rg_cross_correlation(synthetic, transform, b);
        cJSON *entry = cJSON_AddObjectToObject(o, keys[t]), *ra = cJSON_AddArrayToObject(entry, "real"),
              *sa = cJSON_AddArrayToObject(entry, "synthetic");
        for (size_t i = 0; i < d; i++) {
            cJSON_AddItemToArray(ra, cJSON_CreateDoubleArray(a + i * d, (int)d));
            cJSON_AddItemToArray(sa, cJSON_CreateDoubleArray(b + i * d, (int)d));
        }
        rg_json_number(entry, "distance", rg_correlation_distance(a, b, d));
    }
    free(a), free(b);
    return RISKGAN_OK;
}

riskgan_status riskgan_market_evaluate(const riskgan_market_data *real_data, const riskgan_market_data *synthetic_data,
                                       const riskgan_market_evaluate_options *options, riskgan_market_report **out)
{
    *out = NULL;
    riskgan_market_evaluate_options defaults;
    if (!options) {
        riskgan_market_evaluate_options_init(&defaults);
        options = &defaults;
    }
    const rg_price_history *rh = &real_data->history, *sh = &synthetic_data->history;
    if (real_data->paths != 1)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the real data must be a price history");
    if (rh->assets != sh->assets)
        return rg_fail(RISKGAN_ERR_SCHEMA, "the real data has %zu assets, the paths %zu", rh->assets, sh->assets);
    for (size_t a = 0; a < rh->assets; a++)
        if (strcmp(rh->names[a], sh->names[a]) != 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "asset %zu is '%s' in the real data but '%s' in the paths", a + 1,
                           rh->names[a], sh->names[a]);
    size_t first = options->first_day, last = options->last_day ? options->last_day : real_data->path_days;
    if (last > real_data->path_days || first + 40 > last)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "real days [%zu, %zu) of %zu: at least 40 needed", first, last,
                       real_data->path_days);
    rg_return_set real = {1, last - first, rh->assets, rh->returns + first * rh->assets};
    rg_return_set synthetic = {synthetic_data->paths, synthetic_data->path_days, sh->assets, sh->returns};
    if (synthetic.days < 21)
        return rg_fail(RISKGAN_ERR_SCHEMA, "paths of %zu days: at least 21 needed (20-day horizon)", synthetic.days);
    int max_lag = options->max_lag > 0 ? options->max_lag : 100;
    size_t shortest = real.days < synthetic.days ? real.days : synthetic.days;
    if ((size_t)max_lag > shortest / 2)
        max_lag = (int)(shortest / 2);
    cJSON *root = cJSON_CreateObject();
    riskgan_market_report *report = rg_calloc(1, sizeof *report);
    if (!root || !report) {
        cJSON_Delete(root);
        free(report);
        return RISKGAN_ERR_NO_MEMORY;
    }
    report->root = root;
    cJSON *inputs = cJSON_AddObjectToObject(root, "inputs");
    cJSON_AddNumberToObject(inputs, "real_days", (double)real.days);
    cJSON_AddNumberToObject(inputs, "real_first_day", (double)first);
    cJSON_AddNumberToObject(inputs, "synthetic_paths", (double)synthetic.paths);
    cJSON_AddNumberToObject(inputs, "synthetic_days", (double)synthetic.days);
    cJSON_AddNumberToObject(inputs, "max_lag", max_lag);
    cJSON_AddStringToObject(inputs, "version", RISKGAN_VERSION);
    cJSON *assets = cJSON_AddArrayToObject(root, "assets");
    /* the assets in parallel (each its own entry, added in order afterwards) */
    riskgan_status status = RISKGAN_OK;
    cJSON **entries = rg_calloc(rh->assets, sizeof *entries);
    if (!entries)
        status = RISKGAN_ERR_NO_MEMORY;
#pragma omp parallel for schedule(dynamic, 1)
    for (long a = 0; a < (long)rh->assets; a++) {
        if (status != RISKGAN_OK)
            continue;
        riskgan_status asset_status = asset_entry(&real, &synthetic, (size_t)a, rh->names[a], max_lag, options->seed,
                                                  &entries[a]);
        if (asset_status != RISKGAN_OK) {
#pragma omp critical
            status = asset_status;
        }
    }
    if (status != RISKGAN_OK)
        rg_fail(status, "out of memory evaluating paths");
    for (size_t a = 0; entries && a < rh->assets; a++) {
        if (status == RISKGAN_OK)
            cJSON_AddItemToArray(assets, entries[a]);
        else
            cJSON_Delete(entries[a]);
    }
    free(entries);
    if (status == RISKGAN_OK)
        status = correlation_entry(&real, &synthetic, rh->names, root);
    if (status == RISKGAN_OK)
        rg_market_report_summarize(report);
    if (status != RISKGAN_OK) {
        riskgan_market_report_free(report);
        return status;
    }
    *out = report;
    return RISKGAN_OK;
}

void riskgan_market_report_free(riskgan_market_report *report)
{
    if (!report)
        return;
    cJSON_Delete(report->root);
    free(report);
}

riskgan_status riskgan_market_report_write_json(const riskgan_market_report *report, const char *path)
{
    return rg_json_write_file(report->root, path);
}
