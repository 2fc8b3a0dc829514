/* training.h — what the models' training loops share: settings, the non-finite
 * loss check and the timing clock. */
#ifndef RISKGAN_MODELS_TRAINING_H
#define RISKGAN_MODELS_TRAINING_H

#include "riskgan.h"

/* Returns RISKGAN_ERR_NUMERIC with a message naming the epoch when value is NaN/inf. */
riskgan_status rg_check_finite(double value, const char *what, int epoch);
/* Monotonic seconds. */
double rg_seconds(void);
/* Fills a progress report for a finished epoch (held_out_detection: NaN when no check ran). */
void rg_report_epoch(const riskgan_fit_options *options, int epoch, int epochs, double generator_loss,
                     double discriminator_loss, double start_seconds, size_t rows, double held_out_detection);

#endif
