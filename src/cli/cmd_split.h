/* cmd_split.h — `riskgan split`. */
#ifndef RISKGAN_CLI_CMD_SPLIT_H
#define RISKGAN_CLI_CMD_SPLIT_H

int command_split(int argc, char **argv);

#endif
