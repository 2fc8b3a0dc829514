/* cmd_augment.h — `riskgan augment`. */
#ifndef RISKGAN_CLI_CMD_AUGMENT_H
#define RISKGAN_CLI_CMD_AUGMENT_H

int command_augment(int argc, char **argv);

#endif
