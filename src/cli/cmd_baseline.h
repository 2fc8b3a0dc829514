/* cmd_baseline.h — `riskgan baseline`. */
#ifndef RISKGAN_CLI_CMD_BASELINE_H
#define RISKGAN_CLI_CMD_BASELINE_H

int command_baseline(int argc, char **argv);

#endif
