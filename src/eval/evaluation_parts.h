/* evaluation_parts.h — the four parts of an evaluation, each filling its own JSON section
 * from the aligned data. */
#ifndef RISKGAN_EVAL_EVALUATION_PARTS_H
#define RISKGAN_EVAL_EVALUATION_PARTS_H

#include <cjson/cJSON.h>

#include "../core/json.h"
#include "eval_data.h"
#include "riskgan.h"

/* The defaults of riskgan_evaluate_options.neighbor_queries and .model_rows. */
enum { RG_NEIGHBOR_QUERIES = 5000, RG_MODEL_ROWS = 100000 };

/* Per-column shapes (KS / TV complements, test p-values, histograms) and pair trends. */
riskgan_status rg_eval_fidelity(const rg_eval_data *data, cJSON *section, double *shapes, double *trends);
/* Cross-validated ROC-AUC of XGBoost telling training rows from synthetic rows. */
riskgan_status rg_eval_detection(const rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section,
                                 double *auc);
/* The detection AUC of two feature matrices (real rows vs synthetic rows, equal numbers
 * drawn from each, options->folds stratified folds); NaN when either has fewer rows than
 * folds. fold_auc receives options->folds values. */
riskgan_status rg_detection_auc(const float *real, size_t nr, const float *synthetic, size_t ns, size_t width,
                                const riskgan_evaluate_options *options, double *auc, double *fold_auc,
                                size_t *rows_per_class);
/* Per class of the target: detection AUC, column shapes and label faithfulness of the
 * synthetic rows of that class (and, with options->model, how often conditioning on the
 * class already generated it). */
riskgan_status rg_eval_per_class(const rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section);
/* TRTR / TSTR / augmented risk models (XGBoost and logistic regression) on the test rows. */
riskgan_status rg_eval_utility(rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section);
/* Distances to closest records, exact copies, nearest-neighbour ratio, membership inference. */
riskgan_status rg_eval_privacy(const rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section);

/* Per text or identifier column of the training table: how many synthetic rows hold a
 * training value seen in fewer than rare_count training rows (every value of an identifier
 * column counts: it names a customer). Adds privacy.rare_value_leaks; *total receives the
 * number of synthetic rows holding at least one such value. */
riskgan_status rg_eval_leaks(const riskgan_table *train, const riskgan_table *synthetic, size_t rare_count,
                             cJSON *privacy, size_t *total);

#endif
