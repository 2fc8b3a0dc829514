/* cmd_risk.c — `riskgan risk fit` and `riskgan risk score`: the risk model itself. */
#include <stdio.h>
#include <string.h>

#include "cmd_risk.h"

#include "cli_args.h"


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
    const char *path = NULL, *target = NULL, *output = NULL, *algo = "xgboost", *positive = NULL, *card = NULL;
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--target", NULL, &target),
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_TEXT("--algo", NULL, &algo),
        CLI_OPTION_TEXT("--positive", NULL, &positive),
        CLI_OPTION_TEXT("--scorecard", NULL, &card),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("risk fit", help, argc, argv, accepted_options, CLI_READ | CLI_SEED | CLI_THREADS,
                                  &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    path = count ? positional[count - 1] : NULL;
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
    const char *model_path = NULL, *path = NULL, *output = NULL;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("risk score", help, argc, argv, accepted_options, 0, NULL, positional, &count);
    if (parsed >= 0)
        return parsed;
    model_path = count ? positional[0] : NULL;
    path = count > 1 ? positional[count - 1] : NULL;
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
    static const cli_subcommand subcommands[] = {
        {"fit", risk_fit},
        {"score", risk_score},
    };
    return cli_dispatch("risk", help, "fit or score", subcommands, sizeof subcommands / sizeof *subcommands, argc, argv);
}
