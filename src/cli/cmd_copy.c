/* cmd_copy.c — `riskgan copy`: reads a table from a CSV file or a database and writes it to
 * another location, typed as riskgan reads it (a CSV loaded into SQLite or PostgreSQL gets
 * INTEGER, NUMERIC(p,s), DATE... columns; docs/databases.md). */
#include <stdio.h>

#include "cmd_copy.h"

#include "cli_args.h"

static const char help[] =
    "Usage: riskgan copy SOURCE DESTINATION [--replace] [OPTIONS]\n"
    "\n"
    "Copies a table between locations: a CSV file ('-': standard input or output),\n"
    "sqlite:FILE?table=T, or postgresql://user@host/db?table=schema.T (docs/databases.md).\n"
    "Every value arrives exactly as it was read; a database table is created with the\n"
    "columns' types (INTEGER, NUMERIC(p,s), DOUBLE PRECISION/REAL, DATE, TIMESTAMP, TEXT) in\n"
    "one transaction. Examples:\n"
    "  riskgan copy loans.csv 'sqlite:bank.db?table=loans'\n"
    "  riskgan copy sqlite:bank.db --query 'SELECT * FROM loans WHERE year = 2019' recent.csv\n"
    "\n"
    "Options:\n"
    "  --replace           drop an existing destination table (in the same transaction);\n"
    "                      without it an existing table is an error\n"
    CLI_READ_HELP
    "  -h, --help          show this help\n";

int command_copy(int argc, char **argv)
{
    int replace = 0;
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_FLAG("--replace", NULL, &replace),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("copy", help, argc, argv, accepted_options, CLI_READ, &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count != 2)
        return cli_usage_error("copy", "need SOURCE and DESTINATION");
    riskgan_table *table = NULL;
    riskgan_status status = riskgan_table_read_csv(positional[0], &common.read, &table);
    if (status == RISKGAN_OK)
        status = riskgan_table_write(table, positional[1], replace);
    if (status == RISKGAN_OK)
        fprintf(stderr, "riskgan: %zu rows -> %s\n", riskgan_table_rows(table), positional[1]);
    riskgan_table_free(table);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}
