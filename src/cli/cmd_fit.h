/* cmd_fit.h — `riskgan fit`. */
#ifndef RISKGAN_CLI_CMD_FIT_H
#define RISKGAN_CLI_CMD_FIT_H

int command_fit(int argc, char **argv);

#endif
