/* cmd_detect.c — `riskgan detect fit|score|eval`: anomaly and fraud detectors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_detect.h"

#include "cli_args.h"
#include "cli_progress.h"


static const char help[] =
    "Usage: riskgan detect fit DATA.csv -o DETECTOR.rdet [--method gan|iforest] [--exclude a,b]\n"
    "                          [--target COLUMN] [--labels COLUMN [--positive VALUE]]\n"
    "                          [--trees N] [--subsample N] [--epochs N] [--hidden N] [--latent N]\n"
    "                          [--trim SHARE] [--latent-score] [--seed S] [--threads T] [-q]\n"
    "                          [read options]\n"
    "       riskgan detect score DETECTOR.rdet NEW.csv -o SCORES.csv\n"
    "                          [--threshold T | --alert-rate R] [--explain K] [--keep COLUMN]\n"
    "       riskgan detect eval DETECTOR.rdet LABELLED.csv --target COLUMN [--positive VALUE]\n"
    "                          [--json REPORT.json] [--html REPORT.html]\n"
    "       riskgan detect experiment DATA.csv --target COLUMN [--methods iforest,gan]\n"
    "                          [--label-fractions 0.01,0.05,0.1] [--seeds 3] [--test-size 0.3]\n"
    "                          [--anomaly-share S] [--test TEST.csv] [--json RESULTS.json]\n"
    "                          [--exclude a,b] [--epochs N] [--seed S] [--threads T]\n"
    "\n"
    "fit    learns what ordinary rows look like, without labels:\n"
    "       gan      GANomaly encoder-decoder-encoder with a critic (default); the score is each\n"
    "                column's reconstruction error relative to the training rows', averaged\n"
    "       iforest  Isolation Forest, --trees (100) trees of --subsample (256) rows\n"
    "       Identifier columns (detected or --id) and --exclude columns are not features.\n"
    "       --target   an anomaly label column: never a feature; its ROC-AUC on the training\n"
    "                  rows is printed\n"
    "       --labels   the few labels a team has: a column holding --positive (default 1) on\n"
    "                  known anomalies and empty elsewhere; a deviation network learns from them\n"
    "       --epochs (30), --hidden (64) and --latent (16) widths, --trim (0.05: share of each\n"
    "       batch with the largest errors left out, against anomalies in the training data),\n"
    "       --latent-score (score by |z - z^|^2)\n"
    "score  writes row, score (higher = more anomalous), flag (score > threshold) and, with\n"
    "       --explain K, reason_1..K: the columns that contributed most to the score.\n"
    "       --alert-rate R (default 0.01) sets the threshold the share R of training rows exceed.\n"
    "       --keep COLUMN copies a column (a claim or transaction id) first, to trace alerts.\n"
    "experiment  per seed: a stratified split (or --test, e.g. a later period), the detectors\n"
    "       fitted without labels, and for each label fraction the few-label GAN and XGBoost on\n"
    "       the same labels; --anomaly-share thins the anomalies (all ordinary rows kept) first.\n"
    "eval   ROC-AUC, PR-AUC, recall at precision 0.5/0.8/0.9, precision and recall in the top\n"
    "       0.1 %, 1 % and 5 % of scores; score histograms and PR curve in the HTML page.\n"
    "\n"
    "Read options (fit):\n" CLI_READ_HELP;

static int parse_method(const char *text, riskgan_detect_method *method)
{
    if (strcmp(text, "gan") == 0)
        *method = RISKGAN_DETECT_GAN;
    else if (strcmp(text, "iforest") == 0)
        *method = RISKGAN_DETECT_IFOREST;
    else
        return 0;
    return 1;
}

static void print_evaluation(const riskgan_detect_evaluation *e, const char *what)
{
    riskgan_detect_evaluation_scores s;
    riskgan_detect_evaluation_get_scores(e, &s);
    printf("%s: %zu rows, %zu anomalies\n  ROC-AUC %.4f  PR-AUC %.4f\n", what, s.rows, s.anomalies, s.roc_auc, s.pr_auc);
    printf("  recall at precision 0.5 / 0.8 / 0.9: %.3f / %.3f / %.3f\n", s.recall_at_precision[0],
           s.recall_at_precision[1], s.recall_at_precision[2]);
    printf("  top 0.1 %% / 1 %% / 5 %%: precision %.3f / %.3f / %.3f, recall %.3f / %.3f / %.3f\n", s.precision_at_top[0],
           s.precision_at_top[1], s.precision_at_top[2], s.recall_at_top[0], s.recall_at_top[1], s.recall_at_top[2]);
}

static int detect_fit(int argc, char **argv)
{
    const char *path = NULL, *output = NULL, *method = NULL;
    riskgan_detect_options options;
    riskgan_detect_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    int quiet = 0;
    long trees = -1, subsample = -1, epochs = -1, hidden = -1, latent = -1;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_TEXT("--method", NULL, &method),
        CLI_OPTION_TEXT("--exclude", NULL, &options.exclude),
        CLI_OPTION_TEXT("--target", NULL, &options.target),
        CLI_OPTION_TEXT("--labels", NULL, &options.labels),
        CLI_OPTION_TEXT("--positive", NULL, &options.positive),
        CLI_OPTION_LONG("--trees", NULL, &trees, 1, 100000),
        CLI_OPTION_LONG("--subsample", NULL, &subsample, 2, 1 << 24),
        CLI_OPTION_LONG("--epochs", NULL, &epochs, 1, 100000),
        CLI_OPTION_LONG("--hidden", NULL, &hidden, 1, 4096),
        CLI_OPTION_LONG("--latent", NULL, &latent, 0, 4096),
        CLI_OPTION_DOUBLE("--trim", NULL, &options.trim, 0, 0.49),
        CLI_OPTION_FLAG("--latent-score", NULL, &options.latent_score),
        CLI_OPTION_FLAG("--quiet", "-q", &quiet),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("detect fit", help, argc, argv, accepted_options, CLI_READ | CLI_SEED | CLI_THREADS, &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count > 1)
        return cli_usage_error("detect fit", "unexpected argument '%s'", positional[1]);
    path = count > 0 ? positional[0] : NULL;
    if (method && !parse_method(method, &options.method))
        return cli_usage_error("detect fit", "--method must be gan or iforest, got '%s'", method);
    options.trees = trees >= 0 ? (int)trees : options.trees;
    options.subsample = subsample >= 0 ? (size_t)subsample : options.subsample;
    options.epochs = epochs >= 0 ? (int)epochs : options.epochs;
    options.hidden = hidden >= 0 ? (int)hidden : options.hidden;
    options.latent = latent >= 0 ? (int)latent : options.latent;
    if (!path || !output)
        return cli_usage_error("detect fit", "need DATA.csv and -o DETECTOR.rdet");
    if (options.labels && options.method != RISKGAN_DETECT_GAN)
        return cli_usage_error("detect fit", "--labels needs --method gan");
    options.seed = common.seed;
    options.threads = (int)common.threads;
    cli_progress_state progress = {.terminal = isatty(STDERR_FILENO), .quiet = quiet, .log_every = 5};
    options.progress = cli_on_progress;
    options.progress_user = &progress;
    riskgan_table *table = NULL;
    riskgan_detector *detector = NULL;
    riskgan_detect_evaluation *evaluation = NULL;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    if (status == RISKGAN_OK)
        status = riskgan_detect_fit(table, &options, &detector);
    if (status == RISKGAN_OK)
        status = riskgan_detector_save(detector, output);
    if (status == RISKGAN_OK && !quiet) {
        riskgan_detector_info info;
        riskgan_detector_get_info(detector, &info);
        fprintf(stderr, "%s detector on %zu rows, %zu feature columns", options.method == RISKGAN_DETECT_GAN ? "GAN" : "Isolation Forest",
                info.training_rows, info.columns);
        if (info.few_labels)
            fprintf(stderr, ", %zu labelled anomalies", info.labelled_anomalies);
        fprintf(stderr, " -> %s\n", output);
    }
    if (status == RISKGAN_OK && options.target) {
        status = riskgan_detect_evaluate(detector, table, options.target, options.positive, &evaluation);
        if (status == RISKGAN_OK)
            print_evaluation(evaluation, "training rows (optimistic: the detector saw them)");
    }
    riskgan_detect_evaluation_free(evaluation);
    riskgan_detector_free(detector);
    riskgan_table_free(table);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static int detect_score(int argc, char **argv)
{
    const char *detector_path = NULL, *path = NULL, *output = NULL, *keep = NULL;
    const char *threshold_text = NULL, *rate_text = NULL;
    double threshold = 0, alert_rate = 0.01;
    long explain = 0;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_TEXT("--threshold", NULL, &threshold_text),
        CLI_OPTION_TEXT("--alert-rate", NULL, &rate_text),
        CLI_OPTION_LONG("--explain", NULL, &explain, 0, 1000),
        CLI_OPTION_TEXT("--keep", NULL, &keep),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("detect score", help, argc, argv, accepted_options, 0, NULL, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count > 2)
        return cli_usage_error("detect score", "unexpected argument '%s'", positional[2]);
    detector_path = count > 0 ? positional[0] : NULL;
    path = count > 1 ? positional[1] : NULL;
    int threshold_given = threshold_text != NULL, rate_given = rate_text != NULL;
    if (threshold_given && !cli_parse_double("--threshold", threshold_text, -1e300, 1e300, &threshold))
        return EXIT_USAGE;
    if (rate_given && !cli_parse_double("--alert-rate", rate_text, 0, 1, &alert_rate))
        return EXIT_USAGE;
    if (!detector_path || !path || !output)
        return cli_usage_error("detect score", "need DETECTOR.rdet, NEW.csv and -o SCORES.csv");
    if (threshold_given && rate_given)
        return cli_usage_error("detect score", "give --threshold or --alert-rate, not both");
    riskgan_detector *detector = NULL;
    riskgan_table *table = NULL;
    riskgan_status status = riskgan_detector_load(detector_path, &detector);
    if (status == RISKGAN_OK && !threshold_given)
        threshold = riskgan_detector_threshold(detector, alert_rate);
    if (status == RISKGAN_OK) {
        riskgan_detector_info info;
        riskgan_detector_get_info(detector, &info);
        if ((size_t)explain > info.columns)
            explain = (long)info.columns;
        status = riskgan_detect_read_csv(detector, path, NULL, &table);
    }
    if (status == RISKGAN_OK)
        status = riskgan_detect_write_scores(detector, table, threshold, (size_t)explain, keep, output);
    if (status == RISKGAN_OK)
        fprintf(stderr, "scored %zu rows (threshold %.6g%s) -> %s\n", riskgan_table_rows(table), threshold,
                threshold_given ? "" : ", from the alert rate on the training rows", output);
    riskgan_table_free(table);
    riskgan_detector_free(detector);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static int detect_eval(int argc, char **argv)
{
    const char *detector_path = NULL, *path = NULL, *target = NULL, *positive = NULL, *json = NULL, *html = NULL;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--target", NULL, &target),
        CLI_OPTION_TEXT("--positive", NULL, &positive),
        CLI_OPTION_TEXT("--json", NULL, &json),
        CLI_OPTION_TEXT("--html", NULL, &html),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("detect eval", help, argc, argv, accepted_options, 0, NULL, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count > 2)
        return cli_usage_error("detect eval", "unexpected argument '%s'", positional[2]);
    detector_path = count > 0 ? positional[0] : NULL;
    path = count > 1 ? positional[1] : NULL;
    if (!detector_path || !path || !target)
        return cli_usage_error("detect eval", "need DETECTOR.rdet, LABELLED.csv and --target");
    riskgan_detector *detector = NULL;
    riskgan_table *table = NULL;
    riskgan_detect_evaluation *evaluation = NULL;
    riskgan_status status = riskgan_detector_load(detector_path, &detector);
    if (status == RISKGAN_OK)
        status = riskgan_detect_read_csv(detector, path, NULL, &table);
    if (status == RISKGAN_OK)
        status = riskgan_detect_evaluate(detector, table, target, positive, &evaluation);
    if (status == RISKGAN_OK)
        print_evaluation(evaluation, path);
    if (status == RISKGAN_OK && json)
        status = riskgan_detect_evaluation_write_json(evaluation, json);
    if (status == RISKGAN_OK && html)
        status = riskgan_detect_evaluation_write_html(evaluation, html);
    riskgan_detect_evaluation_free(evaluation);
    riskgan_table_free(table);
    riskgan_detector_free(detector);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static void say(const char *message, void *user)
{
    (void)user;
    fprintf(stderr, "%s\n", message);
}

static int detect_experiment(int argc, char **argv)
{
    const char *path = NULL, *test_path = NULL, *json = NULL;
    riskgan_detect_experiment_options options;
    riskgan_detect_experiment_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    long seeds = -1, epochs = -1;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--target", NULL, &options.target),
        CLI_OPTION_TEXT("--positive", NULL, &options.positive),
        CLI_OPTION_TEXT("--methods", NULL, &options.methods),
        CLI_OPTION_TEXT("--label-fractions", NULL, &options.label_fractions),
        CLI_OPTION_LONG("--seeds", NULL, &seeds, 1, 100),
        CLI_OPTION_DOUBLE("--test-size", NULL, &options.test_size, 0.01, 0.99),
        CLI_OPTION_DOUBLE("--anomaly-share", NULL, &options.anomaly_share, 0, 0.49),
        CLI_OPTION_TEXT("--test", NULL, &test_path),
        CLI_OPTION_TEXT("--json", NULL, &json),
        CLI_OPTION_TEXT("--exclude", NULL, &options.detector.exclude),
        CLI_OPTION_LONG("--epochs", NULL, &epochs, 1, 100000),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("detect experiment", help, argc, argv, accepted_options, CLI_READ | CLI_SEED | CLI_THREADS, &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count > 1)
        return cli_usage_error("detect experiment", "unexpected argument '%s'", positional[1]);
    path = count > 0 ? positional[0] : NULL;
    options.seeds = seeds >= 0 ? (int)seeds : options.seeds;
    options.detector.epochs = epochs >= 0 ? (int)epochs : options.detector.epochs;
    if (!path || !options.target)
        return cli_usage_error("detect experiment", "need DATA.csv and --target");
    options.detector.seed = common.seed;
    options.detector.threads = (int)common.threads;
    options.progress = say;
    riskgan_table *table = NULL, *test = NULL;
    riskgan_detect_experiment *experiment = NULL;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    common.read.query = NULL; /* --query selects the training rows */
    if (status == RISKGAN_OK && test_path)
        status = riskgan_table_read_csv_like(test_path, table, &common.read, &test);
    options.test = test;
    if (status == RISKGAN_OK)
        status = riskgan_detect_experiment_run(table, &options, &experiment);
    if (status == RISKGAN_OK) {
        char *summary = riskgan_detect_experiment_summary(experiment);
        fputs(summary ? summary : "", stdout);
        riskgan_free(summary);
    }
    if (status == RISKGAN_OK && json)
        status = riskgan_detect_experiment_write_json(experiment, json);
    riskgan_detect_experiment_free(experiment);
    riskgan_table_free(test);
    riskgan_table_free(table);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

int command_detect(int argc, char **argv)
{
    static const cli_subcommand subcommands[] = {
        {"fit", detect_fit},
        {"score", detect_score},
        {"eval", detect_eval},
        {"experiment", detect_experiment},
    };
    return cli_dispatch("detect", help, "fit, score, eval or experiment", subcommands, sizeof subcommands / sizeof *subcommands, argc, argv);
}
