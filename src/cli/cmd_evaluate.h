/* cmd_evaluate.h — `riskgan evaluate`. */
#ifndef RISKGAN_CLI_CMD_EVALUATE_H
#define RISKGAN_CLI_CMD_EVALUATE_H

int command_evaluate(int argc, char **argv);

#endif
