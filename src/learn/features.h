/* features.h — the risk models' feature encoding, fitted on a training table and stored in
 * the risk model: numeric columns standardized (missing -> 0 plus a 0/1 indicator when the
 * training data had missing values), categorical columns one-hot (missing and unseen values
 * -> all zeros), date columns as numbers (seconds, standardized). Identifier columns are not
 * features. This is the one encoder of model features: the risk models and the
 * evaluation's classifiers (detection, utility) both use it. */
#ifndef RISKGAN_LEARN_FEATURES_H
#define RISKGAN_LEARN_FEATURES_H

#include "../core/binary_io.h"
#include "riskgan.h"

typedef struct {
    char *name;
    char *datetime;      /* date columns: the format's name ("dd/mm/yyyy"), else NULL */
    int categorical;
    double mean, deviation;
    int missing_indicator;
    size_t levels;
    char **level_names;
} rg_feature_column;

typedef struct {
    size_t columns, width;
    rg_feature_column *column;
} rg_feature_encoder;

riskgan_status rg_features_fit(rg_feature_encoder *encoder, const riskgan_table *table, long exclude_column);
/* rows x width floats; every encoder column must be in the table (by name). *unseen counts
 * categorical values the training data never had. */
riskgan_status rg_features_encode(const rg_feature_encoder *encoder, const riskgan_table *table, float *out,
                                  size_t *unseen);
/* Feature index -> "column" or "column=value" (for scorecards); caller frees. */
char *rg_features_name(const rg_feature_encoder *encoder, size_t feature);
void rg_features_free(rg_feature_encoder *encoder);
void rg_features_write(const rg_feature_encoder *encoder, rg_writer *writer);
riskgan_status rg_features_read(rg_feature_encoder *encoder, rg_reader *reader);

#endif
