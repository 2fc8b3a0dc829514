/* fit_watch.c — the held-out detection check behind early stopping: generated rows decoded
 * as sampling decodes them, both sets encoded as the evaluation encodes features, and the
 * evaluation's detection AUC over two folds. */
#include "fit_watch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../core/rng.h"
#include "../data/table.h"
#include "../learn/detection_auc.h"
#include "../transform/transformer_decode.h"
#include "../transform/transformer_encode.h"

enum { WATCH_TREES = 100 };

size_t rg_fit_watch_rows(size_t rows)
{
    if (rows < RG_WATCH_MIN_ROWS)
        return 0;
    return rows / 10 < 2000 ? rows / 10 : 2000;
}

riskgan_status rg_fit_watch_init(rg_fit_watch *w, const riskgan_table *held_out, const rg_transformer *transformer,
                                 long exclude_column, int epochs, uint64_t seed)
{
    memset(w, 0, sizeof *w);
    w->held_out = held_out, w->transformer = transformer, w->seed = seed;
    w->every = epochs / RG_WATCH_CHECKS > 1 ? epochs / RG_WATCH_CHECKS : 1;
    w->best = 2, w->last = NAN;
    riskgan_status status = rg_features_fit(&w->features, held_out, exclude_column);
    if (status == RISKGAN_OK && !(w->real = rg_calloc(held_out->rows * w->features.width + 1, sizeof *w->real)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_features_encode(&w->features, held_out, w->real, NULL);
    unsigned char *unseen = rg_calloc(held_out->rows + 1, 1);
    w->encoded = rg_calloc(held_out->rows * transformer->width + 1, sizeof *w->encoded);
    if (status == RISKGAN_OK && (!unseen || !w->encoded))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) /* a value the fit sample never showed only blurs the target */
        status = rg_transformer_encode(transformer, held_out, seed, 0, w->encoded, unseen);
    free(unseen);
    return status;
}

void rg_fit_watch_free(rg_fit_watch *w)
{
    rg_features_free(&w->features);
    free(w->real);
    free(w->encoded);
    memset(w, 0, sizeof *w);
}

int rg_fit_watch_due(const rg_fit_watch *w, int epoch, int epochs)
{
    return epoch == epochs || epoch % w->every == 0;
}

/* Rows as sampling makes them (without the label model): calibrated, generated, decoded. */
static riskgan_status calibrated_rows(rg_fit_watch *w, rg_encoded_generator generate, void *context, rg_rng *rng,
                                     riskgan_table **out)
{
    rg_calibration calibration = {0};
    float *generated = rg_calloc(w->held_out->rows * w->transformer->width + 1, sizeof *generated);
    riskgan_status status = generated ? rg_calibration_fit(&calibration, w->transformer, w->encoded, w->held_out,
                                                           generate, context, rng)
                                      : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = generate(context, w->held_out->rows, calibration.logit_bias, rng, generated);
    if (status == RISKGAN_OK)
        status = rg_transformer_decode(w->transformer, generated, w->held_out->rows, calibration.maps, rng, 0, out);
    rg_calibration_free(&calibration);
    free(generated);
    return status;
}

/* The detection AUC of the held-out rows' features against the generated rows' (n each). */
static riskgan_status held_out_auc(const rg_fit_watch *w, const float *generated, double *auc)
{
    riskgan_evaluate_options detection;
    memset(&detection, 0, sizeof detection);
    detection.folds = 2, detection.trees = WATCH_TREES, detection.seed = w->seed;
    double fold_auc[2];
    size_t per_class;
    size_t n = w->held_out->rows;
    return rg_detection_auc(w->real, n, generated, n, w->features.width, &detection, auc, fold_auc, &per_class);
}

riskgan_status rg_fit_watch_check(rg_fit_watch *w, rg_encoded_generator generate, void *context, int epoch,
                                  int *best, int *stop)
{
    *best = *stop = 0;
    rg_rng rng;
    rg_rng_seed(&rng, w->seed + (uint64_t)epoch);
    riskgan_table *synthetic = NULL;
    float *features = rg_calloc(w->held_out->rows * w->features.width + 1, sizeof *features);
    riskgan_status status = features ? calibrated_rows(w, generate, context, &rng, &synthetic) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_features_encode(&w->features, synthetic, features, NULL);
    double auc = NAN;
    if (status == RISKGAN_OK)
        status = held_out_auc(w, features, &auc);
    riskgan_table_free(synthetic);
    free(features);
    if (status != RISKGAN_OK)
        return status;
    w->last = auc;
    if (auc < w->best) {
        w->best = auc, w->best_epoch = epoch, w->checks_since_best = 0, *best = 1;
    } else {
        *stop = ++w->checks_since_best >= RG_WATCH_PATIENCE;
    }
    return RISKGAN_OK;
}
