/* label_model.h — the risk target's dependence on the other columns, modelled directly:
 * an L2-regularized logistic regression (liblinear) on the encoded row fitted to the real
 * training rows; generated rows get their target drawn from it. The generator then only
 * has to get the features right, and p(target | features) is as good as a well-understood
 * credit-scoring model makes it. */
#ifndef RISKGAN_MODELS_LABEL_MODEL_H
#define RISKGAN_MODELS_LABEL_MODEL_H

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../transform/transformer.h"
#include "riskgan.h"

typedef struct {
    int classes;          /* 0 = no label model */
    int features;         /* encoded width minus the target span, plus a bias term */
    size_t span;          /* the target's span in the transformer */
    int *levels;          /* target level of each liblinear class */
    double *weights;      /* liblinear's weight layout */
} rg_label_model;

riskgan_status rg_label_model_fit(rg_label_model *model, const rg_transformer *transformer, size_t target_column,
                                  const float *encoded, size_t rows);
/* Shared by both fits: the target column's span (span_count when it has none), and the
 * sparse liblinear features of an encoded row (every span but the target's, softmax spans
 * hardened to their most likely level, then the bias; index -1 ends them; returns the count). */
struct feature_node;
size_t rg_label_target_span(const rg_transformer *transformer, size_t column);
int rg_label_features(const rg_transformer *transformer, size_t target_span, const float *row,
                      struct feature_node *out);
/* Replaces the target span of each encoded row by a one-hot level drawn from the model. */
riskgan_status rg_label_model_resample(const rg_label_model *model, const rg_transformer *transformer, float *encoded,
                                       size_t rows, rg_rng *rng);
/* Binary targets: shifts the intercept so that the mean drawn probability over the
 * generated rows `encoded` equals the training share of the positive level (a prior-shift
 * correction: the generated features are close to, not exactly, the training ones). */
void rg_label_model_match_rate(rg_label_model *model, const rg_transformer *transformer, const float *encoded,
                               size_t rows);
void rg_label_model_free(rg_label_model *model);
void rg_label_model_write(const rg_label_model *model, rg_writer *writer);
riskgan_status rg_label_model_read(rg_label_model *model, const rg_transformer *transformer, rg_reader *reader);

#endif
