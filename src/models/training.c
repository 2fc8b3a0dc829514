/* training.c — helpers shared by the CTGAN and TVAE training loops. */
#include "training.h"

#include <math.h>
#include <time.h>

#include "../core/error.h"

riskgan_status rg_check_finite(double value, const char *what, int epoch)
{
    if (isfinite(value))
        return RISKGAN_OK;
    return rg_fail(RISKGAN_ERR_NUMERIC,
                   "training diverged: the %s became %s in epoch %d (try a lower learning rate, "
                   "another seed, or check the data for extreme values)",
                   what, isnan(value) ? "NaN" : "infinite", epoch);
}

double rg_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

void rg_report_epoch(const riskgan_fit_options *options, int epoch, int epochs, double generator_loss,
                     double discriminator_loss, double start_seconds, size_t rows, double held_out_detection)
{
    if (!options->progress)
        return;
    double elapsed = rg_seconds() - start_seconds;
    riskgan_progress progress = {
        .epoch = epoch,
        .epochs = epochs,
        .generator_loss = generator_loss,
        .discriminator_loss = discriminator_loss,
        .rows_per_second = elapsed > 0 ? (double)rows * epoch / elapsed : 0,
        .elapsed_seconds = elapsed,
        .eta_seconds = epoch > 0 ? elapsed / epoch * (epochs - epoch) : 0,
        .held_out_detection = held_out_detection,
    };
    options->progress(&progress, options->progress_user);
}
