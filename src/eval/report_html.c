/* report_html.c — the evaluation as one self-contained HTML page: headline scores with a
 * plain-language verdict, then the evidence as inline SVG charts (no scripts, fonts or
 * network access), readable on screen and in print. Everything is drawn from the JSON
 * document, so the page shows exactly the numbers of --json. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../core/c_locale.h"
#include "../core/atomic_file.h"
#include "../core/html_page.h"
#include "evaluation.h"
#include "../core/json.h"
#include "../data/number_text.h"

static const char *real_color = "#1f5f99", *synthetic_color = "#e07b39";

static void print_number(FILE *f, double value, int digits)
{
    if (isfinite(value))
        fprintf(f, "%.*f", digits, value);
    else
        fputs("n/a", f);
}

/* Grouped bars of real vs synthetic shares: categories (labels given) or histogram bins
 * spanning [low, high] (labelled with range_text's two strings when given: dates, amounts). */
static void bar_chart(FILE *f, const cJSON *real, const cJSON *synthetic, const cJSON *labels, double low, double high,
                      const cJSON *range_text)
{
    int continuous = labels == NULL;
    int n = cJSON_GetArraySize(real);
    double top = 1e-9;
    for (int i = 0; i < n; i++)
        top = fmax(top, fmax(rg_json_array_number(real, i), rg_json_array_number(synthetic, i)));
    int width = 300, height = 150, left = 8, bottom = continuous ? 22 : 46;
    double slot = (double)(width - 2 * left) / (n ? n : 1);
    fprintf(f, "<svg viewBox='0 0 %d %d' width='%d' height='%d' role='img'>", width, height, width, height);
    fprintf(f, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#999'/>", left, height - bottom, width - left, height - bottom);
    for (int i = 0; i < n; i++) {
        double values[2] = {rg_json_array_number(real, i), rg_json_array_number(synthetic, i)};
        const char *colors[2] = {real_color, synthetic_color};
        for (int k = 0; k < 2; k++) {
            double h = isfinite(values[k]) ? values[k] / top * (height - bottom - 8) : 0;
            fprintf(f, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s' opacity='0.85'/>",
                    left + i * slot + k * slot * 0.45 + slot * 0.05, height - bottom - h, slot * 0.45, h, colors[k]);
        }
        if (!continuous) {
            const char *label = cJSON_GetStringValue(cJSON_GetArrayItem(labels, i));
            fprintf(f, "<text x='%.1f' y='%d' font-size='8' transform='rotate(40 %.1f %d)'>", left + (i + 0.3) * slot,
                    height - bottom + 10, left + (i + 0.3) * slot, height - bottom + 10);
            char shortened[20];
            snprintf(shortened, sizeof shortened, "%s", label ? label : "");
            rg_html_escaped(f, shortened);
            fputs("</text>", f);
        }
    }
    if (continuous && cJSON_GetArraySize(range_text) == 2) {
        fprintf(f, "<text x='%d' y='%d' font-size='9'>", left, height - 6);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetArrayItem(range_text, 0)));
        fprintf(f, "</text><text x='%d' y='%d' font-size='9' text-anchor='end'>", width - left, height - 6);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetArrayItem(range_text, 1)));
        fputs("</text>", f);
    } else if (continuous) {
        fprintf(f, "<text x='%d' y='%d' font-size='9'>%.4g</text>", left, height - 6, low);
        fprintf(f, "<text x='%d' y='%d' font-size='9' text-anchor='end'>%.4g</text>", width - left, height - 6, high);
    }
    fputs("</svg>", f);
}

/* which: 0 real, 1 synthetic, 2 synthetic - real */
static void heatmap(FILE *f, const cJSON *correlation, int which, const char *title)
{
    const cJSON *names = rg_json_at(correlation, "columns"), *real = rg_json_at(correlation, "real");
    const cJSON *synthetic = rg_json_at(correlation, "synthetic");
    int n = cJSON_GetArraySize(names);
    if (n == 0)
        return;
    int cell = n > 20 ? 12 : 18, label = 110, size = label + n * cell + 4;
    fprintf(f, "<figure><figcaption>%s</figcaption><svg viewBox='0 0 %d %d' width='%d' height='%d'>", title, size, size,
            size, size);
    for (int a = 0; a < n; a++) {
        fprintf(f, "<text x='%d' y='%d' font-size='9' text-anchor='end'>", label - 3, label + a * cell + cell - 4);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetArrayItem(names, a)));
        fputs("</text>", f);
        fprintf(f, "<text font-size='9' transform='translate(%d %d) rotate(-60)'>", label + a * cell + cell - 4, label - 3);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetArrayItem(names, a)));
        fputs("</text>", f);
        for (int b = 0; b < n; b++) {
            double r = rg_json_array_number(cJSON_GetArrayItem(real, a), b), s = rg_json_array_number(cJSON_GetArrayItem(synthetic, a), b);
            double value = which == 0 ? r : which == 1 ? s : s - r;
            char color[32];
            rg_html_heat_color(value, color, sizeof color);
            fprintf(f, "<rect x='%d' y='%d' width='%d' height='%d' fill='%s'><title>%.3f</title></rect>", label + b * cell,
                    label + a * cell, cell - 1, cell - 1, color, value);
        }
    }
    fputs("</svg></figure>", f);
}

static void roc_chart(FILE *f, const cJSON *utility)
{
    const char *sets[3] = {"TRTR", "TSTR", "augmented"};
    const char *colors[3] = {"#1f5f99", "#e07b39", "#3a9a5b"};
    int size = 260, margin = 30;
    fprintf(f, "<svg viewBox='0 0 %d %d' width='%d' height='%d'>", size + margin, size + margin, size + margin, size + margin);
    fprintf(f, "<rect x='%d' y='0' width='%d' height='%d' fill='none' stroke='#999'/>", margin, size, size);
    fprintf(f, "<line x1='%d' y1='%d' x2='%d' y2='0' stroke='#ccc' stroke-dasharray='4'/>", margin, size, margin + size);
    fprintf(f, "<text x='%d' y='%d' font-size='10' text-anchor='middle'>false positive rate</text>", margin + size / 2, size + 22);
    fprintf(f, "<text font-size='10' transform='translate(12 %d) rotate(-90)' text-anchor='middle'>true positive rate</text>", size / 2);
    for (int s = 0; s < 3; s++) {
        char path[64];
        snprintf(path, sizeof path, "xgboost.%s.roc_curve", sets[s]);
        const cJSON *curve = rg_json_at(utility, path);
        if (!curve)
            continue;
        const cJSON *fpr = rg_json_at(curve, "fpr"), *tpr = rg_json_at(curve, "tpr");
        fprintf(f, "<polyline fill='none' stroke='%s' stroke-width='2' points='", colors[s]);
        for (int i = 0; i < cJSON_GetArraySize(fpr); i++)
            fprintf(f, "%.1f,%.1f ", margin + rg_json_array_number(fpr, i) * size, size - rg_json_array_number(tpr, i) * size);
        fputs("'/>", f);
        fprintf(f, "<text x='%d' y='%d' font-size='11' fill='%s'>%s (AUC ", margin + size / 2, size - 40 + 14 * s, colors[s],
                sets[s]);
        char auc_path[64];
        snprintf(auc_path, sizeof auc_path, "xgboost.%s.roc_auc", sets[s]);
        print_number(f, rg_json_get(utility, auc_path), 3);
        fputs(")</text>", f);
    }
    fputs("</svg>", f);
}

static void dcr_chart(FILE *f, const cJSON *privacy)
{
    const cJSON *h = rg_json_at(privacy, "dcr_histogram");
    if (!h)
        return;
    fputs("<figure><figcaption>Distance to the closest training row: synthetic rows (orange) vs unseen real "
          "test rows (blue). Synthetic rows piled up near 0 would be copies of customers.</figcaption>", f);
    bar_chart(f, rg_json_at(h, "test"), rg_json_at(h, "synthetic"), NULL, 0, rg_json_get(h, "max"), NULL);
    fputs("</figure>", f);
}

static const char *level(double value, double good, double fair, int higher_is_better)
{
    if (!isfinite(value))
        return "na";
    if (higher_is_better)
        return value >= good ? "good" : value >= fair ? "fair" : "poor";
    return value <= good ? "good" : value <= fair ? "fair" : "poor";
}

static void card(FILE *f, const char *title, double value, const char *grade, const char *explanation)
{
    fprintf(f, "<div class='card %s'><div class='title'>%s</div><div class='value'>", grade, title);
    print_number(f, value, 3);
    fprintf(f, "</div><div class='note'>%s</div></div>", explanation);
}

static void utility_table(FILE *f, const cJSON *utility)
{
    const char *models[3] = {"xgboost", "logistic_regression", "scorecard"}, *sets[3] = {"TRTR", "TSTR", "augmented"};
    const char *titles[3] = {"XGBoost", "logistic regression", "scorecard"};
    const char *metrics[7] = {"roc_auc", "pr_auc", "ks", "gini", "f1", "recall_at_5pct_fpr", "brier"};
    fputs("<table><tr><th>model</th><th>trained on</th><th>ROC-AUC</th><th>PR-AUC</th><th>KS</th><th>Gini</th>"
          "<th>F1</th><th>recall @5% FPR</th><th>Brier</th></tr>",
          f);
    for (int m = 0; m < 3; m++)
        for (int s = 0; s < 3; s++) {
            fprintf(f, "<tr><td>%s</td><td>%s</td>", titles[m],
                    s == 0 ? "real (TRTR)" : s == 1 ? "synthetic (TSTR)" : "real + synthetic");
            for (int k = 0; k < 7; k++) {
                char path[96];
                snprintf(path, sizeof path, "%s.%s.%s", models[m], sets[s], metrics[k]);
                fputs("<td>", f);
                print_number(f, rg_json_get(utility, path), 3);
                fputs("</td>", f);
            }
            fputs("</tr>", f);
        }
    fputs("</table>", f);
}

/* Per class of the target: what augmentation uses (docs/metrics.md, "Per class"). */
static void per_class_panel(FILE *f, const cJSON *root, const riskgan_evaluation_scores *s)
{
    const cJSON *section = rg_json_at(root, "per_class");
    fputs("<h2>Per class</h2><p class='sub'>Augmentation adds rows of one class, so what matters is how each class's "
          "synthetic rows compare with that class's real rows. Detection AUC: XGBoost telling the class's real rows "
          "from its synthetic rows (0.5 = indistinguishable; compare with the overall ",
          f);
    print_number(f, s->detection_auc, 3);
    fputs("). Column shapes: mean over columns of 1 - KS / 1 - TV within the class. Condition agreement (with "
          "<code>--model</code>): how often the generator, conditioned on the class, produced it by itself.</p>"
          "<table><tr><th>class</th><th>real rows</th><th>synthetic rows</th><th>detection AUC</th>"
          "<th>column shapes</th><th>condition agreement</th></tr>",
          f);
    const cJSON *entry;
    cJSON_ArrayForEach(entry, rg_json_at(section, "classes"))
    {
        fputs("<tr><td>", f);
        rg_html_escaped(f, cJSON_GetStringValue(rg_json_at(entry, "class")));
        fprintf(f, "%s</td><td>%.0f</td><td>%.0f</td><td>", cJSON_IsTrue(rg_json_at(entry, "positive")) ? " (positive)" : "",
                rg_json_get(entry, "train_rows"), rg_json_get(entry, "synthetic_rows"));
        print_number(f, rg_json_get(entry, "detection_auc"), 3);
        fputs("</td><td>", f);
        print_number(f, rg_json_get(entry, "column_shapes"), 3);
        fputs("</td><td>", f);
        print_number(f, rg_json_get(entry, "condition_agreement"), 3);
        fputs("</td></tr>", f);
    }
    fputs("</table><p>Label faithfulness: XGBoost fitted on the real training rows ranks the synthetic rows by their "
          "own labels with ROC-AUC <b>",
          f);
    print_number(f, rg_json_get(section, "label_faithfulness.auc"), 3);
    fputs("</b>, against <b>", f);
    print_number(f, rg_json_get(section, "label_faithfulness.trtr_auc"), 3);
    fputs("</b> on the real test rows (near it: the synthetic labels carry the real risk signal; near 0.5: the labels "
          "are arbitrary; far above it: the classes are drawn further apart than in real data).</p>",
          f);
}


/* The title and what was compared. */
static void write_heading(FILE *f, const cJSON *root)
{
    fprintf(f, "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>riskgan evaluation</title><style>%s</style>"
               "</head><body>", rg_html_style);
    fputs("<h1>Synthetic data evaluation</h1><div class='sub'>", f);
    fprintf(f, "%.0f training rows, %.0f held-out test rows, %.0f synthetic rows, %.0f columns. Target <b>",
            rg_json_get(root, "inputs.train_rows"), rg_json_get(root, "inputs.test_rows"), rg_json_get(root, "inputs.synthetic_rows"),
            rg_json_get(root, "inputs.columns"));
    rg_html_escaped(f, cJSON_GetStringValue(rg_json_at(root, "inputs.target")));
    fputs("</b>, positive class <b>", f);
    rg_html_escaped(f, cJSON_GetStringValue(rg_json_at(root, "inputs.positive")));
    fprintf(f, "</b>. riskgan %s. Definitions of every number: docs/metrics.md.</div>", RISKGAN_VERSION);
}

/* Whether the rows show signs of memorization (copies, a successful membership attack, rows
 * closer to training rows than unseen real rows are); *attack_auc: the stronger attack's AUC. */
static int memorization_signs(const riskgan_evaluation_scores *s, double *attack_auc)
{
    *attack_auc = isfinite(s->density_ratio_auc) ? fmax(s->membership_auc, s->density_ratio_auc) : s->membership_auc;
    return s->exact_copy_share > 0.001 || *attack_auc > 0.55 ||
           (isfinite(s->dcr_test_median) && s->dcr_synthetic_median < 0.8 * s->dcr_test_median);
}

/* The four headline numbers, graded. */
static void write_cards(FILE *f, const riskgan_evaluation_scores *s)
{
    double ratio = s->tstr_auc / s->trtr_auc;
    const char *quality_grade = level(s->quality, 0.9, 0.8, 1), *detection_grade = level(s->detection_auc, 0.65, 0.85, 0);
    const char *utility_grade = level(ratio, 0.95, 0.85, 1);
    double attack_auc;
    int leaks = memorization_signs(s, &attack_auc);
    fputs("<div class='cards'>", f);
    card(f, "Quality (shapes + pair trends)", s->quality, quality_grade,
         "How closely single columns and column pairs match the real data (1 = identical).");
    card(f, "Detection AUC", s->detection_auc, detection_grade,
         "How well a classifier tells synthetic rows from real ones (0.5 = indistinguishable, 1 = trivially).");
    card(f, "Utility: TSTR / TRTR", ratio, utility_grade,
         "Test ROC-AUC of XGBoost trained on synthetic rows, as a share of the same trained on real rows.");
    card(f, "Membership inference AUC", attack_auc, leaks ? "poor" : "good",
         "Can an attacker tell training customers from others (the stronger of a distance and a density-ratio "
         "attack)? 0.5 = no.");
    fputs("</div>", f);
}

/* The verdict in words: fidelity, detectability, utility, privacy. */
static void write_verdict(FILE *f, const cJSON *root, const riskgan_evaluation_scores *s)
{
    double ratio = s->tstr_auc / s->trtr_auc;
    const char *quality_grade = level(s->quality, 0.9, 0.8, 1);
    double attack_auc;
    int leaks = memorization_signs(s, &attack_auc);
    fputs("<div class='verdict'><b>Verdict.</b> ", f);
    fprintf(f, "Fidelity is <b>%s</b> (column shapes %.3f, pair trends %.3f). ", quality_grade, s->column_shapes, s->pair_trends);
    fprintf(f, "A classifier %s synthetic from real rows (AUC %.3f). ",
            s->detection_auc <= 0.65 ? "can hardly tell" : s->detection_auc <= 0.85 ? "can partly tell" : "easily tells",
            s->detection_auc);
    fprintf(f, "A risk model trained only on synthetic rows reaches a test ROC-AUC of %.3f against %.3f when trained on "
               "real rows (%s). ",
            s->tstr_auc, s->trtr_auc,
            ratio >= 0.95 ? "nearly as useful as the real data" : ratio >= 0.85 ? "useful, with a loss" : "much of the risk signal is lost");
    if (s->rare_value_leaks > 0)
        fprintf(f, "<b>Privacy needs attention: %zu synthetic rows (%.1f%%) carry real identifiers or rare values</b> "
                   "(values seen in fewer than %.0f training rows; each names or nearly names a customer, even in a "
                   "row that copies no training row: see the privacy table). ",
                s->rare_value_leaks, 100.0 * (double)s->rare_value_leaks / rg_json_get(root, "inputs.synthetic_rows"),
                rg_json_get(root, "privacy.rare_value_leaks.rare_count"));
    if (leaks)
        fprintf(f, "%s%.2f%% of synthetic rows copy a training row, membership inference AUC "
                   "%.3f, median distance to the closest training row %.3f vs %.3f for unseen real rows.",
                s->rare_value_leaks ? "Besides, " : "<b>Privacy needs attention:</b> ", 100 * s->exact_copy_share,
                attack_auc, s->dcr_synthetic_median, s->dcr_test_median);
    else if (s->rare_value_leaks == 0)
        fprintf(f, "No sign of memorization: no exact copies beyond 0.1%%, membership inference AUC %.3f, synthetic rows "
                   "are as far from training rows (median %.3f) as unseen real rows are (%.3f).",
                attack_auc, s->dcr_synthetic_median, s->dcr_test_median);
    else
        fprintf(f, "Whole rows are not copied (no exact copies beyond 0.1%%, membership inference AUC %.3f, median distance "
                   "to the closest training row %.3f vs %.3f for unseen real rows).",
                attack_auc, s->dcr_synthetic_median, s->dcr_test_median);
    if (isfinite(s->epsilon))
        fprintf(f, " The model was fitted with differential privacy: (&epsilon; = %.3g, &delta; = %.2g) for the whole "
                   "pipeline, a guarantee that holds against any attack, not only the ones measured here.",
                s->epsilon, s->delta);
    fputs("</div>", f);
}

/* The evaluation's warnings, if any. */
static void write_warnings(FILE *f, const cJSON *root)
{
    const cJSON *warnings = rg_json_at(root, "warnings");
    if (cJSON_GetArraySize(warnings) > 0) {
        fputs("<h2>Warnings</h2><ul class='warnings'>", f);
        const cJSON *w;
        cJSON_ArrayForEach(w, warnings)
        {
            fputs("<li>", f);
            rg_html_escaped(f, cJSON_GetStringValue(w));
            fputs("</li>", f);
        }
        fputs("</ul>", f);
    }
}

/* Each column's histogram, real beside synthetic. */
static void write_columns(FILE *f, const cJSON *root)
{
    fprintf(f, "<h2>Columns</h2><div class='legend'><span style='background:%s'></span>real<span style='background:%s'>"
               "</span>synthetic</div><div class='grid'>", real_color, synthetic_color);
    const cJSON *column;
    cJSON_ArrayForEach(column, rg_json_at(root, "fidelity.columns"))
    {
        fputs("<figure><figcaption><b>", f);
        rg_html_escaped(f, cJSON_GetStringValue(rg_json_at(column, "name")));
        fprintf(f, "</b> (%s): %s %.3f, p = %.3g</figcaption>", cJSON_GetStringValue(rg_json_at(column, "type")),
                strcmp(cJSON_GetStringValue(rg_json_at(column, "metric")), "ks_complement") == 0 ? "1 - KS" : "1 - TVD",
                rg_json_get(column, "score"), rg_json_get(column, "p_value"));
        const cJSON *histogram = rg_json_at(column, "histogram"), *edges = rg_json_at(histogram, "edges");
        bar_chart(f, rg_json_at(histogram, "real"), rg_json_at(histogram, "synthetic"), edges ? NULL : rg_json_at(histogram, "labels"),
                  rg_json_array_number(edges, 0), rg_json_array_number(edges, cJSON_GetArraySize(edges) - 1), rg_json_at(histogram, "range_text"));
        fputs("</figure>", f);
    }
}

/* The correlation heatmaps: real, synthetic, difference. */
static void write_correlations(FILE *f, const cJSON *root)
{
    fputs("</div><h2>Correlations</h2><p class='sub'>Pearson correlations of the numeric columns; blue positive, red "
          "negative. The third map is synthetic minus real: white means preserved.</p><div class='grid'>",
          f);
    heatmap(f, rg_json_at(root, "fidelity.correlation"), 0, "real");
    heatmap(f, rg_json_at(root, "fidelity.correlation"), 1, "synthetic");
    heatmap(f, rg_json_at(root, "fidelity.correlation"), 2, "difference (synthetic - real)");
    fputs("</div>", f);
}

/* The ten column pairs whose trends are kept worst. */
static void write_weakest_pairs(FILE *f, const cJSON *root)
{
    fputs("<h2>Weakest column pairs</h2><table><tr><th>column pair</th><th>metric</th><th>score</th></tr>", f);
    const cJSON *pairs = rg_json_at(root, "fidelity.pairs"), *worst[10] = {NULL};
    const cJSON *pair;
    cJSON_ArrayForEach(pair, pairs) /* keep the ten lowest scores, in order */
    {
        double score = rg_json_get(pair, "score");
        if (!isfinite(score))
            continue;
        int k = 10;
        while (k > 0 && (!worst[k - 1] || rg_json_get(worst[k - 1], "score") > score)) {
            if (k < 10)
                worst[k] = worst[k - 1];
            k--;
        }
        if (k < 10)
            worst[k] = pair;
    }
    for (int k = 0; k < 10 && worst[k]; k++) {
        fputs("<tr><td>", f);
        rg_html_escaped(f, cJSON_GetStringValue(rg_json_at(worst[k], "a")));
        fputs(" &times; ", f);
        rg_html_escaped(f, cJSON_GetStringValue(rg_json_at(worst[k], "b")));
        fprintf(f, "</td><td>%s</td><td>%.3f</td></tr>", cJSON_GetStringValue(rg_json_at(worst[k], "metric")),
                rg_json_get(worst[k], "score"));
    }
    fputs("</table>", f);
}

/* Utility for risk models, and detectability. */
static void write_utility(FILE *f, const cJSON *root, const riskgan_evaluation_scores *s)
{
    fputs("<h2>Utility for risk modelling</h2><p class='sub'>Every model is tested on the held-out real rows. F1 uses the "
          "threshold that maximizes F1 on the model's own training rows.</p>",
          f);
    utility_table(f, rg_json_at(root, "utility"));
    fputs("<figure><figcaption>ROC curves of XGBoost on the test rows</figcaption>", f);
    roc_chart(f, rg_json_at(root, "utility"));
    fputs("</figure><h2>Detectability</h2>", f);
    fprintf(f, "<p>%.0f-fold cross-validated ROC-AUC of XGBoost separating %.0f real from %.0f synthetic rows: <b>",
            rg_json_get(root, "detection.folds"), rg_json_get(root, "detection.rows_per_class"), rg_json_get(root, "detection.rows_per_class"));
    print_number(f, s->detection_auc, 3);
    fputs("</b>.</p>", f);
    per_class_panel(f, root, s);
}

/* The privacy table and the distance chart. */
static void write_privacy(FILE *f, const cJSON *root, const riskgan_evaluation_scores *s)
{
    fputs("<h2>Privacy</h2><table><tr><th>measure</th><th>synthetic &rarr; train</th><th>test &rarr; train "
          "(reference)</th></tr>",
          f);
    fputs("<tr><td>median distance to closest record</td><td>", f);
    print_number(f, rg_json_get(root, "privacy.dcr_synthetic_to_train.median"), 4);
    fputs("</td><td>", f);
    print_number(f, rg_json_get(root, "privacy.dcr_test_to_train.median"), 4);
    fputs("</td></tr><tr><td>5th percentile distance</td><td>", f);
    print_number(f, rg_json_get(root, "privacy.dcr_synthetic_to_train.p5"), 4);
    fputs("</td><td>", f);
    print_number(f, rg_json_get(root, "privacy.dcr_test_to_train.p5"), 4);
    fprintf(f, "</td></tr><tr><td>exact copies of training rows</td><td>%.0f</td><td></td></tr>", rg_json_get(root, "privacy.exact_copies"));
    fputs("<tr><td>nearest / second-nearest distance ratio (median)</td><td>", f);
    print_number(f, rg_json_get(root, "privacy.nndr_median"), 3);
    fputs("</td><td></td></tr><tr><td>membership inference ROC-AUC</td><td>", f);
    print_number(f, s->membership_auc, 3);
    fputs("</td><td>0.5 = no leakage</td></tr><tr><td>membership inference TPR at 1% FPR</td><td>", f);
    print_number(f, rg_json_get(root, "privacy.membership_inference_tpr_at_1pct_fpr"), 3);
    fputs("</td><td>0.01 = no leakage</td></tr><tr><td>density-ratio attack ROC-AUC</td><td>", f);
    print_number(f, s->density_ratio_auc, 3);
    fputs("</td><td>0.5 = no leakage</td></tr><tr><td>density-ratio attack TPR at 1% FPR</td><td>", f);
    print_number(f, rg_json_get(root, "privacy.density_ratio_attack.tpr_at_1pct_fpr"), 3);
    fputs("</td><td>0.01 = no leakage</td></tr>", f);
    if (isfinite(s->epsilon))
        fprintf(f, "<tr><td>differential privacy of the model</td><td>&epsilon; = %.3g, &delta; = %.2g</td><td>smaller "
                   "&epsilon; = stronger</td></tr>", s->epsilon, s->delta);
    const cJSON *leak_column;
    cJSON_ArrayForEach(leak_column, rg_json_at(root, "privacy.rare_value_leaks.columns"))
    {
        fputs("<tr><td>rows holding a real ", f);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(leak_column, "kind")));
        fputs(" of <b>", f);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(leak_column, "column")));
        fprintf(f, "</b> seen in fewer than %.0f training rows</td><td>%.0f (%.0f distinct values)</td><td>0 expected</td></tr>",
                rg_json_get(root, "privacy.rare_value_leaks.rare_count"),
                cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(leak_column, "synthetic_rows_with_them")),
                cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(leak_column, "distinct_values_leaked")));
    }
    fputs("</table>", f);
    dcr_chart(f, rg_json_at(root, "privacy"));
}

static riskgan_status write_html(const void *object, const char *path)
{
    const riskgan_evaluation *e = object;
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    FILE *f = file.stream;
    const cJSON *root = e->root;
    const riskgan_evaluation_scores *s = &e->summary;
    write_heading(f, root);
    write_cards(f, s);
    write_verdict(f, root, s);
    write_warnings(f, root);
    write_columns(f, root);
    write_correlations(f, root);
    write_weakest_pairs(f, root);
    write_utility(f, root, s);
    write_privacy(f, root, s);
    fputs("</body></html>\n", f);
    return rg_atomic_commit(&file);
}


riskgan_status riskgan_evaluation_write_html(const riskgan_evaluation *e, const char *path)
{
    return rg_write_in_c_locale(write_html, e, path);
}
