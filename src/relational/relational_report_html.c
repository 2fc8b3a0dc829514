/* relational_report_html.c — the evaluation of linked tables as one HTML page: the numbers of
 * the JSON report in tables, and a few real and generated parents' timelines side by side
 * (each event a dot at its date, on the running balance when the table keeps one). */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../core/atomic_file.h"
#include "../core/c_locale.h"
#include "../core/error.h"
#include "../core/html_page.h"
#include "../core/json.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "child_view.h"

enum { TIMELINES = 3, PLOT_WIDTH = 300, PLOT_HEIGHT = 150 };

typedef struct {
    const cJSON *root;
    const riskgan_dataset *data[2];
} report;

static void pair_cells(FILE *f, const cJSON *item, const char *key, double scale)
{
    fprintf(f, "<td>%.3g</td><td>%.3g</td>", scale * rg_json_array_number(cJSON_GetObjectItem(item, key), 0),
            scale * rg_json_array_number(cJSON_GetObjectItem(item, key), 1));
}

static void write_tables(FILE *f, const cJSON *root)
{
    fputs("<h2>Tables</h2><table><tr><th>table</th><th>real rows</th><th>generated rows</th><th>column shapes</th>"
          "<th>pair trends</th></tr>", f);
    const cJSON *t;
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(root, "tables")) {
        fputs("<tr><td>", f);
        rg_html_escaped(f, t->string);
        fprintf(f, "</td><td>%.0f</td><td>%.0f</td><td>%.3f</td><td>%.3f</td></tr>", rg_json_get(t, "real_rows"),
                rg_json_get(t, "synthetic_rows"), rg_json_get(t, "column_shapes"), rg_json_get(t, "pair_trends"));
    }
    fputs("</table>", f);
}

static void write_child(FILE *f, const cJSON *c)
{
    fputs("<h3>", f);
    rg_html_escaped(f, c->string);
    fputs("</h3><table><tr><th>measure</th><th>real</th><th>generated</th></tr>", f);
    const cJSON *rules = cJSON_GetObjectItem(c, "rules"), *events = cJSON_GetObjectItem(c, "events");
    const char *names[4] = {"balance", "first_balance", "ordered", "after_parent"};
    const char *labels[4] = {"% of events keeping the running balance", "% of first events starting from zero",
                             "% of events in order", "% of rows not before the parent's date"};
    fputs("<tr><td>children per parent, % none</td>", f);
    pair_cells(f, c, "children_zero_share", 100);
    fputs("</tr><tr><td>children per parent, mean</td>", f);
    pair_cells(f, c, "children_mean", 1);
    fputs("</tr>", f);
    for (int k = 0; k < 4; k++)
        if (cJSON_GetObjectItem(rules, names[k])) {
            fprintf(f, "<tr><td>%s</td>", labels[k]);
            pair_cells(f, rules, names[k], 100);
            fputs("</tr>", f);
        }
    const cJSON *first;
    cJSON_ArrayForEach(first, cJSON_GetObjectItem(c, "first_events")) {
        fputs("<tr><td>% of first events with ", f);
        rg_html_escaped(f, first->string);
        fputs(" = ", f);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetObjectItem(first, "most_common")));
        fputs("</td>", f);
        pair_cells(f, first, "share", 100);
        fputs("</tr>", f);
    }
    fprintf(f, "</table><p>Children per parent: KS %.3f. Events: accuracy %.3f (univariate %.3f, bivariate %.3f), "
            "detection AUC %.3f (0.5: indistinguishable).</p>", rg_json_get(c, "children_ks"),
            rg_json_get(events, "accuracy"), rg_json_get(events, "univariate_accuracy"),
            rg_json_get(events, "bivariate_accuracy"), rg_json_get(events, "detection_auc"));
}

static void write_entities(FILE *f, const cJSON *root)
{
    fputs("<h2>Entities</h2><table><tr><th>parents</th><th>profile detection AUC</th><th>profile columns</th>"
          "<th>DCR median, generated</th><th>DCR median, real</th><th>exact copies</th>"
          "<th>real profiles equal to another real one</th></tr>", f);
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(root, "profiles")) {
        fputs("<tr><td>", f);
        rg_html_escaped(f, p->string);
        fprintf(f, "</td><td>%.3f</td><td>%.0f</td><td>%.4f</td><td>%.4f</td><td>%.0f</td><td>%.0f</td></tr>",
                rg_json_get(p, "detection_auc"), rg_json_get(p, "columns"), rg_json_get(p, "dcr_synthetic_median"),
                rg_json_get(p, "dcr_real_median"), rg_json_get(p, "exact_profile_copies"),
                rg_json_get(p, "real_profile_twins"));
    }
    fprintf(f, "</table><p>Leaks: %.0f real keys reused, %.0f generated values seen in fewer than %.0f real rows.</p>",
            rg_json_get(root, "privacy.real_keys_reused"), rg_json_get(root, "privacy.rare_values_generated"),
            rg_json_get(root, "privacy.rare_count"));
    const cJSON *u = cJSON_GetObjectItem(root, "utility");
    if (u) {
        fputs("<p>Utility of ", f);
        rg_html_escaped(f, cJSON_GetStringValue(cJSON_GetObjectItem(u, "target")));
        fprintf(f, ": XGBoost trained on generated profiles scores real ones at ROC-AUC %.3f (TSTR); trained on real "
                "ones, 5-fold, %.3f (TRTR).</p>", rg_json_get(u, "tstr_auc"), rg_json_get(u, "trtr_auc"));
    }
}

/* Parents with at least five events, at the quartiles of their numbers of events. */
static size_t pick_parents(const rg_sequences *s, size_t *picked)
{
    size_t *order = rg_calloc(s->parents + 1, sizeof *order), n = 0;
    for (size_t p = 0; order && p < s->parents; p++)
        if (rg_sequence_length(s, p) >= 5)
            order[n++] = p;
    for (size_t i = 1; i < n; i++) /* insertion sort by length, stable */
        for (size_t j = i; j > 0 && rg_sequence_length(s, order[j - 1]) > rg_sequence_length(s, order[j]); j--) {
            size_t swap = order[j];
            order[j] = order[j - 1], order[j - 1] = swap;
        }
    size_t count = n < TIMELINES ? n : TIMELINES;
    for (size_t k = 0; k < count; k++)
        picked[k] = order[(size_t)((double)(k + 1) / (TIMELINES + 1) * (double)n)];
    free(order);
    return count;
}

/* One parent's events: dots at (days since its first event, running balance or position),
 * green when the sign column adds the amount. */
static void timeline(FILE *f, const rg_child_view *v, size_t p, const char *title)
{
    const riskgan_table *t = v->dataset->tables[v->child];
    const rg_sequences *s = &v->sequences;
    const double *x = t->column[v->index].numbers;
    const double *y = v->rule.balance >= 0 ? t->column[v->rule.balance].numbers : NULL;
    double x0 = x[s->row[s->start[p]]], span = rg_child_view_days(v, x0, x[s->row[s->start[p + 1] - 1]]);
    double low = 0, high = 1;
    for (size_t i = s->start[p]; y && i < s->start[p + 1]; i++)
        low = fmin(low, y[s->row[i]]), high = fmax(high, y[s->row[i]]);
    if (!y)
        high = (double)rg_sequence_length(s, p);
    fprintf(f, "<div class='card'><div class='sub'>%s: %zu events over %.0f days</div><svg viewBox='0 0 %d %d' "
            "width='%d' height='%d' role='img'>", title, rg_sequence_length(s, p), span, PLOT_WIDTH, PLOT_HEIGHT,
            PLOT_WIDTH, PLOT_HEIGHT);
    for (size_t i = s->start[p]; i < s->start[p + 1]; i++) {
        size_t r = s->row[i];
        double px = 6 + (PLOT_WIDTH - 12) * (span > 0 ? rg_child_view_days(v, x0, x[r]) / span : 0.5);
        double value = y ? y[r] : (double)(i - s->start[p]);
        double py = PLOT_HEIGHT - 6 - (PLOT_HEIGHT - 12) * (value - low) / (high - low);
        int credit = 0;
        if (v->rule.balance >= 0) {
            const rg_column *sign = &t->column[v->rule.sign];
            int32_t code = sign->codes[r];
            credit = code >= 0 && rg_balance_rule_credits(&v->rule, rg_dictionary_string(&sign->categories, code));
        }
        fprintf(f, "<circle cx='%.1f' cy='%.1f' r='2.2' fill='%s'/>", px, py, credit ? "#2ca02c" : "#d62728");
    }
    fprintf(f, "<text x='4' y='10' font-size='9'>%.6g</text><text x='4' y='%d' font-size='9'>%.6g</text></svg></div>",
            high, PLOT_HEIGHT - 2, low);
}

static void write_timelines(FILE *f, const report *r)
{
    for (size_t i = 0; i < r->data[0]->spec.table_count; i++) {
        long g = riskgan_dataset_find_table(r->data[1], r->data[0]->spec.tables[i].name);
        rg_child_view v[2];
        if (g < 0 || rg_dataset_spec_parent(&r->data[0]->spec, i) < 0 || rg_child_view_open(r->data[0], i, &v[0]))
            continue;
        if (rg_child_view_open(r->data[1], (size_t)g, &v[1])) {
            rg_child_view_close(&v[0]);
            continue;
        }
        if (v[0].index >= 0 && v[1].index >= 0) {
            fputs("<h2>Timelines: ", f);
            rg_html_escaped(f, r->data[0]->spec.tables[i].name);
            fputs("</h2><p class='sub'>Parents at the quartiles of the number of events (at least five); each dot an "
                  "event (green: adds to the balance, red: takes from it), on the running balance when there is one."
                  "</p>", f);
            for (int s = 0; s < 2; s++) {
                size_t picked[TIMELINES], n = pick_parents(&v[s].sequences, picked);
                fprintf(f, "<div class='row'><b>%s</b>", s ? "generated" : "real");
                for (size_t k = 0; k < n; k++)
                    timeline(f, &v[s], picked[k], s ? "generated parent" : "real parent");
                fputs("</div>", f);
            }
        }
        rg_child_view_close(&v[0]), rg_child_view_close(&v[1]);
    }
}

static riskgan_status write_page(const void *object, const char *path)
{
    const report *r = object;
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    FILE *f = file.stream;
    fprintf(f, "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>riskgan: linked tables</title>"
            "<style>%s .row{display:flex;gap:12px;align-items:center;flex-wrap:wrap} .card{border:1px solid #ddd;"
            "padding:4px}</style></head><body><h1>Generated linked tables against the real ones</h1><div class='sub'>"
            "riskgan %s. Every number is defined in docs/relational.md.</div>", rg_html_style, RISKGAN_VERSION);
    write_tables(f, r->root);
    fputs("<h2>Child tables</h2>", f);
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(r->root, "children"))
        write_child(f, c);
    write_entities(f, r->root);
    write_timelines(f, r);
    fputs("</body></html>\n", f);
    if (ferror(f)) {
        rg_atomic_abort(&file);
        return rg_fail(RISKGAN_ERR_IO, "writing %s failed", path);
    }
    return rg_atomic_commit(&file);
}

riskgan_status riskgan_relational_report_html(const char *json, const riskgan_dataset *real,
                                              const riskgan_dataset *synthetic, const char *path)
{
    cJSON *root = cJSON_Parse(json);
    if (!root)
        return rg_fail(RISKGAN_ERR_PARSE, "the report is not JSON");
    report r = {root, {real, synthetic}};
    riskgan_status status = rg_write_in_c_locale(write_page, &r, path);
    cJSON_Delete(root);
    return status;
}
