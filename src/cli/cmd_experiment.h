/* cmd_experiment.h — `riskgan experiment`. */
#ifndef RISKGAN_CLI_CMD_EXPERIMENT_H
#define RISKGAN_CLI_CMD_EXPERIMENT_H

int command_experiment(int argc, char **argv);

#endif
