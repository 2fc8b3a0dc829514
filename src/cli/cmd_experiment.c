/* cmd_experiment.c — `riskgan experiment`: does GAN augmentation beat SMOTE on this data? */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_experiment.h"

#include "cli_args.h"


static const char help[] =
    "Usage: riskgan experiment DATA.csv --target COLUMN [OPTIONS]\n"
    "       riskgan experiment --combine A.json [B.json ...] --html STUDY.html\n"
    "\n"
    "Repeated stratified k-fold. In every fold each method augments only the training part;\n"
    "each risk model trains on the result and is scored on the held-out part (ROC-AUC,\n"
    "PR-AUC, KS, Gini, recall at 1% and 5% FPR, F1, Brier). Prints mean +- sd per method\n"
    "and model, and the paired difference of each method against 'none' with its 95%\n"
    "interval and the p-value of the Nadeau-Bengio corrected resampled t-test (Wilcoxon\n"
    "signed-rank p-values in the JSON).\n"
    "\n"
    "Options:\n"
    "  --target NAME        the class column (required)\n"
    "  --positive VALUE     the class whose probability is modelled (default 1 or the rarest)\n"
    "  --methods LIST       of none, weight (class weights), random, smote, smotenc, adasyn,\n"
    "                       gan, gan-minority (GAN of the minority rows alone), gan-auto (gan\n"
    "                       with --ratio auto per model); default none,weight,random,smotenc,gan\n"
    "  --algo LIST          of xgboost,logreg,scorecard (default xgboost,logreg)\n"
    "  --folds K            folds (default 5)\n"
    "  --repeats N          repeats (default 3)\n"
    "  --ratio R            minority / majority after augmentation (default 1.0)\n"
    "  --gan-epochs N       epochs of the GAN fitted in each fold (default 100)\n"
    "  --minority-share S   rare events: thin the positive class in each training part to\n"
    "                       this share of its rows, e.g. 0.01 (held-out parts untouched)\n"
    "  --train-rows N       scarce data: subsample each training part (stratified) to N rows\n"
    "  --json FILE          every number, per fold\n"
    "  --html FILE          report with ROC and precision-recall curves\n"
    "  --seed S             random seed (default 0)\n"
    "  --threads T          threads\n"
    CLI_READ_HELP
    "  --combine            draw experiments run in a regime as one study page: PR-AUC\n"
    "                       difference vs none by minority share / training rows, one line\n"
    "                       per method; a file NAME-rare-S.json or NAME-scarce-N.json (as\n"
    "                       bench/augmentation_study.sh writes) is labelled NAME\n"
    "  -q, --quiet          no progress lines\n"
    "  -h, --help           show this help\n";

static void on_progress(const char *message, void *user)
{
    (void)user;
    fprintf(stderr, isatty(STDERR_FILENO) ? "\r\033[K%s" : "%s\n", message);
}

/* The data set's name of a study file: its base name without ".json" and the regime suffix. */
static char *study_label(const char *path)
{
    const char *base = strrchr(path, '/');
    char *label = strdup(base ? base + 1 : path);
    if (!label)
        return NULL;
    char *cut = strstr(label, ".json");
    if (cut)
        *cut = '\0';
    const char *suffixes[] = {"-rare-", "-scarce-"};
    for (int i = 0; i < 2; i++)
        if ((cut = strstr(label, suffixes[i])) != NULL)
            *cut = '\0';
    return label;
}

static int combine(int argc, char **argv)
{
    const char *html = NULL, *value;
    const char **paths = calloc((size_t)argc, sizeof *paths);
    char **labels = calloc((size_t)argc, sizeof *labels);
    size_t count = 0;
    int code = EXIT_OK;
    for (int i = 1; i < argc && code == EXIT_OK; i++) {
        if (strcmp(argv[i], "--combine") == 0)
            continue;
        if (cli_option_value(argc, argv, &i, "--html", &value))
            html = value;
        else if (argv[i][0] == '-')
            code = cli_usage_error("experiment", "--combine takes experiment JSON files and --html, not '%s'", argv[i]);
        else if (!(labels[count] = study_label(argv[i])))
            code = cli_library_error(RISKGAN_ERR_NO_MEMORY);
        else
            paths[count++] = argv[i];
    }
    if (code == EXIT_OK && (!html || count == 0))
        code = cli_usage_error("experiment", "--combine needs experiment JSON files and --html STUDY.html");
    if (code == EXIT_OK) {
        riskgan_status status = riskgan_study_write_html(paths, (const char *const *)labels, count, html);
        code = status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
        if (status == RISKGAN_OK)
            fprintf(stderr, "riskgan: study of %zu experiments -> %s\n", count, html);
    }
    for (size_t i = 0; i < count; i++)
        free(labels[i]);
    free(paths), free(labels);
    return code;
}

int command_experiment(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--combine") == 0)
            return combine(argc, argv);
    const char *path = NULL, *json = NULL, *html = NULL;
    cli_common_options common;
    cli_common_init(&common);
    riskgan_experiment_options options;
    riskgan_experiment_options_init(&options);
    long folds = 5, repeats = 3, epochs = 100, train_rows = 0;
    int quiet = 0;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--target", NULL, &options.target),
        CLI_OPTION_TEXT("--positive", NULL, &options.positive),
        CLI_OPTION_TEXT("--methods", NULL, &options.methods),
        CLI_OPTION_TEXT("--algo", NULL, &options.algorithms),
        CLI_OPTION_LONG("--folds", NULL, &folds, 2, 50),
        CLI_OPTION_LONG("--repeats", NULL, &repeats, 1, 100),
        CLI_OPTION_DOUBLE("--ratio", NULL, &options.ratio, 1e-6, 100),
        CLI_OPTION_LONG("--gan-epochs", NULL, &epochs, 1, 100000),
        CLI_OPTION_DOUBLE("--minority-share", NULL, &options.minority_share, 1e-4, 0.4999),
        CLI_OPTION_LONG("--train-rows", NULL, &train_rows, 10, 1000000000L),
        CLI_OPTION_TEXT("--json", NULL, &json),
        CLI_OPTION_TEXT("--html", NULL, &html),
        CLI_OPTION_FLAG("--quiet", "-q", &quiet),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("experiment", help, argc, argv, accepted_options, CLI_READ | CLI_SEED | CLI_THREADS,
                                  &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    path = count ? positional[count - 1] : NULL;
    options.train_rows = train_rows > 0 ? (size_t)train_rows : options.train_rows;
    if (!path || !options.target)
        return cli_usage_error("experiment", "need DATA.csv and --target");
    options.folds = (int)folds;
    options.repeats = (int)repeats;
    options.gan_epochs = (int)epochs;
    options.seed = common.seed;
    options.threads = (int)common.threads;
    if (!quiet)
        options.progress = on_progress;
    riskgan_table *table = NULL;
    riskgan_experiment *experiment = NULL;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    if (status == RISKGAN_OK)
        status = riskgan_experiment_run(table, &options, &experiment);
    if (!quiet && isatty(STDERR_FILENO))
        fputc('\n', stderr);
    if (status == RISKGAN_OK && json)
        status = riskgan_experiment_write_json(experiment, json);
    if (status == RISKGAN_OK && html)
        status = riskgan_experiment_write_html(experiment, html);
    if (status == RISKGAN_OK) {
        char *summary = riskgan_experiment_summary(experiment);
        fputs(summary ? summary : "", stdout);
        riskgan_free(summary);
    }
    riskgan_experiment_free(experiment);
    riskgan_table_free(table);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}
