/* cmd_split.c — `riskgan split`: stratified train/test split, so that generators are fitted
 * on one part and judged against rows they never saw. */
#include <stdio.h>

#include "cmd_split.h"

#include "cli_args.h"


static const char help[] =
    "Usage: riskgan split DATA.csv --train TRAIN.csv --test TEST.csv [OPTIONS]\n"
    "\n"
    "Splits the rows at random, stratified on the target's classes, keeping the file's\n"
    "columns and number formatting.\n"
    "\n"
    "Options:\n"
    "  --train FILE        where the training rows go (required)\n"
    "  --test FILE         where the test rows go (required)\n"
    "  --target NAME       stratify on this column (recommended)\n"
    "  --test-size X       share of rows for the test file (default 0.3)\n"
    "  --seed S            random seed (default 0)\n"
    CLI_READ_HELP
    "  -h, --help          show this help\n";

int command_split(int argc, char **argv)
{
    const char *path = NULL, *train_path = NULL, *test_path = NULL, *target = NULL;
    double test_size = 0.3;
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--train", NULL, &train_path),
        CLI_OPTION_TEXT("--test", NULL, &test_path),
        CLI_OPTION_TEXT("--target", NULL, &target),
        CLI_OPTION_DOUBLE("--test-size", NULL, &test_size, 1e-6, 1 - 1e-6),
        CLI_OPTION_END,
    };
    int parsed = cli_parse_single("split", help, "CSV file", argc, argv, accepted_options, CLI_READ | CLI_SEED,
                                  &common, &path);
    if (parsed >= 0)
        return parsed;
    if (!path || !train_path || !test_path)
        return cli_usage_error("split", "need DATA.csv, --train and --test");
    riskgan_table *table = NULL, *train = NULL, *test = NULL;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    if (status == RISKGAN_OK)
        status = riskgan_table_split(table, target, test_size, common.seed, &train, &test);
    if (status == RISKGAN_OK)
        status = riskgan_table_write_csv(train, train_path);
    if (status == RISKGAN_OK)
        status = riskgan_table_write_csv(test, test_path);
    if (status == RISKGAN_OK)
        fprintf(stderr, "riskgan: %zu training rows -> %s, %zu test rows -> %s\n", riskgan_table_rows(train), train_path,
                riskgan_table_rows(test), test_path);
    riskgan_table_free(table);
    riskgan_table_free(train);
    riskgan_table_free(test);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}
