/* cli_signals.c — what the riskgan command does on Ctrl-C or a kill. */
#include "cli_signals.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "riskgan.h"

static volatile int stop_requested, reload_requested;

/* An output being written: remove its temporary, then die of the signal as if unhandled
 * (the shell sees the usual status). */
static void cleanup_and_die(int signal_number)
{
    riskgan_remove_temporary_files();
    signal(signal_number, SIG_DFL);
    raise(signal_number);
    _exit(128 + signal_number);
}

static void on_interrupt(int signal_number)
{
    if (stop_requested)
        cleanup_and_die(signal_number);
    stop_requested = 1;
}

void cli_handle_signals(void)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++) {
        struct sigaction action, previous;
        memset(&action, 0, sizeof action);
        action.sa_handler = cleanup_and_die;
        if (sigaction(signals[i], NULL, &previous) == 0 && previous.sa_handler != SIG_IGN) /* nohup stays nohup */
            sigaction(signals[i], &action, NULL);
    }
}

volatile int *cli_stop_on_interrupt(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    return &stop_requested;
}

static void on_hangup(int signal_number)
{
    (void)signal_number;
    reload_requested = 1;
}

volatile int *cli_reload_on_hangup(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_hangup;
    sigaction(SIGHUP, &action, NULL);
    return &reload_requested;
}
