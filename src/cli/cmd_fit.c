/* cmd_fit.c — `riskgan fit`: read a CSV, fit a synthesizer, write the model file. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
    "Usage: riskgan fit DATA.csv -o MODEL.rgan [OPTIONS]\n"
    "\n"
    "Learns the table with a conditional tabular GAN (default) or a TVAE and writes a\n"
    "self-describing model file for 'riskgan sample'.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE         model file to write (required)\n"
    "  --target NAME             the risk target column (e.g. default): always one-hot encoded;\n"
    "                            by default generated rows draw it from a logistic regression\n"
    "                            on the other columns fitted to the training rows\n"
    "  --model ctgan|tvae        model family (default ctgan)\n"
    "  --preset default|ctgan    'ctgan' = the published CTGAN/TVAE defaults exactly\n"
    "  --epochs N                training epochs (default 300)\n"
    "  --batch-size N            rows per step, a multiple of --pac (default: rows/10,\n"
    "                            clamped to [50, 500]; 500 with --preset ctgan)\n"
    "  --pac N                   rows per PacGAN pack (default 10)\n"
    "  --hidden N                width of the hidden layers (default: CTGAN 256, TVAE 128)\n"
    "  --discriminator-steps N   critic updates per generator update (default 5; ctgan preset 1)\n"
    "  --generator-lr X          Adam learning rate of the generator (default 2e-4; TVAE 1e-3)\n"
    "  --discriminator-lr X      Adam learning rate of the critic (default 2e-4)\n"
    "  --target-weight X         share of steps conditioned on the target (default 0: uniform)\n"
    "  --no-calibration          skip the marginal calibration of the default preset\n"
    "  --no-label-model          let the network generate the target itself\n"
    "  --max-categories N        categories kept per column, rarer ones grouped (default 50)\n"
    "  --min-category-count K    a category seen in fewer than K training rows is never stored\n"
    "                            in the model nor generated (default 5; the target is exempt)\n"
    "  --extrapolate             generated numbers may leave the observed range\n"
    "  --epsilon E               differential privacy for the whole fit (ctgan): statistics\n"
    "                            from noisy counts, critic trained with DP-SGD; the guarantee\n"
    "                            is printed and stored in the model (docs/privacy.md)\n"
    "  --delta D                 with --epsilon (default: below 1/(10 rows), a power of ten)\n"
    "  --metadata FILE.json      with --epsilon: declared bounds, decimals, category values\n"
    "                            and identifiers, which then cost no budget\n"
    "  --format 'COL:KEY=V,..;..' override a column's learned format: decimals=N|any,\n"
    "                            step=X|none, range=observed|free, values=observed|any\n"
    "  --fit-sample N            column formats, modes, label model and calibration learn from\n"
    "                            all rows up to 2N, else from a seeded sample of N to 2N rows\n"
    "                            (default 100000); the networks always train on every row\n"
    "  --memory-limit MB         a table whose rows need more memory is streamed: read in\n"
    "                            blocks, encoded to a temporary file, trained on a block at a\n"
    "                            time (ctgan; default: half the machine's memory)\n"
    "  --max-steps N             stop training after N generator steps (large tables)\n"
    "  --seed S                  random seed (default 0); same seed + threads = same model\n"
    "  --threads T               threads for OpenMP and OpenBLAS (default: all cores)\n"
    CLI_READ_HELP
    "  --log FILE                write epoch, losses and seconds per epoch as CSV (at the end)\n"
    "  --log-every N             without a terminal, print a line every N epochs (default 10)\n"
    "  -q, --quiet               no progress output\n"
    "  -h, --help                show this help\n"
    "\n"
    "Identifier columns (--id, or detected: unique per row) are not modelled; generated rows\n"
    "get fresh identifiers. Generated numbers keep each column's format: integers, the\n"
    "decimals seen, a grid the values lie on, the observed range, and only observed values\n"
    "for columns with few of them (docs/data-integrity.md).\n"
    "\n"
    "Data-parallel: 'mpirun -np N riskgan fit ...' (a build with -DRISKGAN_MPI=ON) trains on\n"
    "N ranks, each holding its share of the rows; the model is the one a single process fits,\n"
    "up to floating-point summation order (docs/scaling.md). Rank 0 reports and writes.\n"
    "\n"
    "Ctrl-C stops training after the current step, finishes the model on the epochs done and\n"
    "saves it; a second Ctrl-C abandons the run and leaves no file behind.\n";

static volatile int stop_requested;

static void on_interrupt(int signal_number)
{
    if (stop_requested)
        cli_cleanup_and_die(signal_number);
    stop_requested = 1;
}

/* Says which columns are not modelled as features (identifiers) and which are dates. */
static void report_roles(const riskgan_model *model)
{
    int identifier;
    char format[64];
    for (size_t j = 0; riskgan_model_column_role(model, j, &identifier, format, sizeof format) == 0; j++) {
        const char *name = riskgan_model_column_name(model, j);
        if (identifier)
            fprintf(stderr, "riskgan: '%s' is an identifier: not modelled; generated rows get fresh values\n", name);
        else if (format[0])
            fprintf(stderr, "riskgan: '%s' holds dates (%s): modelled as time, written in that format\n", name, format);
    }
}

/* The guarantee and how the budget was spent. */
static void report_privacy(const riskgan_privacy_report *p)
{
    fprintf(stderr,
            "riskgan: differential privacy: (epsilon %.4g, delta %.3g) for the whole fit\n"
            "  column statistics: %zu noisy counts per row, noise sd %.3g (alone: epsilon %.3g); "
            "category release: delta %.3g; label model alone: epsilon %.3g\n"
            "  critic (DP-SGD): %ld steps, sample rate %.4g, clip norm %.3g, noise multiplier %.4g\n",
            p->epsilon, p->delta, p->unit_queries, p->count_noise, p->statistics_epsilon, p->release_delta,
            p->label_model_epsilon,
            p->critic_steps, p->sample_rate, p->clip_norm, p->noise_multiplier);
}

int command_fit(int argc, char **argv)
{
    cli_common_options common;
    cli_common_init(&common);
    const char *path = NULL, *output = NULL, *log_path = NULL, *value, *preset = "default", *model = "ctgan";
    const char *target = NULL;
    long epochs = -1, batch = -1, pac = -1, steps = -1, log_every = 10, max_categories = -1, hidden = -1,
         min_count = -1, fit_sample = -1, memory_limit = 0, max_steps = 0;
    const char *formats = NULL, *metadata_path = NULL;
    int extrapolate = 0;
    double epsilon = 0, delta = 0;
    double generator_lr = -1, discriminator_lr = -1, target_weight = -1;
    int quiet = 0, no_calibration = 0, no_label_model = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define OPTION(name) cli_option_value(argc, argv, &i, name, &value)
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (OPTION("--output") || OPTION("-o")) {
            output = value;
        } else if (OPTION("--target")) {
            target = value;
        } else if (OPTION("--model")) {
            model = value;
        } else if (OPTION("--preset")) {
            preset = value;
        } else if (OPTION("--epochs")) {
            if (!cli_parse_long("--epochs", value, 1, 1000000, &epochs))
                return EXIT_USAGE;
        } else if (OPTION("--batch-size")) {
            if (!cli_parse_long("--batch-size", value, 1, 1000000, &batch))
                return EXIT_USAGE;
        } else if (OPTION("--pac")) {
            if (!cli_parse_long("--pac", value, 1, 100, &pac))
                return EXIT_USAGE;
        } else if (OPTION("--hidden")) {
            if (!cli_parse_long("--hidden", value, 1, 4096, &hidden))
                return EXIT_USAGE;
        } else if (OPTION("--discriminator-steps")) {
            if (!cli_parse_long("--discriminator-steps", value, 1, 100, &steps))
                return EXIT_USAGE;
        } else if (OPTION("--generator-lr")) {
            if (!cli_parse_double("--generator-lr", value, 1e-9, 0.999, &generator_lr))
                return EXIT_USAGE;
        } else if (OPTION("--discriminator-lr")) {
            if (!cli_parse_double("--discriminator-lr", value, 1e-9, 0.999, &discriminator_lr))
                return EXIT_USAGE;
        } else if (OPTION("--target-weight")) {
            if (!cli_parse_double("--target-weight", value, 0, 1, &target_weight))
                return EXIT_USAGE;
        } else if (OPTION("--min-category-count")) {
            if (!cli_parse_long("--min-category-count", value, 1, 1000000000L, &min_count))
                return EXIT_USAGE;
        } else if (OPTION("--format")) {
            formats = value;
        } else if (OPTION("--epsilon")) {
            if (!cli_parse_double("--epsilon", value, 1e-6, 1e5, &epsilon))
                return EXIT_USAGE;
        } else if (OPTION("--delta")) {
            if (!cli_parse_double("--delta", value, 1e-300, 0.5, &delta))
                return EXIT_USAGE;
        } else if (OPTION("--metadata")) {
            metadata_path = value;
        } else if (strcmp(a, "--extrapolate") == 0) {
            extrapolate = 1;
        } else if (OPTION("--memory-limit")) {
            if (!cli_parse_long("--memory-limit", value, 1, 1L << 40, &memory_limit))
                return EXIT_USAGE;
        } else if (OPTION("--max-steps")) {
            if (!cli_parse_long("--max-steps", value, 1, 1L << 40, &max_steps))
                return EXIT_USAGE;
        } else if (OPTION("--fit-sample")) {
            if (!cli_parse_long("--fit-sample", value, 100, 100000000L, &fit_sample))
                return EXIT_USAGE;
        } else if (OPTION("--max-categories")) {
            if (!cli_parse_long("--max-categories", value, 2, 1000000, &max_categories))
                return EXIT_USAGE;
        } else if (cli_common_option(argc, argv, &i, CLI_READ | CLI_SEED | CLI_THREADS, &common)) {
            /* stored in common */
        } else if (OPTION("--log")) {
            log_path = value;
        } else if (OPTION("--log-every")) {
            if (!cli_parse_long("--log-every", value, 1, 1000000, &log_every))
                return EXIT_USAGE;
        } else if (strcmp(a, "--no-calibration") == 0) {
            no_calibration = 1;
        } else if (strcmp(a, "--no-label-model") == 0) {
            no_label_model = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("fit", "unknown option '%s'", a);
        } else if (path) {
            return cli_usage_error("fit", "one CSV file expected, got '%s' and '%s'", path, a);
        } else {
            path = a;
        }
#undef OPTION
    }
    if (!path)
        return cli_usage_error("fit", "missing the training CSV file");
    if (!output)
        return cli_usage_error("fit", "missing -o MODEL.rgan");
    riskgan_fit_options options;
    if (strcmp(preset, "default") == 0)
        riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    else if (strcmp(preset, "ctgan") == 0)
        riskgan_fit_options_init(&options, RISKGAN_PRESET_CTGAN);
    else
        return cli_usage_error("fit", "--preset must be 'default' or 'ctgan', got '%s'", preset);
    if (riskgan_model_kind_from_name(model, &options.model) != RISKGAN_OK)
        return cli_usage_error("fit", "--model must be 'ctgan' or 'tvae', got '%s'", model);
    options.target = target;
    options.seed = common.seed;
    options.threads = (int)common.threads;
    if (epochs > 0)
        options.epochs = (int)epochs;
    if (batch > 0)
        options.batch_size = (int)batch;
    if (pac > 0)
        options.pac = (int)pac;
    if (steps > 0)
        options.discriminator_steps = (int)steps;
    if (hidden > 0)
        options.hidden = (int)hidden;
    if (generator_lr > 0)
        options.generator_lr = generator_lr;
    if (discriminator_lr > 0)
        options.discriminator_lr = discriminator_lr;
    if (target_weight >= 0)
        options.target_condition_weight = target_weight;
    if (max_categories > 0)
        options.max_categories = (size_t)max_categories;
    if (min_count > 0)
        options.min_category_count = (size_t)min_count;
    if (fit_sample > 0)
        options.fit_sample_rows = (size_t)fit_sample;
    options.memory_limit_mb = (size_t)memory_limit;
    options.max_steps = max_steps;
    options.column_formats = formats;
    options.extrapolate = extrapolate;
    if (no_calibration)
        options.calibrate_marginals = 0;
    if (no_label_model)
        options.label_model = 0;
    options.epsilon = epsilon;
    options.delta = delta;
    char *metadata = NULL;
    if (metadata_path && !(metadata = cli_read_text_file(metadata_path)))
        return EXIT_RUNTIME;
    options.metadata = metadata;
    const char *problem = riskgan_fit_options_check(&options);
    if (problem) {
        free(metadata);
        return cli_usage_error("fit", "%s", problem);
    }

    int rank = riskgan_parallel_rank(); /* rank 0 alone reports and writes */
    if (rank != 0)
        quiet = 1, log_path = NULL;
    cli_progress_state progress = {.terminal = isatty(STDERR_FILENO), .quiet = quiet, .log_every = (int)log_every};
    char *log_text = NULL;
    size_t log_length = 0;
    if (log_path) {
        progress.log = open_memstream(&log_text, &log_length);
        if (!progress.log) {
            free(metadata);
            fprintf(stderr, "riskgan: error: out of memory for the loss log\n");
            return EXIT_RUNTIME;
        }
        fprintf(progress.log, "epoch,generator_loss,discriminator_loss,seconds\n");
    }
    options.progress = cli_on_progress;
    options.progress_user = &progress;
    options.stop = &stop_requested;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);

    /* a file is read by the library, each rank keeping its share; standard input is read once */
    riskgan_model *fitted = NULL;
    riskgan_status status;
    if (strcmp(path, "-") == 0) {
        riskgan_table *table;
        status = riskgan_table_read_csv(path, &common.read, &table);
        if (status == RISKGAN_OK)
            status = riskgan_fit(table, &options, &fitted);
        riskgan_table_free(table);
    } else {
        status = riskgan_fit_csv(path, &common.read, &options, &fitted);
    }
    free(metadata);
    riskgan_status logged = RISKGAN_OK;
    if (progress.log) {
        fclose(progress.log);
        logged = riskgan_write_file(log_path, log_text, log_length);
        free(log_text);
    }
    if (progress.terminal && !quiet && status != RISKGAN_OK)
        fputc('\n', stderr);
    if (!fitted)
        return cli_library_error(status);
    if (!quiet)
        report_roles(fitted);
    riskgan_status saved = rank == 0 ? riskgan_model_save(fitted, output) : RISKGAN_OK;
    riskgan_model_info info;
    riskgan_model_get_info(fitted, &info);
    riskgan_privacy_report privacy;
    riskgan_model_privacy(fitted, &privacy);
    riskgan_model_free(fitted);
    if (saved != RISKGAN_OK)
        return cli_library_error(saved);
    if (logged != RISKGAN_OK)
        return cli_library_error(logged);
    if (status == RISKGAN_ERR_INTERRUPTED) {
        fprintf(stderr, "riskgan: interrupted after %d of %d epochs; the model trained so far is in %s\n",
                info.epochs_completed, info.epochs, output);
        return EXIT_RUNTIME;
    }
    if (!quiet)
        fprintf(stderr, "riskgan: fitted %s on %s%zu rows (%d epochs, batch %d%s); model written to %s\n",
                riskgan_model_kind_name(info.kind), privacy.private_fit ? "a noisy count of " : "",
                info.training_rows, info.epochs_completed, info.batch_size, riskgan_parallel_ranks() > 1 ? ", data-parallel" : "",
                output);
    if (!quiet && info.training_blocks)
        fprintf(stderr, "riskgan: the rows were streamed: trained on from disk in %zu blocks per epoch and rank "
                "(--memory-limit)\n", info.training_blocks);
    if (!quiet && info.rows_left_out)
        fprintf(stderr, "riskgan: %zu rows were not trained on: they hold a category or a missing value that the "
                "fit sample (docs/scaling.md) never showed\n", info.rows_left_out);
    if (!quiet && privacy.private_fit)
        report_privacy(&privacy);
    return EXIT_OK;
}
