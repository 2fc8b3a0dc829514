/* cmd_market.c — `riskgan market fit|sample|evaluate|backtest|risk`: market scenarios. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_market.h"

#include "cli_args.h"
#include "cli_progress.h"


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
    const char *path = NULL, *output = NULL, *until = NULL, *date = NULL, *assets = NULL, *method = NULL;
    int returns = 0, quiet = 0;
    long epochs = 0, hidden = 0;
    riskgan_market_fit_options options;
    riskgan_market_fit_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_TEXT("--method", NULL, &method),
        CLI_OPTION_TEXT("--train-until", NULL, &until),
        CLI_OPTION_TEXT("--date", NULL, &date),
        CLI_OPTION_TEXT("--assets", NULL, &assets),
        CLI_OPTION_LONG("--epochs", NULL, &epochs, 1, 1000000),
        CLI_OPTION_LONG("--hidden", NULL, &hidden, 1, 4096),
        CLI_OPTION_DOUBLE("--block", NULL, &options.mean_block, 1, 1e6),
        CLI_OPTION_FLAG("--returns", NULL, &returns),
        CLI_OPTION_FLAG("--quiet", "-q", &quiet),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("market fit", help, argc, argv, accepted_options, CLI_SEED | CLI_THREADS, &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count > 1)
        return cli_usage_error("market fit", "unexpected argument '%s'", positional[1]);
    path = count > 0 ? positional[0] : NULL;
    if (method && !parse_method(method, &options.method, 0))
        return cli_usage_error("market fit", "--method must be gan, garch or bootstrap, got '%s'", method);
    options.epochs = epochs > 0 ? (int)epochs : options.epochs;
    options.hidden = hidden > 0 ? (int)hidden : options.hidden;
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
    const char *model_path = NULL, *output = NULL;
    long paths = 0, days = 0;
    riskgan_market_sample_options options;
    riskgan_market_sample_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_LONG("--paths", NULL, &paths, 1, 100000000),
        CLI_OPTION_LONG("--days", NULL, &days, 1, 100000),
        CLI_OPTION_FLAG("--from-history", NULL, &options.from_history),
        CLI_OPTION_FLAG("--returns", NULL, &options.returns),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("market sample", help, argc, argv, accepted_options, CLI_SEED | CLI_THREADS, &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count > 1)
        return cli_usage_error("market sample", "unexpected argument '%s'", positional[1]);
    model_path = count > 0 ? positional[0] : NULL;
    options.paths = paths > 0 ? (size_t)paths : options.paths;
    options.days = days > 0 ? (size_t)days : options.days;
    if (!model_path || !output)
        return cli_usage_error("market sample", "need MODEL.rmkt and -o PATHS.csv");
    options.seed = common.seed;
    riskgan_set_threads((int)common.threads);
    riskgan_market_model *model = NULL;
    riskgan_status status = riskgan_market_model_load(model_path, &model);
    if (status == RISKGAN_OK)
        status = riskgan_market_sample_to_csv(model, &options, output);
    riskgan_market_model_free(model);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static int market_evaluate(int argc, char **argv)
{
    const char *real_path = NULL, *synth_path = NULL, *json = NULL, *html = NULL, *until = NULL, *after = NULL;
    const char *date = NULL, *assets = NULL;
    long max_lag = 0;
    riskgan_market_evaluate_options options;
    riskgan_market_evaluate_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--real", NULL, &real_path),
        CLI_OPTION_TEXT("--synth", NULL, &synth_path),
        CLI_OPTION_TEXT("--json", NULL, &json),
        CLI_OPTION_TEXT("--html", NULL, &html),
        CLI_OPTION_TEXT("--until", NULL, &until),
        CLI_OPTION_TEXT("--after", NULL, &after),
        CLI_OPTION_TEXT("--date", NULL, &date),
        CLI_OPTION_TEXT("--assets", NULL, &assets),
        CLI_OPTION_LONG("--max-lag", NULL, &max_lag, 1, 10000),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("market evaluate", help, argc, argv, accepted_options, CLI_SEED | CLI_UNEXPECTED, &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count > 0)
        return cli_usage_error("market evaluate", "unexpected argument '%s'", positional[0]);
    options.max_lag = max_lag > 0 ? (int)max_lag : options.max_lag;
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
        riskgan_free(summary);
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
    const char *path = NULL, *until = NULL, *json = NULL, *html = NULL, *date = NULL, *assets = NULL, *method = NULL;
    long scenarios = 0, window = 0, refit = -1, epochs = 0;
    int quiet = 0;
    riskgan_market_backtest_options options;
    riskgan_market_backtest_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--method", NULL, &method),
        CLI_OPTION_TEXT("--train-until", NULL, &until),
        CLI_OPTION_TEXT("--level", NULL, &options.levels),
        CLI_OPTION_TEXT("--weights", NULL, &options.weights),
        CLI_OPTION_LONG("--scenarios", NULL, &scenarios, 100, 10000000),
        CLI_OPTION_LONG("--window", NULL, &window, 50, 100000),
        CLI_OPTION_LONG("--refit", NULL, &refit, 0, 100000),
        CLI_OPTION_LONG("--epochs", NULL, &epochs, 1, 1000000),
        CLI_OPTION_TEXT("--json", NULL, &json),
        CLI_OPTION_TEXT("--html", NULL, &html),
        CLI_OPTION_TEXT("--date", NULL, &date),
        CLI_OPTION_TEXT("--assets", NULL, &assets),
        CLI_OPTION_FLAG("--quiet", "-q", &quiet),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("market backtest", help, argc, argv, accepted_options, CLI_SEED | CLI_THREADS, &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count > 1)
        return cli_usage_error("market backtest", "unexpected argument '%s'", positional[1]);
    path = count > 0 ? positional[0] : NULL;
    int method_given = method != NULL;
    if (method && !parse_method(method, &options.method, 1))
        return cli_usage_error("market backtest", "--method must be gan, garch, hs or bootstrap, got '%s'", method);
    options.scenarios = scenarios > 0 ? (size_t)scenarios : options.scenarios;
    options.window = window > 0 ? (size_t)window : options.window;
    options.refit = refit >= 0 ? (size_t)refit : options.refit;
    options.fit.epochs = epochs > 0 ? (int)epochs : options.fit.epochs;
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
        riskgan_free(summary);
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
    const char *path = NULL, *weights = NULL, *horizons = NULL, *json = NULL;
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--weights", NULL, &weights),
        CLI_OPTION_TEXT("--horizon", NULL, &horizons),
        CLI_OPTION_TEXT("--json", NULL, &json),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("market risk", help, argc, argv, accepted_options, CLI_SEED, &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count > 1)
        return cli_usage_error("market risk", "unexpected argument '%s'", positional[1]);
    path = count > 0 ? positional[0] : NULL;
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
        riskgan_free(summary);
    }
    if (status == RISKGAN_OK && json)
        status = riskgan_market_risk_write_json(risk, json);
    riskgan_market_risk_free(risk);
    riskgan_market_data_free(paths);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

int command_market(int argc, char **argv)
{
    static const cli_subcommand subcommands[] = {
        {"fit", market_fit},
        {"sample", market_sample},
        {"evaluate", market_evaluate},
        {"backtest", market_backtest},
        {"risk", market_risk},
    };
    return cli_dispatch("market", help, "fit, sample, evaluate, backtest or risk", subcommands, sizeof subcommands / sizeof *subcommands, argc, argv);
}
