/* eval_data.h — the train, test and synthetic tables aligned column by column for the
 * evaluation: discrete columns as shared level codes, continuous ones as doubles, and the
 * feature matrices the classifiers and distance computations use. */
#ifndef RISKGAN_EVAL_EVAL_DATA_H
#define RISKGAN_EVAL_EVAL_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "riskgan.h"

enum { RG_TRAIN = 0, RG_TEST = 1, RG_SYNTHETIC = 2, RG_TABLES = 3 };

typedef struct {
    char *name;
    int discrete;        /* categorical, numeric with <= 10 distinct training values, or target */
    int is_target;
    size_t levels;       /* discrete: training levels first, then unseen ones, then (missing) */
    char **level_names;
    int32_t *code[RG_TABLES];  /* discrete: level of each row */
    double *value[RG_TABLES];  /* continuous: value of each row (NaN = missing) */
    double minimum, maximum, mean, deviation; /* continuous: of the training rows */
    int any_missing;     /* continuous: some table has missing values (adds an indicator) */
    size_t unseen[RG_TABLES]; /* rows holding a level the training data never has */
} rg_eval_column;

typedef struct {
    size_t rows[RG_TABLES];
    size_t columns;
    rg_eval_column *column;
    long target;
    int32_t positive_level;
    char **warnings;
    size_t warning_count;
} rg_eval_data;

riskgan_status rg_eval_data_build(const riskgan_table *const tables[RG_TABLES], const char *target,
                                  const char *positive, rg_eval_data *out);
void rg_eval_data_free(rg_eval_data *data);
void rg_eval_warn(rg_eval_data *data, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Feature matrices. Model features: continuous standardized by the training mean and
 * deviation (missing -> 0 plus a 0/1 indicator), discrete one-hot. Distance features:
 * continuous min-max scaled by the training range, discrete one-hot. The target is left
 * out unless include_target. */
size_t rg_eval_feature_width(const rg_eval_data *data, int include_target);
void rg_eval_features(const rg_eval_data *data, int table, int include_target, int for_distance, float *out);
/* 1 where the row's target is the positive class. */
void rg_eval_labels(const rg_eval_data *data, int table, int *out);

#endif
