/* cmd_detect.h — `riskgan detect`. */
#ifndef RISKGAN_CLI_CMD_DETECT_H
#define RISKGAN_CLI_CMD_DETECT_H

int command_detect(int argc, char **argv);

#endif
