/* scorecard_report.c — the scorecard as an HTML page for a model-risk committee: ranking on a
 * labelled table, every feature's IV, each card feature's bins (event rate, WoE, points), the
 * score's distribution by class and the gains table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/atomic_file.h"
#include "../core/c_locale.h"
#include "../core/error.h"
#include "../core/html_page.h"
#include "../core/memory.h"
#include "risk_model.h"
#include "validation_charts.h"

enum { HISTOGRAM_BINS = 24 };

typedef struct {
    const riskgan_risk_model *model;
    const riskgan_table *table;
} page_input;

/* A horizontal bar of `share` (0-1) of 160 pixels, in a colour. */
static void bar(FILE *f, double share, const char *colour)
{
    fprintf(f, "<svg width='164' height='12'><rect x='0' y='1' width='%.1f' height='10' fill='%s'/></svg>",
            160 * fmax(0, fmin(1, share)), colour);
}

/* A bar from the middle, right (blue) for positive WoE (lower risk), left (red) for negative. */
static void woe_bar(FILE *f, double woe, double largest)
{
    double w = largest > 0 ? 80 * fmin(1, fabs(woe) / largest) : 0;
    fprintf(f, "<svg width='164' height='12'><line x1='82' y1='0' x2='82' y2='12' stroke='#999'/>"
               "<rect x='%.1f' y='1' width='%.1f' height='10' fill='%s'/></svg>",
            woe >= 0 ? 82 : 82 - w, w, woe >= 0 ? "#3b6fb6" : "#c0392b");
}

static void iv_ranking(FILE *f, const rg_scorecard *card)
{
    const riskgan_binning *b = card->binning;
    double largest = 0;
    for (size_t i = 0; i < b->count; i++)
        largest = fmax(largest, b->feature[i].iv);
    size_t *order = rg_calloc(b->count + 1, sizeof *order);
    size_t ranked = order ? rg_binning_strongest_first(b, -INFINITY, order) : 0;
    fputs("<h2>Information value of every feature, strongest first</h2><table><tr><th>feature</th><th>IV</th>"
          "<th></th><th>bins</th><th>in the card</th></tr>", f);
    for (size_t n = 0; n < ranked; n++) {
        size_t i = order[n];
        int kept = 0;
        for (size_t k = 0; k < card->selected_count; k++)
            kept |= card->selected[k] == i;
        fputs("<tr><td>", f);
        rg_html_escaped(f, b->feature[i].feature);
        fprintf(f, "</td><td>%.4f</td><td>", b->feature[i].iv);
        bar(f, largest > 0 ? b->feature[i].iv / largest : 0, "#6a8caf");
        fprintf(f, "</td><td>%zu</td><td>%s</td></tr>", b->feature[i].bin_count, kept ? "yes" : "left out");
    }
    free(order);
    fputs("</table><div class='sub'>Left out: IV under the minimum, a WoE correlated with a stronger feature's, "
          "or a coefficient of the wrong sign (docs/scorecard.md).</div>", f);
}

static void feature_bins(FILE *f, const rg_scorecard *card, size_t k)
{
    const rg_feature_binning *b = &card->binning->feature[card->selected[k]];
    double rate = 0, woe = 0;
    for (size_t j = 0; j < b->bin_count; j++)
        rate = fmax(rate, b->bins[j].count > 0 ? b->bins[j].events / b->bins[j].count : 0),
        woe = fmax(woe, fabs(b->bins[j].woe));
    fputs("<h3>", f);
    rg_html_escaped(f, b->feature);
    fprintf(f, " <span class='sub'>IV %.4f, coefficient %.4f</span></h3><table><tr><th>bin</th><th>rows</th>"
               "<th>event rate</th><th></th><th>WoE</th><th></th><th>points</th></tr>", b->iv, card->coefficient[k]);
    for (size_t j = 0; j < b->bin_count; j++) {
        const rg_bin *bin = &b->bins[j];
        double r = bin->count > 0 ? bin->events / bin->count : 0;
        fputs("<tr><td>", f);
        rg_html_escaped(f, bin->label);
        fprintf(f, "</td><td>%.0f</td><td>%.4f</td><td>", bin->count, r);
        bar(f, rate > 0 ? r / rate : 0, "#d9822b");
        fprintf(f, "</td><td>%.4f</td><td>", bin->woe);
        woe_bar(f, bin->woe, woe);
        fprintf(f, "</td><td>%.2f</td></tr>", card->points[k][j]);
    }
    fputs("</table>", f);
}

/* Histograms of the score of events and non-events, each scaled to its own class. */
static void score_histogram(FILE *f, const double *score, const int *event, size_t n)
{
    double low = INFINITY, high = -INFINITY, count[2][HISTOGRAM_BINS] = {{0}}, total[2] = {0, 0}, peak = 0;
    for (size_t r = 0; r < n; r++)
        low = fmin(low, score[r]), high = fmax(high, score[r]);
    double width = high > low ? (high - low) / HISTOGRAM_BINS : 1;
    for (size_t r = 0; r < n; r++) {
        size_t k = (size_t)fmin(HISTOGRAM_BINS - 1, floor((score[r] - low) / width));
        count[event[r]][k] += 1, total[event[r]] += 1;
    }
    for (int c = 0; c < 2; c++)
        for (size_t k = 0; k < HISTOGRAM_BINS; k++)
            peak = fmax(peak, total[c] > 0 ? count[c][k] / total[c] : 0);
    fputs("<h2>Scores by class</h2><svg width='620' height='230'>", f);
    for (int c = 0; c < 2; c++)
        for (size_t k = 0; k < HISTOGRAM_BINS; k++) {
            double h = peak > 0 && total[c] > 0 ? 180 * count[c][k] / total[c] / peak : 0;
            fprintf(f, "<rect x='%.1f' y='%.1f' width='11' height='%.1f' fill='%s' opacity='0.8'/>",
                    20 + 24.0 * (double)k + 12 * c, 200 - h, h, c ? "#c0392b" : "#3b6fb6");
        }
    fprintf(f, "<text x='20' y='220' font-size='11'>%.0f</text><text x='560' y='220' font-size='11'>%.0f</text>"
               "</svg><div class='legend'><span style='background:#3b6fb6'></span>non-events"
               "<span style='background:#c0392b'></span>events (each scaled to its class)</div>", low, high);
}

static int by_score(const void *a, const void *b)
{
    double x = ((const double *)a)[0], y = ((const double *)b)[0];
    return (x > y) - (x < y);
}

/* The share of events and of non-events at or below each score, lowest (riskiest) first. */
static void ks_chart(FILE *f, const double *score, const int *event, size_t n)
{
    double (*pair)[2] = rg_calloc(n + 1, sizeof *pair), totals[2] = {0, 0}, seen[2] = {0, 0}, gap = 0, at = 0;
    if (!pair)
        return;
    for (size_t r = 0; r < n; r++)
        pair[r][0] = score[r], pair[r][1] = event[r], totals[event[r]] += 1;
    qsort(pair, n, sizeof *pair, by_score);
    fputs("<figure><svg width='300' height='300'><rect x='40' y='10' width='250' height='250' fill='none' "
          "stroke='#ccc'/>", f);
    for (int c = 1; c >= 0; c--) {
        fprintf(f, "<polyline fill='none' stroke='%s' stroke-width='2' points='40,260", c ? "#c0392b" : "#3b6fb6");
        seen[0] = seen[1] = 0;
        for (size_t r = 0; r < n; r++) {
            seen[(int)pair[r][1]] += 1;
            double share = totals[c] > 0 ? seen[c] / totals[c] : 0, other = totals[!c] > 0 ? seen[!c] / totals[!c] : 0;
            if (c && share - other > gap)
                gap = share - other, at = (double)(r + 1) / (double)n;
            if (r % (n / 100 + 1) == 0 || r + 1 == n)
                fprintf(f, " %.1f,%.1f", 40 + 250 * (double)(r + 1) / (double)n, 260 - 250 * share);
        }
        fputs("'/>", f);
    }
    fprintf(f, "<line x1='%.1f' y1='10' x2='%.1f' y2='260' stroke='#999' stroke-dasharray='4'/></svg><figcaption>KS: "
               "the share of events (red) and of non-events (blue) scoring at or below each point, rows from the "
               "lowest score; the widest gap, %.3f, lies at the lowest %.0f %% of the scores.</figcaption></figure>",
            40 + 250 * at, 40 + 250 * at, gap, 100 * at);
    free(pair);
}

static riskgan_status write_sections(FILE *f, const riskgan_risk_model *m, const riskgan_table *t)
{
    const rg_scorecard *card = rg_risk_model_scorecard(m);
    riskgan_validation v;
    size_t n = riskgan_table_rows(t);
    double *score = rg_calloc(n + 1, sizeof *score), *p = rg_calloc(n + 1, sizeof *p);
    int *event = rg_calloc(n + 1, sizeof *event);
    riskgan_status status = score && p && event ? riskgan_risk_validate(m, t, &v) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = riskgan_risk_score(m, t, p, score);
    long target = riskgan_table_find_column(t, riskgan_risk_model_target(m));
    size_t kept = 0;
    for (size_t r = 0; status == RISKGAN_OK && r < n; r++) {
        const char *text = riskgan_table_category(t, r, (size_t)target);
        char number[64];
        if (!text && !isnan(riskgan_table_number(t, r, (size_t)target))) /* a numeric target */
            riskgan_table_format_value(t, (size_t)target, riskgan_table_number(t, r, (size_t)target), number,
                                       sizeof number), text = number;
        if (text)
            score[kept] = score[r], event[kept++] = strcmp(text, riskgan_risk_model_positive(m)) == 0;
    }
    if (status == RISKGAN_OK) {
        fputs("<h1>Credit scorecard: ", f);
        rg_html_escaped(f, riskgan_risk_model_target(m));
        fprintf(f, "</h1><div class='sub'>Event: %s. Score = base points %.2f + the points of each feature's bin; "
                   "%.1f more points double the odds against the event. riskgan %s; docs/scorecard.md.</div>"
                   "<div class='cards'><div class='card'><div class='title'>ROC-AUC</div><div class='value'>%.3f</div>"
                   "</div><div class='card'><div class='title'>Gini</div><div class='value'>%.3f</div></div>"
                   "<div class='card'><div class='title'>KS</div><div class='value'>%.3f</div></div>"
                   "<div class='card'><div class='title'>Hosmer-Lemeshow p</div><div class='value'>%.3f</div></div>"
                   "</div><div class='sub'>On the %zu labelled rows given (%zu events).</div>",
                riskgan_risk_model_positive(m), card->base_points, card->factor * log(2.0), RISKGAN_VERSION, v.auc,
                v.gini, v.ks, v.hosmer_lemeshow_p, v.rows, v.events);
        iv_ranking(f, card);
        fputs("<h2>The card</h2>", f);
        for (size_t k = 0; k < card->selected_count; k++)
            feature_bins(f, card, k);
        score_histogram(f, score, event, kept);
        fputs("<div class='grid'>", f);
        ks_chart(f, score, event, kept);
        rg_calibration_chart(f, &v);
        fputs("</div>", f);
        rg_gains_table(f, &v);
    }
    free(score), free(p), free(event);
    return status;
}

static riskgan_status write_page(const void *object, const char *path)
{
    const page_input *in = object;
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    rg_html_page_open(file.stream, "riskgan scorecard");
    status = write_sections(file.stream, in->model, in->table);
    rg_html_page_close(file.stream);
    if (status != RISKGAN_OK) {
        rg_atomic_abort(&file);
        return status;
    }
    return rg_atomic_commit(&file);
}

riskgan_status riskgan_risk_write_scorecard_html(const riskgan_risk_model *m, const riskgan_table *table,
                                                 const char *path)
{
    if (!rg_risk_model_scorecard(m))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the scorecard page needs a scorecard (risk fit --algo scorecard)");
    page_input in = {m, table};
    return rg_write_in_c_locale(write_page, &in, path);
}
