/* risk_model.c — the probability-of-default model (XGBoost, logistic regression or a binned
 * scorecard) with its feature encoding, credit-score points, card and file format. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xgboost/c_api.h>

#include "../core/c_locale.h"
#include "../core/threads.h"
#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/framed_file.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "../learn/classifiers.h"
#include "../learn/classes.h"
#include "../learn/features.h"
#include "../learn/ubjson_check.h"
#include "../data/number_text.h"
#include "../data/table_writer.h"
#include "risk_model.h"
#include "../credit/scorecard.h"

static const char magic[8] = {'R', 'G', 'R', 'I', 'S', 'K', 0, 0x1a};
enum { FORMAT_VERSION = 3 }; /* 2: date features, no identifiers; 3: scorecards (others still write 2) */
static const double base_points = 600, points_to_double_odds = 20;

struct riskgan_risk_model {
    riskgan_risk_algorithm algorithm;
    char *target, *positive;
    rg_feature_encoder features;
    double *weights;           /* logistic regression: width + 1 */
    rg_booster booster;        /* XGBoost */
    rg_scorecard *card;        /* scorecard (the features above only type the columns it reads) */
};

void riskgan_risk_model_free(riskgan_risk_model *m)
{
    if (!m)
        return;
    free(m->target);
    free(m->positive);
    rg_features_free(&m->features);
    free(m->weights);
    rg_xgboost_free(m->booster);
    if (m->card)
        rg_scorecard_free(m->card);
    free(m->card);
    free(m);
}

static riskgan_status riskgan_risk_fit_in_scope(const riskgan_table *table, const char *target, const char *positive,
                                riskgan_risk_algorithm algorithm, uint64_t seed, int threads, riskgan_risk_model **out)
{
    *out = NULL;
    if (algorithm != RISKGAN_RISK_XGBOOST && algorithm != RISKGAN_RISK_LOGREG)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "unknown risk model algorithm");
    rg_classes classes;
    riskgan_status status = rg_classes_find(table, target, &classes);
    if (status != RISKGAN_OK)
        return status;
    size_t positive_class;
    if ((status = rg_classes_positive(&classes, target, positive, &positive_class, NULL)) != RISKGAN_OK) {
        rg_classes_free(&classes);
        return status;
    }
    riskgan_risk_model *m = rg_calloc(1, sizeof *m);
    float *x = NULL;
    int *y = rg_calloc(table->rows, sizeof *y);
    if (!m || !y)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        m->algorithm = algorithm;
        m->target = rg_strdup(target);
        m->positive = rg_strdup(classes.name[positive_class]);
        status = m->target && m->positive ? rg_features_fit(&m->features, table, classes.column) : RISKGAN_ERR_NO_MEMORY;
    }
    size_t rows = 0;
    if (status == RISKGAN_OK && !(x = rg_calloc(table->rows * m->features.width + 1, sizeof *x)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_features_encode(&m->features, table, x, NULL);
    if (status == RISKGAN_OK) { /* rows without a target are left out */
        size_t width = m->features.width;
        for (size_t r = 0; r < table->rows; r++) {
            if (classes.of_row[r] < 0)
                continue;
            memmove(x + rows * width, x + r * width, width * sizeof *x);
            y[rows++] = classes.of_row[r] == (int32_t)positive_class;
        }
        rg_classifier_options options;
        rg_classifier_options_default(&options, algorithm == RISKGAN_RISK_XGBOOST ? RG_CLASSIFIER_XGBOOST
                                                                                 : RG_CLASSIFIER_LOGISTIC);
        options.seed = seed;
        options.threads = threads;
        if (algorithm == RISKGAN_RISK_XGBOOST) {
            status = rg_xgboost_train(&options, x, y, rows, width, &m->booster);
        } else {
            m->weights = rg_calloc(width + 1, sizeof *m->weights);
            status = m->weights ? rg_logistic_train(&options, x, y, rows, width, m->weights) : RISKGAN_ERR_NO_MEMORY;
        }
    }
    free(x), free(y);
    rg_classes_free(&classes);
    if (status != RISKGAN_OK) {
        riskgan_risk_model_free(m);
        return status;
    }
    *out = m;
    return RISKGAN_OK;
}

const char *riskgan_risk_model_target(const riskgan_risk_model *m)
{
    return m->target;
}

const char *riskgan_risk_model_positive(const riskgan_risk_model *m)
{
    return m->positive;
}

const rg_scorecard *rg_risk_model_scorecard(const riskgan_risk_model *m)
{
    return m->card;
}

riskgan_status riskgan_risk_fit_scorecard(const riskgan_table *table, const char *target, const char *positive,
                                          const riskgan_scorecard_options *options, riskgan_risk_model **out)
{
    *out = NULL;
    riskgan_scorecard_options defaults;
    riskgan_scorecard_options_init(&defaults);
    options = options ? options : &defaults;
    riskgan_risk_model *m = rg_calloc(1, sizeof *m);
    riskgan_status status = m && (m->card = rg_calloc(1, sizeof *m->card)) ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        m->algorithm = RISKGAN_RISK_SCORECARD;
        status = rg_scorecard_fit(table, target, positive, options, m->card);
    }
    if (status == RISKGAN_OK && (!(m->target = rg_strdup(target)) ||
                                 !(m->positive = rg_strdup(m->card->binning->positive))))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_features_fit(&m->features, table, riskgan_table_find_column(table, target));
    if (status != RISKGAN_OK) {
        riskgan_risk_model_free(m);
        return status;
    }
    *out = m;
    return RISKGAN_OK;
}

riskgan_status riskgan_risk_fit(const riskgan_table *table, const char *target, const char *positive,
                                riskgan_risk_algorithm algorithm, uint64_t seed, int threads, riskgan_risk_model **out)
{
    if (algorithm == RISKGAN_RISK_SCORECARD) {
        riskgan_scorecard_options options;
        riskgan_scorecard_options_init(&options);
        options.binning.threads = threads;
        return riskgan_risk_fit_scorecard(table, target, positive, &options, out);
    }
    rg_thread_counts previous = rg_threads_push(threads);
    riskgan_status status = riskgan_risk_fit_in_scope(table, target, positive, algorithm, seed, threads, out);
    rg_threads_pop(previous);
    return status;
}

riskgan_status riskgan_risk_score(const riskgan_risk_model *m, const riskgan_table *table, double *probability,
                                  double *points)
{
    if (m->card)
        return rg_scorecard_score(m->card, table, probability, points, NULL, 0);
    size_t rows = riskgan_table_rows(table), width = m->features.width;
    float *x = rg_calloc(rows * width + 1, sizeof *x);
    if (!x)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_features_encode(&m->features, table, x, NULL);
    if (status == RISKGAN_OK) {
        if (m->algorithm == RISKGAN_RISK_XGBOOST)
            status = rg_xgboost_predict(m->booster, x, rows, width, probability);
        else
            rg_logistic_predict(m->weights, x, rows, width, probability);
    }
    for (size_t r = 0; status == RISKGAN_OK && points && r < rows; r++) {
        double p = fmin(fmax(probability[r], 1e-12), 1 - 1e-12);
        points[r] = base_points + points_to_double_odds / log(2.0) * log((1 - p) / p);
    }
    free(x);
    return status;
}

riskgan_status riskgan_risk_score_with_reasons(const riskgan_risk_model *m, const riskgan_table *table,
                                               double *probability, double *points, size_t k, const char **reasons)
{
    if (k && !m->card)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "reason codes need a scorecard (risk fit --algo scorecard)");
    if (!k || !reasons)
        return riskgan_risk_score(m, table, probability, points);
    size_t rows = riskgan_table_rows(table);
    long *lost = rg_calloc(rows * k + 1, sizeof *lost);
    if (!lost)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_scorecard_score(m->card, table, probability, points, lost, k);
    for (size_t i = 0; status == RISKGAN_OK && i < rows * k; i++)
        reasons[i] = lost[i] >= 0 ? m->card->binning->feature[m->card->selected[lost[i]]].feature : NULL;
    free(lost);
    return status;
}

/* The reason columns of row r: the names of its features that lost the most points. */
static void write_reasons(FILE *f, const rg_scorecard *card, const long *reasons, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        fputc(',', f);
        if (reasons[i] >= 0)
            rg_csv_write_text(f, card->binning->feature[card->selected[reasons[i]]].feature, ',');
    }
}

static riskgan_status write_scores(const riskgan_risk_model *m, const riskgan_table *table, size_t k, const char *path)
{
    if (k && !m->card)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "reason codes need a scorecard (risk fit --algo scorecard)");
    size_t rows = riskgan_table_rows(table);
    double *probability = rg_calloc(rows + 1, sizeof *probability), *points = rg_calloc(rows + 1, sizeof *points);
    long *reasons = k ? rg_calloc(rows * k + 1, sizeof *reasons) : NULL;
    riskgan_status status = probability && points && (!k || reasons) ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = m->card ? rg_scorecard_score(m->card, table, probability, points, reasons, k)
                         : riskgan_risk_score(m, table, probability, points);
    rg_atomic_file file;
    if (status == RISKGAN_OK && (status = rg_atomic_open(&file, path)) == RISKGAN_OK) {
        fprintf(file.stream, "row,probability,score");
        for (size_t i = 0; i < k; i++)
            fprintf(file.stream, ",reason_%zu", i + 1);
        fputc('\n', file.stream);
        for (size_t r = 0; r < rows; r++) {
            fprintf(file.stream, "%zu,%.6f,%.1f", r + 1, probability[r], points[r]);
            if (k)
                write_reasons(file.stream, m->card, reasons + r * k, k);
            fputc('\n', file.stream);
        }
        status = rg_atomic_commit(&file);
    }
    free(probability), free(points), free(reasons);
    return status;
}


riskgan_status riskgan_risk_write_scores(const riskgan_risk_model *m, const riskgan_table *table, const char *path)
{
    return riskgan_risk_write_scores_with_reasons(m, table, 0, path);
}

riskgan_status riskgan_risk_write_scores_with_reasons(const riskgan_risk_model *m, const riskgan_table *table,
                                                      size_t reasons, const char *path)
{
    locale_t previous = rg_use_c_locale(); /* '.' in numbers, whatever the host's locale */
    riskgan_status result = write_scores(m, table, reasons, path);
    uselocale(previous);
    return result;
}

static riskgan_status write_scorecard(const void *object, const char *path)
{
    const riskgan_risk_model *m = object;
    if (m->card)
        return rg_scorecard_write_card(m->card, path);
    if (m->algorithm != RISKGAN_RISK_LOGREG)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "a points scorecard needs a scorecard or a logistic regression "
                       "(--algo scorecard or logreg)");
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    /* score = 600 + factor * ln(odds) and ln(odds of the negative class) = -(w.x + b): the
     * intercept's points, plus each feature's points per unit of its encoded value */
    double factor = points_to_double_odds / log(2.0);
    size_t width = m->features.width;
    fprintf(file.stream, "feature,points_per_unit\n\"(base points at the intercept)\",%.4f\n",
            base_points - factor * m->weights[width]);
    for (size_t c = 0; c < width; c++) {
        char *name = rg_features_name(&m->features, c);
        fputc('"', file.stream);
        for (const char *p = name ? name : ""; *p; p++) {
            if (*p == '"')
                fputc('"', file.stream);
            fputc(*p, file.stream);
        }
        fprintf(file.stream, "\",%.4f\n", -factor * m->weights[c]);
        free(name);
    }
    return rg_atomic_commit(&file);
}


riskgan_status riskgan_risk_write_scorecard(const riskgan_risk_model *m, const char *path)
{
    return rg_write_in_c_locale(write_scorecard, m, path);
}

static void write_payload(const void *object, rg_writer *w)
{
    const riskgan_risk_model *m = object;
    rg_write_u32(w, (uint32_t)m->algorithm);
    rg_write_string(w, m->target);
    rg_write_string(w, m->positive);
    rg_features_write(&m->features, w);
    if (m->card) {
        rg_scorecard_write(m->card, w);
        return;
    }
    if (m->algorithm == RISKGAN_RISK_LOGREG) {
        for (size_t c = 0; c <= m->features.width; c++)
            rg_write_f64(w, m->weights[c]);
        return;
    }
    bst_ulong length = 0;
    const char *buffer = NULL;
    if (XGBoosterSaveModelToBuffer(m->booster, "{\"format\": \"ubj\"}", &length, &buffer) != 0) {
        w->failed = 1;
        return;
    }
    rg_write_u64(w, length);
    rg_write_bytes(w, buffer, length);
}

riskgan_status riskgan_risk_model_save(const riskgan_risk_model *m, const char *path)
{
    return rg_framed_write(path, magic, m->card ? FORMAT_VERSION : 2, write_payload, m);
}

/* The payload of a risk model file; a corrupt field sets r->failure. */
static riskgan_status read_payload(rg_reader *r, uint32_t version, void *object)
{
    riskgan_risk_model *m = object;
    riskgan_status status = RISKGAN_OK;
    m->algorithm = (riskgan_risk_algorithm)rg_read_u32(r);
    m->target = rg_read_string(r);
    m->positive = rg_read_string(r);
    riskgan_risk_algorithm newest = version >= 3 ? RISKGAN_RISK_SCORECARD : RISKGAN_RISK_LOGREG;
    if (!r->failure && (m->algorithm > newest || !m->target || !m->positive))
        r->failure = "the header fields are invalid (corrupt file)";
    if (!r->failure)
        status = rg_features_read(&m->features, r);
    if (status == RISKGAN_OK && !r->failure && m->algorithm == RISKGAN_RISK_SCORECARD) {
        if (!(m->card = rg_calloc(1, sizeof *m->card)))
            return RISKGAN_ERR_NO_MEMORY;
        status = rg_scorecard_read(m->card, r);
    } else if (status == RISKGAN_OK && !r->failure && m->algorithm == RISKGAN_RISK_LOGREG) {
        m->weights = rg_calloc(m->features.width + 1, sizeof *m->weights);
        for (size_t c = 0; m->weights && c <= m->features.width && !r->failure; c++)
            if (!isfinite(m->weights[c] = rg_read_f64(r)))
                r->failure = "a weight is NaN/inf (corrupt file)";
    } else if (status == RISKGAN_OK && !r->failure) {
        size_t size = rg_read_count(r, r->length);
        if (!r->failure) {
            if (!rg_ubjson_well_formed(r->data + r->position, size))
                r->failure = "the XGBoost model inside is not well formed (corrupt file)";
            else if (XGBoosterCreate(NULL, 0, &m->booster) != 0 ||
                     XGBoosterLoadModelFromBuffer(m->booster, r->data + r->position, size) != 0)
                r->failure = "the XGBoost model inside does not load (corrupt file)";
            r->position += size;
        }
    }
    if (status == RISKGAN_OK && !r->failure && r->position != r->length)
        r->failure = "unexpected bytes after the model (corrupt file)";
    return status;
}

static void free_risk_model(void *object)
{
    riskgan_risk_model_free(object);
}

static const rg_framed_kind risk_model_kind = {"riskgan risk model", magic, 2, FORMAT_VERSION,
                                               sizeof(riskgan_risk_model), read_payload, free_risk_model};

riskgan_status riskgan_risk_model_load(const char *path, riskgan_risk_model **out)
{
    return rg_framed_load_file(&risk_model_kind, path, (void **)out);
}

riskgan_status riskgan_risk_model_load_memory(const void *data, size_t length, riskgan_risk_model **out)
{
    return rg_framed_load(&risk_model_kind, data, length, "risk model", (void **)out);
}

riskgan_status riskgan_risk_model_schema(const riskgan_risk_model *m, riskgan_table **out)
{
    riskgan_status status = rg_table_new(m->features.columns, out);
    for (size_t j = 0; j < m->features.columns && status == RISKGAN_OK; j++) {
        const rg_feature_column *f = &m->features.column[j];
        status = rg_table_set_column(*out, j, f->name,
                                     f->categorical ? RISKGAN_COLUMN_CATEGORICAL : RISKGAN_COLUMN_CONTINUOUS);
        rg_datetime_format format;
        if (status == RISKGAN_OK && f->datetime && rg_datetime_format_from_name(f->datetime, &format))
            rg_column_set_datetime(&(*out)->column[j], &format);
    }
    if (status != RISKGAN_OK) {
        riskgan_table_free(*out);
        *out = NULL;
    }
    return status;
}

riskgan_risk_algorithm riskgan_risk_model_algorithm(const riskgan_risk_model *m)
{
    return m->algorithm;
}

riskgan_status riskgan_risk_read_csv(const riskgan_risk_model *m, const char *path, const riskgan_read_options *options,
                                     riskgan_table **out)
{
    *out = NULL;
    riskgan_table *schema;
    riskgan_status status = riskgan_risk_model_schema(m, &schema);
    if (status == RISKGAN_OK)
        status = riskgan_table_read_csv_like(path, schema, options, out);
    riskgan_table_free(schema);
    return status;
}
