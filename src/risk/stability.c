/* stability.c — population stability of a live model: the score's PSI over the baseline's
 * score deciles and, for a scorecard, each card feature's CSI over its bins. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../core/compare.h"
#include "../core/error.h"
#include "../core/json.h"
#include "../core/memory.h"
#include "risk_model.h"

enum { BANDS = 10 };
static const double SHARE_FLOOR = 1e-4;

const char *riskgan_stability_light(double index)
{
    return index < 0.10 ? "stable" : index <= 0.25 ? "watch" : "act";
}

/* sum (c - b) ln(c / b) over shares floored at SHARE_FLOOR; counts turned into shares here. */
static double psi(const double *baseline, const double *current, size_t n, double *terms)
{
    double total_b = 0, total_c = 0, sum = 0;
    for (size_t k = 0; k < n; k++)
        total_b += baseline[k], total_c += current[k];
    for (size_t k = 0; k < n; k++) {
        double b = fmax(total_b > 0 ? baseline[k] / total_b : 0, SHARE_FLOOR);
        double c = fmax(total_c > 0 ? current[k] / total_c : 0, SHARE_FLOOR);
        double term = (c - b) * log(c / b);
        if (terms)
            terms[k] = term;
        sum += term;
    }
    return sum;
}

static riskgan_status scores_of(const riskgan_risk_model *m, const riskgan_table *t, double **out)
{
    size_t rows = riskgan_table_rows(t);
    double *probability = rg_calloc(rows + 1, sizeof *probability), *score = rg_calloc(rows + 1, sizeof *score);
    riskgan_status status = probability && score ? riskgan_risk_score(m, t, probability, score) : RISKGAN_ERR_NO_MEMORY;
    free(probability);
    if (status != RISKGAN_OK)
        free(score), score = NULL;
    *out = score;
    return status;
}

/* Bands at the baseline's score deciles; each table's count in each band. */
static void score_bands(riskgan_stability *s, double *baseline, size_t nb, const double *current, size_t nc)
{
    double counts[2][BANDS] = {{0}};
    qsort(baseline, nb, sizeof *baseline, rg_compare_doubles);
    for (size_t k = 0; k < BANDS; k++) {
        s->bands[k].low = k ? s->bands[k - 1].high : -INFINITY;
        s->bands[k].high = k + 1 < BANDS && nb ? baseline[(k + 1) * nb / BANDS - (nb >= BANDS)] : INFINITY;
    }
    for (int which = 0; which < 2; which++)
        for (size_t r = 0; r < (which ? nc : nb); r++) {
            double v = which ? current[r] : baseline[r];
            size_t k = 0;
            while (k + 1 < BANDS && v > s->bands[k].high)
                k++;
            counts[which][k] += 1;
        }
    double terms[BANDS];
    s->score_psi = psi(counts[0], counts[1], BANDS, terms);
    for (size_t k = 0; k < BANDS; k++) {
        s->bands[k].baseline_share = nb ? counts[0][k] / (double)nb : 0;
        s->bands[k].current_share = nc ? counts[1][k] / (double)nc : 0;
        s->bands[k].psi = terms[k];
    }
}

/* The CSI of every card feature: its rows per bin (a value no bin takes counted apart). */
static riskgan_status card_stability(riskgan_stability *s, const rg_scorecard *card, const riskgan_table *baseline,
                                     const riskgan_table *current)
{
    s->features = card->selected_count;
    s->feature = rg_calloc(s->features + 1, sizeof *s->feature);
    s->csi = rg_calloc(s->features + 1, sizeof *s->csi);
    if (!s->feature || !s->csi)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t f = 0; f < s->features; f++) {
        const rg_feature_binning *b = &card->binning->feature[card->selected[f]];
        double *counts = rg_calloc(2 * (b->bin_count + 1), sizeof *counts);
        if (!counts)
            return RISKGAN_ERR_NO_MEMORY;
        for (int which = 0; which < 2; which++) {
            const riskgan_table *t = which ? current : baseline;
            long column = riskgan_table_find_column(t, b->feature);
            for (size_t r = 0; column >= 0 && r < riskgan_table_rows(t); r++) {
                long bin = rg_binning_bin_of(b, t, (size_t)column, r);
                counts[which * (b->bin_count + 1) + (bin < 0 ? b->bin_count : (size_t)bin)] += 1;
            }
        }
        s->feature[f] = b->feature;
        s->csi[f] = psi(counts, counts + b->bin_count + 1, b->bin_count + 1, NULL);
        free(counts);
    }
    return RISKGAN_OK;
}

riskgan_status riskgan_risk_stability(const riskgan_risk_model *m, const riskgan_table *baseline,
                                      const riskgan_table *current, riskgan_stability *out)
{
    memset(out, 0, sizeof *out);
    if (riskgan_table_rows(baseline) == 0 || riskgan_table_rows(current) == 0)
        return rg_fail(RISKGAN_ERR_SCHEMA, "stability needs rows in both the baseline and the current table");
    double *b = NULL, *c = NULL;
    riskgan_status status = scores_of(m, baseline, &b);
    if (status == RISKGAN_OK)
        status = scores_of(m, current, &c);
    if (status == RISKGAN_OK)
        score_bands(out, b, riskgan_table_rows(baseline), c, riskgan_table_rows(current));
    if (status == RISKGAN_OK && rg_risk_model_scorecard(m))
        status = card_stability(out, rg_risk_model_scorecard(m), baseline, current);
    free(b), free(c);
    if (status != RISKGAN_OK)
        riskgan_stability_free(out);
    return status;
}

riskgan_status riskgan_stability_write_json(const riskgan_stability *s, const char *path)
{
    cJSON *root = cJSON_CreateObject(), *bands = cJSON_AddArrayToObject(root, "bands");
    cJSON *features = cJSON_AddArrayToObject(root, "features");
    if (!root || !bands || !features) {
        cJSON_Delete(root);
        return RISKGAN_ERR_NO_MEMORY;
    }
    cJSON_AddNumberToObject(root, "score_psi", s->score_psi);
    cJSON_AddStringToObject(root, "score_light", riskgan_stability_light(s->score_psi));
    for (size_t k = 0; k < BANDS; k++) {
        cJSON *band = cJSON_CreateObject();
        cJSON_AddNumberToObject(band, "low", isinf(s->bands[k].low) ? -1e308 : s->bands[k].low);
        cJSON_AddNumberToObject(band, "high", isinf(s->bands[k].high) ? 1e308 : s->bands[k].high);
        cJSON_AddNumberToObject(band, "baseline_share", s->bands[k].baseline_share);
        cJSON_AddNumberToObject(band, "current_share", s->bands[k].current_share);
        cJSON_AddNumberToObject(band, "psi", s->bands[k].psi);
        cJSON_AddItemToArray(bands, band);
    }
    for (size_t f = 0; f < s->features; f++) {
        cJSON *feature = cJSON_CreateObject();
        cJSON_AddStringToObject(feature, "feature", s->feature[f]);
        cJSON_AddNumberToObject(feature, "csi", s->csi[f]);
        cJSON_AddStringToObject(feature, "light", riskgan_stability_light(s->csi[f]));
        cJSON_AddItemToArray(features, feature);
    }
    riskgan_status status = rg_json_write_file(root, path);
    cJSON_Delete(root);
    return status;
}

void riskgan_stability_free(riskgan_stability *s)
{
    free((void *)s->feature), free(s->csi);
    memset(s, 0, sizeof *s);
}
