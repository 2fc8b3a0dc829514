/* detector.h — the riskgan_detector object behind the public detection API: the features,
 * one detector (an Isolation Forest or the GAN, optionally with the deviation network of
 * the few labels), and the training scores' quantiles that turn alert rates into thresholds. */
#ifndef RISKGAN_DETECT_DETECTOR_H
#define RISKGAN_DETECT_DETECTOR_H

#include "../nn/mlp.h"
#include "detect_features.h"
#include "gan_detector.h"
#include "isolation_forest.h"

enum { RG_DETECT_QUANTILES = 1001, RG_DETECT_CHUNK = 256 };

struct riskgan_detector {
    riskgan_detect_method method;
    int latent_score;
    rg_detect_features features;
    rg_iforest forest;          /* RISKGAN_DETECT_IFOREST */
    rg_gan_detector gan;        /* RISKGAN_DETECT_GAN */
    int few_labels;
    rg_mlp deviation;           /* few_labels: phi on rg_detect_deviation_inputs */
    size_t training_rows, labelled_anomalies;
    uint64_t seed;
    double quantile[RG_DETECT_QUANTILES]; /* training scores at 0, 0.001, ..., 1 */
};

/* Buffers to score up to `capacity` rows (one per thread). */
struct riskgan_detect_scratch {
    const riskgan_detector *detector;
    int capacity;
    rg_cell *cells;             /* columns */
    float *neural;              /* capacity x width */
    double *tree;               /* capacity x columns */
    double *contribution;       /* capacity x columns */
    double *errors;             /* capacity x columns */
    double *latent;             /* capacity */
    float *deviation_in;        /* capacity x (width + 1) */
    rg_gan_scratch gan;
    rg_mlp_trace deviation;
};

/* riskgan_detect_fit with the labelled anomalies given as flags (known[r] != 0; may be NULL)
 * instead of through a labels column. */
riskgan_status rg_detect_fit(const riskgan_table *table, const riskgan_detect_options *options,
                             const unsigned char *known, riskgan_detector **out);
/* flags[r] = 1 where column `name` holds `value` (numbers compared as numbers); *count of them. */
riskgan_status rg_detect_match_rows(const riskgan_table *table, const char *name, const char *value,
                                    unsigned char *flags, size_t *count);
riskgan_status rg_detect_scratch_init(struct riskgan_detect_scratch *scratch, const riskgan_detector *detector,
                                      int capacity);
void rg_detect_scratch_release(struct riskgan_detect_scratch *scratch);
/* The deviation network's inputs for a row: asinh of its neural view (bounded, for a network
 * trained on a few dozen labelled rows) and log(1 + the GAN's score of the row). */
void rg_detect_deviation_inputs(const float *neural, size_t width, double gan_score, float *out);
/* Scores rows encoded in scratch->neural / scratch->tree (n <= capacity) into scores, and each
 * row's per-column contributions into scratch->contribution. */
void rg_detect_score_encoded(const riskgan_detector *detector, struct riskgan_detect_scratch *scratch, int n,
                             double *scores);
/* The k largest contributions of row r of scratch->contribution: column indexes and shares. */
void rg_detect_explain(const riskgan_detector *detector, const struct riskgan_detect_scratch *scratch, int r, size_t k,
                       size_t *columns, double *shares);

#endif
