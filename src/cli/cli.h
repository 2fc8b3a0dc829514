/* cli.h — shared pieces of the riskgan command line: option matching, exit codes, errors. */
#ifndef RISKGAN_CLI_H
#define RISKGAN_CLI_H

#include <stdio.h>

#include "riskgan.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

/* If argv[*i] is `name` ("--name value" or "--name=value"), stores the value,
 * advances *i and returns 1; returns 0 for another argument. A missing value is a
 * usage error: it is reported and the program exits with EXIT_USAGE. */
int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value);
/* Parses a whole number in [minimum, maximum]; prints a usage error and returns 0 if not. */
int cli_parse_long(const char *option, const char *text, long minimum, long maximum, long *out);
int cli_parse_u64(const char *option, const char *text, unsigned long long *out);
int cli_parse_double(const char *option, const char *text, double minimum, double maximum,
                     double *out);
/* Prints "riskgan CMD: <message>" and returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints "riskgan: error: <riskgan_last_error()>" (rank 0 only, under mpirun) and returns
 * EXIT_RUNTIME (EXIT_USAGE for invalid arguments). */
int cli_library_error(riskgan_status status);
int cli_is_help(const char *argument);
/* The whole text file (NUL-terminated; caller frees), or NULL after printing why not. */
char *cli_read_text_file(const char *path);
/* Signal handler: removes the temporaries of unfinished outputs and dies of the signal. */
void cli_cleanup_and_die(int signal_number);

/* The options most commands share; `accepted` says which a command takes. */
enum { CLI_READ = 1, CLI_SEED = 2, CLI_THREADS = 4 };
typedef struct {
    riskgan_read_options read; /* --discrete, --continuous, --missing */
    unsigned long long seed;   /* --seed (default 0) */
    long threads;              /* --threads (default 0: leave as is) */
} cli_common_options;
#define CLI_READ_HELP \
    "  --discrete a,b         numeric columns to treat as categorical\n" \
    "  --continuous a,b       columns to treat as continuous numbers\n" \
    "  --missing LIST         tokens read as missing (default NA,NaN,null,?; empty always is)\n" \
    "  --id a,b               identifier columns (also detected: unique per row); never\n" \
    "                         modelled, never copied into generated rows\n" \
    "  --datetime a,b:FMT     date columns (also detected), optionally with the format:\n" \
    "                         yyyy-mm-dd, dd/mm/yyyy, mm/dd/yyyy, d/m/yyyy, dd.mm.yyyy, each\n" \
    "                         optionally + ' hh:mm', ' hh:mm:ss', 'Thh:mm:ss', 'Thh:mm:ssZ'\n" \
    "  --no-detect-roles      only the --id and --datetime columns are identifiers / dates\n" \
    "  --delimiter C          field separator: ',', ';', 'tab' or '|' (default: detected)\n" \
    "  --decimal C            decimal mark '.' or ',' (default: ',' with ';' files that use it)\n" \
    "  (a file name '-' means standard input or output)\n"

void cli_common_init(cli_common_options *options);
/* If argv[*i] is an accepted shared option, stores it, advances *i and returns 1;
 * returns 0 for any other argument. A bad value is reported and exits with EXIT_USAGE. */
int cli_common_option(int argc, char **argv, int *i, int accepted, cli_common_options *options);

/* Training progress (riskgan_progress_fn): user is a cli_progress_state. */
typedef struct {
    int terminal, quiet, log_every;
    FILE *log; /* in memory: written atomically once training ends (may be NULL) */
} cli_progress_state;
void cli_on_progress(const riskgan_progress *p, void *user);

int command_inspect(int argc, char **argv);
int command_fit(int argc, char **argv);
int command_sample(int argc, char **argv);
int command_evaluate(int argc, char **argv);
int command_split(int argc, char **argv);
int command_baseline(int argc, char **argv);
int command_augment(int argc, char **argv);
int command_risk(int argc, char **argv);
int command_experiment(int argc, char **argv);
int command_detect(int argc, char **argv);
int command_market(int argc, char **argv);

#endif
