/* cmd_market.c — `riskgan market fit|sample|evaluate|backtest|risk`: market scenarios. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
    "Usage: riskgan market fit PRICES.csv -o MODEL.rmkt [--method gan|garch|bootstrap]\n"
    "                      [--train-until DATE|ROWS] [--date COLUMN] [--assets A,B,...] [--returns]\n"
    "                      [--epochs N] [--hidden N] [--block DAYS] [--seed S] [--threads T] [-q]\n"
    "       riskgan market sample MODEL.rmkt -o PATHS.csv [--paths 1000] [--days 250]\n"
    "                      [--from-history] [--returns] [--seed S] [--threads T]\n"
    "       riskgan market evaluate --real PRICES.csv --synth PATHS.csv [--json R.json] [--html R.html]\n"
    "                      [--until DATE|ROWS | --after DATE|ROWS] [--date COLUMN] [--assets A,B] [--max-lag 100]\n"
    "       riskgan market backtest PRICES.csv --method gan|garch|hs|bootstrap --train-until DATE|ROWS\n"
    "                      [--level 0.99,0.975] [--weights A=0.5,B=0.5] [--scenarios 2000] [--window 500]\n"
    "                      [--refit DAYS]\n"
    "                      [--json B.json] [--html B.html] [--epochs N] [--seed S] [--threads T]\n"
    "       riskgan market risk PATHS.csv [--weights A=0.4,B=0.6] [--horizon 1,10] [--json R.json]\n"
    "\n"
    "fit       daily log returns of the price columns (a missing price leaves out the returns into and\n"
    "          out of that day for every asset: reported, never filled in), then the model:\n"
    "          gan        a GAN of all assets' joint daily innovations, rolled forward\n"
    "                     through a GJR-GARCH variance filter per asset (default; docs/market.md)\n"
    "          garch      GARCH(1,1) with Student-t innovations per asset, constant correlation\n"
    "          bootstrap  stationary block bootstrap, mean block --block days (20)\n"
    "          --train-until learns the days up to that date (as written in the file) or that many\n"
    "          rows; the date column is --date, or a first column named date/time/t/day.\n"
    "sample    paths of any length from the last learned prices: CSV path,day,<asset...> with prices\n"
    "          (day 0 = the start price), or daily log returns with --returns. Each path starts from\n"
    "          the state of a random learned day, or with --from-history from the most recent one.\n"
    "evaluate  stylized facts of generated paths against the real history: W1 distance at 1/5/20\n"
    "          days, kurtosis, skew, Hill tail indices, ACF of r, |r|, r^2 (lags 1..100), leverage,\n"
    "          cross-asset correlations; --until/--after compare with part of the history only.\n"
    "backtest  rolling one-day VaR/ES of the portfolio on the days after --train-until, each from\n"
    "          earlier days only: Kupiec, Christoffersen, Basel traffic light, Acerbi-Szekely Z2.\n"
    "          The model is fitted on the training days; --refit N fits it again on every\n"
    "          earlier day each N test days (0: never).\n"
    "risk      portfolio VaR and ES at 95/97.5/99 % per horizon with 90 % intervals.\n"
    "          Weights are shares of the portfolio value (default: equal).\n";

static int parse_method(const char *text, riskgan_market_method *method, int allow_hs)
{
    static const char *names[] = {"gan", "garch", "bootstrap", "hs"};
    for (int m = 0; m < 3 + allow_hs; m++)
        if (strcmp(text, names[m]) == 0) {
            *method = (riskgan_market_method)m;
            return 1;
        }
    return 0;
}

static void say(const char *message, void *user)
{
    (void)user;
    fprintf(stderr, "%s\n", message);
}

static riskgan_status read_history(const char *path, const char *date, const char *assets, int returns, int quiet,
                                   riskgan_market_data **data)
{
    riskgan_market_read_options ro;
    riskgan_market_read_options_init(&ro);
    ro.date_column = date;
    ro.assets = assets;
    ro.returns = returns;
    riskgan_status status = riskgan_market_data_read(path, &ro, data);
    if (status == RISKGAN_OK && !quiet) {
        int detected;
        const char *column = riskgan_market_data_date_column(*data, &detected);
        fprintf(stderr, "%s: %zu assets, %zu return days; date column %s%s%s\n", path, riskgan_market_data_assets(*data),
                riskgan_market_data_return_days(*data), column ? column : "none", column && detected ? " (recognized)" : "",
                column ? "" : " (name it with --date)");
        if (*riskgan_market_data_message(*data))
            fprintf(stderr, "%s: %s\n", path, riskgan_market_data_message(*data));
    }
    return status;
}

static int market_fit(int argc, char **argv)
{
    const char *path = NULL, *output = NULL, *until = NULL, *date = NULL, *assets = NULL, *value;
    int returns = 0, quiet = 0;
    long number;
    double block;
    riskgan_market_fit_options options;
    riskgan_market_fit_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--output", &value) || cli_option_value(argc, argv, &i, "-o", &value)) {
            output = value;
        } else if (cli_option_value(argc, argv, &i, "--method", &value)) {
            if (!parse_method(value, &options.method, 0))
                return cli_usage_error("market fit", "--method must be gan, garch or bootstrap, got '%s'", value);
        } else if (cli_option_value(argc, argv, &i, "--train-until", &value)) {
            until = value;
        } else if (cli_option_value(argc, argv, &i, "--date", &value)) {
            date = value;
        } else if (cli_option_value(argc, argv, &i, "--assets", &value)) {
            assets = value;
        } else if (cli_option_value(argc, argv, &i, "--epochs", &value)) {
            if (!cli_parse_long("--epochs", value, 1, 1000000, &number))
                return EXIT_USAGE;
            options.epochs = (int)number;
        } else if (cli_option_value(argc, argv, &i, "--hidden", &value)) {
            if (!cli_parse_long("--hidden", value, 1, 4096, &number))
                return EXIT_USAGE;
            options.hidden = (int)number;
        } else if (cli_option_value(argc, argv, &i, "--block", &value)) {
            if (!cli_parse_double("--block", value, 1, 1e6, &block))
                return EXIT_USAGE;
            options.mean_block = block;
        } else if (strcmp(a, "--returns") == 0) {
            returns = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (cli_common_option(argc, argv, &i, CLI_SEED | CLI_THREADS, &common)) {
            /* stored in common */
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("market fit", "unknown option '%s'", a);
        } else if (!path) {
            path = a;
        } else {
            return cli_usage_error("market fit", "unexpected argument '%s'", a);
        }
    }
    if (!path || !output)
        return cli_usage_error("market fit", "need PRICES.csv and -o MODEL.rmkt");
    options.seed = common.seed;
    riskgan_set_threads((int)common.threads);
    cli_progress_state progress = {.terminal = isatty(STDERR_FILENO), .quiet = quiet, .log_every = 100};
    options.progress = cli_on_progress;
    options.progress_user = &progress;
    riskgan_market_data *data = NULL;
    riskgan_market_model *model = NULL;
    riskgan_status status = read_history(path, date, assets, returns, quiet, &data);
    if (status == RISKGAN_OK && until)
        status = riskgan_market_data_split(data, until, &options.train_days);
    if (status == RISKGAN_OK)
        status = riskgan_market_fit(data, &options, &model);
    if (status == RISKGAN_OK)
        status = riskgan_market_model_save(model, output);
    if (status == RISKGAN_OK && !quiet) {
        riskgan_market_model_info info;
        riskgan_market_model_get_info(model, &info);
        fprintf(stderr, "%s model of %zu assets on %zu return days%s%s -> %s\n",
                options.method == RISKGAN_MARKET_GAN ? "GAN" : options.method == RISKGAN_MARKET_GARCH ? "GARCH-t-CCC" : "bootstrap",
                info.assets, info.train_days, info.last_date ? " up to " : "", info.last_date ? info.last_date : "", output);
    }
    riskgan_market_model_free(model);
    riskgan_market_data_free(data);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static int market_sample(int argc, char **argv)
{
    const char *model_path = NULL, *output = NULL, *value;
    long number;
    riskgan_market_sample_options options;
    riskgan_market_sample_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--output", &value) || cli_option_value(argc, argv, &i, "-o", &value)) {
            output = value;
        } else if (cli_option_value(argc, argv, &i, "--paths", &value)) {
            if (!cli_parse_long("--paths", value, 1, 100000000, &number))
                return EXIT_USAGE;
            options.paths = (size_t)number;
        } else if (cli_option_value(argc, argv, &i, "--days", &value)) {
            if (!cli_parse_long("--days", value, 1, 100000, &number))
                return EXIT_USAGE;
            options.days = (size_t)number;
        } else if (strcmp(a, "--from-history") == 0) {
            options.from_history = 1;
        } else if (strcmp(a, "--returns") == 0) {
            options.returns = 1;
        } else if (cli_common_option(argc, argv, &i, CLI_SEED | CLI_THREADS, &common)) {
            /* stored in common */
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("market sample", "unknown option '%s'", a);
        } else if (!model_path) {
            model_path = a;
        } else {
            return cli_usage_error("market sample", "unexpected argument '%s'", a);
        }
    }
    if (!model_path || !output)
        return cli_usage_error("market sample", "need MODEL.rmkt and -o PATHS.csv");
    options.seed = common.seed;
    riskgan_set_threads((int)common.threads);
    riskgan_market_model *model = NULL;
    riskgan_status status = riskgan_market_model_load(model_path, &model);
    if (status == RISKGAN_OK)
        status = riskgan_market_sample_csv(model, &options, output);
    riskgan_market_model_free(model);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static int market_evaluate(int argc, char **argv)
{
    const char *real_path = NULL, *synth_path = NULL, *json = NULL, *html = NULL, *until = NULL, *after = NULL;
    const char *date = NULL, *assets = NULL, *value;
    long number;
    riskgan_market_evaluate_options options;
    riskgan_market_evaluate_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--real", &value)) {
            real_path = value;
        } else if (cli_option_value(argc, argv, &i, "--synth", &value)) {
            synth_path = value;
        } else if (cli_option_value(argc, argv, &i, "--json", &value)) {
            json = value;
        } else if (cli_option_value(argc, argv, &i, "--html", &value)) {
            html = value;
        } else if (cli_option_value(argc, argv, &i, "--until", &value)) {
            until = value;
        } else if (cli_option_value(argc, argv, &i, "--after", &value)) {
            after = value;
        } else if (cli_option_value(argc, argv, &i, "--date", &value)) {
            date = value;
        } else if (cli_option_value(argc, argv, &i, "--assets", &value)) {
            assets = value;
        } else if (cli_option_value(argc, argv, &i, "--max-lag", &value)) {
            if (!cli_parse_long("--max-lag", value, 1, 10000, &number))
                return EXIT_USAGE;
            options.max_lag = (int)number;
        } else if (cli_common_option(argc, argv, &i, CLI_SEED, &common)) {
            /* stored in common */
        } else {
            return cli_usage_error("market evaluate", "unexpected argument '%s'", a);
        }
    }
    if (!real_path || !synth_path)
        return cli_usage_error("market evaluate", "need --real PRICES.csv and --synth PATHS.csv");
    if (until && after)
        return cli_usage_error("market evaluate", "give --until or --after, not both");
    options.seed = common.seed;
    riskgan_market_data *real = NULL, *synthetic = NULL;
    riskgan_market_report *report = NULL;
    riskgan_status status = read_history(real_path, date, assets, 0, 1, &real);
    size_t split = 0;
    if (status == RISKGAN_OK && (until || after))
        status = riskgan_market_data_split(real, until ? until : after, &split);
    if (until)
        options.last_day = split;
    if (after)
        options.first_day = split;
    if (status == RISKGAN_OK)
        status = riskgan_market_paths_read(synth_path, &synthetic);
    if (status == RISKGAN_OK)
        status = riskgan_market_evaluate(real, synthetic, &options, &report);
    if (status == RISKGAN_OK) {
        char *summary = riskgan_market_report_summary(report);
        fputs(summary ? summary : "", stdout);
        free(summary);
    }
    if (status == RISKGAN_OK && json)
        status = riskgan_market_report_write_json(report, json);
    if (status == RISKGAN_OK && html)
        status = riskgan_market_report_write_html(report, html);
    riskgan_market_report_free(report);
    riskgan_market_data_free(synthetic);
    riskgan_market_data_free(real);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static int market_backtest(int argc, char **argv)
{
    const char *path = NULL, *until = NULL, *json = NULL, *html = NULL, *date = NULL, *assets = NULL, *value;
    long number;
    int method_given = 0, quiet = 0;
    riskgan_market_backtest_options options;
    riskgan_market_backtest_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--method", &value)) {
            if (!parse_method(value, &options.method, 1))
                return cli_usage_error("market backtest", "--method must be gan, garch, hs or bootstrap, got '%s'", value);
            method_given = 1;
        } else if (cli_option_value(argc, argv, &i, "--train-until", &value)) {
            until = value;
        } else if (cli_option_value(argc, argv, &i, "--level", &value)) {
            options.levels = value;
        } else if (cli_option_value(argc, argv, &i, "--weights", &value)) {
            options.weights = value;
        } else if (cli_option_value(argc, argv, &i, "--scenarios", &value)) {
            if (!cli_parse_long("--scenarios", value, 100, 10000000, &number))
                return EXIT_USAGE;
            options.scenarios = (size_t)number;
        } else if (cli_option_value(argc, argv, &i, "--window", &value)) {
            if (!cli_parse_long("--window", value, 50, 100000, &number))
                return EXIT_USAGE;
            options.window = (size_t)number;
        } else if (cli_option_value(argc, argv, &i, "--refit", &value)) {
            if (!cli_parse_long("--refit", value, 0, 100000, &number))
                return EXIT_USAGE;
            options.refit = (size_t)number;
        } else if (cli_option_value(argc, argv, &i, "--epochs", &value)) {
            if (!cli_parse_long("--epochs", value, 1, 1000000, &number))
                return EXIT_USAGE;
            options.fit.epochs = (int)number;
        } else if (cli_option_value(argc, argv, &i, "--json", &value)) {
            json = value;
        } else if (cli_option_value(argc, argv, &i, "--html", &value)) {
            html = value;
        } else if (cli_option_value(argc, argv, &i, "--date", &value)) {
            date = value;
        } else if (cli_option_value(argc, argv, &i, "--assets", &value)) {
            assets = value;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (cli_common_option(argc, argv, &i, CLI_SEED | CLI_THREADS, &common)) {
            /* stored in common */
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("market backtest", "unknown option '%s'", a);
        } else if (!path) {
            path = a;
        } else {
            return cli_usage_error("market backtest", "unexpected argument '%s'", a);
        }
    }
    if (!path || !until || !method_given)
        return cli_usage_error("market backtest", "need PRICES.csv, --method and --train-until");
    options.seed = common.seed;
    riskgan_set_threads((int)common.threads);
    if (!quiet)
        options.progress = say;
    riskgan_market_data *data = NULL;
    riskgan_market_backtest *backtest = NULL;
    riskgan_status status = read_history(path, date, assets, 0, quiet, &data);
    if (status == RISKGAN_OK)
        status = riskgan_market_data_split(data, until, &options.train_days);
    if (status == RISKGAN_OK)
        status = riskgan_market_backtest_run(data, &options, &backtest);
    if (status == RISKGAN_OK) {
        char *summary = riskgan_market_backtest_summary(backtest);
        fputs(summary ? summary : "", stdout);
        free(summary);
    }
    if (status == RISKGAN_OK && json)
        status = riskgan_market_backtest_write_json(backtest, json);
    if (status == RISKGAN_OK && html)
        status = riskgan_market_backtest_write_html(backtest, html);
    riskgan_market_backtest_free(backtest);
    riskgan_market_data_free(data);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static int market_risk(int argc, char **argv)
{
    const char *path = NULL, *weights = NULL, *horizons = NULL, *json = NULL, *value;
    cli_common_options common;
    cli_common_init(&common);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--weights", &value)) {
            weights = value;
        } else if (cli_option_value(argc, argv, &i, "--horizon", &value)) {
            horizons = value;
        } else if (cli_option_value(argc, argv, &i, "--json", &value)) {
            json = value;
        } else if (cli_common_option(argc, argv, &i, CLI_SEED, &common)) {
            /* stored in common */
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("market risk", "unknown option '%s'", a);
        } else if (!path) {
            path = a;
        } else {
            return cli_usage_error("market risk", "unexpected argument '%s'", a);
        }
    }
    if (!path)
        return cli_usage_error("market risk", "need PATHS.csv");
    riskgan_market_data *paths = NULL;
    riskgan_market_risk *risk = NULL;
    riskgan_status status = riskgan_market_paths_read(path, &paths);
    if (status == RISKGAN_OK)
        status = riskgan_market_risk_compute(paths, weights, horizons, common.seed, &risk);
    if (status == RISKGAN_OK) {
        char *summary = riskgan_market_risk_summary(risk);
        fputs(summary ? summary : "", stdout);
        free(summary);
    }
    if (status == RISKGAN_OK && json)
        status = riskgan_market_risk_write_json(risk, json);
    riskgan_market_risk_free(risk);
    riskgan_market_data_free(paths);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

int command_market(int argc, char **argv)
{
    if (argc < 2 || cli_is_help(argv[1])) {
        fputs(help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "fit") == 0)
        return market_fit(argc - 1, argv + 1);
    if (strcmp(argv[1], "sample") == 0)
        return market_sample(argc - 1, argv + 1);
    if (strcmp(argv[1], "evaluate") == 0)
        return market_evaluate(argc - 1, argv + 1);
    if (strcmp(argv[1], "backtest") == 0)
        return market_backtest(argc - 1, argv + 1);
    if (strcmp(argv[1], "risk") == 0)
        return market_risk(argc - 1, argv + 1);
    return cli_usage_error("market", "unknown subcommand '%s' (fit, sample, evaluate, backtest or risk)", argv[1]);
}
