/* main.c — the riskgan command: finds the subcommand in the table below and runs it (one
 * file per subcommand; adding one is a file and a line here). */
#include <stdio.h>
#include <string.h>

#include "cli_args.h"
#include "cli_signals.h"
#include "cmd_augment.h"
#include "cmd_baseline.h"
#include "cmd_copy.h"
#include "cmd_detect.h"
#include "cmd_evaluate.h"
#include "cmd_experiment.h"
#include "cmd_fit.h"
#include "cmd_inspect.h"
#include "cmd_market.h"
#include "cmd_risk.h"
#include "cmd_sample.h"
#include "cmd_serve.h"
#include "cmd_split.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary; /* continuation lines indented to the summary column */
} command;

static const command commands[] = {
    {"inspect", command_inspect, "summarize a CSV file: inferred column types, missing values, ranges"},
    {"fit", command_fit, "learn a table with a conditional tabular GAN (or TVAE); writes a model file"},
    {"sample", command_sample, "generate synthetic rows from a model file"},
    {"evaluate", command_evaluate, "judge synthetic data against real data: fidelity, detectability,\n"
                                   "              utility and privacy, as JSON and an HTML report"},
    {"split", command_split, "stratified train/test split of a CSV file"},
    {"copy", command_copy, "a table from one location to another (CSV, SQLite, PostgreSQL)"},
    {"baseline", command_baseline, "independent per-column resampling: the floor a synthesizer must beat"},
    {"augment", command_augment, "add minority-class rows (gan, smote, smotenc, random)"},
    {"risk", command_risk, "fit a risk model (xgboost, logreg + scorecard) / score new rows"},
    {"experiment", command_experiment, "does augmentation help? repeated k-fold, paired tests, HTML report"},
    {"detect", command_detect, "fraud and anomaly detection: GAN or Isolation Forest; fit / score / eval"},
    {"serve", command_serve, "real-time scoring and sampling over HTTP (JSON): detectors, risk models,\n"
                             "              scorecards, synthesizers; metrics, reloads, graceful shutdown"},
    {"market", command_market, "market scenarios: GAN / GARCH / bootstrap return paths, stylized facts,\n"
                               "              VaR/ES backtests, portfolio risk"},
};
enum { COMMANDS = sizeof commands / sizeof *commands };

static void print_usage(FILE *stream)
{
    fputs("riskgan " RISKGAN_VERSION " - generative adversarial networks for financial risk control\n"
          "\n"
          "Usage: riskgan COMMAND [OPTIONS]\n"
          "\n"
          "Commands:\n", stream);
    for (size_t i = 0; i < COMMANDS; i++)
        fprintf(stream, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Run 'riskgan COMMAND --help' for the options of a command.\n"
          "Exit codes: 0 success, 1 runtime error, 2 usage error.\n", stream);
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (cli_is_help(name) || strcmp(name, "help") == 0) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        puts("riskgan " RISKGAN_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < COMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "riskgan: unknown command '%s'\n\n", name);
    print_usage(stderr);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    cli_handle_signals();
    /* started by mpirun (a build with -DRISKGAN_MPI=ON): fit trains data-parallel */
    if (riskgan_parallel_init(&argc, &argv) != RISKGAN_OK) {
        fprintf(stderr, "riskgan: error: MPI could not be initialized\n");
        return EXIT_RUNTIME;
    }
    int code = run(argc, argv);
    riskgan_parallel_finalize();
    return code;
}
