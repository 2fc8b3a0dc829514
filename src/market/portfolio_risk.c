/* portfolio_risk.c — portfolio VaR and ES from scenario paths: the P&L of each path over a
 * horizon (weights are shares of the portfolio's value at day 0), its 95 / 97.5 / 99 % VaR
 * and ES, and 90 % confidence intervals from 200 bootstrap resamples of the paths. */
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
#include "market_data.h"
#include "market_internal.h"
#include "market_report.h"
#include "stylized_facts.h"
#include "var_backtest.h"
#include "../core/text.h"

enum { LEVELS = 3, RESAMPLES = 200, MAX_HORIZONS = 16 };
static const double risk_levels[LEVELS] = {0.95, 0.975, 0.99};

struct riskgan_market_risk {
    cJSON *root;
};

riskgan_status riskgan_market_risk_compute(const riskgan_market_data *paths, const char *weights_text, const char *horizons_text,
                                           uint64_t seed, riskgan_market_risk **out)
{
    *out = NULL;
    const rg_price_history *h = &paths->history;
    size_t d = h->assets, n = paths->paths, days = paths->path_days, horizons[MAX_HORIZONS];
    int horizon_count = 0;
    for (const char *p = horizons_text && *horizons_text ? horizons_text : "1,10"; *p;) {
        char *end;
        long value = strtol(p, &end, 10);
        if (end == p || value < 1 || (size_t)value > days || horizon_count == MAX_HORIZONS || (*end && *end != ','))
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "horizons are up to %d whole numbers of days in 1..%zu (the paths' "
                           "length)", MAX_HORIZONS, days);
        horizons[horizon_count++] = (size_t)value;
        p = end + (*end == ',');
    }
    if (n < 100)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%zu paths: at least 100 needed for a 99 %% tail", n);
    double *weights = rg_calloc(d, sizeof *weights), *pnl = rg_calloc(n, sizeof *pnl), *resample = rg_calloc(n, sizeof *resample);
    double *cumulative = rg_calloc(d, sizeof *cumulative);
    riskgan_status status = weights && pnl && resample && cumulative ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_market_parse_weights(weights_text, h->names, d, weights);
    cJSON *root = status == RISKGAN_OK ? cJSON_CreateObject() : NULL;
    rg_rng rng;
    rg_rng_seed(&rng, seed);
    if (root) {
        cJSON_AddNumberToObject(root, "paths", (double)n);
        cJSON *w = cJSON_AddObjectToObject(root, "weights");
        for (size_t a = 0; a < d; a++)
            cJSON_AddNumberToObject(w, h->names[a], weights[a]);
        cJSON *list = cJSON_AddArrayToObject(root, "horizons");
        for (int k = 0; k < horizon_count; k++) {
            for (size_t p = 0; p < n; p++) {
                memset(cumulative, 0, d * sizeof *cumulative);
                for (size_t t = 0; t < horizons[k]; t++)
                    for (size_t a = 0; a < d; a++)
                        cumulative[a] += h->returns[(p * days + t) * d + a];
                pnl[p] = rg_portfolio_pnl(cumulative, weights, d);
            }
            cJSON *entry = cJSON_CreateObject(), *levels = cJSON_AddArrayToObject(entry, "levels");
            cJSON_AddItemToArray(list, entry);
            cJSON_AddNumberToObject(entry, "days", (double)horizons[k]);
            double mean, sd;
            rg_moments(pnl, n, &mean, &sd, NULL, NULL);
            rg_json_number(entry, "mean_pnl", mean);
            rg_json_number(entry, "sd_pnl", sd);
            /* bootstrap resamples share their draws across levels */
            double var_draws[LEVELS][RESAMPLES], es_draws[LEVELS][RESAMPLES];
            for (int b = 0; b < RESAMPLES; b++) {
                for (size_t i = 0; i < n; i++)
                    resample[i] = pnl[rg_rng_below(&rng, n)];
                qsort(resample, n, sizeof *resample, rg_compare_doubles);
                for (int l = 0; l < LEVELS; l++)
                    rg_var_es_sorted(resample, n, risk_levels[l], &var_draws[l][b], &es_draws[l][b]);
            }
            qsort(pnl, n, sizeof *pnl, rg_compare_doubles);
            for (int l = 0; l < LEVELS; l++) {
                double var, es;
                rg_var_es_sorted(pnl, n, risk_levels[l], &var, &es);
                qsort(var_draws[l], RESAMPLES, sizeof(double), rg_compare_doubles);
                qsort(es_draws[l], RESAMPLES, sizeof(double), rg_compare_doubles);
                double var_ci[2] = {rg_sorted_quantile(var_draws[l], RESAMPLES, 0.05), rg_sorted_quantile(var_draws[l], RESAMPLES, 0.95)};
                double es_ci[2] = {rg_sorted_quantile(es_draws[l], RESAMPLES, 0.05), rg_sorted_quantile(es_draws[l], RESAMPLES, 0.95)};
                cJSON *level = cJSON_CreateObject();
                cJSON_AddItemToArray(levels, level);
                cJSON_AddNumberToObject(level, "level", risk_levels[l]);
                rg_json_number(level, "var", var);
                rg_json_numbers(level, "var_ci90", var_ci, 2);
                rg_json_number(level, "es", es);
                rg_json_numbers(level, "es_ci90", es_ci, 2);
            }
        }
    }
    free(weights), free(pnl), free(resample), free(cumulative);
    if (status != RISKGAN_OK) {
        cJSON_Delete(root);
        return status;
    }
    riskgan_market_risk *risk = rg_calloc(1, sizeof *risk);
    if (!root || !risk) {
        cJSON_Delete(root);
        free(risk);
        return RISKGAN_ERR_NO_MEMORY;
    }
    risk->root = root;
    *out = risk;
    return RISKGAN_OK;
}

riskgan_status riskgan_market_risk_write_json(const riskgan_market_risk *risk, const char *path)
{
    return rg_json_write_file(risk->root, path);
}

static void write_summary(FILE *f, const void *object)
{
    const riskgan_market_risk *risk = object;
    fprintf(f, "Portfolio loss as a share of its value, from %.0f paths (90 %% intervals):\n%-8s %-6s %-26s %-26s\n",
            rg_json_get(risk->root, "paths"), "horizon", "level", "VaR", "ES");
    const cJSON *horizon, *level;
    cJSON_ArrayForEach(horizon, cJSON_GetObjectItem(risk->root, "horizons"))
        cJSON_ArrayForEach(level, cJSON_GetObjectItem(horizon, "levels")) {
            fprintf(f, "%-8.0f %-6.4g %7.4f [%7.4f, %7.4f]   %7.4f [%7.4f, %7.4f]\n",
                    rg_json_get(horizon, "days"), rg_json_get(level, "level"), rg_json_get(level, "var"),
                    rg_json_get(level, "var_ci90.0"), rg_json_get(level, "var_ci90.1"), rg_json_get(level, "es"),
                    rg_json_get(level, "es_ci90.0"), rg_json_get(level, "es_ci90.1"));
        }
}

char *riskgan_market_risk_summary(const riskgan_market_risk *risk)
{
    return rg_text_build(write_summary, risk);
}

void riskgan_market_risk_free(riskgan_market_risk *risk)
{
    if (!risk)
        return;
    cJSON_Delete(risk->root);
    free(risk);
}
