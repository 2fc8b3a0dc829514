/* main.c — the riskgan command: dispatches to one subcommand per file. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
    "riskgan " RISKGAN_VERSION " - generative adversarial networks for financial risk control\n"
    "\n"
    "Usage: riskgan COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  inspect     summarize a CSV file: inferred column types, missing values, ranges\n"
    "  fit         learn a table with a conditional tabular GAN (or TVAE); writes a model file\n"
    "  sample      generate synthetic rows from a model file\n"
    "  evaluate    judge synthetic data against real data: fidelity, detectability,\n"
    "              utility and privacy, as JSON and an HTML report\n"
    "  split       stratified train/test split of a CSV file\n"
    "  baseline    independent per-column resampling: the floor a synthesizer must beat\n"
    "  augment     add minority-class rows (gan, smote, smotenc, random)\n"
    "  risk        fit a risk model (xgboost, logreg + scorecard) / score new rows\n"
    "  experiment  does augmentation help? repeated k-fold, paired tests, HTML report\n"
    "  detect      fraud and anomaly detection: GAN or Isolation Forest; fit / score / eval\n"
    "  market      market scenarios: GAN / GARCH / bootstrap return paths, stylized facts,\n"
    "              VaR/ES backtests, portfolio risk\n"
    "\n"
    "Run 'riskgan COMMAND --help' for the options of a command.\n"
    "Exit codes: 0 success, 1 runtime error, 2 usage error.\n";

/* Ctrl-C or a kill while an output is being written: remove its temporary, then die of
 * the signal as if unhandled (the shell sees the usual status). */
void cli_cleanup_and_die(int signal_number)
{
    riskgan_remove_temporary_files();
    signal(signal_number, SIG_DFL);
    raise(signal_number);
    _exit(128 + signal_number);
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    if (cli_is_help(command) || strcmp(command, "help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(command, "--version") == 0) {
        puts("riskgan " RISKGAN_VERSION);
        return EXIT_OK;
    }
    if (strcmp(command, "inspect") == 0)
        return command_inspect(argc - 1, argv + 1);
    if (strcmp(command, "fit") == 0)
        return command_fit(argc - 1, argv + 1);
    if (strcmp(command, "sample") == 0)
        return command_sample(argc - 1, argv + 1);
    if (strcmp(command, "evaluate") == 0)
        return command_evaluate(argc - 1, argv + 1);
    if (strcmp(command, "split") == 0)
        return command_split(argc - 1, argv + 1);
    if (strcmp(command, "baseline") == 0)
        return command_baseline(argc - 1, argv + 1);
    if (strcmp(command, "augment") == 0)
        return command_augment(argc - 1, argv + 1);
    if (strcmp(command, "risk") == 0)
        return command_risk(argc - 1, argv + 1);
    if (strcmp(command, "detect") == 0)
        return command_detect(argc - 1, argv + 1);
    if (strcmp(command, "market") == 0)
        return command_market(argc - 1, argv + 1);
    if (strcmp(command, "experiment") == 0)
        return command_experiment(argc - 1, argv + 1);
    fprintf(stderr, "riskgan: unknown command '%s'\n\n%s", command, usage);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++) {
        struct sigaction action, previous;
        memset(&action, 0, sizeof action);
        action.sa_handler = cli_cleanup_and_die;
        if (sigaction(signals[i], NULL, &previous) == 0 && previous.sa_handler != SIG_IGN) /* nohup stays nohup */
            sigaction(signals[i], &action, NULL);
    }
    /* started by mpirun (a build with -DRISKGAN_MPI=ON): fit trains data-parallel */
    if (riskgan_parallel_init(&argc, &argv) != 0) {
        fprintf(stderr, "riskgan: error: MPI could not be initialized\n");
        return EXIT_RUNTIME;
    }
    int code = run(argc, argv);
    riskgan_parallel_finalize();
    return code;
}
