/* cmd_serve.h — `riskgan serve`. */
#ifndef RISKGAN_CLI_CMD_SERVE_H
#define RISKGAN_CLI_CMD_SERVE_H

int command_serve(int argc, char **argv);

#endif
