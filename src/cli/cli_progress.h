/* cli_progress.h — the training progress line and the loss log. */
#ifndef RISKGAN_CLI_PROGRESS_H
#define RISKGAN_CLI_PROGRESS_H

#include <stdio.h>

#include "riskgan.h"

/* Training progress (riskgan_progress_fn): user is a cli_progress_state. */
typedef struct {
    int terminal, quiet, log_every;
    FILE *log; /* in memory: written atomically once training ends (may be NULL) */
} cli_progress_state;
void cli_on_progress(const riskgan_progress *p, void *user);

#endif
