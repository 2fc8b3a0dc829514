/* validation_charts.h — the parts of a validation both the scorecard page and the validation
 * page draw: the gains table by score band and the calibration plot. */
#ifndef RISKGAN_RISK_VALIDATION_CHARTS_H
#define RISKGAN_RISK_VALIDATION_CHARTS_H

#include <stdio.h>

#include "riskgan.h"

/* The ten bands, riskiest first: scores, rows, events, event rate, events caught, lift. */
void rg_gains_table(FILE *f, const riskgan_validation *v);
/* Observed event rate against the mean predicted probability of each band (an SVG figure). */
void rg_calibration_chart(FILE *f, const riskgan_validation *v);

#endif
