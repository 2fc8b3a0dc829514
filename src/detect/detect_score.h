/* detect_score.h — scoring rows with a detector: per-thread scratch, scores, and the columns
 * that explain each score. */
#ifndef RISKGAN_DETECT_DETECT_SCORE_H
#define RISKGAN_DETECT_DETECT_SCORE_H

#include "detector_state.h"
#include "riskgan.h"

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
