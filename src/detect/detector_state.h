/* detector_state.h — the riskgan_detector object behind the public detection API: the
 * features, one detector (an Isolation Forest or the GAN, optionally with the deviation
 * network of the few labels), and the training scores' quantiles that turn alert rates into
 * thresholds. */
#ifndef RISKGAN_DETECT_DETECTOR_STATE_H
#define RISKGAN_DETECT_DETECTOR_STATE_H

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

#endif
