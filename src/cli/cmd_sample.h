/* cmd_sample.h — `riskgan sample`. */
#ifndef RISKGAN_CLI_CMD_SAMPLE_H
#define RISKGAN_CLI_CMD_SAMPLE_H

int command_sample(int argc, char **argv);

#endif
