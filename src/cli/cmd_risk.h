/* cmd_risk.h — `riskgan risk`. */
#ifndef RISKGAN_CLI_CMD_RISK_H
#define RISKGAN_CLI_CMD_RISK_H

int command_risk(int argc, char **argv);

#endif
