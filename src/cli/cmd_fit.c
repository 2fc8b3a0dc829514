/* cmd_fit.c — `riskgan fit`: read a CSV, fit a synthesizer, write the model file. */
#include "cmd_fit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_args.h"
#include "cli_progress.h"
#include "cli_signals.h"

static const char help[] =
    "Usage: riskgan fit DATA.csv -o MODEL.rgan [OPTIONS]\n"
    "       riskgan fit --metadata METADATA.json -o MODEL.rgan [OPTIONS]   (linked tables)\n"
    "\n"
    "Learns the table with a conditional tabular GAN (default) or a TVAE and writes a\n"
    "self-describing model file for 'riskgan sample'.\n"
    "\n"
    "Linked tables (customers -> accounts -> transactions): give the metadata that\n"
    "'riskgan inspect --relational DIR' drafts instead of a CSV file. Root tables are learned\n"
    "by the synthesizer the options below configure, with each row's number of children;\n"
    "child tables by an event model, one parent's rows after another, keeping the\n"
    "metadata's rules (a running balance) exactly (docs/relational.md).\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE         model file to write (required)\n"
    "  --target NAME             the risk target column (e.g. default): always one-hot encoded;\n"
    "                            by default generated rows draw it from a logistic regression\n"
    "                            on the other columns fitted to the training rows\n"
    "  --model ctgan|tvae        model family (default ctgan)\n"
    "  --preset default|ctgan    'ctgan' = the published CTGAN/TVAE defaults exactly\n"
    "  --epochs N                training epochs (default: chosen from the data: 300 up to\n"
    "                            3,333 rows, then 1,000,000 rows' worth, e.g. 50 epochs of\n"
    "                            20,000 rows; with --epsilon about 420 steps, at most 30\n"
    "                            epochs; TVAE and --preset ctgan: 300)\n"
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
    "  --early-stopping          with epochs chosen from the data, on 5,000 rows or more: hold\n"
    "                            out min(10%, 2,000) rows, check about 12 times how well trees\n"
    "                            tell calibrated generated rows from them, stop after 3 checks\n"
    "                            without a better one, keep the best generator (off: on the\n"
    "                            measured tables it stopped too soon; docs/synthesizer.md)\n"
    "  --max-categories N        categories kept per column, rarer ones grouped (default 50)\n"
    "  --min-category-count K    a category seen in fewer than K training rows is never stored\n"
    "                            in the model nor generated (default 5; the target is exempt)\n"
    "  --extrapolate             generated numbers may leave the observed range\n"
    "  --epsilon E               differential privacy for the whole fit (ctgan): statistics\n"
    "                            from noisy counts, critic trained with DP-SGD; the guarantee\n"
    "                            is printed and stored in the model (docs/privacy.md)\n"
    "  --delta D                 with --epsilon (default: below 1/(10 rows), a power of ten)\n"
    "  --metadata FILE.json      with a CSV and --epsilon: declared bounds, decimals, category\n"
    "                            values and identifiers, which then cost no budget; without a\n"
    "                            CSV: the metadata of linked tables to learn\n"
    "  --event-epochs N          linked tables: passes of the event models over the events\n"
    "                            (default: by the number of events)\n"
    "  --event-adversarial R     linked tables: R rounds of adversarial fine-tuning of the\n"
    "                            event models after maximum likelihood (default 0; an\n"
    "                            experiment, docs/relational.md variant 2)\n"
    "  --counts-only             linked tables: a root row carries its numbers of children\n"
    "                            only, not also their mean numbers and category shares (which\n"
    "                            let siblings follow each other; docs/relational.md variant 3)\n"
    "  --monthly-echoes          linked tables: an event of a kind that comes back a month\n"
    "                            later on the same day (a standing order) can be drawn there\n"
    "                            exactly (off by default: docs/relational.md, monthly echoes)\n"
    "  --any-day-of-month        linked tables: keep events on the day drawn even where the\n"
    "                            data never has their kind (by default a standing order drawn\n"
    "                            off days 5-14, the only days it has, moves to one of them)\n"
    "  --months-may-skip         linked tables: let a kind due every month (interest, a standing\n"
    "                            order) skip months as drawn (by default a drawn date past its\n"
    "                            due date has it on that date first)\n"
    "  --format 'COL:KEY=V,..;..' override a column's learned format: decimals=N|any,\n"
    "                            step=X|none, range=observed|free, values=observed|any\n"
    "  --fit-sample N            column formats, modes, label model and calibration learn from\n"
    "                            all rows up to 2N, else from a seeded sample of N to 2N rows\n"
    "                            (default 100000); the networks always train on every row\n"
    "  --memory-limit MB         a table whose rows need more memory is streamed: read in\n"
    "                            blocks, encoded to a temporary file, trained on a block at a\n"
    "                            time (ctgan; default: half the machine's memory)\n"
    "  --max-steps N             stop training after N generator steps (large tables;\n"
    "                            linked tables: each root table's, default 6000)\n"
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
    "up to floating-point summation order (docs/scaling.md). Rank 0 reports and writes. From a\n"
    "database table each rank reads only its share of the rows (docs/databases.md).\n"
    "\n"
    "Ctrl-C stops training after the current step, finishes the model on the epochs done and\n"
    "saves it; a second Ctrl-C abandons the run and leaves no file behind.\n";

/* What the command line says; numbers left at -1 (0 for the budgets) keep the preset's. */
typedef struct {
    cli_common_options common;
    const char *path, *output, *log_path, *preset, *model, *target, *formats, *metadata_path;
    long epochs, event_epochs, event_adversarial, batch, pac, steps, log_every, max_categories, hidden, min_count, fit_sample, memory_limit, max_steps;
    double epsilon, delta, generator_lr, discriminator_lr, target_weight;
    int extrapolate, quiet, no_calibration, no_label_model, early_stopping, counts_only, monthly_echoes, any_day_of_month,
        months_may_skip;
} fit_arguments;

static int parse_arguments(int argc, char **argv, fit_arguments *a)
{
    *a = (fit_arguments){.preset = "default", .model = "ctgan", .epochs = -1, .batch = -1, .pac = -1, .steps = -1,
                         .log_every = 10, .max_categories = -1, .hidden = -1, .min_count = -1, .fit_sample = -1,
                         .generator_lr = -1, .discriminator_lr = -1, .target_weight = -1};
    cli_common_init(&a->common);
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--output", "-o", &a->output),
        CLI_OPTION_TEXT("--target", NULL, &a->target),
        CLI_OPTION_TEXT("--model", NULL, &a->model),
        CLI_OPTION_TEXT("--preset", NULL, &a->preset),
        CLI_OPTION_LONG("--epochs", NULL, &a->epochs, 1, 1000000),
        CLI_OPTION_LONG("--event-epochs", NULL, &a->event_epochs, 1, 100000),
        CLI_OPTION_LONG("--event-adversarial", NULL, &a->event_adversarial, 0, 1000),
        CLI_OPTION_LONG("--batch-size", NULL, &a->batch, 1, 1000000),
        CLI_OPTION_LONG("--pac", NULL, &a->pac, 1, 100),
        CLI_OPTION_LONG("--hidden", NULL, &a->hidden, 1, 4096),
        CLI_OPTION_LONG("--discriminator-steps", NULL, &a->steps, 1, 100),
        CLI_OPTION_DOUBLE("--generator-lr", NULL, &a->generator_lr, 1e-9, 0.999),
        CLI_OPTION_DOUBLE("--discriminator-lr", NULL, &a->discriminator_lr, 1e-9, 0.999),
        CLI_OPTION_DOUBLE("--target-weight", NULL, &a->target_weight, 0, 1),
        CLI_OPTION_LONG("--min-category-count", NULL, &a->min_count, 1, 1000000000L),
        CLI_OPTION_TEXT("--format", NULL, &a->formats),
        CLI_OPTION_DOUBLE("--epsilon", NULL, &a->epsilon, 1e-6, 1e5),
        CLI_OPTION_DOUBLE("--delta", NULL, &a->delta, 1e-300, 0.5),
        CLI_OPTION_TEXT("--metadata", NULL, &a->metadata_path),
        CLI_OPTION_FLAG("--extrapolate", NULL, &a->extrapolate),
        CLI_OPTION_FLAG("--counts-only", NULL, &a->counts_only),
        CLI_OPTION_FLAG("--monthly-echoes", NULL, &a->monthly_echoes),
        CLI_OPTION_FLAG("--any-day-of-month", NULL, &a->any_day_of_month),
        CLI_OPTION_FLAG("--months-may-skip", NULL, &a->months_may_skip),
        CLI_OPTION_LONG("--memory-limit", NULL, &a->memory_limit, 1, (1L << 40)),
        CLI_OPTION_LONG("--max-steps", NULL, &a->max_steps, 1, (1L << 40)),
        CLI_OPTION_LONG("--fit-sample", NULL, &a->fit_sample, 100, 100000000L),
        CLI_OPTION_LONG("--max-categories", NULL, &a->max_categories, 2, 1000000),
        CLI_OPTION_TEXT("--log", NULL, &a->log_path),
        CLI_OPTION_LONG("--log-every", NULL, &a->log_every, 1, 1000000),
        CLI_OPTION_FLAG("--no-calibration", NULL, &a->no_calibration),
        CLI_OPTION_FLAG("--no-label-model", NULL, &a->no_label_model),
        CLI_OPTION_FLAG("--early-stopping", NULL, &a->early_stopping),
        CLI_OPTION_FLAG("--quiet", "-q", &a->quiet),
        CLI_OPTION_END,
    };
    int parsed = cli_parse_single("fit", help, "CSV file", argc, argv, accepted_options, CLI_READ | CLI_SEED | CLI_THREADS,
                                  &a->common, &a->path);
    if (parsed >= 0)
        return parsed;
    if (!a->path && !a->metadata_path)
        return cli_usage_error("fit", "missing the training CSV file (or --metadata for linked tables)");
    if (!a->path && a->epsilon > 0)
        return cli_usage_error("fit", "linked tables cannot be fitted with --epsilon yet: the event models are not "
                               "private (docs/privacy.md)");
    if (!a->output)
        return cli_usage_error("fit", "missing -o MODEL.rgan");
    return -1;
}

/* The library's options from the arguments (a usage error's exit code, or -1). */
static int fit_options(const fit_arguments *a, riskgan_fit_options *o)
{
    if (strcmp(a->preset, "default") == 0)
        riskgan_fit_options_init(o, RISKGAN_PRESET_DEFAULT);
    else if (strcmp(a->preset, "ctgan") == 0)
        riskgan_fit_options_init(o, RISKGAN_PRESET_CTGAN);
    else
        return cli_usage_error("fit", "--preset must be 'default' or 'ctgan', got '%s'", a->preset);
    if (riskgan_model_kind_from_name(a->model, &o->model) != RISKGAN_OK)
        return cli_usage_error("fit", "--model must be 'ctgan' or 'tvae', got '%s'", a->model);
    o->target = a->target;
    o->seed = a->common.seed;
    o->threads = (int)a->common.threads;
    o->epochs = a->epochs > 0 ? (int)a->epochs : o->epochs;
    o->batch_size = a->batch > 0 ? (int)a->batch : o->batch_size;
    o->pac = a->pac > 0 ? (int)a->pac : o->pac;
    o->discriminator_steps = a->steps > 0 ? (int)a->steps : o->discriminator_steps;
    o->hidden = a->hidden > 0 ? (int)a->hidden : o->hidden;
    o->generator_lr = a->generator_lr > 0 ? a->generator_lr : o->generator_lr;
    o->discriminator_lr = a->discriminator_lr > 0 ? a->discriminator_lr : o->discriminator_lr;
    o->target_condition_weight = a->target_weight >= 0 ? a->target_weight : o->target_condition_weight;
    o->max_categories = a->max_categories > 0 ? (size_t)a->max_categories : o->max_categories;
    o->min_category_count = a->min_count > 0 ? (size_t)a->min_count : o->min_category_count;
    o->fit_sample_rows = a->fit_sample > 0 ? (size_t)a->fit_sample : o->fit_sample_rows;
    o->memory_limit_mb = (size_t)a->memory_limit;
    o->max_steps = a->max_steps;
    o->column_formats = a->formats;
    o->extrapolate = a->extrapolate;
    o->calibrate_marginals = a->no_calibration ? 0 : o->calibrate_marginals;
    o->label_model = a->no_label_model ? 0 : o->label_model;
    o->early_stopping = a->early_stopping ? 1 : o->early_stopping;
    o->epsilon = a->epsilon;
    o->delta = a->delta;
    return -1;
}

/* Says which columns are not modelled as features (identifiers) and which are dates. */
static void report_roles(const riskgan_model *model)
{
    int identifier;
    char format[64];
    for (size_t j = 0; riskgan_model_column_role(model, j, &identifier, format, sizeof format) == RISKGAN_OK; j++) {
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

/* Fits from the file (each rank keeping its share) or from standard input (read once). */
static riskgan_status run_fit(const fit_arguments *a, const riskgan_fit_options *options, riskgan_model **fitted)
{
    if (strcmp(a->path, "-") != 0)
        return riskgan_fit_csv(a->path, &a->common.read, options, fitted);
    riskgan_table *table;
    riskgan_status status = riskgan_table_read_csv(a->path, &a->common.read, &table);
    if (status == RISKGAN_OK)
        status = riskgan_fit(table, options, fitted);
    riskgan_table_free(table);
    return status;
}

/* What the fit did, on standard error. */
static void report_fit(const riskgan_model *fitted, const char *output, const riskgan_privacy_report *privacy,
                       int epochs_chosen, int early_stopping)
{
    riskgan_model_info info;
    riskgan_model_get_info(fitted, &info);
    fprintf(stderr, "riskgan: fitted %s on %s%zu rows (%d epochs, batch %d%s); model written to %s\n",
            riskgan_model_kind_name(info.kind), privacy->private_fit ? "a noisy count of " : "", info.training_rows,
            info.epochs_completed, info.batch_size, riskgan_parallel_ranks() > 1 ? ", data-parallel" : "", output);
    if (epochs_chosen)
        fprintf(stderr, "riskgan: %d epochs were chosen for a table of this size%s; --epochs sets them\n", info.epochs,
                privacy->private_fit ? " and the privacy budget" : "");
    if (early_stopping && !info.held_out_rows)
        fprintf(stderr, "riskgan: early stopping did not run: it watches the epochs the fit chooses (no --epochs, "
                "the default preset) of a ctgan fit of 5,000 rows or more in one process, rows in memory, without "
                "--epsilon or --max-steps\n");
    if (info.held_out_rows)
        fprintf(stderr, "riskgan: early stopping held out %zu rows; the generator of epoch %d was kept (held-out "
                "detection AUC %.3f; without --early-stopping every row trains for every epoch)\n", info.held_out_rows,
                info.best_epoch, info.held_out_detection);
    if (info.training_blocks)
        fprintf(stderr, "riskgan: the rows were streamed: trained on from disk in %zu blocks per epoch and rank "
                "(--memory-limit)\n", info.training_blocks);
    if (info.rows_left_out)
        fprintf(stderr, "riskgan: %zu rows were not trained on: they hold a category or a missing value that the "
                "fit sample (docs/scaling.md) never showed\n", info.rows_left_out);
    if (privacy->private_fit)
        report_privacy(privacy);
}

/* Saves the model (rank 0), writes the loss log, and says how the fit ended. */
static int finish(const fit_arguments *a, riskgan_status status, riskgan_model *fitted, riskgan_status logged,
                  int quiet)
{
    if (!fitted)
        return cli_library_error(status);
    if (!quiet)
        report_roles(fitted);
    riskgan_status saved = riskgan_parallel_rank() == 0 ? riskgan_model_save(fitted, a->output) : RISKGAN_OK;
    riskgan_model_info info;
    riskgan_model_get_info(fitted, &info);
    riskgan_privacy_report privacy;
    riskgan_model_privacy(fitted, &privacy);
    int code = -1;
    if (saved != RISKGAN_OK)
        code = cli_library_error(saved);
    else if (logged != RISKGAN_OK)
        code = cli_library_error(logged);
    else if (status == RISKGAN_ERR_INTERRUPTED) {
        fprintf(stderr, "riskgan: interrupted after %d of %d epochs; the model trained so far is in %s\n",
                info.epochs_completed, info.epochs, a->output);
        code = EXIT_RUNTIME;
    } else if (!quiet) {
        int chosen = a->epochs < 1 && strcmp(a->preset, "default") == 0 && info.kind == RISKGAN_MODEL_CTGAN;
        report_fit(fitted, a->output, &privacy, chosen, a->early_stopping);
    }
    riskgan_model_free(fitted);
    return code >= 0 ? code : EXIT_OK;
}

static void say_event_progress(const char *message, void *user)
{
    if (!*(const int *)user)
        fprintf(stderr, "riskgan: %s\n", message);
}

/* Linked tables: the dataset the metadata names, one model of all its tables. */
static int fit_linked(const fit_arguments *a, const riskgan_fit_options *root)
{
    riskgan_dataset *dataset;
    riskgan_status status = riskgan_dataset_read(a->metadata_path, &dataset);
    if (status != RISKGAN_OK)
        return cli_library_error(status);
    int quiet = a->quiet;
    cli_progress_state progress = {.terminal = isatty(STDERR_FILENO), .quiet = quiet, .log_every = (int)a->log_every};
    riskgan_relational_fit_options o;
    riskgan_relational_fit_options_init(&o);
    o.root = *root;
    o.root.progress = cli_on_progress;
    o.root.progress_user = &progress;
    o.epochs = a->event_epochs > 0 ? (int)a->event_epochs : 0;
    o.adversarial_rounds = (int)a->event_adversarial;
    o.counts_only = a->counts_only;
    o.monthly_echoes = a->monthly_echoes;
    o.days_of_month = !a->any_day_of_month;
    o.monthly_kinds = !a->months_may_skip;
    o.seed = a->common.seed;
    o.threads = (int)a->common.threads;
    o.progress = say_event_progress;
    o.progress_user = &quiet;
    o.stop = cli_stop_on_interrupt();
    riskgan_relational_model *model = NULL;
    status = riskgan_relational_fit(dataset, &o, &model);
    riskgan_dataset_free(dataset);
    if (status == RISKGAN_OK)
        status = riskgan_relational_model_save(model, a->output);
    riskgan_relational_model_free(model);
    if (status != RISKGAN_OK)
        return cli_library_error(status);
    if (!quiet)
        fprintf(stderr, "riskgan: model of linked tables written to %s\n", a->output);
    return EXIT_OK;
}

int command_fit(int argc, char **argv)
{
    fit_arguments a;
    riskgan_fit_options options;
    int code = parse_arguments(argc, argv, &a);
    if (code < 0)
        code = fit_options(&a, &options);
    if (code >= 0)
        return code;
    if (!a.path)
        return fit_linked(&a, &options);
    char *metadata = NULL;
    if (a.metadata_path && !(metadata = cli_read_text_file(a.metadata_path)))
        return EXIT_RUNTIME;
    options.metadata = metadata;
    const char *problem = riskgan_fit_options_check(&options);
    if (problem) {
        free(metadata);
        return cli_usage_error("fit", "%s", problem);
    }
    int quiet = a.quiet || riskgan_parallel_rank() != 0; /* rank 0 alone reports and writes */
    const char *log_path = riskgan_parallel_rank() == 0 ? a.log_path : NULL;
    cli_progress_state progress = {.terminal = isatty(STDERR_FILENO), .quiet = quiet, .log_every = (int)a.log_every};
    char *log_text = NULL;
    size_t log_length = 0;
    if (log_path) {
        if (!(progress.log = open_memstream(&log_text, &log_length))) {
            free(metadata);
            fprintf(stderr, "riskgan: error: out of memory for the loss log\n");
            return EXIT_RUNTIME;
        }
        fprintf(progress.log, "epoch,generator_loss,discriminator_loss,seconds\n");
    }
    options.progress = cli_on_progress;
    options.progress_user = &progress;
    options.stop = cli_stop_on_interrupt();
    riskgan_model *fitted = NULL;
    riskgan_status status = run_fit(&a, &options, &fitted);
    free(metadata);
    riskgan_status logged = RISKGAN_OK;
    if (progress.log) {
        fclose(progress.log);
        logged = riskgan_write_file(log_path, log_text, log_length);
        free(log_text);
    }
    if (progress.terminal && !quiet && status != RISKGAN_OK)
        fputc('\n', stderr);
    return finish(&a, status, fitted, logged, quiet);
}
