/* privacy_plan.h — how a differentially private fit spends its budget: delta's default and
 * split, the share of the column statistics, and the DP-SGD noise the rest allows. */
#ifndef RISKGAN_MODELS_PRIVACY_PLAN_H
#define RISKGAN_MODELS_PRIVACY_PLAN_H

#include "../transform/private_fit.h"
#include "ctgan_private.h"
#include "riskgan.h"

/* Fills the budget of the column statistics (privacy->rho, release_delta), the label
 * model's (*label_rho, 0 when none is fitted) and report->delta from the options and the
 * row count. */
void rg_privacy_plan_statistics(const riskgan_fit_options *options, size_t rows, rg_private_fit *privacy,
                                double *label_rho, riskgan_privacy_report *report);
/* After the statistics: the DP-SGD settings for `epochs` x discriminator_steps critic steps
 * of `batch` expected rows within the rest of the budget, and the final guarantee in
 * report. RISKGAN_ERR_INVALID_ARGUMENT when no noise level fits (too many steps for epsilon). */
riskgan_status rg_privacy_plan_training(const riskgan_fit_options *options, const rg_private_fit *privacy,
                                        double label_rho, int batch, rg_dp_sgd *sgd, riskgan_privacy_report *report);

#endif
