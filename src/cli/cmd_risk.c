/* cmd_risk.c — `riskgan risk fit` and `riskgan risk score`: the risk model itself. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "Usage: riskgan risk fit DATA.csv --target COLUMN -o RISK.model [--algo xgboost|logreg]\n"
    "                        [--positive VALUE] [--scorecard CARD.csv] [--seed S] [--threads T]\n"
    "                        [--discrete a,b] [--continuous a,b] [--missing LIST]\n"
    "       riskgan risk score RISK.model NEW.csv -o SCORES.csv\n"
    "\n"
    "fit    trains a probability-of-default model: XGBoost (200 trees, depth 4, learning rate\n"
    "       0.1; default) or L2 logistic regression (liblinear) on standardized numbers and\n"
    "       one-hot categories. --scorecard (logreg) writes the points of every feature.\n"
    "score  writes row, probability (of the positive class) and score for every row:\n"
    "       score = 600 + 20 / ln 2 * ln(odds of the negative class): 20 points double the odds.\n";

static int risk_fit(int argc, char **argv)
{
    const char *path = NULL, *target = NULL, *output = NULL, *algo = "xgboost", *positive = NULL, *card = NULL, *value;
    cli_common_options common;
    cli_common_init(&common);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--target", &value)) {
            target = value;
        } else if (cli_option_value(argc, argv, &i, "--output", &value) || cli_option_value(argc, argv, &i, "-o", &value)) {
            output = value;
        } else if (cli_option_value(argc, argv, &i, "--algo", &value)) {
            algo = value;
        } else if (cli_option_value(argc, argv, &i, "--positive", &value)) {
            positive = value;
        } else if (cli_option_value(argc, argv, &i, "--scorecard", &value)) {
            card = value;
        } else if (cli_common_option(argc, argv, &i, CLI_READ | CLI_SEED | CLI_THREADS, &common)) {
            /* stored in common */
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("risk fit", "unknown option '%s'", a);
        } else {
            path = a;
        }
    }
    if (!path || !target || !output)
        return cli_usage_error("risk fit", "need DATA.csv, --target and -o");
    riskgan_risk_algorithm algorithm;
    if (strcmp(algo, "xgboost") == 0)
        algorithm = RISKGAN_RISK_XGBOOST;
    else if (strcmp(algo, "logreg") == 0)
        algorithm = RISKGAN_RISK_LOGREG;
    else
        return cli_usage_error("risk fit", "--algo must be xgboost or logreg, got '%s'", algo);
    if (card && algorithm != RISKGAN_RISK_LOGREG)
        return cli_usage_error("risk fit", "--scorecard needs --algo logreg");
    riskgan_table *table = NULL;
    riskgan_risk_model *model = NULL;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    if (status == RISKGAN_OK)
        status = riskgan_risk_fit(table, target, positive, algorithm, common.seed, (int)common.threads, &model);
    if (status == RISKGAN_OK)
        status = riskgan_risk_model_save(model, output);
    if (status == RISKGAN_OK && card)
        status = riskgan_risk_write_scorecard(model, card);
    riskgan_risk_model_free(model);
    riskgan_table_free(table);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static int risk_score(int argc, char **argv)
{
    const char *model_path = NULL, *path = NULL, *output = NULL, *value;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--output", &value) || cli_option_value(argc, argv, &i, "-o", &value)) {
            output = value;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("risk score", "unknown option '%s'", a);
        } else if (!model_path) {
            model_path = a;
        } else {
            path = a;
        }
    }
    if (!model_path || !path || !output)
        return cli_usage_error("risk score", "need RISK.model, NEW.csv and -o");
    riskgan_risk_model *model = NULL;
    riskgan_table *table = NULL;
    riskgan_status status = riskgan_risk_model_load(model_path, &model);
    if (status == RISKGAN_OK)
        status = riskgan_risk_read_csv(model, path, NULL, &table);
    if (status == RISKGAN_OK)
        status = riskgan_risk_write_scores(model, table, output);
    riskgan_table_free(table);
    riskgan_risk_model_free(model);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

int command_risk(int argc, char **argv)
{
    if (argc < 2 || cli_is_help(argv[1])) {
        fputs(help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "fit") == 0)
        return risk_fit(argc - 1, argv + 1);
    if (strcmp(argv[1], "score") == 0)
        return risk_score(argc - 1, argv + 1);
    return cli_usage_error("risk", "unknown subcommand '%s' (fit or score)", argv[1]);
}
