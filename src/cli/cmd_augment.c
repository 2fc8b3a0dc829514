/* cmd_augment.c — `riskgan augment`: add minority-class rows with a GAN or an oversampler. */
#include <stdio.h>
#include <string.h>

#include "cmd_augment.h"

#include "cli_args.h"


static const char help[] =
    "Usage: riskgan augment DATA.csv --target COLUMN -o AUGMENTED.csv [OPTIONS]\n"
    "\n"
    "Adds rows of the minority class until minority / majority = RATIO. The output holds the\n"
    "input rows first, then the added ones, with the input's columns and formatting.\n"
    "\n"
    "Options:\n"
    "  --target NAME          the class column (required)\n"
    "  -o, --output FILE      CSV to write (required)\n"
    "  --method M             gan | gan-minority | smote | smotenc | adasyn | random | none\n"
    "                         (default smotenc). gan: minority rows of a model of all rows\n"
    "                         (--model, or fitted on DATA.csv on the fly), their class drawn\n"
    "                         by its label model; gan-minority: a GAN fitted on the minority\n"
    "                         rows alone; smote: numeric features only; smotenc: mixed\n"
    "                         numeric and categorical features; adasyn: smotenc near the\n"
    "                         class border (k = 5)\n"
    "  --ratio R|auto         minority / majority after augmentation (default 1.0); auto:\n"
    "                         chosen by 3-fold cross-validation on DATA.csv among adding\n"
    "                         0, 10, 25, 50 or 100 % of the rows that would balance the\n"
    "                         classes, for the risk model named by --for (prints the curve;\n"
    "                         rows are added only if they beat none by a standard error)\n"
    "  --for xgboost|logreg|scorecard\n"
    "                         the risk model --ratio auto chooses for (default xgboost)\n"
    "  --minority VALUE       the class to add (default: the rarest)\n"
    "  --model FILE           for --method gan: a model fitted on this schema\n"
    "  --epochs N             for --method gan without --model: training epochs (default 300)\n"
    "  --neighbors K          SMOTE's k (default 5)\n"
    "  --mark-column NAME     add a 0/1 column NAME flagging the added rows\n"
    "  --seed S               random seed (default 0)\n"
    "  --threads T            threads\n"
    CLI_READ_HELP
    "  -h, --help             show this help\n";

int command_augment(int argc, char **argv)
{
    const char *path = NULL, *output = NULL, *method = "smotenc", *model_path = NULL, *ratio = NULL, *for_model = NULL;
    cli_common_options common;
    cli_common_init(&common);
    riskgan_augment_options options;
    riskgan_augment_options_init(&options);
    long neighbors = 5, epochs = 300;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--target", NULL, &options.target),
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_TEXT("--method", NULL, &method),
        CLI_OPTION_TEXT("--ratio", NULL, &ratio),
        CLI_OPTION_TEXT("--for", NULL, &for_model),
        CLI_OPTION_TEXT("--minority", NULL, &options.minority),
        CLI_OPTION_TEXT("--model", NULL, &model_path),
        CLI_OPTION_LONG("--epochs", NULL, &epochs, 1, 1000000),
        CLI_OPTION_LONG("--neighbors", NULL, &neighbors, 1, 50),
        CLI_OPTION_TEXT("--mark-column", NULL, &options.mark_column),
        CLI_OPTION_END,
    };
    int parsed = cli_parse_single("augment", help, "CSV file", argc, argv, accepted_options, CLI_READ | CLI_SEED | CLI_THREADS,
                                  &common, &path);
    if (parsed >= 0)
        return parsed;
    if (ratio) {
        options.auto_ratio = strcmp(ratio, "auto") == 0;
        if (!options.auto_ratio && !cli_parse_double("--ratio", ratio, 1e-6, 100, &options.ratio))
            return EXIT_USAGE;
    }
    const char *families[] = {"xgboost", "logreg", "scorecard"};
    int family = -1;
    for (int f = 0; f < 3 && for_model; f++)
        if (strcmp(for_model, families[f]) == 0)
            family = f;
    if (for_model && family < 0)
        return cli_usage_error("augment", "--for must be xgboost, logreg or scorecard, got '%s'", for_model);
    if (for_model)
        options.ratio_model = (riskgan_risk_algorithm)family;
    if (!path || !options.target || !output)
        return cli_usage_error("augment", "need DATA.csv, --target and -o");
    static const char *names[] = {"none", "random", "smote", "smotenc", "gan", "adasyn", "gan-minority"};
    int chosen = -1;
    for (int m = 0; m < (int)(sizeof names / sizeof *names); m++)
        if (strcmp(method, names[m]) == 0)
            chosen = m;
    if (chosen < 0)
        return cli_usage_error("augment", "--method must be gan, gan-minority, smote, smotenc, adasyn, random or none, "
                               "got '%s'", method);
    if (model_path && chosen != RISKGAN_AUGMENT_GAN)
        return cli_usage_error("augment", "--model goes with --method gan");
    options.method = (riskgan_augment_method)chosen;
    options.neighbors = (int)neighbors;
    options.seed = common.seed;
    options.threads = (int)common.threads;
    riskgan_fit_options fit;
    riskgan_fit_options_init(&fit, RISKGAN_PRESET_DEFAULT);
    fit.epochs = (int)epochs;
    options.fit = &fit;
    riskgan_ratio_curve curve;
    options.curve = &curve;
    riskgan_table *table = NULL, *augmented = NULL;
    riskgan_model *model = NULL;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    if (status == RISKGAN_OK && model_path) {
        status = riskgan_model_load(model_path, &model);
        options.model = model;
    }
    if (status == RISKGAN_OK)
        status = riskgan_augment(table, &options, &augmented);
    if (status == RISKGAN_OK && options.auto_ratio && chosen != RISKGAN_AUGMENT_NONE) {
        fprintf(stderr, "riskgan: --ratio auto (%d-fold cross-validation, %s):\n  %-10s %-8s %-10s %s\n",
                curve.inner_folds, families[options.ratio_model], "gap share",
                "ratio", "added", "PR-AUC (sd)");
        for (size_t g = 0; g < curve.points; g++)
            fprintf(stderr, "  %-10.2f %-8.3f %-10.0f %.4f (%.4f)%s\n", curve.gap_share[g], curve.ratio[g],
                    curve.added_rows[g], curve.pr_auc[g], curve.pr_auc_sd[g], g == curve.chosen ? "  <- chosen" : "");
    }
    if (status == RISKGAN_OK)
        status = riskgan_table_write_csv(augmented, output);
    if (status == RISKGAN_OK)
        fprintf(stderr, "riskgan: %zu rows + %zu %s rows -> %s\n", riskgan_table_rows(table),
                riskgan_table_rows(augmented) - riskgan_table_rows(table), method, output);
    riskgan_model_free(model);
    riskgan_table_free(table);
    riskgan_table_free(augmented);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}
