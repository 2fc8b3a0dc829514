/* cmd_baseline.c — `riskgan baseline`: independent per-column resampling, to calibrate what
 * `riskgan evaluate` says about a real generator. */
#include <stdio.h>

#include "cli.h"

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
    const char *path = NULL, *output = NULL, *value;
    long rows = -1;
    cli_common_options common;
    cli_common_init(&common);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--rows", &value) || cli_option_value(argc, argv, &i, "-n", &value)) {
            if (!cli_parse_long("--rows", value, 1, 2000000000L, &rows))
                return EXIT_USAGE;
        } else if (cli_option_value(argc, argv, &i, "--output", &value) || cli_option_value(argc, argv, &i, "-o", &value)) {
            output = value;
        } else if (cli_common_option(argc, argv, &i, CLI_READ | CLI_SEED, &common)) {
            /* stored in common */
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("baseline", "unknown option '%s'", a);
        } else if (path) {
            return cli_usage_error("baseline", "one CSV file expected, got '%s' and '%s'", path, a);
        } else {
            path = a;
        }
    }
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
