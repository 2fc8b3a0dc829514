/* market_backtest.c — rolling one-day-ahead VaR and ES of a portfolio on the held-out days:
 * the model is fitted on the training days (and, with `refit`, again on every earlier day
 * every `refit` days); each test day's forecast is the quantile and tail mean of scenarios
 * drawn from the model conditioned on every earlier day (or, for historical simulation, the
 * last `window` days themselves). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../core/c_locale.h"
#include "../core/threads.h"
#include "../core/atomic_file.h"
#include "../core/compare.h"
#include "../core/error.h"
#include "../core/html_page.h"
#include "../core/memory.h"
#include "../core/json.h"
#include "../nn/layers.h"
#include "market_data.h"
#include "market_internal.h"
#include "market_model.h"
#include "market_report.h"
#include "stylized_facts.h"
#include "var_backtest.h"
#include "../core/text.h"

enum { MAX_LEVELS = 8, Z2_SIMULATIONS = 1000, TRAFFIC_WINDOW = 250 };

struct riskgan_market_backtest {
    cJSON *root;
};

void riskgan_market_backtest_options_init(riskgan_market_backtest_options *o)
{
    memset(o, 0, sizeof *o);
    o->method = RISKGAN_MARKET_GARCH;
    o->scenarios = 2000;
    o->window = 500;
    riskgan_market_fit_options_init(&o->fit);
}

static const char *method_name(riskgan_market_method m)
{
    static const char *names[] = {"gan", "garch", "bootstrap", "hs"};
    return m <= RISKGAN_MARKET_HISTORICAL ? names[m] : "?";
}

static riskgan_status parse_levels(const char *text, double *levels, int *count)
{
    *count = 0;
    for (const char *p = text && *text ? text : "0.99,0.975"; *p;) {
        char *end;
        double level = strtod(p, &end);
        if (end == p || !(level > 0.5 && level < 1) || *count == MAX_LEVELS || (*end && *end != ','))
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "levels are up to %d numbers in (0.5, 1), e.g. 0.99,0.975",
                           MAX_LEVELS);
        levels[(*count)++] = level;
        p = end + (*end == ',');
    }
    return RISKGAN_OK;
}

static cJSON *test_json(rg_test_result r)
{
    cJSON *o = cJSON_CreateObject();
    rg_json_number(o, "statistic", r.statistic);
    rg_json_number(o, "p_value", r.p_value);
    return o;
}

/* The tests of one level over the test days; appends to `levels_json`. */
static void level_results(cJSON *levels_json, double level, const double *pnl, const double *var, const double *es,
                          const double *scenarios, size_t scenario_count, size_t n, rg_rng *rng)
{
    unsigned char *exceptions = calloc(n, 1);
    double *simulated = malloc(n * sizeof *simulated), *z2_draws = malloc(Z2_SIMULATIONS * sizeof *z2_draws);
    unsigned char *simulated_exceptions = calloc(n, 1);
    if (!exceptions || !simulated || !z2_draws || !simulated_exceptions) {
        free(exceptions), free(simulated), free(z2_draws), free(simulated_exceptions);
        return;
    }
    size_t x = 0;
    for (size_t t = 0; t < n; t++)
        x += exceptions[t] = pnl[t] < -var[t];
    double alpha = 1 - level;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(levels_json, o);
    cJSON_AddNumberToObject(o, "level", level);
    cJSON_AddNumberToObject(o, "days", (double)n);
    cJSON_AddNumberToObject(o, "exceptions", (double)x);
    cJSON_AddNumberToObject(o, "expected_exceptions", alpha * n);
    rg_test_result pof = rg_kupiec_pof(n, x, alpha), independence = rg_christoffersen_independence(exceptions, n);
    rg_test_result coverage = {pof.statistic + independence.statistic,
                               rg_chi_square_2_upper(pof.statistic + independence.statistic)};
    cJSON_AddItemToObject(o, "kupiec", test_json(pof));
    cJSON_AddItemToObject(o, "christoffersen_independence", test_json(independence));
    cJSON_AddItemToObject(o, "conditional_coverage", test_json(coverage));
    /* traffic light over every 250-day window, and the last one */
    cJSON *light = cJSON_AddObjectToObject(o, "traffic_light");
    size_t zones[3] = {0, 0, 0}, worst = 0, window = n < TRAFFIC_WINDOW ? n : TRAFFIC_WINDOW, in_window = 0;
    for (size_t t = 0; t < n; t++) {
        in_window += exceptions[t];
        if (t >= window)
            in_window -= exceptions[t - window];
        if (t + 1 >= window) {
            zones[rg_traffic_light_zone(window, in_window, alpha)]++;
            worst = in_window > worst ? in_window : worst;
        }
    }
    static const char *zone_names[3] = {"green", "yellow", "red"};
    cJSON_AddNumberToObject(light, "window", (double)window);
    cJSON_AddNumberToObject(light, "last_window_exceptions", (double)in_window);
    cJSON_AddStringToObject(light, "last_window_zone", zone_names[rg_traffic_light_zone(window, in_window, alpha)]);
    cJSON_AddNumberToObject(light, "worst_window_exceptions", (double)worst);
    cJSON_AddStringToObject(light, "worst_window_zone", zone_names[rg_traffic_light_zone(window, worst, alpha)]);
    for (int z = 0; z < 3; z++) {
        char key[32];
        snprintf(key, sizeof key, "%s_windows", zone_names[z]);
        cJSON_AddNumberToObject(light, key, (double)zones[z]);
    }
    /* Z2 and its p-value: P&L drawn from each day's own scenarios, 1000 times */
    double z2 = rg_acerbi_szekely_z2(pnl, exceptions, es, n, alpha);
    size_t below = 0;
    for (int m = 0; m < Z2_SIMULATIONS; m++) {
        for (size_t t = 0; t < n; t++) {
            simulated[t] = scenarios ? scenarios[t * scenario_count + rg_rng_below(rng, scenario_count)] : pnl[t];
            simulated_exceptions[t] = simulated[t] < -var[t];
        }
        z2_draws[m] = rg_acerbi_szekely_z2(simulated, simulated_exceptions, es, n, alpha);
        below += z2_draws[m] <= z2;
    }
    cJSON *es_test = cJSON_AddObjectToObject(o, "acerbi_szekely_z2");
    rg_json_number(es_test, "statistic", z2);
    rg_json_number(es_test, "p_value", (double)below / Z2_SIMULATIONS);
    double mean_es = 0, mean_var = 0;
    for (size_t t = 0; t < n; t++)
        mean_es += es[t] / n, mean_var += var[t] / n;
    rg_json_number(o, "mean_var", mean_var);
    rg_json_number(o, "mean_es", mean_es);
    rg_json_numbers(o, "var", var, n);
    rg_json_numbers(o, "es", es, n);
    free(exceptions), free(simulated), free(z2_draws), free(simulated_exceptions);
}

riskgan_status riskgan_market_backtest_run(const riskgan_market_data *data, const riskgan_market_backtest_options *o,
                                           riskgan_market_backtest **out)
{
    *out = NULL;
    const rg_price_history *h = &data->history;
    size_t d = h->assets, train = o->train_days, total = h->return_days, scenarios = o->scenarios ? o->scenarios : 2000;
    if (data->paths != 1)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "backtest a price history, not generated paths");
    if (train < 30 || train + 2 > total)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the backtest needs at least 30 training days and 2 test days "
                       "(%zu of %zu return days given to training)", train, total);
    double levels[MAX_LEVELS], *weights = rg_calloc(d, sizeof *weights);
    int level_count;
    riskgan_status status = weights ? parse_levels(o->levels, levels, &level_count) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_market_parse_weights(o->weights, h->names, d, weights);
    size_t n = total - train, window = o->window ? o->window : 500;
    size_t per_day = o->method == RISKGAN_MARKET_HISTORICAL ? window : scenarios;
    double *pnl = rg_calloc(n, sizeof *pnl), *var = rg_calloc(n * MAX_LEVELS, sizeof *var);
    double *es = rg_calloc(n * MAX_LEVELS, sizeof *es), *all = rg_calloc(n * per_day, sizeof *all);
    double *r = rg_calloc(per_day * d, sizeof *r), *sorted = rg_calloc(per_day, sizeof *sorted);
    if (status == RISKGAN_OK && (!pnl || !var || !es || !all || !r || !sorted))
        status = RISKGAN_ERR_NO_MEMORY;
    riskgan_market_model *model = NULL;
    rg_market_engine engine = {0};
    rg_rng rng;
    rg_rng_seed(&rng, o->seed ^ 0x5eed);
    int blas_threads = rg_blas_set_threads(1); /* the GAN's small network: one BLAS thread is faster */
    size_t fits = 0;
    for (size_t i = 0; status == RISKGAN_OK && i < n; i++) {
        size_t t = train + i;
        /* (re)fit on every day before t: once, or every o->refit days */
        if (o->method != RISKGAN_MARKET_HISTORICAL && (i == 0 || (o->refit > 0 && i % o->refit == 0))) {
            riskgan_market_fit_options fit = o->fit;
            fit.method = o->method;
            fit.seed = o->seed + fits++;
            rg_market_engine_free(&engine);
            riskgan_market_model_free(model);
            model = NULL;
            status = rg_market_fit_returns(data, t, &fit, &model);
            if (status == RISKGAN_OK)
                status = rg_market_engine_init(&engine, model, scenarios);
            if (status != RISKGAN_OK)
                break;
        }
        pnl[i] = rg_portfolio_pnl(h->returns + t * d, weights, d);
        size_t count = per_day;
        if (o->method == RISKGAN_MARKET_HISTORICAL) {
            size_t first = t > window ? t - window : 0;
            count = t - first;
            for (size_t k = 0; k < count; k++)
                sorted[k] = rg_portfolio_pnl(h->returns + (first + k) * d, weights, d);
        } else {
            rg_market_engine_start_after(&engine, h->returns, t);
            rg_market_engine_step(&engine, r, &rng);
            for (size_t k = 0; k < count; k++)
                sorted[k] = rg_portfolio_pnl(r + k * d, weights, d);
        }
        memcpy(all + i * per_day, sorted, count * sizeof *sorted);
        for (size_t k = count; k < per_day; k++) /* a short early HS window: repeat to keep draws uniform */
            all[i * per_day + k] = sorted[k % count];
        qsort(sorted, count, sizeof *sorted, rg_compare_doubles);
        for (int l = 0; l < level_count; l++)
            rg_var_es_sorted(sorted, count, levels[l], &var[l * n + i], &es[l * n + i]);
        if (o->progress && (i + 1) % 100 == 0) {
            char message[96];
            snprintf(message, sizeof message, "backtest %s: day %zu of %zu", method_name(o->method), i + 1, n);
            o->progress(message, o->progress_user);
        }
    }
    cJSON *root = status == RISKGAN_OK ? cJSON_CreateObject() : NULL;
    riskgan_market_backtest *b = root ? rg_calloc(1, sizeof *b) : NULL;
    if (status == RISKGAN_OK && !b)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        b->root = root;
        cJSON_AddStringToObject(root, "method", method_name(o->method));
        cJSON_AddNumberToObject(root, "train_days", (double)train);
        cJSON_AddNumberToObject(root, "test_days", (double)n);
        cJSON_AddNumberToObject(root, "scenarios_per_day", (double)(o->method == RISKGAN_MARKET_HISTORICAL ? window : scenarios));
        cJSON_AddNumberToObject(root, "fits", (double)fits);
        cJSON_AddNumberToObject(root, "refit_every", (double)o->refit);
        if (o->method == RISKGAN_MARKET_HISTORICAL)
            cJSON_AddNumberToObject(root, "window", (double)window);
        if (h->dates)
            cJSON_AddStringToObject(root, "first_test_date", h->dates[h->return_row[train]]);
        cJSON *w = cJSON_AddObjectToObject(root, "weights");
        for (size_t a = 0; a < d; a++)
            cJSON_AddNumberToObject(w, h->names[a], weights[a]);
        rg_json_numbers(root, "pnl", pnl, n);
        cJSON *levels_json = cJSON_AddArrayToObject(root, "levels");
        for (int l = 0; l < level_count; l++)
            level_results(levels_json, levels[l], pnl, var + l * n, es + l * n, all, per_day, n, &rng);
        *out = b;
    } else {
        cJSON_Delete(root);
    }
    rg_blas_set_threads(blas_threads);
    rg_market_engine_free(&engine);
    riskgan_market_model_free(model);
    free(weights), free(pnl), free(var), free(es), free(all), free(r), free(sorted);
    return status;
}

void riskgan_market_backtest_free(riskgan_market_backtest *b)
{
    if (!b)
        return;
    cJSON_Delete(b->root);
    free(b);
}

riskgan_status riskgan_market_backtest_write_json(const riskgan_market_backtest *b, const char *path)
{
    return rg_json_write_file(b->root, path);
}

static void write_summary(FILE *f, const void *object)
{
    const riskgan_market_backtest *b = object;
    fprintf(f, "%s, %.0f test days after %.0f training days\n%-7s %6s %8s %9s %9s %9s %-22s %9s %9s\n",
            cJSON_GetStringValue(cJSON_GetObjectItem(b->root, "method")), rg_json_get(b->root, "test_days"),
            rg_json_get(b->root, "train_days"), "level", "exc.", "expected", "Kupiec p", "indep. p", "cc p",
            "traffic light (last 250)", "ES Z2", "Z2 p");
    const cJSON *level;
    cJSON_ArrayForEach(level, cJSON_GetObjectItem(b->root, "levels")) {
        char light[48];
        snprintf(light, sizeof light, "%s (%.0f exc.)",
                 cJSON_GetStringValue(rg_json_at(level, "traffic_light.last_window_zone")),
                 rg_json_get(level, "traffic_light.last_window_exceptions"));
        fprintf(f, "%-7.4g %6.0f %8.1f %9.4f %9.4f %9.4f %-22s %9.4f %9.3f\n",
                rg_json_get(level, "level"), rg_json_get(level, "exceptions"),
                rg_json_get(level, "expected_exceptions"), rg_json_get(level, "kupiec.p_value"),
                rg_json_get(level, "christoffersen_independence.p_value"),
                rg_json_get(level, "conditional_coverage.p_value"), light,
                rg_json_get(level, "acerbi_szekely_z2.statistic"), rg_json_get(level, "acerbi_szekely_z2.p_value"));
    }
}

char *riskgan_market_backtest_summary(const riskgan_market_backtest *b)
{
    return rg_text_build(write_summary, b);
}

/* P&L bars with the -VaR line of the first level; exceptions in red. */
static void exceedance_plot(FILE *f, const cJSON *root)
{
    const cJSON *pnl = cJSON_GetObjectItem(root, "pnl"), *level = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "levels"), 0);
    const cJSON *var = cJSON_GetObjectItem(level, "var");
    int n = cJSON_GetArraySize(pnl), width = 1000, height = 260, left = 50, top = 10, bottom = 24;
    double low = 0, high = 0;
    for (int i = 0; i < n; i++) {
        double p = cJSON_GetArrayItem(pnl, i)->valuedouble, v = -cJSON_GetArrayItem(var, i)->valuedouble;
        low = fmin(low, fmin(p, v)), high = fmax(high, p);
    }
    if (!(high > low) || n == 0)
        return;
    double span = high - low, step = (double)(width - left - 6) / n, zero = top + high / span * (height - top - bottom);
    fprintf(f, "<svg viewBox='0 0 %d %d' width='%d' height='%d' role='img'>", width, height, width, height);
    for (int i = 0; i < n; i++) {
        double p = cJSON_GetArrayItem(pnl, i)->valuedouble, v = cJSON_GetArrayItem(var, i)->valuedouble;
        double y = top + (high - p) / span * (height - top - bottom);
        fprintf(f, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s'/>", left + i * step, zero, left + i * step, y,
                p < -v ? "#d62728" : "#9ab");
    }
    fputs("<polyline fill='none' stroke='#222' stroke-width='1.2' points='", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%.1f,%.1f ", left + i * step,
                top + (high + cJSON_GetArrayItem(var, i)->valuedouble) / span * (height - top - bottom));
    fprintf(f, "'/><text x='%d' y='%d' font-size='10' text-anchor='end'>%.3g</text><text x='%d' y='%d' font-size='10' "
            "text-anchor='end'>%.3g</text><text x='%d' y='%d' font-size='10' text-anchor='end'>test day</text></svg>",
            left - 4, top + 8, high, left - 4, height - bottom, low, width - 6, height - 6);
}

static riskgan_status write_page(const void *object, const char *path)
{
    const riskgan_market_backtest *b = object;
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    FILE *f = file.stream;
    fprintf(f, "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>riskgan VaR backtest</title>"
            "<style>%s</style></head><body><h1>VaR and ES backtest: ",
            rg_html_style);
    rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetObjectItem(b->root, "method")));
    fprintf(f, "</h1><div class='sub'>%.0f held-out days, one-day-ahead forecasts from %.0f scenarios each, every forecast "
            "from earlier days only. riskgan %s. Definitions: docs/market.md.</div>",
            rg_json_get(b->root, "test_days"), rg_json_get(b->root, "scenarios_per_day"), RISKGAN_VERSION);
    fputs("<h2>Tests</h2><table><tr><th>level</th><th>exceptions</th><th>expected</th><th>Kupiec p</th>"
          "<th>independence p</th><th>cond. coverage p</th><th>traffic light, last 250 days</th><th>windows green / yellow / "
          "red</th><th>ES Z2 (p)</th></tr>", f);
    const cJSON *level;
    cJSON_ArrayForEach(level, cJSON_GetObjectItem(b->root, "levels")) {
        fprintf(f, "<tr><td>%.4g</td><td>%.0f</td><td>%.1f</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%s (%.0f)</td>"
                "<td>%.0f / %.0f / %.0f</td><td>%.3f (%.3f)</td></tr>",
                rg_json_get(level, "level"), rg_json_get(level, "exceptions"), rg_json_get(level, "expected_exceptions"),
                rg_json_get(level, "kupiec.p_value"), rg_json_get(level, "christoffersen_independence.p_value"),
                rg_json_get(level, "conditional_coverage.p_value"),
                cJSON_GetStringValue(rg_json_at(level, "traffic_light.last_window_zone")),
                rg_json_get(level, "traffic_light.last_window_exceptions"), rg_json_get(level, "traffic_light.green_windows"),
                rg_json_get(level, "traffic_light.yellow_windows"), rg_json_get(level, "traffic_light.red_windows"),
                rg_json_get(level, "acerbi_szekely_z2.statistic"), rg_json_get(level, "acerbi_szekely_z2.p_value"));
    }
    fprintf(f, "</table><h2>Exceedances at %.4g</h2><p class='sub'>Daily portfolio P&amp;L (red: below -VaR) and -VaR "
            "(black).</p>",
            rg_json_get(b->root, "levels.0.level"));
    exceedance_plot(f, b->root);
    fputs("</body></html>\n", f);
    if (ferror(f)) {
        rg_atomic_abort(&file);
        return rg_fail(RISKGAN_ERR_IO, "writing %s failed", path);
    }
    return rg_atomic_commit(&file);
}

riskgan_status riskgan_market_backtest_write_html(const riskgan_market_backtest *b, const char *path)
{
    return rg_write_in_c_locale(write_page, b, path);
}
