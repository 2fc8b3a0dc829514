/* label_model.c — fitting and applying the target's logistic regression. */
#include "label_model.h"

#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../learn/classifiers.h"


/* Sparse features of one encoded row: every column outside the target span, softmax
 * spans hardened to their most likely level, then the bias term. Returns the count. */
int rg_label_features(const rg_transformer *t, size_t target_span, const float *row, struct feature_node *out)
{
    int used = 0, index = 1;
    for (size_t k = 0; k < t->span_count; k++) {
        const rg_span *s = &t->spans[k];
        if (k == target_span)
            continue;
        if (s->kind == RG_SPAN_TANH) {
            if (row[s->start] != 0)
                out[used++] = (struct feature_node){index, row[s->start]};
            index++;
            continue;
        }
        size_t best = 0;
        for (size_t c = 1; c < s->width; c++)
            if (row[s->start + c] > row[s->start + best])
                best = c;
        out[used++] = (struct feature_node){index + (int)best, 1.0};
        index += (int)s->width;
    }
    out[used++] = (struct feature_node){index, 1.0}; /* bias */
    out[used] = (struct feature_node){-1, 0};
    return used;
}

size_t rg_label_target_span(const rg_transformer *t, size_t column)
{
    for (size_t k = 0; k < t->span_count; k++)
        if (t->spans[k].column == column && t->spans[k].conditional)
            return k;
    return t->span_count;
}

void rg_label_model_free(rg_label_model *m)
{
    free(m->levels);
    free(m->weights);
    memset(m, 0, sizeof *m);
}

static size_t weight_count(const rg_label_model *m)
{
    return (size_t)m->features * (m->classes == 2 ? 1 : (size_t)m->classes);
}

riskgan_status rg_label_model_fit(rg_label_model *m, const rg_transformer *t, size_t target_column, const float *encoded,
                                  size_t rows)
{
    memset(m, 0, sizeof *m);
    m->span = rg_label_target_span(t, target_column);
    if (m->span == t->span_count)
        return rg_fail(RISKGAN_ERR_SCHEMA, "the target is not a discrete column");
    const rg_span *target = &t->spans[m->span];
    m->features = (int)(t->width - target->width) + 1;
    struct feature_node *storage = rg_calloc(rows * (t->span_count + 2), sizeof *storage);
    struct feature_node **x = rg_calloc(rows, sizeof *x);
    double *y = rg_calloc(rows, sizeof *y);
    riskgan_status status = storage && x && y ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    struct model *fitted = NULL;
    if (status == RISKGAN_OK) {
        struct feature_node *next = storage;
        for (size_t r = 0; r < rows; r++) {
            const float *row = encoded + r * t->width;
            x[r] = next;
            next += rg_label_features(t, m->span, row, next) + 1;
            size_t level = 0;
            for (size_t c = 1; c < target->width; c++)
                if (row[target->start + c] > row[target->start + level])
                    level = c;
            y[r] = (double)level;
        }
        status = rg_liblinear_train(x, y, rows, m->features, 1.0, 1.0, "label model", &fitted);
    }
    if (status == RISKGAN_OK && fitted->nr_class < 2) {
        rg_label_model_free(m); /* a single class in the data: nothing to model */
        m->span = t->span_count;
    } else if (status == RISKGAN_OK) {
        m->classes = fitted->nr_class;
        m->levels = rg_calloc((size_t)m->classes, sizeof *m->levels);
        m->weights = rg_calloc(weight_count(m), sizeof *m->weights);
        if (!m->levels || !m->weights) {
            status = RISKGAN_ERR_NO_MEMORY;
        } else {
            for (int c = 0; c < m->classes; c++)
                m->levels[c] = fitted->label[c];
            memcpy(m->weights, fitted->w, weight_count(m) * sizeof *m->weights);
        }
    }
    if (fitted)
        free_and_destroy_model(&fitted);
    free(storage), free(x), free(y);
    if (status != RISKGAN_OK)
        rg_label_model_free(m);
    return status;
}

riskgan_status rg_label_model_resample(const rg_label_model *m, const rg_transformer *t, float *encoded, size_t rows,
                                       rg_rng *rng)
{
    if (m->classes < 2)
        return RISKGAN_OK;
    struct model restored = {.param = {.solver_type = L2R_LR}, .nr_class = m->classes, .nr_feature = m->features,
                             .w = m->weights, .label = m->levels, .bias = -1};
    struct feature_node *features = rg_calloc(t->span_count + 2, sizeof *features);
    double *probability = rg_calloc((size_t)m->classes, sizeof *probability);
    if (!features || !probability) {
        free(features), free(probability);
        return RISKGAN_ERR_NO_MEMORY;
    }
    const rg_span *target = &t->spans[m->span];
    for (size_t r = 0; r < rows; r++) {
        float *row = encoded + r * t->width;
        rg_label_features(t, m->span, row, features);
        predict_probability(&restored, features, probability);
        double u = rg_rng_uniform(rng);
        int chosen = 0;
        while (chosen + 1 < m->classes && (u -= probability[chosen]) >= 0)
            chosen++;
        for (size_t c = 0; c < target->width; c++)
            row[target->start + c] = (int)c == m->levels[chosen] ? 1.0f : 0.0f;
    }
    free(features), free(probability);
    return RISKGAN_OK;
}

/* the intercept correction never moves by more (beyond it the scores carry no information) */
static const double max_shift = 30;

void rg_label_model_match_rate(rg_label_model *m, const rg_transformer *t, const float *encoded, size_t rows)
{
    if (m->classes != 2 || rows == 0)
        return;
    const rg_column_encoder *e = &t->column[t->spans[m->span].column];
    double total = 0;
    for (size_t l = 0; l < e->levels; l++)
        total += e->level_frequency[l];
    double wanted = total > 0 ? e->level_frequency[m->levels[0]] / total : 0;
    if (!(wanted > 0 && wanted < 1))
        return;
    struct feature_node *features = rg_calloc(t->span_count + 2, sizeof *features);
    double *z = rg_calloc(rows, sizeof *z);
    if (!features || !z) {
        free(features), free(z);
        return;
    }
    for (size_t r = 0; r < rows; r++) { /* decision values, in liblinear's orientation */
        rg_label_features(t, m->span, encoded + r * t->width, features);
        for (const struct feature_node *f = features; f->index > 0; f++)
            z[r] += m->weights[f->index - 1] * f->value;
    }
    /* Newton on mean sigmoid(z + shift), which increases with shift, safeguarded by a
     * bracket: a step that leaves it (saturated scores, a flat slope) bisects instead */
    double shift = 0, low = -max_shift, high = max_shift;
    for (int iteration = 0; iteration < 100; iteration++) {
        double mean = 0, slope = 0;
        for (size_t r = 0; r < rows; r++) {
            double p = 1 / (1 + exp(-(z[r] + shift)));
            mean += p / rows;
            slope += p * (1 - p) / rows;
        }
        if (fabs(mean - wanted) < 1e-6)
            break;
        if (mean < wanted)
            low = shift;
        else
            high = shift;
        double next = slope > 0 ? shift + (wanted - mean) / slope : NAN;
        shift = next > low && next < high ? next : 0.5 * (low + high);
        if (high - low < 1e-9)
            break;
    }
    m->weights[m->features - 1] += shift; /* the bias feature is the last */
    free(features), free(z);
}

void rg_label_model_write(const rg_label_model *m, rg_writer *w)
{
    rg_write_u32(w, (uint32_t)m->classes);
    if (m->classes < 2)
        return;
    rg_write_u32(w, (uint32_t)m->features);
    rg_write_u64(w, m->span);
    for (int c = 0; c < m->classes; c++)
        rg_write_u32(w, (uint32_t)m->levels[c]);
    for (size_t i = 0; i < weight_count(m); i++)
        rg_write_f64(w, m->weights[i]);
}

riskgan_status rg_label_model_read(rg_label_model *m, const rg_transformer *t, rg_reader *r)
{
    memset(m, 0, sizeof *m);
    uint32_t classes = rg_read_u32(r);
    if (r->failure)
        return RISKGAN_ERR_FORMAT;
    if (classes == 0)
        return RISKGAN_OK;
    m->features = (int)rg_read_u32(r);
    m->span = rg_read_u64(r);
    if (r->failure || classes < 2 || m->span >= t->span_count || !t->spans[m->span].conditional ||
        classes > t->spans[m->span].width || (size_t)m->features != t->width - t->spans[m->span].width + 1) {
        r->failure = r->failure ? r->failure : "the label model does not fit the columns (corrupt file)";
        return RISKGAN_ERR_FORMAT;
    }
    m->classes = (int)classes;
    m->levels = rg_calloc(classes, sizeof *m->levels);
    m->weights = rg_calloc(weight_count(m), sizeof *m->weights);
    if (!m->levels || !m->weights) {
        rg_label_model_free(m);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (uint32_t c = 0; c < classes; c++) {
        m->levels[c] = (int)rg_read_u32(r);
        if (!r->failure && (size_t)m->levels[c] >= t->spans[m->span].width)
            r->failure = "a label model class is out of range (corrupt file)";
    }
    for (size_t i = 0; i < weight_count(m) && !r->failure; i++)
        if (!isfinite(m->weights[i] = rg_read_f64(r)))
            r->failure = "a label model weight is NaN/inf (corrupt file)";
    if (r->failure) {
        rg_label_model_free(m);
        return RISKGAN_ERR_FORMAT;
    }
    return RISKGAN_OK;
}
