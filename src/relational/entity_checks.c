/* entity_checks.c — whole entities: profile detection and distances, leaks, TSTR. */
#include "entity_checks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/compare.h"
#include "../core/error.h"
#include "../core/json.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "../eval/detection.h"
#include "../eval/eval_data.h"
#include "../eval/nearest_neighbors.h"
#include "../learn/classifiers.h"
#include "../learn/features.h"
#include "../learn/folds.h"
#include "../learn/metrics.h"
#include "profiles.h"
#include "relational_model.h"
#include "table_view.h"

enum { MAX_QUERIES = 5000 };

/* Both tables encoded as the real one's features (out[0], out[1]: the caller frees). */
static riskgan_status encode_both(const riskgan_table *real, const riskgan_table *generated, float *out[2],
                                  size_t *width)
{
    rg_feature_encoder encoder;
    out[0] = out[1] = NULL;
    riskgan_status status = rg_features_fit(&encoder, real, -1);
    if (status != RISKGAN_OK)
        return status;
    *width = encoder.width;
    size_t unseen = 0;
    out[0] = rg_calloc(real->rows * encoder.width + 1, sizeof(float));
    out[1] = rg_calloc(generated->rows * encoder.width + 1, sizeof(float));
    status = out[0] && out[1] ? rg_features_encode(&encoder, real, out[0], &unseen) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_features_encode(&encoder, generated, out[1], &unseen);
    rg_features_free(&encoder);
    return status;
}

static void evaluate_options(const riskgan_relational_evaluate_options *o, riskgan_evaluate_options *e)
{
    riskgan_evaluate_options_init(e);
    e->folds = o->folds, e->trees = o->trees, e->seed = o->seed, e->threads = o->threads;
}

riskgan_status rg_entity_detection(const riskgan_table *real, const riskgan_table *generated,
                                   const riskgan_relational_evaluate_options *o, double *auc)
{
    *auc = NAN;
    if (real->rows == 0 || generated->rows == 0)
        return RISKGAN_OK;
    float *x[2];
    size_t width = 0, per_class;
    riskgan_status status = encode_both(real, generated, x, &width);
    riskgan_evaluate_options e;
    evaluate_options(o, &e);
    double folds[64];
    if (status == RISKGAN_OK)
        status = rg_detection_auc(x[0], real->rows, x[1], generated->rows, width, &e, auc, folds, &per_class);
    free(x[0]), free(x[1]);
    return status;
}

static double median_of(double *values, size_t n)
{
    if (n == 0)
        return NAN;
    qsort(values, n, sizeof *values, rg_compare_doubles);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Distances of generated profiles to the closest real one, beside real profiles' distance to
 * the closest other real one (min-max and one-hot space). */
static riskgan_status profile_distances(const riskgan_table *real, const riskgan_table *generated, cJSON *entry)
{
    const riskgan_table *tables[RG_TABLES] = {real, real, generated};
    rg_eval_data data;
    riskgan_status status = rg_eval_data_build(tables, NULL, NULL, &data);
    if (status != RISKGAN_OK)
        return status;
    size_t width = rg_eval_distance_width(&data), nr = real->rows, ns = generated->rows;
    size_t qr = nr < MAX_QUERIES ? nr : MAX_QUERIES, qs = ns < MAX_QUERIES ? ns : MAX_QUERIES;
    float *r = rg_calloc(nr * width + 1, sizeof *r), *s = rg_calloc(ns * width + 1, sizeof *s);
    double *to_real = rg_calloc(qs + 1, sizeof *to_real), *nearest = rg_calloc(qr + 1, sizeof *nearest);
    double *other = rg_calloc(qr + 1, sizeof *other);
    status = r && s && to_real && nearest && other ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        rg_eval_distance_features(&data, RG_TRAIN, r);
        rg_eval_distance_features(&data, RG_SYNTHETIC, s);
        status = rg_nearest_two(s, qs, r, nr, width, to_real, NULL);
    }
    if (status == RISKGAN_OK)
        status = rg_nearest_two(r, qr, r, nr, width, nearest, other); /* the nearest is itself */
    size_t copies = 0, twins = 0; /* twins: real profiles equal to another real one, the baseline */
    for (size_t i = 0; status == RISKGAN_OK && i < qs; i++)
        copies += to_real[i] == 0;
    for (size_t i = 0; status == RISKGAN_OK && i < qr; i++)
        twins += other[i] == 0;
    if (status == RISKGAN_OK) {
        rg_json_number(entry, "dcr_synthetic_median", median_of(to_real, qs));
        rg_json_number(entry, "dcr_real_median", median_of(other, qr));
        rg_json_number(entry, "exact_profile_copies", (double)copies);
        rg_json_number(entry, "real_profile_twins", (double)twins);
    }
    free(r), free(s), free(to_real), free(nearest), free(other);
    rg_eval_data_free(&data);
    return status;
}

riskgan_status rg_entity_profiles(const riskgan_dataset *real, const riskgan_dataset *generated,
                                  const riskgan_relational_evaluate_options *o, cJSON *section)
{
    riskgan_status status = RISKGAN_OK;
    for (size_t i = 0; i < real->spec.table_count && status == RISKGAN_OK; i++) {
        long g = riskgan_dataset_find_table(generated, real->spec.tables[i].name);
        if (rg_dataset_spec_parent(&real->spec, i) >= 0 || g < 0)
            continue;
        riskgan_table *profile[2] = {NULL, NULL};
        status = rg_profiles_build(real, real, i, &profile[0]);
        if (status == RISKGAN_OK)
            status = rg_profiles_build(real, generated, (size_t)g, &profile[1]);
        double auc = NAN;
        if (status == RISKGAN_OK)
            status = rg_entity_detection(profile[0], profile[1], o, &auc);
        cJSON *entry = cJSON_AddObjectToObject(section, real->spec.tables[i].name);
        rg_json_number(entry, "detection_auc", auc);
        rg_json_number(entry, "columns", profile[0] ? (double)profile[0]->columns : NAN);
        if (status == RISKGAN_OK && profile[0]->rows && profile[1]->rows)
            status = profile_distances(profile[0], profile[1], entry);
        riskgan_table_free(profile[0]), riskgan_table_free(profile[1]);
    }
    return status;
}

/* Generated values of column `column` of `g` that are real values of the same column (keys and
 * identifiers: any; categories: those in fewer than rare_count real rows). */
static size_t reused(const riskgan_table *r, const riskgan_table *g, size_t column, int key, size_t rare_count)
{
    long j = riskgan_table_find_column(r, g->column[column].name);
    if (j < 0)
        return 0;
    rg_dictionary seen;
    rg_dictionary_init(&seen);
    size_t *count = rg_calloc(r->rows + 1, sizeof *count), hits = 0;
    for (size_t i = 0; count && i < r->rows; i++) {
        char buffer[64];
        const char *text = rg_dataset_key_text(r, (size_t)j, i, buffer, sizeof buffer);
        int32_t code = text ? rg_dictionary_intern(&seen, text, strlen(text)) : -1;
        if (code >= 0)
            count[code]++;
    }
    for (size_t i = 0; count && i < g->rows; i++) {
        char buffer[64];
        const char *text = rg_dataset_key_text(g, column, i, buffer, sizeof buffer);
        int32_t code = text ? rg_dictionary_find(&seen, text, strlen(text)) : -1;
        hits += code >= 0 && (key || count[code] < rare_count);
    }
    free(count);
    rg_dictionary_free(&seen);
    return hits;
}

void rg_entity_leaks(const riskgan_dataset *real, const riskgan_dataset *generated, size_t rare_count,
                     cJSON *section)
{
    size_t keys = 0, rare = 0;
    for (size_t i = 0; i < generated->spec.table_count; i++) {
        long t = riskgan_dataset_find_table(real, generated->spec.tables[i].name);
        const riskgan_table *g = generated->tables[i];
        if (t < 0)
            continue;
        int keep[g->columns + 1];
        rg_modelled_columns(&generated->spec, i, g, keep);
        for (size_t j = 0; j < g->columns; j++)
            if (!keep[j])
                keys += reused(real->tables[t], g, j, 1, 0);
            else if (!rg_column_is_numeric(&g->column[j]))
                rare += reused(real->tables[t], g, j, 0, rare_count);
    }
    rg_json_number(section, "real_keys_reused", (double)keys);
    rg_json_number(section, "rare_values_generated", (double)rare);
    rg_json_number(section, "rare_count", (double)rare_count);
}

/* The parents with a row in the target table: the profile columns but the target's own, and
 * 1 where the first such row's target is a positive value. */
typedef struct {
    riskgan_table *features;
    int *label;
} labelled;

static int positive_value(const char *text, const char *positive)
{
    size_t n = text ? strlen(text) : 0;
    for (const char *p = positive; text && p && *p;) {
        const char *end = strchr(p, ',');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        if (length == n && strncmp(p, text, n) == 0)
            return 1;
        p = end ? end + 1 : NULL;
    }
    return 0;
}

static riskgan_status label_parents(const riskgan_dataset *real, const riskgan_dataset *d, size_t child,
                                    const char *column, const char *positive, labelled *out)
{
    size_t parent = (size_t)rg_dataset_spec_table(&d->spec,
                                                  d->spec.relationships[rg_dataset_spec_parent(&d->spec, child)].parent);
    const riskgan_table *t = d->tables[child];
    long target = riskgan_table_find_column(t, column);
    riskgan_table *profile = NULL;
    riskgan_status status = target < 0 ? rg_fail(RISKGAN_ERR_SCHEMA, "no column '%s' in table '%s'", column,
                                                 d->spec.tables[child].name)
                                       : rg_profiles_build(real, d, parent, &profile);
    size_t parents = status == RISKGAN_OK ? profile->rows : 0;
    long *first = rg_calloc(parents + 1, sizeof *first);
    if (status == RISKGAN_OK && !first)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t q = 0; q < parents; q++)
        first[q] = -1;
    for (size_t r = 0; status == RISKGAN_OK && r < t->rows; r++)
        if (first[d->parent_row[child][r]] < 0)
            first[d->parent_row[child][r]] = (long)r;
    size_t rows = 0;
    for (size_t q = 0; status == RISKGAN_OK && q < parents; q++)
        rows += first[q] >= 0;
    out->label = rg_calloc(rows + 1, sizeof *out->label);
    out->features = NULL;
    if (status == RISKGAN_OK && out->label) {
        char prefix[200];
        snprintf(prefix, sizeof prefix, "%s.%s=", d->spec.tables[child].name, column);
        int keep[profile->columns + 1];
        for (size_t j = 0; j < profile->columns; j++)
            keep[j] = strncmp(profile->column[j].name, prefix, strlen(prefix)) != 0;
        riskgan_table *all = NULL;
        status = rg_table_view(profile, keep, NULL, 0, &all);
        if (status == RISKGAN_OK)
            status = rg_table_new_like(all, rows + 1, &out->features);
        size_t k = 0;
        for (size_t q = 0; status == RISKGAN_OK && q < parents; q++) {
            if (first[q] < 0)
                continue;
            const rg_column *c = &t->column[target];
            int32_t code = rg_column_is_numeric(c) ? -1 : c->codes[first[q]];
            char buffer[64];
            const char *text = rg_column_is_numeric(c) ? rg_dataset_key_text(t, (size_t)target, (size_t)first[q], buffer,
                                                                               sizeof buffer)
                                                      : code < 0 ? NULL : rg_dictionary_string(&c->categories, code);
            out->label[k++] = positive_value(text, positive);
            status = rg_table_append_row(out->features, all, q);
        }
        riskgan_table_free(all);
    } else if (status == RISKGAN_OK) {
        status = RISKGAN_ERR_NO_MEMORY;
    }
    riskgan_table_free(profile);
    free(first);
    return status;
}

/* Cross-validated ROC-AUC of XGBoost on the real rows alone (TRTR). */
static riskgan_status real_on_real(const float *x, const int *y, size_t n, size_t width,
                                   const rg_classifier_options *c, int folds, uint64_t seed, double *auc)
{
    int32_t *classes = rg_calloc(n + 1, sizeof *classes);
    int *fold = rg_calloc(n + 1, sizeof *fold), *train_y = rg_calloc(n + 1, sizeof *train_y);
    float *train_x = rg_calloc(n * width + 1, sizeof *train_x), *test_x = rg_calloc(n * width + 1, sizeof *test_x);
    double *scores = rg_calloc(n + 1, sizeof *scores), *fold_scores = rg_calloc(n + 1, sizeof *fold_scores);
    riskgan_status status = classes && fold && train_y && train_x && test_x && scores && fold_scores ? RISKGAN_OK
                                                                                                      : RISKGAN_ERR_NO_MEMORY;
    rg_rng rng;
    rg_rng_seed(&rng, seed ^ 0x7472747201ull);
    for (size_t i = 0; i < n; i++)
        classes[i] = y[i];
    if (status == RISKGAN_OK)
        status = rg_stratified_folds(&rng, classes, n, 2, folds, fold);
    for (int f = 0; f < folds && status == RISKGAN_OK; f++) {
        size_t nt = 0, ne = 0;
        for (size_t i = 0; i < n; i++) {
            float *to = fold[i] == f ? test_x + ne++ * width : train_x + nt * width;
            memcpy(to, x + i * width, width * sizeof *x);
            if (fold[i] != f)
                train_y[nt++] = y[i];
        }
        status = rg_classifier_fit_predict(c, train_x, train_y, nt, width, test_x, ne, NULL, fold_scores);
        for (size_t i = 0, k = 0; status == RISKGAN_OK && i < n; i++)
            if (fold[i] == f)
                scores[i] = fold_scores[k++];
    }
    *auc = status == RISKGAN_OK ? rg_roc_auc(scores, y, n) : NAN;
    free(classes), free(fold), free(train_y), free(train_x), free(test_x), free(scores), free(fold_scores);
    return status;
}

static double positive_share(const int *y, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += y[i] != 0;
    return n ? (double)k / (double)n : NAN;
}

riskgan_status rg_entity_utility(const riskgan_dataset *real, const riskgan_dataset *generated,
                                 const riskgan_relational_evaluate_options *o, cJSON *section)
{
    if (!o->target)
        return RISKGAN_OK;
    const char *dot = strchr(o->target, '.');
    char table[128];
    snprintf(table, sizeof table, "%.*s", dot ? (int)(dot - o->target) : 0, o->target);
    long rc = riskgan_dataset_find_table(real, table), gc = riskgan_dataset_find_table(generated, table);
    if (!dot || rc < 0 || gc < 0 || rg_dataset_spec_parent(&real->spec, (size_t)rc) < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the target must be TABLE.COLUMN of a child table, got '%s'",
                       o->target);
    labelled r = {0}, g = {0};
    float *x[2] = {NULL, NULL};
    size_t width = 0;
    const char *positive = o->positive ? o->positive : "1";
    riskgan_status status = label_parents(real, real, (size_t)rc, dot + 1, positive, &r);
    if (status == RISKGAN_OK)
        status = label_parents(real, generated, (size_t)gc, dot + 1, positive, &g);
    if (status == RISKGAN_OK)
        status = encode_both(r.features, g.features, x, &width);
    rg_classifier_options c;
    rg_classifier_options_default(&c, RG_CLASSIFIER_XGBOOST);
    c.trees = o->trees, c.seed = o->seed, c.threads = o->threads;
    size_t nr = r.features ? r.features->rows : 0, ng = g.features ? g.features->rows : 0;
    double *scores = rg_calloc(nr + 1, sizeof *scores), tstr = NAN, trtr = NAN;
    if (status == RISKGAN_OK && ng > 0 && nr > 0 && scores)
        status = rg_classifier_fit_predict(&c, x[1], g.label, ng, width, x[0], nr, NULL, scores);
    if (status == RISKGAN_OK && ng > 0 && nr > 0) {
        tstr = rg_roc_auc(scores, r.label, nr);
        status = real_on_real(x[0], r.label, nr, width, &c, o->folds, o->seed, &trtr);
    }
    cJSON *entry = cJSON_AddObjectToObject(section, "utility");
    cJSON_AddStringToObject(entry, "target", o->target);
    rg_json_number(entry, "real_parents", (double)nr);
    rg_json_number(entry, "synthetic_parents", (double)ng);
    rg_json_number(entry, "real_positive_share", positive_share(r.label, nr));
    rg_json_number(entry, "synthetic_positive_share", positive_share(g.label, ng));
    rg_json_number(entry, "tstr_auc", tstr);
    rg_json_number(entry, "trtr_auc", trtr);
    free(scores), free(x[0]), free(x[1]), free(r.label), free(g.label);
    riskgan_table_free(r.features), riskgan_table_free(g.features);
    return status;
}
