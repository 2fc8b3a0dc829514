/* cmd_augment.c — `riskgan augment`: add minority-class rows with a GAN or an oversampler. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

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
    "  --for xgboost|logreg   the risk model --ratio auto chooses for (default xgboost)\n"
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
    const char *path = NULL, *output = NULL, *method = "smotenc", *model_path = NULL, *value;
    cli_common_options common;
    cli_common_init(&common);
    riskgan_augment_options options;
    riskgan_augment_options_init(&options);
    long neighbors = 5, epochs = 300;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--target", &value)) {
            options.target = value;
        } else if (cli_option_value(argc, argv, &i, "--output", &value) || cli_option_value(argc, argv, &i, "-o", &value)) {
            output = value;
        } else if (cli_option_value(argc, argv, &i, "--method", &value)) {
            method = value;
        } else if (cli_option_value(argc, argv, &i, "--ratio", &value)) {
            options.auto_ratio = strcmp(value, "auto") == 0;
            if (!options.auto_ratio && !cli_parse_double("--ratio", value, 1e-6, 100, &options.ratio))
                return EXIT_USAGE;
        } else if (cli_option_value(argc, argv, &i, "--for", &value)) {
            if (strcmp(value, "xgboost") != 0 && strcmp(value, "logreg") != 0)
                return cli_usage_error("augment", "--for must be xgboost or logreg, got '%s'", value);
            options.ratio_model = strcmp(value, "logreg") == 0 ? RISKGAN_RISK_LOGREG : RISKGAN_RISK_XGBOOST;
        } else if (cli_option_value(argc, argv, &i, "--minority", &value)) {
            options.minority = value;
        } else if (cli_option_value(argc, argv, &i, "--model", &value)) {
            model_path = value;
        } else if (cli_option_value(argc, argv, &i, "--epochs", &value)) {
            if (!cli_parse_long("--epochs", value, 1, 1000000, &epochs))
                return EXIT_USAGE;
        } else if (cli_option_value(argc, argv, &i, "--neighbors", &value)) {
            if (!cli_parse_long("--neighbors", value, 1, 50, &neighbors))
                return EXIT_USAGE;
        } else if (cli_option_value(argc, argv, &i, "--mark-column", &value)) {
            options.mark_column = value;
        } else if (cli_common_option(argc, argv, &i, CLI_READ | CLI_SEED | CLI_THREADS, &common)) {
            /* stored in common */
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("augment", "unknown option '%s'", a);
        } else if (path) {
            return cli_usage_error("augment", "one CSV file expected, got '%s' and '%s'", path, a);
        } else {
            path = a;
        }
    }
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
                curve.inner_folds, options.ratio_model == RISKGAN_RISK_LOGREG ? "logreg" : "xgboost", "gap share",
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
