/* experiment_report.h — the experiment's results as a text table and an HTML page. */
#ifndef RISKGAN_RISK_EXPERIMENT_REPORT_H
#define RISKGAN_RISK_EXPERIMENT_REPORT_H

#include "experiment_results.h"
#include "riskgan.h"

/* Builds e->summary from e->root. */
riskgan_status rg_experiment_build_summary(riskgan_experiment *e);

#endif
