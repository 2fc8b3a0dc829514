/* cli_args.h — the command line's shared pieces: exit codes, options read from a table,
 * numbers checked against their range, the reading options every command shares, errors. */
#ifndef RISKGAN_CLI_ARGS_H
#define RISKGAN_CLI_ARGS_H

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
/* The options most commands share; `accepted` says which a command takes. */
enum { CLI_READ = 1, CLI_SEED = 2, CLI_THREADS = 4 }; /* (64: CLI_UNEXPECTED, below) */
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
    "  (a file name '-' means standard input or output)\n" \
    "  Tables may live in a database (docs/databases.md): sqlite:FILE?table=T, or sqlite:FILE\n" \
    "  with --query SQL (one SELECT; the first input only); types come from the catalog.\n"

void cli_common_init(cli_common_options *options);
/* If argv[*i] is an accepted shared option, stores it, advances *i and returns 1;
 * returns 0 for any other argument. A bad value is reported and exits with EXIT_USAGE. */
int cli_common_option(int argc, char **argv, int *i, int accepted, cli_common_options *options);

/* One option of a command: "--name value" / "--name=value" (or the alias, e.g. "-o"),
 * stored in `target` as its kind says; numbers are checked against [minimum, maximum] and a
 * bad one is a usage error naming `name`. A flag takes no value and sets an int to 1. A
 * CLI_CALL option hands its value to `call` (with `target` as its context), which checks
 * and stores it and returns -1, or prints a usage error and returns its exit code. */
typedef enum { CLI_FLAG, CLI_TEXT, CLI_LONG, CLI_U64, CLI_DOUBLE, CLI_CALL } cli_option_kind;
typedef struct {
    const char *name, *alias;
    cli_option_kind kind;
    void *target;              /* int*, const char**, long*, unsigned long long*, double*, context */
    double minimum, maximum;   /* CLI_LONG, CLI_DOUBLE */
    int (*call)(void *context, const char *value);
} cli_option;
/* Table entries. */
#define CLI_OPTION_TEXT(name, alias, target) {name, alias, CLI_TEXT, target, 0, 0, NULL}
#define CLI_OPTION_FLAG(name, alias, target) {name, alias, CLI_FLAG, target, 0, 0, NULL}
#define CLI_OPTION_LONG(name, alias, target, minimum, maximum) \
    {name, alias, CLI_LONG, target, (double)(minimum), (double)(maximum), NULL}
#define CLI_OPTION_DOUBLE(name, alias, target, minimum, maximum) \
    {name, alias, CLI_DOUBLE, target, minimum, maximum, NULL}
#define CLI_OPTION_CALL(name, alias, function, context) {name, alias, CLI_CALL, context, 0, 0, function}
#define CLI_OPTION_END {NULL, NULL, CLI_FLAG, NULL, 0, 0, NULL}
/* With cli_parse's `accepted`: an unknown "-x" is reported as an "unexpected argument". */
enum { CLI_UNEXPECTED = 64 };
enum { CLI_MAX_ARGUMENTS = 64 };

/* Reads argv[1..argc) of `command`: --help / -h prints `help`; the table's options (ending
 * with a zero entry), then the shared options `accepted` into common (may be NULL); any
 * other "-x" is an unknown option; the rest are the positional arguments, in order (at most
 * CLI_MAX_ARGUMENTS). Returns -1 when the command should go on, else the exit code to
 * return (EXIT_OK after the help, EXIT_USAGE after an error it printed). */
int cli_parse(const char *command, const char *help, int argc, char **argv, const cli_option *table, int accepted,
              cli_common_options *common, const char **positional, int *count);

/* cli_parse for a command that takes one positional argument, `what` it is ("CSV file"): a
 * second one is a usage error; *argument is NULL when none was given. */
int cli_parse_single(const char *command, const char *help, const char *what, int argc, char **argv,
                     const cli_option *table, int accepted, cli_common_options *common, const char **argument);

/* A subcommand ("detect fit"): its name and the function that runs it on argv[1..]. */
typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
} cli_subcommand;

/* Runs the subcommand argv[1] names (of `count` in `table`); no subcommand prints `help` to
 * standard error (usage error), --help to standard output; an unknown one is a usage error
 * listing `choices` ("fit or score"). */
int cli_dispatch(const char *command, const char *help, const char *choices, const cli_subcommand *table, size_t count,
                 int argc, char **argv);

#endif
