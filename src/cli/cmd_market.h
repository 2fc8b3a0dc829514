/* cmd_market.h — `riskgan market`. */
#ifndef RISKGAN_CLI_CMD_MARKET_H
#define RISKGAN_CLI_CMD_MARKET_H

int command_market(int argc, char **argv);

#endif
