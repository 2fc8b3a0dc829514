/* entity_checks.h — the parts of the evaluation of linked tables that look at whole entities:
 * how well a classifier tells generated parents' profiles from real ones, how close generated
 * profiles come to real ones and whether real keys or rare values reappear, and how a model of
 * a parent-level target trained on generated profiles scores real ones (TSTR). */
#ifndef RISKGAN_RELATIONAL_ENTITY_CHECKS_H
#define RISKGAN_RELATIONAL_ENTITY_CHECKS_H

#include <cjson/cJSON.h>

#include "dataset.h"

/* The XGBoost detection AUC of real against generated rows (features encoded as the real
 * table's; NaN when too few rows). */
riskgan_status rg_entity_detection(const riskgan_table *real, const riskgan_table *generated,
                                   const riskgan_relational_evaluate_options *options, double *auc);
/* Per root table: profile detection AUC and distances to the closest real profile, into
 * section[table name]. */
riskgan_status rg_entity_profiles(const riskgan_dataset *real, const riskgan_dataset *generated,
                                  const riskgan_relational_evaluate_options *options, cJSON *section);
/* Real keys and identifiers reused and rare real values generated, over every table. */
void rg_entity_leaks(const riskgan_dataset *real, const riskgan_dataset *generated, size_t rare_count,
                     cJSON *section);
/* TSTR and TRTR (5-fold) ROC-AUC of options->target from the parents' profiles. */
riskgan_status rg_entity_utility(const riskgan_dataset *real, const riskgan_dataset *generated,
                                 const riskgan_relational_evaluate_options *options, cJSON *section);

#endif
