/* experiment_report.c — the experiment as a text table and as a self-contained HTML page
 * with ROC and precision-recall curves per method. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/c_locale.h"
#include "../core/text.h"
#include "../core/atomic_file.h"
#include "../core/error.h"
#include "experiment_report.h"
#include "experiment_results.h"
#include "fit_score.h"
#include "../data/number_text.h"
#include "../core/html_page.h"

static const char *shown_metrics[] = {"roc_auc", "pr_auc", "recall_at_1pct_fpr", "recall_at_5pct_fpr", "f1", "brier"};
static const char *shown_titles[] = {"ROC-AUC", "PR-AUC", "recall@1%FPR", "recall@5%FPR", "F1", "Brier"};
enum { SHOWN = 6 };

static double value(const cJSON *item, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static void write_summary(FILE *f, const void *object)
{
    const riskgan_experiment *e = object;
    const cJSON *settings = cJSON_GetObjectItem(e->root, "settings");
    fprintf(f, "target %s (positive class %s, augmented class %s), %.0f rows, %.0f folds x %.0f repeats, ratio %g\n",
            cJSON_GetStringValue(cJSON_GetObjectItem(settings, "target")),
            cJSON_GetStringValue(cJSON_GetObjectItem(settings, "positive")),
            cJSON_GetStringValue(cJSON_GetObjectItem(settings, "minority")), value(settings, "rows"),
            value(settings, "folds"), value(settings, "repeats"), value(settings, "ratio"));
    if (isfinite(value(settings, "minority_share")))
        fprintf(f, "rare-event regime: the positive class thinned to %.1f %% of each training part\n",
                100 * value(settings, "minority_share"));
    if (isfinite(value(settings, "train_rows")))
        fprintf(f, "scarce-data regime: each training part subsampled to %.0f rows\n", value(settings, "train_rows"));
    fprintf(f, "differences vs none: mean [95 %% interval] (p of the corrected resampled t-test; Wilcoxon p in the "
               "JSON)\n\n");
    fprintf(f, "%-9s %-12s %6s", "model", "method", "added");
    for (int k = 0; k < SHOWN; k++)
        fprintf(f, " %15s", shown_titles[k]);
    fprintf(f, "   %-34s %-34s\n", "ROC-AUC vs none", "PR-AUC vs none");
    for (int a = 0; a < ALGORITHMS; a++) {
        const cJSON *method;
        cJSON_ArrayForEach(method, cJSON_GetObjectItem(e->root, "methods"))
        {
            const cJSON *results = cJSON_GetObjectItem(method, rg_family_names[a]);
            if (!results)
                continue;
            fprintf(f, "%-9s %-12s %6.0f", rg_family_names[a], method->string, value(results, "added_rows_per_fold"));
            for (int k = 0; k < SHOWN; k++) {
                const cJSON *m = cJSON_GetObjectItem(results, shown_metrics[k]);
                fprintf(f, "   %5.3f ± %5.3f", value(m, "mean"), value(m, "sd"));
            }
            for (int k = 0; k < 2; k++) {
                const cJSON *m = cJSON_GetObjectItem(results, shown_metrics[k]);
                if (cJSON_GetObjectItem(m, "difference_vs_none"))
                    fprintf(f, "   %+7.4f [%+.3f, %+.3f] (p = %.3f)", value(m, "difference_vs_none"),
                            value(m, "difference_low"), value(m, "difference_high"), value(m, "corrected_p"));
            }
            fputc('\n', f);
        }
    }
}

riskgan_status rg_experiment_build_summary(riskgan_experiment *e)
{
    e->summary = rg_text_build(write_summary, e);
    return e->summary ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
}

static const char *colors[] = {"#555555", "#1f5f99", "#3a9a5b", "#8e44ad", "#e07b39",
                               "#c0392b", "#16a085", "#7f8c8d", "#d4ac0d"};

/* One chart of curves (x_key, y_key) for every method of one model family. */
static void curve_chart(FILE *f, const cJSON *methods, const char *algorithm, const char *x_key, const char *y_key,
                        const char *x_title, const char *y_title)
{
    int size = 260, margin = 34;
    fprintf(f, "<svg viewBox='0 0 %d %d' width='%d' height='%d'>", size + margin, size + margin + 60, size + margin,
            size + margin + 60);
    fprintf(f, "<rect x='%d' y='0' width='%d' height='%d' fill='none' stroke='#999'/>", margin, size, size);
    fprintf(f, "<text x='%d' y='%d' font-size='10' text-anchor='middle'>%s</text>", margin + size / 2, size + 22, x_title);
    fprintf(f, "<text font-size='10' transform='translate(12 %d) rotate(-90)' text-anchor='middle'>%s</text>", size / 2,
            y_title);
    const cJSON *method;
    int index = 0;
    cJSON_ArrayForEach(method, methods)
    {
        const cJSON *curves = cJSON_GetObjectItem(cJSON_GetObjectItem(method, algorithm), "curves_repeat_1");
        if (!curves)
            continue;
        const cJSON *xs = cJSON_GetObjectItem(curves, x_key), *ys = cJSON_GetObjectItem(curves, y_key);
        const char *color = colors[index % 9];
        fprintf(f, "<polyline fill='none' stroke='%s' stroke-width='1.8' points='", color);
        for (int i = 0; i < cJSON_GetArraySize(xs); i++)
            fprintf(f, "%.1f,%.1f ", margin + cJSON_GetArrayItem(xs, i)->valuedouble * size,
                    size - cJSON_GetArrayItem(ys, i)->valuedouble * size);
        fputs("'/>", f);
        fprintf(f, "<text x='%d' y='%d' font-size='11' fill='%s'>%s</text>", margin + (index % 3) * 90,
                size + 40 + (index / 3) * 14, color, method->string);
        index++;
    }
    fputs("</svg>", f);
}

static riskgan_status write_html(const void *object, const char *path)
{
    const riskgan_experiment *e = object;
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    FILE *f = file.stream;
    fputs("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>riskgan augmentation experiment</title>"
          "<style>body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;color:#222}"
          "h2{font-size:18px;border-bottom:1px solid #ccc}table{border-collapse:collapse;font-size:13px}td,th{border:1px "
          "solid #ddd;padding:4px 8px;text-align:right}th{background:#f2f2f2}td:first-child,td:nth-child(2){text-align:left}"
          ".better{background:#eaf6ee}.worse{background:#fdecea}figure{display:inline-block;margin:6px}"
          "pre{background:#f6f8fa;padding:12px;font-size:12px;overflow-x:auto}</style></head><body>"
          "<h1>Does augmentation help the risk model?</h1>",
          f);
    fputs("<p>Repeated stratified k-fold: in every fold each method augments only the training part (the held-out "
          "part is never seen by a generator or oversampler), each model family trains on the result and is scored on "
          "the held-out rows. Differences against <b>none</b> are paired by fold; p-values come from the "
          "Nadeau-Bengio corrected resampled t-test (folds share training rows, so a plain paired test is too "
          "confident); Wilcoxon signed-rank p-values are in the JSON as a secondary test. Green: better than none "
          "with p &lt; 0.05; red: worse with p &lt; 0.05.</p><pre>",
          f);
    rg_html_escaped(f, e->summary);
    fputs("</pre>", f);
    const cJSON *methods = cJSON_GetObjectItem(e->root, "methods");
    const char *titles[ALGORITHMS] = {"XGBoost", "Logistic regression", "Scorecard"};
    for (int a = 0; a < ALGORITHMS; a++) {
        const cJSON *first = methods ? methods->child : NULL;
        if (!first || !cJSON_GetObjectItem(first, rg_family_names[a]))
            continue;
        fprintf(f, "<h2>%s</h2><table><tr><th>method</th><th>added rows</th>", titles[a]);
        for (int k = 0; k < SHOWN; k++)
            fprintf(f, "<th>%s</th>", shown_titles[k]);
        fputs("</tr>", f);
        const cJSON *method;
        cJSON_ArrayForEach(method, methods)
        {
            const cJSON *results = cJSON_GetObjectItem(method, rg_family_names[a]);
            fprintf(f, "<tr><td>%s</td><td>%.0f</td>", method->string, value(results, "added_rows_per_fold"));
            for (int k = 0; k < SHOWN; k++) {
                const cJSON *m = cJSON_GetObjectItem(results, shown_metrics[k]);
                double p = value(m, "corrected_p"), d = value(m, "difference_vs_none");
                int lower_is_better = strcmp(shown_metrics[k], "brier") == 0;
                const char *mark = !(p < 0.05) ? "" : ((d > 0) != lower_is_better ? "better" : "worse");
                fprintf(f, "<td class='%s'>%.3f &plusmn; %.3f", mark, value(m, "mean"), value(m, "sd"));
                if (isfinite(d))
                    fprintf(f, "<br><small>%+.4f, p = %.3f</small>", d, p);
                fputs("</td>", f);
            }
            fputs("</tr>", f);
        }
        fputs("</table><figure>", f);
        curve_chart(f, methods, rg_family_names[a], "fpr", "tpr", "false positive rate", "true positive rate");
        fputs("<figcaption>ROC curves (out-of-fold scores of the first repeat)</figcaption></figure><figure>", f);
        curve_chart(f, methods, rg_family_names[a], "recall", "precision", "recall", "precision");
        fputs("<figcaption>Precision-recall curves</figcaption></figure>", f);
    }
    fputs("</body></html>\n", f);
    return rg_atomic_commit(&file);
}


riskgan_status riskgan_experiment_write_html(const riskgan_experiment *e, const char *path)
{
    return rg_write_in_c_locale(write_html, e, path);
}
