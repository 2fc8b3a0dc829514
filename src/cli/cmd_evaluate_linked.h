/* cmd_evaluate_linked.h — `riskgan evaluate --metadata REAL.json --synth DIR`. */
#ifndef RISKGAN_CLI_CMD_EVALUATE_LINKED_H
#define RISKGAN_CLI_CMD_EVALUATE_LINKED_H

#include "riskgan.h"

typedef struct {
    const char *metadata, *synthetic, *json, *html;
    riskgan_relational_evaluate_options options;
} linked_evaluation;

/* Reads both datasets, evaluates, writes the files asked for and prints a summary. */
int evaluate_linked(const linked_evaluation *arguments);

#endif
