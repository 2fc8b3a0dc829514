/* privacy_plan.c — the budget of a differentially private fit (docs/privacy.md):
 * - delta: requested, else 10^-(ceil(log10 n) + 1); a tenth of it pays for the release
 *   thresholds of categories, the rest for converting the RDP curve;
 * - the column statistics get statistics_share of the budget (30 %: the calibration, common
 *   values and category releases all rest on them), as the zCDP rho that alone
 *   would meet (epsilon, delta), and the label model (when fitted) label_share; their curve
 *   is alpha * rho;
 * - DP-SGD gets the noise multiplier that keeps the composed curve within (epsilon, delta). */
#include "privacy_plan.h"

#include <math.h>

#include "../core/error.h"
#include "../privacy/accountant.h"

static const double statistics_share = 0.3, label_share = 0.3, release_share = 0.1, clip_norm = 1.0;

void rg_privacy_plan_statistics(const riskgan_fit_options *o, size_t rows, rg_private_fit *privacy,
                                double *label_rho, riskgan_privacy_report *report)
{
    report->private_fit = 1;
    report->delta = o->delta > 0 ? o->delta : pow(10, -(ceil(log10((double)(rows > 1 ? rows : 2))) + 1));
    report->release_delta = release_share * report->delta;
    privacy->release_delta = report->release_delta;
    double rho = rg_zcdp_rho_for(o->epsilon, report->delta - report->release_delta);
    privacy->rho = statistics_share * rho;
    *label_rho = o->label_model && o->target ? label_share * rho : 0;
    privacy->metadata = o->metadata;
}

riskgan_status rg_privacy_plan_training(const riskgan_fit_options *o, const rg_private_fit *privacy, double label_rho,
                                        int batch, rg_dp_sgd *sgd, riskgan_privacy_report *report)
{
    double conversion_delta = report->delta - report->release_delta;
    rg_rdp_curve statistics, label;
    rg_rdp_curve_init(&statistics);
    rg_rdp_curve_add_zcdp(&statistics, privacy->rho + label_rho);
    rg_rdp_curve_init(&label);
    rg_rdp_curve_add_zcdp(&label, label_rho);
    report->label_model_epsilon = label_rho > 0 ? rg_rdp_epsilon(&label, conversion_delta, NULL) : 0;
    sgd->noisy_rows = privacy->noisy_rows;
    sgd->sample_rate = fmin(1, batch / privacy->noisy_rows);
    sgd->steps_per_epoch = lround(1 / sgd->sample_rate) > 1 ? lround(1 / sgd->sample_rate) : 1;
    sgd->clip_norm = clip_norm;
    double steps = (double)o->epochs * (double)sgd->steps_per_epoch * o->discriminator_steps;
    sgd->noise_multiplier = rg_rdp_noise_multiplier(sgd->sample_rate, steps, o->epsilon, conversion_delta, &statistics);
    if (sgd->noise_multiplier == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "epsilon %g cannot pay for %.0f private critic steps: lower "
                       "--epochs or --discriminator-steps, or raise epsilon", o->epsilon, steps);
    rg_rdp_curve total = statistics;
    rg_rdp_curve_add_sgd(&total, sgd->sample_rate, sgd->noise_multiplier, steps);
    report->epsilon = rg_rdp_epsilon(&total, conversion_delta, NULL);
    rg_rdp_curve counts;
    rg_rdp_curve_init(&counts);
    rg_rdp_curve_add_zcdp(&counts, privacy->rho);
    report->statistics_epsilon = rg_rdp_epsilon(&counts, conversion_delta, NULL);
    report->count_noise = privacy->sigma;
    report->unit_queries = privacy->unit_queries;
    report->noise_multiplier = sgd->noise_multiplier;
    report->sample_rate = sgd->sample_rate;
    report->clip_norm = sgd->clip_norm;
    report->critic_steps = (long)steps;
    return RISKGAN_OK;
}
