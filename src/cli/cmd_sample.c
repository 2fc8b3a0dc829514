/* cmd_sample.c — `riskgan sample`: generate synthetic rows from a model file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_sample.h"

#include "cli_args.h"


static const char help[] =
    "Usage: riskgan sample MODEL.rgan -n ROWS -o SYNTHETIC.csv [OPTIONS]\n"
    "       riskgan sample LINKED.rgan -o DIRECTORY [-n ROWS | --scale X] [--where T.COL=VALUE]\n"
    "                                                    (a model of linked tables)\n"
    "\n"
    "Generates rows with the training file's header, column order, CSV dialect and number\n"
    "formats (decimals, dates, observed ranges); missing values appear at the learned rate.\n"
    "Identifier columns get fresh values; categories seen in fewer training rows than\n"
    "--min-category-count are never generated. '-o -' writes standard output.\n"
    "\n"
    "Options:\n"
    "  -n, --rows N        number of rows to generate (required; linked tables: rows of\n"
    "                      each root table, their children follow)\n"
    "  -o, --output FILE   CSV file to write (required; written atomically), or a new\n"
    "                      database table: sqlite:FILE?table=T (one transaction; the\n"
    "                      columns typed from the model, docs/databases.md)\n"
    "  --replace           drop an existing database table of that name (in the same\n"
    "                      transaction); without it an existing table is an error\n"
    "  --where COL=VALUE   every row holds VALUE in the discrete column COL (ctgan models):\n"
    "                      through the conditional vector; for the model's target, rows the\n"
    "                      label model gives that class among generated rows (so a row's\n"
    "                      features look like the class, docs/synthesizer.md); linked\n"
    "                      tables: TABLE.COL=VALUE on a root table, e.g.\n"
    "                      --where 'account.frequency=POPLATEK MESICNE'\n"
    "  --ids fresh|omit    identifier columns: fresh values that cannot equal a real one\n"
    "                      (default), or left out of the output\n"
    "  --scale X           linked tables: X times as many rows of each root table as the\n"
    "                      data had (default 1); the child tables follow. DIRECTORY gets\n"
    "                      one CSV per table and metadata.json (docs/relational.md)\n"
    "  --seed S            random seed (default 0); same seed + threads = same rows\n"
    "  --threads T         threads for OpenMP and OpenBLAS\n"
    "  -h, --help          show this help\n";

/* --where TABLE.COLUMN=VALUE for linked tables: options->where_table and where point into copy. */
static int linked_condition(const char *where_text, char *copy, riskgan_relational_sample_options *options)
{
    char *equals = strchr(copy, '='), *dot = strchr(copy, '.');
    if (!equals || !dot || dot > equals || dot == copy || dot + 1 == equals)
        return cli_usage_error("sample", "--where for linked tables expects TABLE.COLUMN=VALUE, got '%s'",
                               where_text);
    *dot = '\0', *equals = '\0';
    options->where_table = copy;
    options->where.column = dot + 1;
    options->where.value = equals + 1;
    return -1;
}

/* A model of linked tables: every table into the folder, with the metadata. */
static int sample_linked(const char *model_path, long rows, double scale, const char *where_text, int replace,
                         const char *output, const cli_common_options *common)
{
    if (!output)
        return cli_usage_error("sample", "missing -o DIRECTORY");
    riskgan_relational_sample_options options;
    riskgan_relational_sample_options_init(&options);
    options.rows = rows > 0 ? (size_t)rows : 0, options.scale = scale, options.seed = common->seed;
    char *copy = where_text ? strdup(where_text) : NULL;
    int refused = copy ? linked_condition(where_text, copy, &options) : -1;
    if (refused >= 0) {
        free(copy);
        return refused;
    }
    riskgan_set_threads((int)common->threads);
    riskgan_relational_model *model = NULL;
    riskgan_status status = riskgan_relational_model_load(model_path, &model);
    riskgan_dataset *sample = NULL;
    if (status == RISKGAN_OK)
        status = riskgan_relational_sample_with(model, &options, &sample);
    riskgan_relational_model_free(model);
    free(copy);
    if (status == RISKGAN_OK)
        status = riskgan_dataset_write_to(sample, output, replace);
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
    int replace = 0;
    double scale = 1;
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_LONG("--rows", "-n", &rows, 1, 2000000000L),
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_TEXT("--where", NULL, &where_text),
        CLI_OPTION_TEXT("--ids", NULL, &ids),
        CLI_OPTION_FLAG("--replace", NULL, &replace),
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
    if (riskgan_relational_model_file(model_path) && strcmp(ids, "fresh") != 0)
        return cli_usage_error("sample", "--ids is for single-table models; a model of linked tables always writes "
                               "fresh keys");
    if (riskgan_relational_model_file(model_path))
        return sample_linked(model_path, rows, scale, where_text, replace, output, &common);
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
    status = riskgan_sample_to(model, (size_t)rows, common.seed, where, strcmp(ids, "omit") == 0, output, replace);
    riskgan_model_free(model);
    free(where_copy);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}
