/* eval_data.h — the train, test and synthetic tables aligned column by column for the
 * evaluation: discrete columns as shared level codes, continuous ones as doubles, and the
 * feature matrices the classifiers and distance computations use. */
#ifndef RISKGAN_EVAL_EVAL_DATA_H
#define RISKGAN_EVAL_EVAL_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "riskgan.h"

enum { RG_TRAIN = 0, RG_TEST = 1, RG_SYNTHETIC = 2, RG_TABLES = 3 };
/* The defaults of riskgan_evaluate_options.neighbor_queries and .model_rows. */
enum { RG_NEIGHBOR_QUERIES = 5000, RG_MODEL_ROWS = 100000 };

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
    size_t placeholder[RG_TABLES]; /* of them, rows holding the generator's stand-in for rare
                                      categories (RG_RARE_PLACEHOLDER) */
} rg_eval_column;

typedef struct {
    const riskgan_table *table[RG_TABLES]; /* the tables themselves (model features) */
    size_t rows[RG_TABLES];
    size_t columns;
    rg_eval_column *column;
    long target;
    int32_t positive_level;
    char **warnings;
    size_t warning_count;
} rg_eval_data;

/* Aligns the tables; target (may be NULL: no target, fidelity and distances only) and its
 * positive class as riskgan_evaluate takes them. */
riskgan_status rg_eval_data_build(const riskgan_table *const tables[RG_TABLES], const char *target,
                                  const char *positive, rg_eval_data *out);
void rg_eval_data_free(rg_eval_data *data);
void rg_eval_warn(rg_eval_data *data, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* The distance space of the privacy measures: continuous columns min-max scaled by the
 * training range (missing -> 0 plus a 0/1 indicator), discrete columns one-hot, the target
 * included. (The classifiers' features come from the risk models' encoder, features.h.) */
size_t rg_eval_distance_width(const rg_eval_data *data);
void rg_eval_distance_features(const rg_eval_data *data, int table, float *out);
/* The classifiers' features of each table: the risk models' encoder fitted on the training
 * table (the target left out unless include_target); *width receives the row width and
 * out[t] the rows x width matrix of table t (caller frees). */
riskgan_status rg_eval_model_features(const rg_eval_data *data, int include_target, size_t *width,
                                      float *out[RG_TABLES]);
/* 1 where the row's target is the positive class. */
void rg_eval_labels(const rg_eval_data *data, int table, int *out);

#endif
