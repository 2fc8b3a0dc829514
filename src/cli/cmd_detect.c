/* cmd_detect.c — `riskgan detect fit|score|eval`: anomaly and fraud detectors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

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
    riskgan_detect_evaluation_summary s;
    riskgan_detect_evaluation_get_summary(e, &s);
    printf("%s: %zu rows, %zu anomalies\n  ROC-AUC %.4f  PR-AUC %.4f\n", what, s.rows, s.anomalies, s.roc_auc, s.pr_auc);
    printf("  recall at precision 0.5 / 0.8 / 0.9: %.3f / %.3f / %.3f\n", s.recall_at_precision[0],
           s.recall_at_precision[1], s.recall_at_precision[2]);
    printf("  top 0.1 %% / 1 %% / 5 %%: precision %.3f / %.3f / %.3f, recall %.3f / %.3f / %.3f\n", s.precision_at_top[0],
           s.precision_at_top[1], s.precision_at_top[2], s.recall_at_top[0], s.recall_at_top[1], s.recall_at_top[2]);
}

static int detect_fit(int argc, char **argv)
{
    const char *path = NULL, *output = NULL, *value;
    riskgan_detect_options options;
    riskgan_detect_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    int quiet = 0;
    long number;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--output", &value) || cli_option_value(argc, argv, &i, "-o", &value)) {
            output = value;
        } else if (cli_option_value(argc, argv, &i, "--method", &value)) {
            if (!parse_method(value, &options.method))
                return cli_usage_error("detect fit", "--method must be gan or iforest, got '%s'", value);
        } else if (cli_option_value(argc, argv, &i, "--exclude", &value)) {
            options.exclude = value;
        } else if (cli_option_value(argc, argv, &i, "--target", &value)) {
            options.target = value;
        } else if (cli_option_value(argc, argv, &i, "--labels", &value)) {
            options.labels = value;
        } else if (cli_option_value(argc, argv, &i, "--positive", &value)) {
            options.positive = value;
        } else if (cli_option_value(argc, argv, &i, "--trees", &value)) {
            if (!cli_parse_long("--trees", value, 1, 100000, &number))
                return EXIT_USAGE;
            options.trees = (int)number;
        } else if (cli_option_value(argc, argv, &i, "--subsample", &value)) {
            if (!cli_parse_long("--subsample", value, 2, 1 << 24, &number))
                return EXIT_USAGE;
            options.subsample = (size_t)number;
        } else if (cli_option_value(argc, argv, &i, "--epochs", &value)) {
            if (!cli_parse_long("--epochs", value, 1, 100000, &number))
                return EXIT_USAGE;
            options.epochs = (int)number;
        } else if (cli_option_value(argc, argv, &i, "--hidden", &value)) {
            if (!cli_parse_long("--hidden", value, 1, 4096, &number))
                return EXIT_USAGE;
            options.hidden = (int)number;
        } else if (cli_option_value(argc, argv, &i, "--latent", &value)) {
            if (!cli_parse_long("--latent", value, 0, 4096, &number))
                return EXIT_USAGE;
            options.latent = (int)number;
        } else if (cli_option_value(argc, argv, &i, "--trim", &value)) {
            if (!cli_parse_double("--trim", value, 0, 0.49, &options.trim))
                return EXIT_USAGE;
        } else if (strcmp(a, "--latent-score") == 0) {
            options.latent_score = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (cli_common_option(argc, argv, &i, CLI_READ | CLI_SEED | CLI_THREADS, &common)) {
            /* stored in common */
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("detect fit", "unknown option '%s'", a);
        } else if (!path) {
            path = a;
        } else {
            return cli_usage_error("detect fit", "unexpected argument '%s'", a);
        }
    }
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
    const char *detector_path = NULL, *path = NULL, *output = NULL, *keep = NULL, *value;
    double threshold = 0, alert_rate = 0.01;
    int threshold_given = 0, rate_given = 0;
    long explain = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--output", &value) || cli_option_value(argc, argv, &i, "-o", &value)) {
            output = value;
        } else if (cli_option_value(argc, argv, &i, "--threshold", &value)) {
            if (!cli_parse_double("--threshold", value, -1e300, 1e300, &threshold))
                return EXIT_USAGE;
            threshold_given = 1;
        } else if (cli_option_value(argc, argv, &i, "--alert-rate", &value)) {
            if (!cli_parse_double("--alert-rate", value, 0, 1, &alert_rate))
                return EXIT_USAGE;
            rate_given = 1;
        } else if (cli_option_value(argc, argv, &i, "--explain", &value)) {
            if (!cli_parse_long("--explain", value, 0, 1000, &explain))
                return EXIT_USAGE;
        } else if (cli_option_value(argc, argv, &i, "--keep", &value)) {
            keep = value;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("detect score", "unknown option '%s'", a);
        } else if (!detector_path) {
            detector_path = a;
        } else if (!path) {
            path = a;
        } else {
            return cli_usage_error("detect score", "unexpected argument '%s'", a);
        }
    }
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
    const char *detector_path = NULL, *path = NULL, *target = NULL, *positive = NULL, *json = NULL, *html = NULL, *value;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--target", &value)) {
            target = value;
        } else if (cli_option_value(argc, argv, &i, "--positive", &value)) {
            positive = value;
        } else if (cli_option_value(argc, argv, &i, "--json", &value)) {
            json = value;
        } else if (cli_option_value(argc, argv, &i, "--html", &value)) {
            html = value;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("detect eval", "unknown option '%s'", a);
        } else if (!detector_path) {
            detector_path = a;
        } else if (!path) {
            path = a;
        } else {
            return cli_usage_error("detect eval", "unexpected argument '%s'", a);
        }
    }
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
    const char *path = NULL, *test_path = NULL, *json = NULL, *value;
    riskgan_detect_experiment_options options;
    riskgan_detect_experiment_options_init(&options);
    cli_common_options common;
    cli_common_init(&common);
    long number;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (cli_option_value(argc, argv, &i, "--target", &value)) {
            options.target = value;
        } else if (cli_option_value(argc, argv, &i, "--positive", &value)) {
            options.positive = value;
        } else if (cli_option_value(argc, argv, &i, "--methods", &value)) {
            options.methods = value;
        } else if (cli_option_value(argc, argv, &i, "--label-fractions", &value)) {
            options.label_fractions = value;
        } else if (cli_option_value(argc, argv, &i, "--seeds", &value)) {
            if (!cli_parse_long("--seeds", value, 1, 100, &number))
                return EXIT_USAGE;
            options.seeds = (int)number;
        } else if (cli_option_value(argc, argv, &i, "--test-size", &value)) {
            if (!cli_parse_double("--test-size", value, 0.01, 0.99, &options.test_size))
                return EXIT_USAGE;
        } else if (cli_option_value(argc, argv, &i, "--anomaly-share", &value)) {
            if (!cli_parse_double("--anomaly-share", value, 0, 0.49, &options.anomaly_share))
                return EXIT_USAGE;
        } else if (cli_option_value(argc, argv, &i, "--test", &value)) {
            test_path = value;
        } else if (cli_option_value(argc, argv, &i, "--json", &value)) {
            json = value;
        } else if (cli_option_value(argc, argv, &i, "--exclude", &value)) {
            options.detector.exclude = value;
        } else if (cli_option_value(argc, argv, &i, "--epochs", &value)) {
            if (!cli_parse_long("--epochs", value, 1, 100000, &number))
                return EXIT_USAGE;
            options.detector.epochs = (int)number;
        } else if (cli_common_option(argc, argv, &i, CLI_READ | CLI_SEED | CLI_THREADS, &common)) {
            /* stored in common */
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("detect experiment", "unknown option '%s'", a);
        } else if (!path) {
            path = a;
        } else {
            return cli_usage_error("detect experiment", "unexpected argument '%s'", a);
        }
    }
    if (!path || !options.target)
        return cli_usage_error("detect experiment", "need DATA.csv and --target");
    options.detector.seed = common.seed;
    options.detector.threads = (int)common.threads;
    options.progress = say;
    riskgan_table *table = NULL, *test = NULL;
    riskgan_detect_experiment *experiment = NULL;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    if (status == RISKGAN_OK && test_path)
        status = riskgan_table_read_csv_like(test_path, table, &common.read, &test);
    options.test = test;
    if (status == RISKGAN_OK)
        status = riskgan_detect_experiment_run(table, &options, &experiment);
    if (status == RISKGAN_OK) {
        char *summary = riskgan_detect_experiment_summary(experiment);
        fputs(summary ? summary : "", stdout);
        free(summary);
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
    if (argc < 2 || cli_is_help(argv[1])) {
        fputs(help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "fit") == 0)
        return detect_fit(argc - 1, argv + 1);
    if (strcmp(argv[1], "score") == 0)
        return detect_score(argc - 1, argv + 1);
    if (strcmp(argv[1], "eval") == 0)
        return detect_eval(argc - 1, argv + 1);
    if (strcmp(argv[1], "experiment") == 0)
        return detect_experiment(argc - 1, argv + 1);
    return cli_usage_error("detect", "unknown subcommand '%s' (fit, score, eval or experiment)", argv[1]);
}
