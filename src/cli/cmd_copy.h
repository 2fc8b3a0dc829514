/* cmd_copy.h — `riskgan copy`: a table from one location to another. */
#ifndef RISKGAN_CLI_CMD_COPY_H
#define RISKGAN_CLI_CMD_COPY_H

int command_copy(int argc, char **argv);

#endif
