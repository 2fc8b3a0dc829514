/* leaks.h — real identifiers and rare values found in synthetic rows. */
#ifndef RISKGAN_EVAL_LEAKS_H
#define RISKGAN_EVAL_LEAKS_H

#include <cjson/cJSON.h>

#include "riskgan.h"

/* Per text or identifier column of the training table: how many synthetic rows hold a
 * training value seen in fewer than rare_count training rows (every value of an identifier
 * column counts: it names a customer). Adds privacy.rare_value_leaks; *total receives the
 * number of synthetic rows holding at least one such value. */
riskgan_status rg_eval_leaks(const riskgan_table *train, const riskgan_table *synthetic, size_t rare_count,
                             cJSON *privacy, size_t *total);

#endif
