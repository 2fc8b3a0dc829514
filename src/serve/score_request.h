/* score_request.h — POST /v1/models/{name}/score: decoded rows scored by a detector (score,
 * alert flag at its threshold, the columns that contributed most) or a risk model
 * (probability of the event, points, a scorecard's reason codes), as a JSON answer. */
#ifndef RISKGAN_SERVE_SCORE_REQUEST_H
#define RISKGAN_SERVE_SCORE_REQUEST_H

#include <stddef.h>

#include "request_rows.h"
#include "served_model.h"

typedef struct {
    const char *model_name;
    size_t reasons;  /* per record */
} rg_score_settings;

/* Scores the rows; returns 0 with *answer (JSON text, caller frees) or the HTTP status of the
 * refusal with the reason in riskgan_last_error(). */
int rg_score_request(const rg_served_model *model, const rg_score_settings *settings, const rg_request_rows *rows,
                     char **answer);

#endif
