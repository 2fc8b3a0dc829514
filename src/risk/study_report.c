/* study_report.c — the augmentation study as one HTML page: experiments of the same data set
 * in the rare-event or scarce-data regime drawn as PR-AUC difference against no
 * augmentation, one line per method, one chart per data set, regime and model family. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../core/html_page.h"
#include "fit_score.h"

enum { MAX_METHODS = 16 };

typedef struct {
    const char *label;
    int scarce;       /* 0: rare events (x = minority share), 1: scarce data (x = training rows) */
    double x;
    cJSON *root;
} study_cell;

static double number_in(const cJSON *item, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static riskgan_status read_cell(const char *path, const char *label, study_cell *cell)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return rg_fail(RISKGAN_ERR_IO, "cannot open '%s'", path);
    char *text = NULL;
    size_t length = 0, capacity = 0, got;
    char buffer[65536];
    while ((got = fread(buffer, 1, sizeof buffer, in)) > 0) {
        if (length + got + 1 > capacity) {
            capacity = 2 * (length + got + 1);
            char *grown = realloc(text, capacity);
            if (!grown) {
                free(text);
                fclose(in);
                return RISKGAN_ERR_NO_MEMORY;
            }
            text = grown;
        }
        memcpy(text + length, buffer, got);
        length += got;
    }
    fclose(in);
    cell->root = text ? (text[length] = '\0', cJSON_Parse(text)) : NULL;
    free(text);
    const cJSON *settings = cJSON_GetObjectItem(cell->root, "settings");
    if (!settings || !cJSON_GetObjectItem(cell->root, "methods")) {
        cJSON_Delete(cell->root);
        cell->root = NULL;
        return rg_fail(RISKGAN_ERR_FORMAT, "'%s' is not the JSON of `riskgan experiment`", path);
    }
    double share = number_in(settings, "minority_share"), rows = number_in(settings, "train_rows");
    cell->label = label;
    cell->scarce = isfinite(rows);
    cell->x = cell->scarce ? rows : share;
    if (!isfinite(cell->x)) {
        cJSON_Delete(cell->root);
        cell->root = NULL;
        return rg_fail(RISKGAN_ERR_FORMAT, "'%s' was run in no regime (--minority-share or --train-rows)", path);
    }
    return RISKGAN_OK;
}

static int by_x(const void *a, const void *b)
{
    const study_cell *p = *(const study_cell *const *)a, *q = *(const study_cell *const *)b;
    return (p->x > q->x) - (p->x < q->x);
}

static const char *colors[] = {"#1f5f99", "#3a9a5b", "#8e44ad", "#e07b39", "#c0392b",
                               "#16a085", "#7f8c8d", "#d4ac0d", "#2c3e50", "#e84393"};

/* One chart: the cells (sorted by x) of one data set, regime and model family. */
static void chart(FILE *f, study_cell **cells, size_t n, const char *algorithm, int scarce)
{
    const int width = 330, height = 220, left = 46, bottom = 34, top = 10;
    double low = -0.02, high = 0.02;
    const char *names[MAX_METHODS];
    size_t methods = 0;
    for (size_t i = 0; i < n; i++) {
        const cJSON *method;
        cJSON_ArrayForEach(method, cJSON_GetObjectItem(cells[i]->root, "methods"))
        {
            const cJSON *pr = cJSON_GetObjectItem(cJSON_GetObjectItem(method, algorithm), "pr_auc");
            double d = number_in(pr, "difference_vs_none");
            if (!isfinite(d))
                continue;
            low = fmin(low, d), high = fmax(high, d);
            size_t k = 0;
            while (k < methods && strcmp(names[k], method->string) != 0)
                k++;
            if (k == methods && methods < MAX_METHODS)
                names[methods++] = method->string;
        }
    }
    double pad = (high - low) * 0.08;
    low -= pad, high += pad;
    double x_low = scarce ? log(cells[0]->x) : cells[0]->x, x_high = scarce ? log(cells[n - 1]->x) : cells[n - 1]->x;
    if (x_high <= x_low)
        x_high = x_low + 1;
#define PX(v) (left + ((scarce ? log(v) : (v)) - x_low) / (x_high - x_low) * (width - left - 12))
#define PY(v) (top + (high - (v)) / (high - low) * (height - top - bottom))
    fprintf(f, "<svg viewBox='0 0 %d %d' width='%d' height='%d'>", width, height + 16 * ((int)methods / 3 + 1), width,
            height + 16 * ((int)methods / 3 + 1));
    fprintf(f, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#999' stroke-dasharray='3 3'/>", left, width - 12,
            PY(0), PY(0));
    fprintf(f, "<text x='4' y='%.1f' font-size='10'>%+.3f</text><text x='4' y='%.1f' font-size='10'>%+.3f</text>",
            PY(high) + 10, high, PY(low), low);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "<text x='%.1f' y='%d' font-size='10' text-anchor='middle'>%g%s</text>", PX(cells[i]->x),
                height - bottom + 14, scarce ? cells[i]->x : 100 * cells[i]->x, scarce ? "" : "%");
    fprintf(f, "<text x='%d' y='%d' font-size='10' text-anchor='middle'>%s</text>", (left + width) / 2,
            height - 6, scarce ? "training rows" : "positive class share of the training rows");
    for (size_t k = 0; k < methods; k++) {
        const char *color = colors[k % 10];
        fprintf(f, "<polyline fill='none' stroke='%s' stroke-width='1.6' points='", color);
        for (size_t i = 0; i < n; i++) {
            const cJSON *pr = cJSON_GetObjectItem(
                cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cells[i]->root, "methods"), names[k]),
                                    algorithm),
                "pr_auc");
            double d = number_in(pr, "difference_vs_none");
            if (isfinite(d))
                fprintf(f, "%.1f,%.1f ", PX(cells[i]->x), PY(d));
        }
        fputs("'/>", f);
        for (size_t i = 0; i < n; i++) { /* a filled dot: p < 0.05 (corrected test) */
            const cJSON *pr = cJSON_GetObjectItem(
                cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cells[i]->root, "methods"), names[k]),
                                    algorithm),
                "pr_auc");
            double d = number_in(pr, "difference_vs_none"), p = number_in(pr, "corrected_p");
            if (isfinite(d))
                fprintf(f, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s' stroke='%s'/>", PX(cells[i]->x), PY(d),
                        p < 0.05 ? color : "white", color);
        }
        fprintf(f, "<text x='%d' y='%d' font-size='11' fill='%s'>%s</text>", 8 + (int)(k % 3) * 108,
                height + 12 + (int)(k / 3) * 16, color, names[k]);
    }
#undef PX
#undef PY
    fputs("</svg>", f);
}

static riskgan_status write_study(study_cell *cells, size_t count, const char *path)
{
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    FILE *f = file.stream;
    fputs("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>riskgan augmentation study</title>"
          "<style>body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;"
          "color:#222}h2{font-size:18px;border-bottom:1px solid #ccc}figure{display:inline-block;margin:6px}"
          "figcaption{font-size:12px;color:#555}</style></head><body><h1>When does augmentation help?</h1>"
          "<p>Each point is one `riskgan experiment`: the mean paired difference in PR-AUC against no augmentation "
          "over its repeated folds (held-out parts untouched). A filled dot: p &lt; 0.05 in the Nadeau-Bengio "
          "corrected resampled t-test; an open dot: within noise. Above the dashed line the method helps.</p>",
          f);
    study_cell **group = rg_calloc(count, sizeof *group);
    unsigned char *done = rg_calloc(count, 1);
    if (!group || !done)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; status == RISKGAN_OK && i < count; i++) {
        if (done[i])
            continue;
        fputs("<h2>", f);
        rg_html_escaped(f, cells[i].label);
        fputs("</h2>", f);
        for (int scarce = 0; scarce < 2; scarce++) {
            size_t n = 0;
            for (size_t j = i; j < count; j++)
                if (!done[j] && strcmp(cells[j].label, cells[i].label) == 0 && cells[j].scarce == scarce)
                    group[n++] = &cells[j];
            if (!n)
                continue;
            qsort(group, n, sizeof *group, by_x);
            for (int a = 0; a < RG_FAMILIES; a++) {
                const char *algorithm = rg_family_names[a], *titles[RG_FAMILIES] = {"XGBoost", "logistic regression",
                                                                                    "scorecard"};
                if (!cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(group[0]->root, "methods"), "none"),
                                         algorithm))
                    continue;
                fputs("<figure>", f);
                chart(f, group, n, algorithm, scarce);
                fprintf(f, "<figcaption>%s, %s</figcaption></figure>", scarce ? "scarce data" : "rare events",
                        titles[a]);
            }
        }
        for (size_t j = i; j < count; j++)
            if (strcmp(cells[j].label, cells[i].label) == 0)
                done[j] = 1;
    }
    fputs("</body></html>\n", f);
    free(group), free(done);
    if (status != RISKGAN_OK) {
        rg_atomic_abort(&file);
        return status;
    }
    return rg_atomic_commit(&file);
}

riskgan_status riskgan_study_write_html(const char *const *paths, const char *const *labels, size_t count,
                                        const char *path)
{
    if (count == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the study needs at least one experiment JSON");
    study_cell *cells = rg_calloc(count, sizeof *cells);
    if (!cells)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = RISKGAN_OK;
    for (size_t i = 0; i < count && status == RISKGAN_OK; i++)
        status = read_cell(paths[i], labels[i], &cells[i]);
    if (status == RISKGAN_OK) {
        locale_t previous = rg_use_c_locale();
        status = write_study(cells, count, path);
        uselocale(previous);
    }
    for (size_t i = 0; i < count; i++)
        cJSON_Delete(cells[i].root);
    free(cells);
    return status;
}
