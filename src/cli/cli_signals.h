/* cli_signals.h — Ctrl-C and kills: outputs being written leave no temporary behind, and a
 * fit stops after the current step at the first Ctrl-C. */
#ifndef RISKGAN_CLI_SIGNALS_H
#define RISKGAN_CLI_SIGNALS_H

/* Installs the clean-up handler for SIGINT, SIGTERM and SIGHUP (unless ignored: nohup). */
void cli_handle_signals(void);
/* From now on the first SIGINT or SIGTERM sets the returned flag (a training loop watches it);
 * the second cleans up and dies as the clean-up handler does. */
volatile int *cli_stop_on_interrupt(void);
/* From now on SIGHUP sets the returned flag (a service reloads its models and lowers it). */
volatile int *cli_reload_on_hangup(void);

#endif
