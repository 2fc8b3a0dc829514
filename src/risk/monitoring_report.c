/* monitoring_report.c — the HTML pages of a live model's checks: the validation of one or
 * more labelled data sets side by side (train, test, out of time) and the population
 * stability report with its traffic lights (docs/scorecard.md). */
#include <math.h>
#include <stdio.h>

#include "../core/atomic_file.h"
#include "../core/c_locale.h"
#include "../core/error.h"
#include "../core/html_page.h"
#include "riskgan.h"
#include "validation_charts.h"

typedef struct {
    const char *const *names;
    const riskgan_validation *validations;
    size_t count;
    const riskgan_stability *stability;
} page_input;

/* The card class of a traffic light: stable green, watch amber, act red. */
static const char *light_class(double index)
{
    const char *light = riskgan_stability_light(index);
    return light[0] == 's' ? "good" : light[0] == 'w' ? "fair" : "poor";
}

static void validation_summary(FILE *f, const page_input *in)
{
    fputs("<table><tr><th>data set</th><th>rows</th><th>events</th><th>ROC-AUC</th><th>Gini</th><th>KS</th>"
          "<th>PR-AUC</th><th>Brier</th><th>Hosmer-Lemeshow</th><th>its p</th></tr>", f);
    for (size_t i = 0; i < in->count; i++) {
        const riskgan_validation *v = &in->validations[i];
        fputs("<tr><td>", f);
        rg_html_escaped(f, in->names[i]);
        fprintf(f, "</td><td>%zu</td><td>%zu</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.4f</td>"
                   "<td>%.2f</td><td class='%s'>%.3f</td></tr>", v->rows, v->events, v->auc, v->gini, v->ks, v->pr_auc,
                v->brier, v->hosmer_lemeshow, v->hosmer_lemeshow_p < 0.05 ? "poor" : "good", v->hosmer_lemeshow_p);
    }
    fputs("</table>", f);
}

static void validation_sections(FILE *f, const page_input *in)
{
    fputs("<h1>Model validation</h1><div class='sub'>Ranking and calibration of the model on each labelled data "
          "set (docs/scorecard.md). A drop of the ROC-AUC or KS from the training rows to the test and "
          "out-of-time rows shows overfitting or a changed population; a Hosmer-Lemeshow p below 0.05 (red) says "
          "the predicted probabilities miss the observed event rates. riskgan " RISKGAN_VERSION ".</div>", f);
    validation_summary(f, in);
    for (size_t i = 0; i < in->count; i++) {
        fputs("<h2>", f);
        rg_html_escaped(f, in->names[i]);
        fputs("</h2><div class='grid'>", f);
        rg_calibration_chart(f, &in->validations[i]);
        fputs("</div>", f);
        rg_gains_table(f, &in->validations[i]);
    }
}

/* Two bars per band: the baseline's share (grey) and the current share (blue). */
static void band_bars(FILE *f, const riskgan_stability_band *b, double largest)
{
    fprintf(f, "<svg width='244' height='22'><rect x='0' y='1' width='%.1f' height='9' fill='#999'/>"
               "<rect x='0' y='12' width='%.1f' height='9' fill='#3b6fb6'/></svg>",
            240 * b->baseline_share / largest, 240 * b->current_share / largest);
}

static void stability_sections(FILE *f, const riskgan_stability *s)
{
    fprintf(f, "<h1>Population stability</h1><div class='sub'>How far the current population has moved from the "
               "baseline the model was validated on (docs/scorecard.md). Index = sum over bands of (current share "
               "- baseline share) x ln(current / baseline): below 0.10 stable (green), 0.10-0.25 watch (amber), "
               "above 0.25 act (red). riskgan " RISKGAN_VERSION ".</div><div class='cards'><div class='card %s'>"
               "<div class='title'>score PSI</div><div class='value'>%.4f</div><div class='note'>%s</div></div></div>",
            light_class(s->score_psi), s->score_psi, riskgan_stability_light(s->score_psi));
    double largest = 1e-9;
    for (size_t b = 0; b < 10; b++)
        largest = fmax(largest, fmax(s->bands[b].baseline_share, s->bands[b].current_share));
    fputs("<h2>The score by band</h2><p class='sub'>Bands cut at the baseline's score deciles; grey: baseline "
          "share, blue: current share.</p><table><tr><th>scores</th><th>baseline share</th><th>current share</th>"
          "<th></th><th>index</th></tr>", f);
    for (size_t b = 0; b < 10; b++) {
        const riskgan_stability_band *band = &s->bands[b];
        fprintf(f, "<tr><td>%.1f &lt; score &le; %.1f</td><td>%.4f</td><td>%.4f</td><td>", band->low, band->high,
                band->baseline_share, band->current_share);
        band_bars(f, band, largest);
        fprintf(f, "</td><td>%.4f</td></tr>", band->psi);
    }
    fputs("</table>", f);
    if (!s->features)
        return;
    fputs("<h2>Characteristic stability of the card's features</h2><p class='sub'>The same index over each "
          "feature's bins: which characteristics moved the score.</p><table><tr><th>feature</th><th>CSI</th>"
          "<th>light</th></tr>", f);
    for (size_t k = 0; k < s->features; k++) {
        fputs("<tr><td>", f);
        rg_html_escaped(f, s->feature[k]);
        fprintf(f, "</td><td>%.4f</td><td class='%s'>%s</td></tr>", s->csi[k], light_class(s->csi[k]),
                riskgan_stability_light(s->csi[k]));
    }
    fputs("</table>", f);
}

static riskgan_status write_page(const void *object, const char *path)
{
    const page_input *in = object;
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    rg_html_page_open(file.stream, in->stability ? "riskgan population stability" : "riskgan model validation");
    if (in->stability)
        stability_sections(file.stream, in->stability);
    else
        validation_sections(file.stream, in);
    rg_html_page_close(file.stream);
    return rg_atomic_commit(&file);
}

riskgan_status riskgan_validation_write_html(const char *const *names, const riskgan_validation *validations,
                                             size_t count, const char *path)
{
    if (!names || !validations || !count || !path)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the validation page needs at least one named validation");
    page_input in = {names, validations, count, NULL};
    return rg_write_in_c_locale(write_page, &in, path);
}

riskgan_status riskgan_stability_write_html(const riskgan_stability *stability, const char *path)
{
    if (!stability || !path)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the stability page needs a stability report");
    page_input in = {NULL, NULL, 0, stability};
    return rg_write_in_c_locale(write_page, &in, path);
}
