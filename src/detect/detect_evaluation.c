/* detect_evaluation.c — how well scores rank labelled anomalies: ROC-AUC, PR-AUC, recall at
 * fixed precision, precision and recall within alert budgets, score histograms by class and
 * the PR curve; as a summary, JSON and a self-contained HTML page. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/c_locale.h"
#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../core/html_page.h"
#include "../core/json.h"
#include "../learn/metrics.h"
#include "../data/table.h"
#include "detector.h"

enum { HISTOGRAM_BINS = 30, CURVE_POINTS = 200 };
static const double precision_levels[3] = {0.5, 0.8, 0.9};
static const double alert_budgets[3] = {0.001, 0.01, 0.05};

struct riskgan_detect_evaluation {
    riskgan_detect_evaluation_scores summary;
    double edges[HISTOGRAM_BINS + 1];
    double histogram[2][HISTOGRAM_BINS]; /* normal, anomaly: shares of the class's rows */
    size_t curve_points;
    double curve_recall[CURVE_POINTS], curve_precision[CURVE_POINTS];
};

typedef struct {
    double score;
    int label;
    size_t row;
} ranked;

static int by_score_descending(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->row > y->row) - (x->row < y->row);
}

/* Largest recall whose precision reaches each level, over thresholds between distinct scores. */
static void recall_at_precision(const ranked *r, size_t n, size_t positives, double *out)
{
    for (int k = 0; k < 3; k++)
        out[k] = 0;
    size_t hits = 0;
    for (size_t i = 0; i < n; i++) {
        hits += r[i].label;
        if (i + 1 < n && r[i + 1].score == r[i].score)
            continue;
        double precision = (double)hits / (double)(i + 1), recall = (double)hits / (double)positives;
        for (int k = 0; k < 3; k++)
            if (precision >= precision_levels[k] && recall > out[k])
                out[k] = recall;
    }
}

static void histogram(riskgan_detect_evaluation *e, const ranked *r, size_t n, size_t positives)
{
    double low = r[n - 1].score, high = r[n / 1000].score; /* the top 0.1 % share the last bin */
    if (!(high > low))
        high = low + 1;
    for (int b = 0; b <= HISTOGRAM_BINS; b++)
        e->edges[b] = low + (high - low) * b / HISTOGRAM_BINS;
    for (size_t i = 0; i < n; i++) {
        int bin = (int)((r[i].score - low) / (high - low) * HISTOGRAM_BINS);
        bin = bin < 0 ? 0 : bin >= HISTOGRAM_BINS ? HISTOGRAM_BINS - 1 : bin;
        e->histogram[r[i].label][bin] += 1;
    }
    for (int b = 0; b < HISTOGRAM_BINS; b++) {
        e->histogram[0][b] /= (double)(n - positives);
        e->histogram[1][b] /= (double)positives;
    }
}

riskgan_status riskgan_detect_evaluate_scores(const double *scores, const int *labels, size_t n,
                                              riskgan_detect_evaluation **out)
{
    *out = NULL;
    size_t positives = 0;
    for (size_t i = 0; i < n; i++)
        positives += labels[i] != 0;
    if (positives == 0 || positives == n)
        return rg_fail(RISKGAN_ERR_SCHEMA, "evaluating a detector needs anomalies and ordinary rows (%zu of %zu rows are "
                       "anomalies)", positives, n);
    riskgan_detect_evaluation *e = rg_calloc(1, sizeof *e);
    ranked *r = rg_calloc(n, sizeof *r);
    int *binary = rg_calloc(n, sizeof *binary);
    if (!e || !r || !binary) {
        free(e);
        free(r);
        free(binary);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t i = 0; i < n; i++) {
        binary[i] = labels[i] != 0;
        r[i] = (ranked){scores[i], binary[i], i};
    }
    qsort(r, n, sizeof *r, by_score_descending);
    riskgan_detect_evaluation_scores *s = &e->summary;
    s->rows = n;
    s->anomalies = positives;
    s->roc_auc = rg_roc_auc(scores, binary, n);
    s->pr_auc = rg_average_precision(scores, binary, n);
    recall_at_precision(r, n, positives, s->recall_at_precision);
    for (int k = 0; k < 3; k++) {
        size_t top = (size_t)ceil(alert_budgets[k] * (double)n), hits = 0;
        top = top < 1 ? 1 : top;
        for (size_t i = 0; i < top; i++)
            hits += r[i].label;
        s->precision_at_top[k] = (double)hits / (double)top;
        s->recall_at_top[k] = (double)hits / (double)positives;
    }
    histogram(e, r, n, positives);
    e->curve_points = rg_pr_curve(scores, binary, n, e->curve_recall, e->curve_precision, CURVE_POINTS);
    free(r);
    free(binary);
    *out = e;
    return RISKGAN_OK;
}

riskgan_status riskgan_detect_evaluate(const riskgan_detector *detector, const riskgan_table *table, const char *target,
                                       const char *positive, riskgan_detect_evaluation **out)
{
    *out = NULL;
    if (!target)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "evaluating a detector needs the target column");
    size_t rows = table->rows, count;
    double *scores = rg_calloc(rows ? rows : 1, sizeof *scores);
    unsigned char *flags = rg_calloc(rows ? rows : 1, 1);
    int *labels = rg_calloc(rows ? rows : 1, sizeof *labels);
    riskgan_status status = scores && flags && labels ? rg_detect_match_rows(table, target, positive ? positive : "1",
                                                                             flags, &count)
                                                      : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = riskgan_detect_score_table(detector, table, scores, 0, NULL, NULL);
    for (size_t r = 0; r < rows; r++)
        labels[r] = flags[r];
    if (status == RISKGAN_OK)
        status = riskgan_detect_evaluate_scores(scores, labels, rows, out);
    free(scores);
    free(flags);
    free(labels);
    return status;
}

void riskgan_detect_evaluation_get_scores(const riskgan_detect_evaluation *e, riskgan_detect_evaluation_scores *s)
{
    *s = e->summary;
}

void riskgan_detect_evaluation_free(riskgan_detect_evaluation *e)
{
    free(e);
}

static cJSON *to_json(const riskgan_detect_evaluation *e)
{
    const riskgan_detect_evaluation_scores *s = &e->summary;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "rows", (double)s->rows);
    cJSON_AddNumberToObject(root, "anomalies", (double)s->anomalies);
    rg_json_number(root, "roc_auc", s->roc_auc);
    rg_json_number(root, "pr_auc", s->pr_auc);
    cJSON *at_precision = cJSON_AddObjectToObject(root, "recall_at_precision");
    char key[16];
    for (int k = 0; k < 3; k++) {
        snprintf(key, sizeof key, "%.1f", precision_levels[k]);
        rg_json_number(at_precision, key, s->recall_at_precision[k]);
    }
    cJSON *top = cJSON_AddArrayToObject(root, "alert_budgets");
    for (int k = 0; k < 3; k++) {
        cJSON *item = cJSON_CreateObject();
        cJSON_AddNumberToObject(item, "share", alert_budgets[k]);
        cJSON_AddNumberToObject(item, "rows", ceil(alert_budgets[k] * (double)s->rows));
        rg_json_number(item, "precision", s->precision_at_top[k]);
        rg_json_number(item, "recall", s->recall_at_top[k]);
        cJSON_AddItemToArray(top, item);
    }
    cJSON *histogram = cJSON_AddObjectToObject(root, "histogram");
    rg_json_numbers(histogram, "edges", e->edges, HISTOGRAM_BINS + 1);
    rg_json_numbers(histogram, "normal", e->histogram[0], HISTOGRAM_BINS);
    rg_json_numbers(histogram, "anomaly", e->histogram[1], HISTOGRAM_BINS);
    cJSON *curve = cJSON_AddObjectToObject(root, "pr_curve");
    rg_json_numbers(curve, "recall", e->curve_recall, e->curve_points);
    rg_json_numbers(curve, "precision", e->curve_precision, e->curve_points);
    return root;
}

riskgan_status riskgan_detect_evaluation_write_json(const riskgan_detect_evaluation *e, const char *path)
{
    cJSON *root = to_json(e);
    if (!root)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_json_write_file(root, path);
    cJSON_Delete(root);
    return status;
}


static void card(FILE *f, const char *title, double value, const char *note)
{
    fprintf(f, "<div class='card'><div class='title'>%s</div><div class='value'>%.3f</div><div class='note'>%s</div></div>",
            title, value, note);
}

static void histogram_chart(FILE *f, const riskgan_detect_evaluation *e)
{
    const int width = 420, height = 220, left = 40, bottom = 30;
    double peak = 1e-12;
    for (int c = 0; c < 2; c++)
        for (int b = 0; b < HISTOGRAM_BINS; b++)
            peak = e->histogram[c][b] > peak ? e->histogram[c][b] : peak;
    fprintf(f, "<figure><svg width='%d' height='%d' role='img' aria-label='score histograms'>", width, height);
    double bar = (double)(width - left - 10) / HISTOGRAM_BINS;
    const char *colors[2] = {"#4c78a8", "#e45756"};
    for (int c = 0; c < 2; c++)
        for (int b = 0; b < HISTOGRAM_BINS; b++) {
            double h = e->histogram[c][b] / peak * (height - bottom - 10);
            fprintf(f, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s' fill-opacity='0.55'/>",
                    left + b * bar, height - bottom - h, bar, h, colors[c]);
        }
    fprintf(f, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", left, height - bottom, width - 10, height - bottom);
    fprintf(f, "<text x='%d' y='%d' font-size='11'>%.3g</text>", left, height - 12, e->edges[0]);
    fprintf(f, "<text x='%d' y='%d' font-size='11' text-anchor='end'>%.3g+</text>", width - 10, height - 12,
            e->edges[HISTOGRAM_BINS - 1]);
    fprintf(f, "<text x='%d' y='14' font-size='11' fill='%s'>&#9632; ordinary</text><text x='%d' y='28' font-size='11' "
               "fill='%s'>&#9632; anomalies</text>", width - 120, colors[0], width - 120, colors[1]);
    fputs("</svg><figcaption>Scores of ordinary rows and of anomalies, each as a share of its class (the highest 0.1 % "
          "of scores share the last bar). Separated humps mean the score ranks anomalies first.</figcaption></figure>", f);
}

static void pr_chart(FILE *f, const riskgan_detect_evaluation *e)
{
    const int size = 260, pad = 30;
    double base = (double)e->summary.anomalies / (double)e->summary.rows;
    fprintf(f, "<figure><svg width='%d' height='%d' role='img' aria-label='precision-recall curve'>", size + pad, size + pad);
    fprintf(f, "<rect x='%d' y='0' width='%d' height='%d' fill='none' stroke='#999'/>", pad, size, size);
    fprintf(f, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#aaa' stroke-dasharray='4'/>", pad, size * (1 - base),
            pad + size, size * (1 - base));
    fputs("<polyline fill='none' stroke='#e45756' stroke-width='2' points='", f);
    for (size_t i = 0; i < e->curve_points; i++)
        fprintf(f, "%.1f,%.1f ", pad + e->curve_recall[i] * size, (1 - e->curve_precision[i]) * size);
    fprintf(f, "'/><text x='%d' y='%d' font-size='11'>recall</text><text transform='rotate(-90)' x='%d' y='12' font-size='11' "
               "text-anchor='middle'>precision</text>", pad + size / 2 - 15, size + 24, -size / 2);
    fprintf(f, "<text x='%d' y='%d' font-size='10' text-anchor='end'>0</text><text x='%d' y='10' font-size='10' "
               "text-anchor='end'>1</text><text x='%d' y='%d' font-size='10'>0</text><text x='%d' y='%d' font-size='10' "
               "text-anchor='end'>1</text>", pad - 3, size, pad - 3, pad, size + 12, pad + size, size + 12);
    fputs("</svg><figcaption>Precision-recall curve; the dashed line is the share of anomalies (a random score).</figcaption>"
          "</figure>", f);
}

static riskgan_status write_page(const void *object, const char *path)
{
    const riskgan_detect_evaluation *e = object;
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    FILE *f = file.stream;
    const riskgan_detect_evaluation_scores *s = &e->summary;
    fprintf(f, "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>riskgan detection evaluation</title>"
               "<style>%s</style></head><body><h1>Anomaly detection evaluation</h1>", rg_html_style);
    fprintf(f, "<div class='sub'>%zu labelled rows, %zu anomalies (%.2f %%). riskgan %s. Definitions: docs/detect.md."
               "</div><div class='cards'>", s->rows, s->anomalies, 100.0 * (double)s->anomalies / (double)s->rows,
            RISKGAN_VERSION);
    card(f, "ROC-AUC", s->roc_auc, "Chance that an anomaly scores above an ordinary row (0.5 = random).");
    char note[160];
    snprintf(note, sizeof note, "Average precision over the ranking; a random score gets %.3f.",
             (double)s->anomalies / (double)s->rows);
    card(f, "PR-AUC", s->pr_auc, note);
    card(f, "Recall in the top 1 %", s->recall_at_top[1], "Share of the anomalies a team reviewing the 1 % highest "
         "scores would see.");
    double base = (double)s->anomalies / (double)s->rows;
    fprintf(f, "</div><div class='verdict'><b>In short.</b> Reviewing the 1 %% highest scores (%.0f rows) finds %.1f %% "
               "of the anomalies at a precision of %.3f, %.1f times the %.3f a random pick of rows would have. ",
            ceil(0.01 * (double)s->rows), 100 * s->recall_at_top[1], s->precision_at_top[1],
            base > 0 ? s->precision_at_top[1] / base : 0, base);
    fputs(s->roc_auc < 0.6 ? "The score barely ranks anomalies above ordinary rows (ROC-AUC below 0.6): these anomalies "
                             "are not outliers to this detector; labels, if some exist, may help (docs/detect.md)."
                           : "", f);
    fputs("</div><h2>Alert budgets</h2><table><tr><th>reviewed</th><th>rows</th><th>precision</th><th>recall</th></tr>", f);
    for (int k = 0; k < 3; k++)
        fprintf(f, "<tr><td>top %.1f %%</td><td>%.0f</td><td>%.3f</td><td>%.3f</td></tr>", alert_budgets[k] * 100,
                ceil(alert_budgets[k] * (double)s->rows), s->precision_at_top[k], s->recall_at_top[k]);
    fputs("</table><table><tr><th>precision at least</th><th>largest recall</th></tr>", f);
    for (int k = 0; k < 3; k++)
        fprintf(f, "<tr><td>%.1f</td><td>%.3f</td></tr>", precision_levels[k], s->recall_at_precision[k]);
    fputs("</table><h2>Scores by class</h2><div class='grid'>", f);
    histogram_chart(f, e);
    pr_chart(f, e);
    fputs("</div></body></html>\n", f);
    return rg_atomic_commit(&file);
}

riskgan_status riskgan_detect_evaluation_write_html(const riskgan_detect_evaluation *e, const char *path)
{
    return rg_write_in_c_locale(write_page, e, path);
}
