/* cmd_inspect.h — `riskgan inspect`. */
#ifndef RISKGAN_CLI_CMD_INSPECT_H
#define RISKGAN_CLI_CMD_INSPECT_H

int command_inspect(int argc, char **argv);

#endif
