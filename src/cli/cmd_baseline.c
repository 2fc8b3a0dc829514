/* cmd_baseline.c — `riskgan baseline`: independent per-column resampling, to calibrate what
 * `riskgan evaluate` says about a real generator. */
#include <stdio.h>

#include "cmd_baseline.h"

#include "cli_args.h"


static const char help[] =
    "Usage: riskgan baseline DATA.csv -n ROWS -o BASELINE.csv [--seed S]\n"
    "\n"
    "Writes rows whose every cell is drawn at random from the same column of DATA.csv:\n"
    "perfect marginals, no dependence between columns. A synthesizer is only worth using\n"
    "if 'riskgan evaluate' scores it above this floor on pair trends, detection and TSTR.\n"
    "\n"
    "Options:\n"
    "  -n, --rows N        number of rows (required)\n"
    "  -o, --output FILE   CSV to write (required)\n"
    "  --seed S            random seed (default 0)\n"
    CLI_READ_HELP
    "  -h, --help          show this help\n";

int command_baseline(int argc, char **argv)
{
    const char *path = NULL, *output = NULL;
    long rows = -1;
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_LONG("--rows", "-n", &rows, 1, 2000000000L),
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_END,
    };
    int parsed = cli_parse_single("baseline", help, "CSV file", argc, argv, accepted_options, CLI_READ | CLI_SEED,
                                  &common, &path);
    if (parsed >= 0)
        return parsed;
    if (!path || rows < 0 || !output)
        return cli_usage_error("baseline", "need DATA.csv, -n ROWS and -o FILE");
    riskgan_table *table = NULL, *baseline = NULL;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    if (status == RISKGAN_OK)
        status = riskgan_table_sample_independent(table, (size_t)rows, common.seed, &baseline);
    if (status == RISKGAN_OK)
        status = riskgan_table_write_csv(baseline, output);
    riskgan_table_free(table);
    riskgan_table_free(baseline);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}
