/* label_model_private.c — the label model of label_model.h fitted with differential
 * privacy: binary logistic regression by noisy full-batch gradient descent (DP-GD). Every
 * step sums the rows' gradients (p - y) x, each clipped to L2 norm `clip`, and adds
 * N(0, sigma^2 clip^2) per coordinate: a Gaussian mechanism of sensitivity clip, so `steps`
 * steps cost rho = steps / (2 sigma^2) (zCDP). The two most frequent target levels by their
 * noisy counts are modelled (the positive one is the rarer); rows of other levels take no
 * part. The weights are the mean of the second half of the iterates (post-processing). */
#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "label_model.h"
#include "label_model_private.h"

enum { STEPS = 400 };
static const double clip = 1.0, step_size = 0.5, ridge = 1e-3;

riskgan_status rg_label_model_fit_private(rg_label_model *m, const rg_transformer *t, size_t target_column,
                                          const float *encoded, size_t rows, double rho, double noisy_rows,
                                          rg_rng *rng)
{
    memset(m, 0, sizeof *m);
    size_t span = rg_label_target_span(t, target_column);
    if (span == t->span_count)
        return rg_fail(RISKGAN_ERR_SCHEMA, "the target is not a discrete column");
    const rg_span *target = &t->spans[span];
    const rg_column_encoder *e = &t->column[target_column];
    int first = -1, second = -1; /* the two most frequent levels by noisy count */
    for (int l = 0; l < (int)e->levels; l++) {
        if (first < 0 || e->level_frequency[l] > e->level_frequency[first]) {
            second = first;
            first = l;
        } else if (second < 0 || e->level_frequency[l] > e->level_frequency[second]) {
            second = l;
        }
    }
    if (second < 0)
        return RISKGAN_OK; /* one level: nothing to model */
    m->span = span;
    m->classes = 2;
    m->features = (int)(t->width - target->width) + 1;
    m->levels = rg_calloc(2, sizeof *m->levels);
    m->weights = rg_calloc((size_t)m->features, sizeof *m->weights);
    double *w = rg_calloc((size_t)m->features, sizeof *w), *gradient = rg_calloc((size_t)m->features, sizeof *gradient);
    struct feature_node *x = rg_calloc(t->span_count + 2, sizeof *x);
    if (!m->levels || !m->weights || !w || !gradient || !x) {
        free(w), free(gradient), free(x);
        rg_label_model_free(m);
        return RISKGAN_ERR_NO_MEMORY;
    }
    m->levels[0] = second; /* probability of levels[0] = sigmoid(w x): the rarer one */
    m->levels[1] = first;
    double sigma = sqrt(STEPS / (2 * rho)), n = noisy_rows > 1 ? noisy_rows : 1;
    for (int step = 0; step < STEPS; step++) {
        memset(gradient, 0, (size_t)m->features * sizeof *gradient);
        for (size_t r = 0; r < rows; r++) {
            const float *row = encoded + r * t->width;
            size_t level = 0;
            for (size_t c = 1; c < target->width; c++)
                if (row[target->start + c] > row[target->start + level])
                    level = c;
            if ((int)level != first && (int)level != second)
                continue;
            rg_label_features(t, span, row, x);
            double z = 0, norm2 = 0;
            for (const struct feature_node *f = x; f->index > 0; f++) {
                z += w[f->index - 1] * f->value;
                norm2 += f->value * f->value;
            }
            double residual = 1 / (1 + exp(-z)) - ((int)level == second);
            double scale = residual * fmin(1, clip / (fabs(residual) * sqrt(norm2) + 1e-300));
            for (const struct feature_node *f = x; f->index > 0; f++)
                gradient[f->index - 1] += scale * f->value;
        }
        for (int i = 0; i < m->features; i++) {
            double noisy = (gradient[i] + sigma * clip * rg_rng_normal(rng)) / n;
            w[i] -= step_size * (noisy + ridge * w[i]);
            if (step >= STEPS / 2)
                m->weights[i] += w[i] / (STEPS - STEPS / 2);
        }
    }
    free(w), free(gradient), free(x);
    return RISKGAN_OK;
}
