/* market_report.c — the summary of a market evaluation (the numbers the targets are stated
 * in), its text form, and its HTML page: fan charts, log-scale histograms, QQ plots, ACF and
 * leverage curves, correlation heatmaps. Everything is drawn from the JSON document. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/c_locale.h"
#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/html_page.h"
#include "../core/json.h"
#include "market_report.h"
#include "../core/text.h"

static const char *real_color = "#1f5f99", *synthetic_color = "#e07b39";

static int within(const cJSON *asset, const char *statistic)
{
    char path[96];
    snprintf(path, sizeof path, "horizons.0.synthetic.%s", statistic);
    double value = rg_json_get(asset, path);
    snprintf(path, sizeof path, "real_range.%s.0", statistic);
    double low = rg_json_get(asset, path);
    snprintf(path, sizeof path, "real_range.%s.1", statistic);
    return value >= low && value <= rg_json_get(asset, path);
}

void rg_market_report_summarize(riskgan_market_report *report)
{
    static const char *keys[] = {"w1_1", "w1_5", "w1_20", "acf_return", "acf_absolute", "acf_square", "leverage"};
    static const char *paths[] = {"horizons.0.w1", "horizons.1.w1", "horizons.2.w1", "acf.return.score",
                                  "acf.absolute.score", "acf.square.score", "leverage.score"};
    enum { KEYS = sizeof keys / sizeof *keys };
    cJSON *summary = cJSON_AddObjectToObject(report->root, "summary"), *per_asset = cJSON_AddArrayToObject(summary, "assets");
    const cJSON *assets = cJSON_GetObjectItemCaseSensitive(report->root, "assets"), *asset;
    double totals[KEYS] = {0};
    int count = 0, kurtosis_within = 0, hill_within = 0;
    cJSON_ArrayForEach(asset, assets) {
        cJSON *entry = cJSON_CreateObject();
        cJSON_AddItemToArray(per_asset, entry);
        cJSON_AddStringToObject(entry, "name", cJSON_GetStringValue(cJSON_GetObjectItem(asset, "name")));
        for (int k = 0; k < KEYS; k++) {
            double value = rg_json_get(asset, paths[k]);
            totals[k] += value;
            cJSON_AddNumberToObject(entry, keys[k], isfinite(value) ? value : -1);
        }
        int k_in = within(asset, "excess_kurtosis"), h_in = within(asset, "hill_left") && within(asset, "hill_right");
        cJSON_AddBoolToObject(entry, "kurtosis_within_real_range", k_in);
        cJSON_AddBoolToObject(entry, "tails_within_real_range", h_in);
        kurtosis_within += k_in;
        hill_within += h_in;
        count++;
    }
    for (int k = 0; k < KEYS; k++) {
        char key[32];
        snprintf(key, sizeof key, "mean_%s", keys[k]);
        cJSON_AddNumberToObject(summary, key, count ? totals[k] / count : 0);
    }
    cJSON_AddNumberToObject(summary, "assets_kurtosis_within_real_range", kurtosis_within);
    cJSON_AddNumberToObject(summary, "assets_tails_within_real_range", hill_within);
    cJSON_AddNumberToObject(summary, "correlation_distance", rg_json_get(report->root, "correlation.return.distance"));
    cJSON_AddNumberToObject(summary, "absolute_correlation_distance",
                            rg_json_get(report->root, "correlation.absolute.distance"));
}

static void write_summary(FILE *f, const void *object)
{
    const riskgan_market_report *report = object;
    fprintf(f, "%-10s %9s %9s %9s %8s %8s %8s  %-17s %s\n", "asset", "W1 1d", "W1 5d", "W1 20d",
            "ACF r", "ACF |r|", "leverage", "kurtosis real/gen", "in range (kurt, tails)");
    const cJSON *asset;
    cJSON_ArrayForEach(asset, rg_json_at(report->root, "assets")) {
        const cJSON *s = NULL, *entry;
        cJSON_ArrayForEach(entry, rg_json_at(report->root, "summary.assets"))
            if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(entry, "name")),
                       cJSON_GetStringValue(cJSON_GetObjectItem(asset, "name"))) == 0)
                s = entry;
        fprintf(f, "%-10.10s %9.5f %9.5f %9.5f %8.4f %8.4f %8.4f  %7.2f / %-7.2f %s, %s\n",
                cJSON_GetStringValue(cJSON_GetObjectItem(asset, "name")), rg_json_get(asset, "horizons.0.w1"),
                rg_json_get(asset, "horizons.1.w1"), rg_json_get(asset, "horizons.2.w1"),
                rg_json_get(asset, "acf.return.score"), rg_json_get(asset, "acf.absolute.score"),
                rg_json_get(asset, "leverage.score"), rg_json_get(asset, "horizons.0.real.excess_kurtosis"),
                rg_json_get(asset, "horizons.0.synthetic.excess_kurtosis"),
                cJSON_IsTrue(cJSON_GetObjectItem(s, "kurtosis_within_real_range")) ? "yes" : "no",
                cJSON_IsTrue(cJSON_GetObjectItem(s, "tails_within_real_range")) ? "yes" : "no");
    }
    const cJSON *root = report->root;
    fprintf(f, "mean: W1 %.5f / %.5f / %.5f, ACF |r| %.4f, leverage %.4f; correlation distance %.4f (of |r| %.4f); "
            "kurtosis in the real range for %.0f of %d assets, tail indices for %.0f\n",
            rg_json_get(root, "summary.mean_w1_1"), rg_json_get(root, "summary.mean_w1_5"),
            rg_json_get(root, "summary.mean_w1_20"), rg_json_get(root, "summary.mean_acf_absolute"),
            rg_json_get(root, "summary.mean_leverage"), rg_json_get(root, "summary.correlation_distance"),
            rg_json_get(root, "summary.absolute_correlation_distance"),
            rg_json_get(root, "summary.assets_kurtosis_within_real_range"), cJSON_GetArraySize(rg_json_at(root, "assets")),
            rg_json_get(root, "summary.assets_tails_within_real_range"));
}

char *riskgan_market_report_summary(const riskgan_market_report *report)
{
    return rg_text_build(write_summary, report);
}

/* ---------------------------------------------------------------- charts */

void rg_svg_lines(FILE *f, const cJSON *const *curves, const char *const *colors, const char *const *labels, int count,
                  int width, int height, const char *x_label)
{
    int left = 46, bottom = 24, top = 16, n = 0;
    double low = INFINITY, high = -INFINITY;
    for (int c = 0; c < count; c++) {
        int size = cJSON_GetArraySize(curves[c]);
        n = size > n ? size : n;
        for (int i = 0; i < size; i++) {
            double v = rg_json_array_number(curves[c], i);
            if (isfinite(v))
                low = fmin(low, v), high = fmax(high, v);
        }
    }
    if (!(high > low))
        high = low + 1;
    if (!isfinite(low))
        low = 0, high = 1;
    fprintf(f, "<svg viewBox='0 0 %d %d' width='%d' height='%d' role='img'>", width, height, width, height);
    double span = high - low;
    if (low < 0 && high > 0) {
        double y0 = top + (high / span) * (height - top - bottom);
        fprintf(f, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#bbb' stroke-dasharray='3 3'/>", left, y0, width - 6, y0);
    }
    fprintf(f, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#999'/>", left, height - bottom, width - 6, height - bottom);
    fprintf(f, "<text x='%d' y='%d' font-size='9' text-anchor='end'>%.3g</text>", left - 3, top + 4, high);
    fprintf(f, "<text x='%d' y='%d' font-size='9' text-anchor='end'>%.3g</text>", left - 3, height - bottom, low);
    fprintf(f, "<text x='%d' y='%d' font-size='9' text-anchor='end'>%s</text>", width - 6, height - 6, x_label);
    for (int c = 0; c < count; c++) {
        int size = cJSON_GetArraySize(curves[c]);
        fprintf(f, "<polyline fill='none' stroke='%s' stroke-width='1.5' points='", colors[c]);
        for (int i = 0; i < size; i++) {
            double v = rg_json_array_number(curves[c], i);
            if (isfinite(v))
                fprintf(f, "%.1f,%.1f ", left + (n > 1 ? (double)i / (n - 1) : 0) * (width - left - 6),
                        top + (high - v) / span * (height - top - bottom));
        }
        fputs("'/>", f);
        if (labels && labels[c])
            fprintf(f, "<text x='%d' y='%d' font-size='10' fill='%s'>%s</text>", left + 6 + 90 * c, 11, colors[c], labels[c]);
    }
    fputs("</svg>", f);
}

/* Log-density histograms of real and generated 1-day returns. */
static void log_histogram(FILE *f, const cJSON *h)
{
    const cJSON *real = rg_json_at(h, "real"), *synthetic = rg_json_at(h, "synthetic");
    int n = cJSON_GetArraySize(real), width = 300, height = 170, left = 36, bottom = 22;
    double top = -INFINITY, floor_value = INFINITY;
    for (int i = 0; i < n; i++)
        for (int s = 0; s < 2; s++) {
            double v = rg_json_array_number(s ? synthetic : real, i);
            if (v > 0)
                top = fmax(top, log10(v)), floor_value = fmin(floor_value, log10(v));
        }
    if (!isfinite(top))
        return;
    floor_value = fmin(floor_value, top - 1);
    fprintf(f, "<svg viewBox='0 0 %d %d' width='%d' height='%d' role='img'>", width, height, width, height);
    double slot = (double)(width - left - 6) / n;
    for (int i = 0; i < n; i++)
        for (int s = 0; s < 2; s++) {
            double v = rg_json_array_number(s ? synthetic : real, i);
            double h_bar = v > 0 ? (log10(v) - floor_value + 0.1) / (top - floor_value + 0.1) * (height - bottom - 10) : 0;
            fprintf(f, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s' opacity='0.6'/>", left + i * slot + s * slot / 2,
                    height - bottom - h_bar, slot / 2, h_bar, s ? synthetic_color : real_color);
        }
    fprintf(f, "<text x='%d' y='%d' font-size='9'>%.3g</text><text x='%d' y='%d' font-size='9' text-anchor='end'>%.3g</text>",
            left, height - 6, rg_json_get(h, "range.0"), width - 6, height - 6, rg_json_get(h, "range.1"));
    fprintf(f, "<text x='%d' y='12' font-size='9' text-anchor='end'>log density</text></svg>", left + 40);
}

static void qq_plot(FILE *f, const cJSON *qq)
{
    const cJSON *real = rg_json_at(qq, "real"), *synthetic = rg_json_at(qq, "synthetic");
    int n = cJSON_GetArraySize(real), size = 170, pad = 24;
    double low = INFINITY, high = -INFINITY;
    for (int i = 0; i < n; i++)
        for (int s = 0; s < 2; s++) {
            double v = rg_json_array_number(s ? synthetic : real, i);
            if (isfinite(v))
                low = fmin(low, v), high = fmax(high, v);
        }
    if (!(high > low))
        return;
    double span = high - low;
    fprintf(f, "<svg viewBox='0 0 %d %d' width='%d' height='%d' role='img'>", size, size, size, size);
    fprintf(f, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#bbb'/>", pad, size - pad, size - 4, 4);
    for (int i = 0; i < n; i++) {
        double x = rg_json_array_number(real, i), y = rg_json_array_number(synthetic, i);
        if (isfinite(x) && isfinite(y))
            fprintf(f, "<circle cx='%.1f' cy='%.1f' r='1.8' fill='%s'/>", pad + (x - low) / span * (size - pad - 4),
                    size - pad - (y - low) / span * (size - pad - 4), synthetic_color);
    }
    fprintf(f, "<text x='%d' y='%d' font-size='9'>real quantile</text></svg>", pad, size - 6);
}

static void heatmap(FILE *f, const cJSON *names, const cJSON *matrix, const cJSON *minus, const char *title)
{
    int n = cJSON_GetArraySize(names), cell = n > 12 ? 9 : 22, label = 44, size = label + n * cell + 4;
    fprintf(f, "<figure><figcaption>%s</figcaption><svg viewBox='0 0 %d %d' width='%d' height='%d'>", title, size, size, size,
            size);
    for (int a = 0; a < n; a++) {
        fprintf(f, "<text x='%d' y='%d' font-size='8' text-anchor='end'>", label - 3, label + a * cell + cell - 2);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetArrayItem(names, a)));
        fputs("</text>", f);
        for (int b = 0; b < n; b++) {
            double v = rg_json_array_number(cJSON_GetArrayItem(matrix, a), b);
            if (minus)
                v -= rg_json_array_number(cJSON_GetArrayItem(minus, a), b);
            v = isfinite(v) ? fmax(-1, fmin(1, v)) : 0;
            char color[32];
            rg_html_heat_color(v, color, sizeof color);
            fprintf(f, "<rect x='%d' y='%d' width='%d' height='%d' fill='%s'><title>%.3f</title></rect>", label + b * cell,
                    label + a * cell, cell - 1, cell - 1, color, v);
        }
    }
    fputs("</svg></figure>", f);
}

static void fan_chart(FILE *f, const cJSON *fan)
{
    const char *keys[5] = {"q05", "q25", "q50", "q75", "q95"};
    const cJSON *curves[5];
    const char *colors[5] = {"#f3c19d", "#e89a63", synthetic_color, "#e89a63", "#f3c19d"};
    const char *labels[5] = {NULL, NULL, NULL, NULL, NULL};
    for (int k = 0; k < 5; k++)
        curves[k] = rg_json_at(fan, keys[k]);
    rg_svg_lines(f, curves, colors, labels, 5, 300, 170, "day");
}

static riskgan_status write_page(const riskgan_market_report *report, FILE *f)
{
    const cJSON *root = report->root, *assets = rg_json_at(root, "assets"), *asset;
    fprintf(f, "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>riskgan market scenarios</title>"
            "<style>%s</style></head><body><h1>Market scenarios: stylized facts</h1><div class='sub'>",
            rg_html_style);
    fprintf(f, "%.0f real return days against %.0f generated paths of %.0f days, %d assets. riskgan %s. Definitions: "
            "docs/market.md.</div>",
            rg_json_get(root, "inputs.real_days"), rg_json_get(root, "inputs.synthetic_paths"),
            rg_json_get(root, "inputs.synthetic_days"), cJSON_GetArraySize(assets), RISKGAN_VERSION);
    double kurt_in = rg_json_get(root, "summary.assets_kurtosis_within_real_range");
    double tails_in = rg_json_get(root, "summary.assets_tails_within_real_range");
    int count = cJSON_GetArraySize(assets);
    fputs("<div class='cards'>", f);
    fprintf(f, "<div class='card'><div class='title'>W1, 1 / 20 days (mean over assets)</div><div class='value'>%.4f / %.4f"
            "</div><div class='note'>Wasserstein-1 distance between real and generated log-return distributions (0 = "
            "identical).</div></div>",
            rg_json_get(root, "summary.mean_w1_1"), rg_json_get(root, "summary.mean_w1_20"));
    fprintf(f, "<div class='card'><div class='title'>Volatility clustering: ACF |r| score</div><div class='value'>%.4f</div>"
            "<div class='note'>Mean absolute difference of the autocorrelation of |r| at lags 1-%.0f.</div></div>",
            rg_json_get(root, "summary.mean_acf_absolute"), rg_json_get(root, "inputs.max_lag"));
    fprintf(f, "<div class='card'><div class='title'>Cross-asset correlation distance</div><div class='value'>%.4f</div>"
            "<div class='note'>Mean absolute difference of the pairwise return correlations.</div></div>",
            rg_json_get(root, "summary.correlation_distance"));
    fprintf(f, "<div class='card %s'><div class='title'>Heavy tails in the real range</div><div class='value'>%.0f / %d"
            "</div><div class='note'>Assets whose generated kurtosis (and, %.0f, both Hill tail indices) lie in the "
            "5-95 %% bootstrap range of the real values.</div></div>",
            kurt_in == count && tails_in == count ? "good" : kurt_in >= count / 2.0 ? "fair" : "poor", kurt_in, count, tails_in);
    fputs("</div>", f);
    fputs("<h2>Per asset</h2><table><tr><th>asset</th><th>W1 1d</th><th>W1 5d</th><th>W1 20d</th><th>kurtosis real</th>"
          "<th>kurtosis generated</th><th>Hill left real / gen</th><th>ACF r</th><th>ACF |r|</th><th>ACF r&sup2;</th>"
          "<th>leverage</th></tr>", f);
    cJSON_ArrayForEach(asset, assets) {
        fputs("<tr><td>", f);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetObjectItem(asset, "name")));
        fprintf(f, "</td><td>%.5f</td><td>%.5f</td><td>%.5f</td><td>%.2f [%.2f, %.2f]</td><td>%.2f</td><td>%.2f / %.2f</td>"
                "<td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.4f</td></tr>",
                rg_json_get(asset, "horizons.0.w1"), rg_json_get(asset, "horizons.1.w1"),
                rg_json_get(asset, "horizons.2.w1"), rg_json_get(asset, "horizons.0.real.excess_kurtosis"),
                rg_json_get(asset, "real_range.excess_kurtosis.0"), rg_json_get(asset, "real_range.excess_kurtosis.1"),
                rg_json_get(asset, "horizons.0.synthetic.excess_kurtosis"),
                rg_json_get(asset, "horizons.0.real.hill_left"), rg_json_get(asset, "horizons.0.synthetic.hill_left"),
                rg_json_get(asset, "acf.return.score"), rg_json_get(asset, "acf.absolute.score"),
                rg_json_get(asset, "acf.square.score"), rg_json_get(asset, "leverage.score"));
    }
    fprintf(f, "</table><p class='legend'><span style='background:%s'></span>real<span style='background:%s'></span>"
            "generated</p>", real_color, synthetic_color);
    int shown = 0;
    cJSON_ArrayForEach(asset, assets) {
        if (shown++ == 8) {
            fputs("<p class='sub'>Charts for the first 8 assets; every number is in the table above and the JSON.</p>", f);
            break;
        }
        fputs("<h2>", f);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetObjectItem(asset, "name")));
        fputs("</h2><div class='grid'><figure><figcaption>Generated price relative to day 0: median, 25-75 % and 5-95 % "
              "bands</figcaption>", f);
        fan_chart(f, rg_json_at(asset, "fan"));
        fputs("</figure><figure><figcaption>1-day log returns, log-density histogram</figcaption>", f);
        log_histogram(f, rg_json_at(asset, "histogram"));
        fputs("</figure><figure><figcaption>QQ plot: generated against real quantiles</figcaption>", f);
        qq_plot(f, rg_json_at(asset, "qq"));
        const char *colors[2] = {real_color, synthetic_color}, *labels[2] = {"real", "generated"};
        const char *acf_keys[3] = {"acf.absolute", "acf.return", "leverage"};
        const char *captions[3] = {"ACF of |r|, lags 1-100 (volatility clustering)", "ACF of r (no linear predictability)",
                                   "Leverage corr(r_t, r&sup2;_t+k), k = 1-20"};
        for (int k = 0; k < 3; k++) {
            char path[64];
            const cJSON *curves[2];
            snprintf(path, sizeof path, "%s.real", acf_keys[k]);
            curves[0] = rg_json_at(asset, path);
            snprintf(path, sizeof path, "%s.synthetic", acf_keys[k]);
            curves[1] = rg_json_at(asset, path);
            fprintf(f, "</figure><figure><figcaption>%s</figcaption>", captions[k]);
            rg_svg_lines(f, curves, colors, labels, 2, 300, 170, "lag");
        }
        fputs("</figure></div>", f);
    }
    const cJSON *names = rg_json_at(root, "correlation.assets");
    fputs("<h2>Cross-asset dependence</h2><div class='grid'>", f);
    heatmap(f, names, rg_json_at(root, "correlation.return.real"), NULL, "Correlation of returns: real");
    heatmap(f, names, rg_json_at(root, "correlation.return.synthetic"), NULL, "generated");
    heatmap(f, names, rg_json_at(root, "correlation.return.synthetic"), rg_json_at(root, "correlation.return.real"),
            "generated - real");
    heatmap(f, names, rg_json_at(root, "correlation.absolute.real"), NULL, "Correlation of |r|: real");
    heatmap(f, names, rg_json_at(root, "correlation.absolute.synthetic"), NULL, "generated");
    fputs("</div></body></html>\n", f);
    return ferror(f) ? rg_fail(RISKGAN_ERR_IO, "writing the HTML report failed") : RISKGAN_OK;
}

static riskgan_status write_report_file(const void *object, const char *path)
{
    const riskgan_market_report *report = object;
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    status = write_page(report, file.stream);
    if (status == RISKGAN_OK)
        return rg_atomic_commit(&file);
    rg_atomic_abort(&file);
    return status;
}

riskgan_status riskgan_market_report_write_html(const riskgan_market_report *report, const char *path)
{
    return rg_write_in_c_locale(write_report_file, report, path);
}
