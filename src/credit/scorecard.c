/* scorecard.c — fitting a scorecard (binning, selection by IV and correlation, a logistic
 * regression on WoE with its signs checked, points) and scoring with reason codes. */
#include "scorecard.h"
#include "stepwise.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/atomic_file.h"
#include "../core/c_locale.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "../data/table_writer.h"
#include "../learn/classes.h"
#include "../learn/classifiers.h"
#include "binning_file.h"

void riskgan_scorecard_options_init(riskgan_scorecard_options *o)
{
    memset(o, 0, sizeof *o);
    riskgan_binning_options_init(&o->binning);
    o->min_iv = 0.02, o->max_correlation = 0.7;
    o->base_points = 600, o->base_odds = 50, o->pdo = 20, o->regularization_c = 1;
}

/* The WoE of binning feature i for each row of t (0 for a value no bin takes). */
static void woe_column(const riskgan_binning *b, size_t i, const riskgan_table *t, size_t column, float *out,
                       size_t stride)
{
    const rg_feature_binning *f = &b->feature[i];
    for (size_t r = 0; r < t->rows; r++) {
        long bin = rg_binning_bin_of(f, t, column, r);
        out[r * stride] = bin < 0 ? 0.0f : (float)f->bins[bin].woe;
    }
}

static double correlation(const float *x, const float *y, size_t n, size_t stride)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t r = 0; r < n; r++)
        mx += x[r * stride], my += y[r * stride];
    mx /= (double)n, my /= (double)n;
    for (size_t r = 0; r < n; r++) {
        double a = x[r * stride] - mx, c = y[r * stride] - my;
        sxy += a * c, sxx += a * a, syy += c * c;
    }
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0;
}

typedef struct {
    float *woe;      /* rows x features (every binning feature), labelled rows only */
    int *y;
    size_t rows, features;
} woe_table;

static riskgan_status make_woe_table(const riskgan_binning *b, const riskgan_table *t, woe_table *w)
{
    rg_classes classes;
    riskgan_status status = rg_classes_find(t, b->target, &classes);
    if (status != RISKGAN_OK)
        return status;
    long positive = rg_classes_index(&classes, b->positive);
    w->features = b->count;
    float *all = rg_calloc(t->rows * b->count + 1, sizeof *all);
    w->woe = rg_calloc(t->rows * b->count + 1, sizeof *w->woe);
    w->y = rg_calloc(t->rows + 1, sizeof *w->y);
    if (!all || !w->woe || !w->y)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; status == RISKGAN_OK && i < b->count; i++)
        woe_column(b, i, t, b->column[i], all + i, b->count);
    for (size_t r = 0; status == RISKGAN_OK && r < t->rows; r++) {
        if (classes.of_row[r] < 0)
            continue;
        memcpy(w->woe + w->rows * b->count, all + r * b->count, b->count * sizeof *all);
        w->y[w->rows++] = classes.of_row[r] == positive;
    }
    free(all);
    rg_classes_free(&classes);
    return status;
}

/* Features with IV >= min_iv, strongest first, skipping any whose WoE correlates beyond the
 * limit with one already kept. */
static size_t select_features(const riskgan_binning *b, const woe_table *w, const riskgan_scorecard_options *o,
                              size_t *selected)
{
    size_t *order = rg_calloc(b->count + 1, sizeof *order), count = 0;
    if (!order)
        return 0;
    size_t candidates = rg_binning_strongest_first(b, o->min_iv, order);
    for (size_t c = 0; c < candidates; c++) {
        int keep = 1;
        for (size_t k = 0; k < count && keep; k++)
            keep = fabs(correlation(w->woe + order[c], w->woe + selected[k], w->rows, w->features)) <= o->max_correlation;
        if (keep)
            selected[count++] = order[c];
    }
    free(order);
    return count;
}

/* Forward selection by BIC among the selected features; those chosen keep their IV order. */
static riskgan_status stepwise(const woe_table *w, const riskgan_scorecard_options *o, size_t *selected, size_t *count)
{
    size_t *chosen = rg_calloc(*count + 1, sizeof *chosen), kept = 0, chosen_count = 0;
    if (!chosen)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_forward_stepwise(w->woe, w->y, w->rows, w->features, selected, *count,
                                                o->regularization_c, chosen, &chosen_count);
    for (size_t k = 0; status == RISKGAN_OK && k < *count; k++)
        for (size_t i = 0; i < chosen_count; i++)
            if (chosen[i] == selected[k]) {
                selected[kept++] = selected[k];
                break;
            }
    if (status == RISKGAN_OK)
        *count = kept;
    free(chosen);
    return status;
}

/* The logistic regression on the selected WoE columns (weights: count + 1, intercept last). */
static riskgan_status fit_weights(const woe_table *w, const size_t *selected, size_t count, double c, double *weights)
{
    float *x = rg_calloc(w->rows * count + 1, sizeof *x);
    if (!x)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t r = 0; r < w->rows; r++)
        for (size_t k = 0; k < count; k++)
            x[r * count + k] = w->woe[r * w->features + selected[k]];
    rg_classifier_options options;
    rg_classifier_options_default(&options, RG_CLASSIFIER_LOGISTIC);
    options.regularization_c = c;
    riskgan_status status = rg_logistic_train(&options, x, w->y, w->rows, count, weights);
    free(x);
    return status;
}

/* Refits without the weakest feature whose coefficient is not negative (a higher WoE must
 * lower the event's probability) until none is left; returns the features kept. */
static riskgan_status fit_with_signs(const riskgan_binning *b, const woe_table *w, size_t *selected, size_t *count,
                                     const riskgan_scorecard_options *o, double *weights)
{
    while (*count > 0) {
        riskgan_status status = fit_weights(w, selected, *count, o->regularization_c, weights);
        if (status != RISKGAN_OK)
            return status;
        long wrong = -1;
        for (size_t k = 0; k < *count; k++)
            if (weights[k] >= 0 && (wrong < 0 || b->feature[selected[k]].iv < b->feature[selected[wrong]].iv))
                wrong = (long)k;
        if (wrong < 0)
            return RISKGAN_OK;
        memmove(selected + wrong, selected + wrong + 1, (*count - (size_t)wrong - 1) * sizeof *selected);
        (*count)--;
    }
    return rg_fail(RISKGAN_ERR_SCHEMA, "no feature of the table separates the classes of '%s' (information "
                   "value at least %g with a coefficient of the right sign)", b->target, o->min_iv);
}

/* The card's points from the weights (intercept last) and the scaling. */
static riskgan_status set_points(rg_scorecard *s, const double *weights, double factor, double offset)
{
    s->factor = factor, s->offset = offset;
    s->intercept = weights[s->selected_count];
    s->base_points = s->offset - s->factor * s->intercept;
    s->coefficient = rg_calloc(s->selected_count + 1, sizeof *s->coefficient);
    s->points = rg_calloc(s->selected_count + 1, sizeof *s->points);
    if (!s->coefficient || !s->points)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t k = 0; k < s->selected_count; k++) {
        const rg_feature_binning *f = &s->binning->feature[s->selected[k]];
        s->coefficient[k] = weights[k];
        if (!(s->points[k] = rg_calloc(f->bin_count + 1, sizeof *s->points[k])))
            return RISKGAN_ERR_NO_MEMORY;
        for (size_t j = 0; j < f->bin_count; j++)
            s->points[k][j] = -s->factor * weights[k] * f->bins[j].woe;
    }
    return RISKGAN_OK;
}

static riskgan_status check_options(const riskgan_scorecard_options *o)
{
    if (!(o->base_odds > 0) || !(o->pdo > 0) || !isfinite(o->base_points) || !(o->regularization_c > 0) ||
        !(o->min_iv >= 0) || !(o->max_correlation > 0 && o->max_correlation <= 1))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "scorecard options: base odds, pdo and C must be positive, the "
                       "minimum IV not negative, the correlation limit in (0, 1]");
    return RISKGAN_OK;
}

riskgan_status rg_scorecard_fit(const riskgan_table *t, const char *target, const char *positive,
                                const riskgan_scorecard_options *o, rg_scorecard *s)
{
    memset(s, 0, sizeof *s);
    woe_table w = {0};
    double *weights = NULL;
    riskgan_status status = check_options(o);
    if (status == RISKGAN_OK)
        status = riskgan_bin(t, target, positive, &o->binning, &s->binning);
    if (status == RISKGAN_OK)
        status = make_woe_table(s->binning, t, &w);
    if (status == RISKGAN_OK && (!(s->selected = rg_calloc(s->binning->count + 1, sizeof *s->selected)) ||
                                 !(weights = rg_calloc(s->binning->count + 2, sizeof *weights))))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        s->selected_count = select_features(s->binning, &w, o, s->selected);
    if (status == RISKGAN_OK && o->stepwise)
        status = stepwise(&w, o, s->selected, &s->selected_count);
    if (status == RISKGAN_OK)
        status = fit_with_signs(s->binning, &w, s->selected, &s->selected_count, o, weights);
    if (status == RISKGAN_OK)
        status = set_points(s, weights, o->pdo / log(2.0), o->base_points - o->pdo / log(2.0) * log(o->base_odds));
    free(w.woe), free(w.y), free(weights);
    if (status != RISKGAN_OK)
        rg_scorecard_free(s);
    return status;
}

riskgan_status rg_scorecard_fit_and_score(const riskgan_table *train, const riskgan_table *test, const char *target,
                                          const char *positive, int threads, double *train_scores,
                                          double *test_scores)
{
    riskgan_scorecard_options options;
    riskgan_scorecard_options_init(&options);
    options.binning.threads = threads;
    rg_scorecard card;
    riskgan_status status = rg_scorecard_fit(train, target, positive, &options, &card);
    if (status != RISKGAN_OK)
        return status;
    if (train_scores)
        status = rg_scorecard_score(&card, train, train_scores, NULL, NULL, 0);
    if (status == RISKGAN_OK)
        status = rg_scorecard_score(&card, test, test_scores, NULL, NULL, 0);
    rg_scorecard_free(&card);
    return status;
}

/* Each selected feature's column in t (an error naming a missing one). */
static riskgan_status columns_in(const rg_scorecard *s, const riskgan_table *t, size_t *column)
{
    for (size_t k = 0; k < s->selected_count; k++) {
        const char *name = s->binning->feature[s->selected[k]].feature;
        long j = riskgan_table_find_column(t, name);
        if (j < 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "the scorecard needs column '%s', which the table does not have", name);
        column[k] = (size_t)j;
    }
    return RISKGAN_OK;
}

/* The k features of one row with the largest losses (best points minus the row's points). */
static void row_reasons(const double *loss, size_t count, size_t k, long *out)
{
    for (size_t i = 0; i < k; i++) {
        long best = -1;
        for (size_t f = 0; f < count; f++) {
            int taken = 0;
            for (size_t j = 0; j < i; j++)
                taken |= out[j] == (long)f;
            if (!taken && loss[f] > 1e-9 && (best < 0 || loss[f] > loss[best]))
                best = (long)f;
        }
        out[i] = best;
    }
}

riskgan_status rg_scorecard_score(const rg_scorecard *s, const riskgan_table *t, double *probability, double *score,
                                  long *reasons, size_t k)
{
    size_t *column = rg_calloc(s->selected_count + 1, sizeof *column);
    double *best = rg_calloc(2 * s->selected_count + 1, sizeof *best), *loss = best + s->selected_count;
    riskgan_status status = column && best ? columns_in(s, t, column) : RISKGAN_ERR_NO_MEMORY;
    for (size_t f = 0; status == RISKGAN_OK && f < s->selected_count; f++) {
        const rg_feature_binning *b = &s->binning->feature[s->selected[f]];
        best[f] = 0; /* a value no bin takes scores 0 points */
        for (size_t j = 0; j < b->bin_count; j++)
            best[f] = fmax(best[f], s->points[f][j]);
    }
    for (size_t r = 0; status == RISKGAN_OK && r < t->rows; r++) {
        double points = s->base_points;
        for (size_t f = 0; f < s->selected_count; f++) {
            long bin = rg_binning_bin_of(&s->binning->feature[s->selected[f]], t, column[f], r);
            double mine = bin < 0 ? 0 : s->points[f][bin];
            points += mine, loss[f] = best[f] - mine;
        }
        if (score)
            score[r] = points;
        if (probability) /* points = offset + factor ln(odds of a non-event) */
            probability[r] = 1 / (1 + exp((points - s->offset) / s->factor));
        if (reasons && k)
            row_reasons(loss, s->selected_count, k, reasons + r * k);
    }
    free(column), free(best);
    return status;
}

static riskgan_status write_card(const void *object, const char *path)
{
    const rg_scorecard *s = object;
    rg_atomic_file out;
    riskgan_status status = rg_atomic_open(&out, path);
    if (status != RISKGAN_OK)
        return status;
    fprintf(out.stream, "feature,bin,count,events,event_rate,woe,iv,points\n(base points),,,,,,,%.2f\n", s->base_points);
    for (size_t k = 0; k < s->selected_count; k++) {
        const rg_feature_binning *f = &s->binning->feature[s->selected[k]];
        for (size_t j = 0; j < f->bin_count; j++) {
            const rg_bin *b = &f->bins[j];
            rg_csv_write_text(out.stream, f->feature, ',');
            fputc(',', out.stream);
            rg_csv_write_text(out.stream, b->label, ',');
            fprintf(out.stream, ",%.0f,%.0f,%.6f,%.6f,%.6f,%.2f\n", b->count, b->events,
                    b->count > 0 ? b->events / b->count : 0.0, b->woe, b->iv, s->points[k][j]);
        }
    }
    return rg_atomic_commit(&out);
}

riskgan_status rg_scorecard_write_card(const rg_scorecard *s, const char *path)
{
    return rg_write_in_c_locale(write_card, s, path);
}

void rg_scorecard_write(const rg_scorecard *s, rg_writer *w)
{
    rg_binning_write(s->binning, w);
    rg_write_f64(w, s->factor), rg_write_f64(w, s->offset), rg_write_f64(w, s->intercept);
    rg_write_u64(w, s->selected_count);
    for (size_t k = 0; k < s->selected_count; k++)
        rg_write_u64(w, s->selected[k]), rg_write_f64(w, s->coefficient[k]);
}

riskgan_status rg_scorecard_read(rg_scorecard *s, rg_reader *r)
{
    memset(s, 0, sizeof *s);
    riskgan_status status = rg_binning_read(r, &s->binning);
    if (status != RISKGAN_OK || r->failure)
        return status;
    double factor = rg_read_f64(r), offset = rg_read_f64(r), intercept = rg_read_f64(r);
    if (!r->failure && (!(factor > 0 && factor < 1e6) || !(fabs(offset) < 1e9) || !(fabs(intercept) < 1e6)))
        r->failure = "the scorecard's scaling is invalid (corrupt file)";
    s->selected_count = r->failure ? 0 : (size_t)rg_read_items(r, s->binning->count, 16);
    double *weights = rg_calloc(s->selected_count + 2, sizeof *weights);
    if (!r->failure && (!weights || !(s->selected = rg_calloc(s->selected_count + 1, sizeof *s->selected))))
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t k = 0; status == RISKGAN_OK && !r->failure && k < s->selected_count; k++) {
        s->selected[k] = (size_t)rg_read_u64(r), weights[k] = rg_read_f64(r);
        if (!r->failure && (s->selected[k] >= s->binning->count || !(fabs(weights[k]) < 1e6)))
            r->failure = "a feature of the scorecard is invalid (corrupt file)";
    }
    if (status == RISKGAN_OK && !r->failure) {
        weights[s->selected_count] = intercept;
        status = set_points(s, weights, factor, offset);
    }
    free(weights);
    return status;
}

void rg_scorecard_free(rg_scorecard *s)
{
    for (size_t k = 0; s->points && k < s->selected_count; k++)
        free(s->points[k]);
    free(s->points), free(s->coefficient), free(s->selected);
    riskgan_binning_free(s->binning);
    memset(s, 0, sizeof *s);
}
