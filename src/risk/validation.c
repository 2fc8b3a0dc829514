/* validation.c — a risk model's ranking and calibration on a labelled table: AUC, Gini, KS,
 * PR-AUC, Brier, Hosmer-Lemeshow, and the gains table by score band. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../core/error.h"
#include "../core/json.h"
#include "../core/memory.h"
#include "../learn/classes.h"
#include "../learn/metrics.h"
#include "riskgan.h"

enum { GROUPS = 10 };

typedef struct {
    double probability, score;
    int label;
} scored_row;

static int riskiest_first(const void *a, const void *b)
{
    double x = ((const scored_row *)a)->probability, y = ((const scored_row *)b)->probability;
    return (x < y) - (x > y);
}

/* Hosmer-Lemeshow over ten groups of rows sorted by probability (riskiest first): the sum of
 * (observed - expected)^2 / (expected (1 - expected / rows)) over groups with expected
 * events strictly between 0 and their rows. */
static double hosmer_lemeshow(const scored_row *rows, size_t n)
{
    double statistic = 0;
    for (size_t g = 0; g < GROUPS; g++) {
        size_t from = g * n / GROUPS, to = (g + 1) * n / GROUPS;
        double observed = 0, expected = 0, size = (double)(to - from);
        for (size_t r = from; r < to; r++)
            observed += rows[r].label, expected += rows[r].probability;
        if (expected > 0 && expected < size)
            statistic += (observed - expected) * (observed - expected) / (expected * (1 - expected / size));
    }
    return statistic;
}

static void gains(const scored_row *rows, size_t n, size_t events, riskgan_gains_band *band)
{
    double caught = 0, overall = n ? (double)events / (double)n : 0;
    for (size_t g = 0; g < GROUPS; g++) {
        size_t from = g * n / GROUPS, to = (g + 1) * n / GROUPS;
        riskgan_gains_band *b = &band[g];
        memset(b, 0, sizeof *b);
        b->low_score = INFINITY, b->high_score = -INFINITY;
        for (size_t r = from; r < to; r++) {
            b->rows++, b->events += (size_t)rows[r].label, b->mean_probability += rows[r].probability;
            b->low_score = fmin(b->low_score, rows[r].score), b->high_score = fmax(b->high_score, rows[r].score);
        }
        caught += (double)b->events;
        b->mean_probability = b->rows ? b->mean_probability / (double)b->rows : 0;
        b->event_rate = b->rows ? (double)b->events / (double)b->rows : 0;
        b->cumulative_event_share = events ? caught / (double)events : 0;
        b->lift = overall > 0 ? b->event_rate / overall : 0;
    }
}

/* The labelled rows with their probability, score and whether they are events. */
static riskgan_status score_rows(const riskgan_risk_model *m, const riskgan_table *t, scored_row **out, size_t *n)
{
    rg_classes classes;
    riskgan_status status = rg_classes_find(t, riskgan_risk_model_target(m), &classes);
    if (status != RISKGAN_OK)
        return status;
    long positive = rg_classes_index(&classes, riskgan_risk_model_positive(m));
    size_t rows = riskgan_table_rows(t);
    double *probability = rg_calloc(rows + 1, sizeof *probability), *score = rg_calloc(rows + 1, sizeof *score);
    scored_row *kept = rg_calloc(rows + 1, sizeof *kept);
    status = probability && score && kept ? riskgan_risk_score(m, t, probability, score) : RISKGAN_ERR_NO_MEMORY;
    *n = 0;
    for (size_t r = 0; status == RISKGAN_OK && r < rows; r++)
        if (classes.of_row[r] >= 0)
            kept[(*n)++] = (scored_row){probability[r], score[r], classes.of_row[r] == positive};
    rg_classes_free(&classes);
    free(probability), free(score);
    if (status != RISKGAN_OK)
        free(kept), kept = NULL;
    *out = kept;
    return status;
}

riskgan_status riskgan_risk_validate(const riskgan_risk_model *m, const riskgan_table *t, riskgan_validation *out)
{
    memset(out, 0, sizeof *out);
    scored_row *rows = NULL;
    size_t n = 0;
    riskgan_status status = score_rows(m, t, &rows, &n);
    if (status != RISKGAN_OK)
        return status;
    double *probability = rg_calloc(n + 1, sizeof *probability);
    int *label = rg_calloc(n + 1, sizeof *label);
    if (!probability || !label) {
        free(rows), free(probability), free(label);
        return RISKGAN_ERR_NO_MEMORY;
    }
    qsort(rows, n, sizeof *rows, riskiest_first);
    for (size_t r = 0; r < n; r++)
        probability[r] = rows[r].probability, label[r] = rows[r].label, out->events += (size_t)rows[r].label;
    out->rows = n;
    if (out->events == 0 || out->events == n)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "validation needs both classes of '%s' among the labelled rows",
                         riskgan_risk_model_target(m));
    if (status == RISKGAN_OK) {
        out->auc = rg_roc_auc(probability, label, n), out->gini = 2 * out->auc - 1;
        out->ks = rg_ks_separation(probability, label, n);
        out->pr_auc = rg_average_precision(probability, label, n);
        out->brier = rg_brier(probability, label, n);
        out->hosmer_lemeshow = hosmer_lemeshow(rows, n);
        out->hosmer_lemeshow_p = rg_gamma_q((GROUPS - 2) / 2.0, out->hosmer_lemeshow / 2);
        gains(rows, n, out->events, out->gains);
    }
    free(rows), free(probability), free(label);
    return status;
}

static cJSON *validation_json(const riskgan_validation *v)
{
    cJSON *o = cJSON_CreateObject(), *bands = cJSON_AddArrayToObject(o, "gains");
    cJSON_AddNumberToObject(o, "rows", (double)v->rows);
    cJSON_AddNumberToObject(o, "events", (double)v->events);
    cJSON_AddNumberToObject(o, "roc_auc", v->auc);
    cJSON_AddNumberToObject(o, "gini", v->gini);
    cJSON_AddNumberToObject(o, "ks", v->ks);
    cJSON_AddNumberToObject(o, "pr_auc", v->pr_auc);
    cJSON_AddNumberToObject(o, "brier", v->brier);
    cJSON_AddNumberToObject(o, "hosmer_lemeshow", v->hosmer_lemeshow);
    cJSON_AddNumberToObject(o, "hosmer_lemeshow_p", v->hosmer_lemeshow_p);
    for (size_t g = 0; bands && g < GROUPS; g++) {
        const riskgan_gains_band *b = &v->gains[g];
        cJSON *band = cJSON_CreateObject();
        cJSON_AddNumberToObject(band, "low_score", isfinite(b->low_score) ? b->low_score : 0);
        cJSON_AddNumberToObject(band, "high_score", isfinite(b->high_score) ? b->high_score : 0);
        cJSON_AddNumberToObject(band, "rows", (double)b->rows);
        cJSON_AddNumberToObject(band, "events", (double)b->events);
        cJSON_AddNumberToObject(band, "event_rate", b->event_rate);
        cJSON_AddNumberToObject(band, "cumulative_event_share", b->cumulative_event_share);
        cJSON_AddNumberToObject(band, "lift", b->lift);
        cJSON_AddNumberToObject(band, "mean_probability", b->mean_probability);
        cJSON_AddItemToArray(bands, band);
    }
    return o;
}

riskgan_status riskgan_validation_write_json(const char *const *names, const riskgan_validation *v, size_t count,
                                             const char *path)
{
    cJSON *root = cJSON_CreateObject();
    for (size_t i = 0; root && i < count; i++)
        cJSON_AddItemToObject(root, names[i], validation_json(&v[i]));
    if (!root)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_json_write_file(root, path);
    cJSON_Delete(root);
    return status;
}
