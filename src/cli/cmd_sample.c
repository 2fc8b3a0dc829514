/* cmd_sample.c — `riskgan sample`: generate synthetic rows from a model file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_sample.h"

#include "cli_args.h"


static const char help[] =
    "Usage: riskgan sample MODEL.rgan -n ROWS -o SYNTHETIC.csv [OPTIONS]\n"
    "       riskgan sample LINKED.rgan -o DIRECTORY [--scale X]   (a model of linked tables)\n"
    "\n"
    "Generates rows with the training file's header, column order, CSV dialect and number\n"
    "formats (decimals, dates, observed ranges); missing values appear at the learned rate.\n"
    "Identifier columns get fresh values; categories seen in fewer training rows than\n"
    "--min-category-count are never generated. '-o -' writes standard output.\n"
    "\n"
    "Options:\n"
    "  -n, --rows N        number of rows to generate (required)\n"
    "  -o, --output FILE   CSV file to write (required; written atomically)\n"
    "  --where COL=VALUE   every row holds VALUE in the discrete column COL (ctgan models):\n"
    "                      through the conditional vector; for the model's target, rows the\n"
    "                      label model gives that class among generated rows (so a row's\n"
    "                      features look like the class, docs/synthesizer.md)\n"
    "  --ids fresh|omit    identifier columns: fresh values that cannot equal a real one\n"
    "                      (default), or left out of the output\n"
    "  --scale X           linked tables: X times as many rows of each root table as the\n"
    "                      data had (default 1); the child tables follow. DIRECTORY gets\n"
    "                      one CSV per table and metadata.json (docs/relational.md)\n"
    "  --seed S            random seed (default 0); same seed + threads = same rows\n"
    "  --threads T         threads for OpenMP and OpenBLAS\n"
    "  -h, --help          show this help\n";

/* A model of linked tables: every table into the folder, with the metadata. */
static int sample_linked(const char *model_path, long rows, double scale, const char *output,
                         const cli_common_options *common)
{
    if (rows >= 0)
        return cli_usage_error("sample", "a model of linked tables takes --scale, not -n (its root tables' rows "
                               "times the scale are generated)");
    if (!output)
        return cli_usage_error("sample", "missing -o DIRECTORY");
    riskgan_set_threads((int)common->threads);
    riskgan_relational_model *model;
    riskgan_status status = riskgan_relational_model_load(model_path, &model);
    if (status != RISKGAN_OK)
        return cli_library_error(status);
    riskgan_dataset *sample = NULL;
    status = riskgan_relational_sample(model, scale, common->seed, &sample);
    riskgan_relational_model_free(model);
    if (status == RISKGAN_OK)
        status = riskgan_dataset_write(sample, output);
    if (status == RISKGAN_OK)
        for (size_t i = 0; i < riskgan_dataset_table_count(sample); i++)
            fprintf(stderr, "riskgan: %s: %zu rows\n", riskgan_dataset_table_name(sample, i),
                    riskgan_table_rows(riskgan_dataset_table(sample, i)));
    riskgan_dataset_free(sample);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

int command_sample(int argc, char **argv)
{
    const char *model_path = NULL, *output = NULL, *where_text = NULL, *ids = "fresh";
    long rows = -1;
    double scale = 1;
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_LONG("--rows", "-n", &rows, 1, 2000000000L),
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_TEXT("--where", NULL, &where_text),
        CLI_OPTION_TEXT("--ids", NULL, &ids),
        CLI_OPTION_DOUBLE("--scale", NULL, &scale, 1e-6, 1e6),
        CLI_OPTION_END,
    };
    int parsed = cli_parse_single("sample", help, "model file", argc, argv, accepted_options, CLI_SEED | CLI_THREADS,
                                  &common, &model_path);
    if (parsed >= 0)
        return parsed;
    if (strcmp(ids, "fresh") != 0 && strcmp(ids, "omit") != 0)
        return cli_usage_error("sample", "--ids must be 'fresh' or 'omit', got '%s'", ids);
    if (!model_path)
        return cli_usage_error("sample", "missing the model file");
    if (riskgan_relational_model_file(model_path) && (where_text || strcmp(ids, "fresh") != 0))
        return cli_usage_error("sample", "--where and --ids are for single-table models; a model of linked tables "
                               "always writes fresh keys");
    if (riskgan_relational_model_file(model_path))
        return sample_linked(model_path, rows, scale, output, &common);
    if (rows < 0)
        return cli_usage_error("sample", "missing -n ROWS");
    if (!output)
        return cli_usage_error("sample", "missing -o SYNTHETIC.csv");
    riskgan_condition condition, *where = NULL;
    char *where_copy = NULL;
    if (where_text) {
        const char *equals = strchr(where_text, '=');
        if (!equals || equals == where_text)
            return cli_usage_error("sample", "--where expects COLUMN=VALUE, got '%s'", where_text);
        where_copy = strdup(where_text);
        if (!where_copy) {
            fprintf(stderr, "riskgan: error: out of memory\n");
            return EXIT_RUNTIME;
        }
        where_copy[equals - where_text] = '\0';
        condition.column = where_copy;
        condition.value = where_copy + (equals - where_text) + 1;
        where = &condition;
    }
    riskgan_set_threads((int)common.threads);
    riskgan_model *model;
    riskgan_status status = riskgan_model_load(model_path, &model);
    if (status != RISKGAN_OK) {
        free(where_copy);
        return cli_library_error(status);
    }
    /* written as drawn: memory does not grow with --rows */
    status = riskgan_sample_to_csv(model, (size_t)rows, common.seed, where, strcmp(ids, "omit") == 0, output);
    riskgan_model_free(model);
    free(where_copy);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}
