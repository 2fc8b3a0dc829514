/* cmd_risk.c — `riskgan risk fit`, `risk score` and `risk bin`: the risk model itself and the
 * optimal bins a scorecard is built on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_risk.h"

#include "cli_args.h"


static const char help[] =
    "Usage: riskgan risk fit DATA.csv --target COLUMN -o RISK.model\n"
    "                        [--algo xgboost|logreg|scorecard] [--positive VALUE]\n"
    "                        [--scorecard CARD.csv] [--html CARD.html] [--seed S] [--threads T]\n"
    "                        [--oot-column C --oot-from V] [--validation V.json]\n"
    "                        [--discrete a,b] [--continuous a,b] [--missing LIST]\n"
    "                        scorecard: [--min-iv 0.02] [--max-correlation 0.7] [--stepwise]\n"
    "                        [--base-points 600] [--base-odds 50] [--pdo 20] and the bin options\n"
    "       riskgan risk score RISK.model NEW.csv -o SCORES.csv [--reasons K]\n"
    "       riskgan risk validate RISK.model NAME=DATA.csv... [--json F] [--html F]\n"
    "       riskgan risk monitor RISK.model --baseline A.csv --current B.csv [--json F] [--html F]\n"
    "       riskgan risk bin DATA.csv --target COLUMN [--positive VALUE] [-o BINS.csv]\n"
    "                        [--max-bins 10] [--min-bin-share 0.05] [--trend SPEC]\n"
    "                        [--special -999,-1] [--threads T]\n"
    "\n"
    "fit    trains a probability-of-default model: XGBoost (200 trees, depth 4, learning rate\n"
    "       0.1; default), L2 logistic regression (liblinear) on standardized numbers and\n"
    "       one-hot categories, or a scorecard (docs/scorecard.md): features binned as `risk bin`\n"
    "       does, kept when their IV reaches --min-iv, the weaker of each pair whose WoE\n"
    "       correlate beyond --max-correlation dropped, a logistic regression on WoE refitted\n"
    "       until every coefficient has WoE's sign (--stepwise: of the features kept, those a\n"
    "       forward selection by BIC adds), points scaled so that --base-points stand\n"
    "       at --base-odds (good:bad) and --pdo points double the odds. --scorecard writes the\n"
    "       card (feature,bin,count,events,event_rate,woe,iv,points; logreg: points per unit);\n"
    "       --html the card as a page (IV ranking, bins, scores by class, gains on DATA.csv).\n"
    "       --oot-column C --oot-from V fits on the rows before V (a date, number or text in\n"
    "       C) and validates on the rest, out of time; --validation writes the validation of\n"
    "       the training rows (and the out-of-time ones) as `risk validate` does.\n"
    "score  writes row, probability (of the positive class) and score for every row: a\n"
    "       scorecard's points, else 600 + 20 / ln 2 * ln(odds of the negative class).\n"
    "       --reasons K (scorecards) adds reason_1..K: the features whose bins lost the most\n"
    "       points against their best bin (adverse-action reasons).\n"
    "validate  ranking and calibration on labelled data sets (train=a.csv test=b.csv\n"
    "       oot=c.csv): ROC-AUC, Gini, KS, PR-AUC, Brier, Hosmer-Lemeshow (10 groups, its\n"
    "       p-value) and a gains table of ten score bands, riskiest first; --html writes them\n"
    "       side by side with each set's calibration plot.\n"
    "monitor  population stability of a live model: the score's PSI over ten bands at the\n"
    "       baseline's score deciles and, for a scorecard, each card feature's CSI over its\n"
    "       bins; lights: below 0.10 stable, 0.10-0.25 watch, above 0.25 act (--html: a page\n"
    "       with the bands' shares and the lights).\n"
    "bin    cuts every feature into optimal bins against the target (docs/scorecard.md): numbers\n"
    "       into at most --max-bins ranges of at least --min-bin-share of the rows, maximizing\n"
    "       information value (IV) under a monotone event rate, found exactly; a peak or valley\n"
    "       where it pays (--trend auto), or as asked: --trend ascending|descending|peak|valley,\n"
    "       or per column: --trend age=ascending,income=peak; categories grouped by event rate;\n"
    "       missing values and --special values in bins of their own. Prints every feature's\n"
    "       IV, KS and Gini (strongest first); -o writes\n"
    "       feature,bin,count,events,event_rate,woe,iv (WoE = ln(non-event share / event share)).\n";

/* The bin options both `risk bin` and `risk fit --algo scorecard` take. */
typedef struct {
    const char *trend, *specials;
    long max_bins;
    double min_share, special[64];
} bin_arguments;

#define BIN_OPTIONS(a)                                                                                                 \
    CLI_OPTION_TEXT("--trend", NULL, &(a)->trend), CLI_OPTION_TEXT("--special", NULL, &(a)->specials),                 \
        CLI_OPTION_LONG("--max-bins", NULL, &(a)->max_bins, 1, 100),                                                   \
        CLI_OPTION_DOUBLE("--min-bin-share", NULL, &(a)->min_share, 0, 0.49)

static long parse_specials(const char *text, double *out, size_t room);

/* The binning options from the arguments; -1 (after a usage message) on a bad --special. */
static int binning_options(const char *command, bin_arguments *a, int threads, riskgan_binning_options *o)
{
    long count = a->specials ? parse_specials(a->specials, a->special, sizeof a->special / sizeof *a->special) : 0;
    if (count < 0)
        return cli_usage_error(command, "--special needs a comma list of at most 64 numbers, got '%s'", a->specials);
    riskgan_binning_options_init(o);
    o->max_bins = (size_t)a->max_bins, o->min_bin_share = a->min_share, o->trends = a->trend, o->threads = threads;
    o->specials = a->special, o->special_count = (size_t)count;
    return 0;
}

static riskgan_status fit_model(const riskgan_table *table, const char *target, const char *positive,
                                riskgan_risk_algorithm algorithm, const riskgan_scorecard_options *card,
                                const cli_common_options *common, riskgan_risk_model **model)
{
    if (algorithm == RISKGAN_RISK_SCORECARD)
        return riskgan_risk_fit_scorecard(table, target, positive, card, model);
    return riskgan_risk_fit(table, target, positive, algorithm, common->seed, (int)common->threads, model);
}

static void print_validation(const char *name, const riskgan_validation *v);

/* The validation of the training rows and, with an out-of-time cut, of the later rows:
 * printed, and written to `path` (may be NULL). */
static riskgan_status validate_fit(const riskgan_risk_model *model, const riskgan_table *train,
                                   const riskgan_table *oot, const char *path)
{
    const char *names[2] = {"train", "oot"};
    riskgan_validation v[2];
    size_t count = oot ? 2 : 1;
    riskgan_status status = riskgan_risk_validate(model, train, &v[0]);
    if (status == RISKGAN_OK && oot)
        status = riskgan_risk_validate(model, oot, &v[1]);
    if (status == RISKGAN_OK && path)
        status = riskgan_validation_write_json(names, v, count, path);
    for (size_t i = 0; status == RISKGAN_OK && i < count; i++)
        print_validation(names[i], &v[i]);
    return status;
}

static int risk_fit(int argc, char **argv)
{
    const char *path = NULL, *target = NULL, *output = NULL, *algo = "xgboost", *positive = NULL, *card = NULL;
    const char *html = NULL, *oot_column = NULL, *oot_from = NULL, *validation = NULL;
    cli_common_options common;
    cli_common_init(&common);
    bin_arguments bins = {.trend = "auto", .max_bins = 10, .min_share = 0.05};
    riskgan_scorecard_options scorecard;
    riskgan_scorecard_options_init(&scorecard);
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--target", NULL, &target),
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_TEXT("--algo", NULL, &algo),
        CLI_OPTION_TEXT("--positive", NULL, &positive),
        CLI_OPTION_TEXT("--scorecard", NULL, &card),
        CLI_OPTION_TEXT("--html", NULL, &html),
        CLI_OPTION_TEXT("--oot-column", NULL, &oot_column),
        CLI_OPTION_TEXT("--oot-from", NULL, &oot_from),
        CLI_OPTION_TEXT("--validation", NULL, &validation),
        BIN_OPTIONS(&bins),
        CLI_OPTION_DOUBLE("--min-iv", NULL, &scorecard.min_iv, 0, 10),
        CLI_OPTION_DOUBLE("--max-correlation", NULL, &scorecard.max_correlation, 0.01, 1),
        CLI_OPTION_FLAG("--stepwise", NULL, &scorecard.stepwise),
        CLI_OPTION_DOUBLE("--base-points", NULL, &scorecard.base_points, -1e6, 1e6),
        CLI_OPTION_DOUBLE("--base-odds", NULL, &scorecard.base_odds, 1e-6, 1e6),
        CLI_OPTION_DOUBLE("--pdo", NULL, &scorecard.pdo, 1e-3, 1e4),
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
    else if (strcmp(algo, "scorecard") == 0)
        algorithm = RISKGAN_RISK_SCORECARD;
    else
        return cli_usage_error("risk fit", "--algo must be xgboost, logreg or scorecard, got '%s'", algo);
    if (card && algorithm == RISKGAN_RISK_XGBOOST)
        return cli_usage_error("risk fit", "--scorecard needs --algo scorecard or logreg");
    if (html && algorithm != RISKGAN_RISK_SCORECARD)
        return cli_usage_error("risk fit", "--html needs --algo scorecard");
    if (!oot_column != !oot_from)
        return cli_usage_error("risk fit", "--oot-column and --oot-from go together");
    if (binning_options("risk fit", &bins, (int)common.threads, &scorecard.binning) != 0)
        return EXIT_USAGE;
    riskgan_table *table = NULL, *train = NULL, *oot = NULL;
    riskgan_risk_model *model = NULL;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    if (status == RISKGAN_OK && oot_column)
        status = riskgan_table_cut(table, oot_column, oot_from, &train, &oot);
    const riskgan_table *fitted = train ? train : table;
    if (status == RISKGAN_OK)
        status = fit_model(fitted, target, positive, algorithm, &scorecard, &common, &model);
    if (status == RISKGAN_OK)
        status = riskgan_risk_model_save(model, output);
    if (status == RISKGAN_OK && card)
        status = riskgan_risk_write_scorecard(model, card);
    if (status == RISKGAN_OK && html)
        status = riskgan_risk_write_scorecard_html(model, fitted, html);
    if (status == RISKGAN_OK && (validation || oot))
        status = validate_fit(model, fitted, oot, validation);
    riskgan_risk_model_free(model);
    riskgan_table_free(table), riskgan_table_free(train), riskgan_table_free(oot);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static int risk_score(int argc, char **argv)
{
    const char *model_path = NULL, *path = NULL, *output = NULL;
    long reasons = 0;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_LONG("--reasons", NULL, &reasons, 0, 100),
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
        status = riskgan_risk_write_scores_with_reasons(model, table, (size_t)reasons, output);
    riskgan_table_free(table);
    riskgan_risk_model_free(model);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

/* "-999,-1" as numbers (at most `room`); -1 on a bad list. */
static long parse_specials(const char *text, double *out, size_t room)
{
    size_t count = 0;
    for (const char *item = text; *item; count++) {
        size_t length = strcspn(item, ",");
        char number[64];
        if (count == room || length == 0 || length >= sizeof number)
            return -1;
        snprintf(number, sizeof number, "%.*s", (int)length, item);
        if (cli_parse_double("--special", number, -1e300, 1e300, &out[count]) != 0)
            return -1;
        item += length + (item[length] == ',');
    }
    return (long)count;
}

/* IV's usual reading (Siddiqi): below 0.02 not predictive, to 0.1 weak, to 0.3 medium, to
 * 0.5 strong, above: too good, check for a leak. */
static const char *iv_strength(double iv)
{
    return iv < 0.02 ? "none" : iv < 0.1 ? "weak" : iv < 0.3 ? "medium" : iv < 0.5 ? "strong" : "suspicious";
}

static int by_iv(const void *a, const void *b)
{
    double x = ((const riskgan_binned_feature *)a)->iv, y = ((const riskgan_binned_feature *)b)->iv;
    return (x < y) - (x > y);
}

static void print_binning(const riskgan_binning *binning)
{
    static const char *const trends[] = {"auto", "ascending", "descending", "peak", "valley"};
    size_t n = riskgan_binning_features(binning);
    riskgan_binned_feature *f = calloc(n + 1, sizeof *f);
    for (size_t i = 0; f && i < n; i++)
        riskgan_binning_feature(binning, i, &f[i]);
    if (f)
        qsort(f, n, sizeof *f, by_iv);
    printf("%-28s %-11s %5s %8s %7s %7s  %s\n", "feature", "trend", "bins", "IV", "KS", "Gini", "IV reads");
    for (size_t i = 0; f && i < n; i++)
        printf("%-28s %-11s %5zu %8.4f %7.4f %7.4f  %s\n", f[i].name, f[i].categorical ? "categories" : trends[f[i].trend],
               f[i].bins, f[i].iv, f[i].ks, f[i].gini, iv_strength(f[i].iv));
    free(f);
}

static int risk_bin(int argc, char **argv)
{
    const char *target = NULL, *output = NULL, *positive = NULL;
    bin_arguments bins = {.trend = "auto", .max_bins = 10, .min_share = 0.05};
    cli_common_options common;
    cli_common_init(&common);
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--target", NULL, &target),
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_TEXT("--positive", NULL, &positive),
        BIN_OPTIONS(&bins),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("risk bin", help, argc, argv, accepted_options, CLI_READ | CLI_THREADS, &common,
                                  positional, &count);
    if (parsed >= 0)
        return parsed;
    const char *path = count ? positional[count - 1] : NULL;
    if (!path || !target)
        return cli_usage_error("risk bin", "need DATA.csv and --target");
    riskgan_binning_options o;
    if (binning_options("risk bin", &bins, (int)common.threads, &o) != 0)
        return EXIT_USAGE;
    riskgan_table *table = NULL;
    riskgan_binning *binning = NULL;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    if (status == RISKGAN_OK)
        status = riskgan_bin(table, target, positive, &o, &binning);
    if (status == RISKGAN_OK && output)
        status = riskgan_binning_write_csv(binning, output);
    if (status == RISKGAN_OK)
        print_binning(binning);
    riskgan_binning_free(binning);
    riskgan_table_free(table);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static void print_validation(const char *name, const riskgan_validation *v)
{
    printf("%s: %zu rows, %zu events: ROC-AUC %.4f  Gini %.4f  KS %.4f  PR-AUC %.4f  Brier %.4f  "
           "Hosmer-Lemeshow %.2f (p %.3f)\n", name, v->rows, v->events, v->auc, v->gini, v->ks, v->pr_auc, v->brier,
           v->hosmer_lemeshow, v->hosmer_lemeshow_p);
    printf("  %-4s %-19s %7s %7s %8s %10s %6s\n", "band", "scores", "rows", "events", "rate", "caught", "lift");
    for (size_t g = 0; g < 10; g++) {
        const riskgan_gains_band *b = &v->gains[g];
        printf("  %-4zu %8.1f-%-10.1f %7zu %7zu %8.4f %10.4f %6.2f\n", g + 1, b->low_score, b->high_score, b->rows,
               b->events, b->event_rate, b->cumulative_event_share, b->lift);
    }
}

enum { MAX_VALIDATIONS = 8 };

static int risk_validate(int argc, char **argv)
{
    const char *json = NULL, *html = NULL;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--json", NULL, &json),
        CLI_OPTION_TEXT("--html", NULL, &html),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("risk validate", help, argc, argv, accepted_options, 0, NULL, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count < 2 || count > MAX_VALIDATIONS + 1)
        return cli_usage_error("risk validate", "need RISK.model and 1 to %d NAME=DATA.csv", MAX_VALIDATIONS);
    char names[MAX_VALIDATIONS][64];
    const char *name_of[MAX_VALIDATIONS];
    for (int i = 1; i < count; i++) {
        const char *equals = strchr(positional[i], '=');
        if (!equals || equals == positional[i] || equals - positional[i] >= 64 || !equals[1])
            return cli_usage_error("risk validate", "'%s' is not NAME=DATA.csv", positional[i]);
        snprintf(names[i - 1], sizeof names[i - 1], "%.*s", (int)(equals - positional[i]), positional[i]);
        name_of[i - 1] = names[i - 1];
    }
    riskgan_risk_model *model = NULL;
    riskgan_validation v[MAX_VALIDATIONS];
    riskgan_status status = riskgan_risk_model_load(positional[0], &model);
    for (int i = 1; status == RISKGAN_OK && i < count; i++) {
        riskgan_table *table = NULL;
        status = riskgan_risk_read_csv(model, strchr(positional[i], '=') + 1, NULL, &table);
        if (status == RISKGAN_OK)
            status = riskgan_risk_validate(model, table, &v[i - 1]);
        riskgan_table_free(table);
    }
    if (status == RISKGAN_OK && json)
        status = riskgan_validation_write_json(name_of, v, (size_t)count - 1, json);
    if (status == RISKGAN_OK && html)
        status = riskgan_validation_write_html(name_of, v, (size_t)count - 1, html);
    for (int i = 1; status == RISKGAN_OK && i < count; i++)
        print_validation(name_of[i - 1], &v[i - 1]);
    riskgan_risk_model_free(model);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

static void print_stability(const riskgan_stability *s)
{
    printf("%-28s %8s  %s\n", "population", "index", "light");
    printf("%-28s %8.4f  %s\n", "score (PSI)", s->score_psi, riskgan_stability_light(s->score_psi));
    for (size_t f = 0; f < s->features; f++)
        printf("%-28s %8.4f  %s\n", s->feature[f], s->csi[f], riskgan_stability_light(s->csi[f]));
}

static int risk_monitor(int argc, char **argv)
{
    const char *baseline_path = NULL, *current_path = NULL, *json = NULL, *html = NULL;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--baseline", NULL, &baseline_path),
        CLI_OPTION_TEXT("--current", NULL, &current_path),
        CLI_OPTION_TEXT("--json", NULL, &json),
        CLI_OPTION_TEXT("--html", NULL, &html),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("risk monitor", help, argc, argv, accepted_options, 0, NULL, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count != 1 || !baseline_path || !current_path)
        return cli_usage_error("risk monitor", "need RISK.model, --baseline and --current");
    riskgan_risk_model *model = NULL;
    riskgan_table *baseline = NULL, *current = NULL;
    riskgan_stability stability = {0};
    riskgan_status status = riskgan_risk_model_load(positional[0], &model);
    if (status == RISKGAN_OK)
        status = riskgan_risk_read_csv(model, baseline_path, NULL, &baseline);
    if (status == RISKGAN_OK)
        status = riskgan_risk_read_csv(model, current_path, NULL, &current);
    if (status == RISKGAN_OK)
        status = riskgan_risk_stability(model, baseline, current, &stability);
    if (status == RISKGAN_OK && json)
        status = riskgan_stability_write_json(&stability, json);
    if (status == RISKGAN_OK && html)
        status = riskgan_stability_write_html(&stability, html);
    if (status == RISKGAN_OK)
        print_stability(&stability);
    riskgan_stability_free(&stability);
    riskgan_table_free(baseline), riskgan_table_free(current);
    riskgan_risk_model_free(model);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

int command_risk(int argc, char **argv)
{
    static const cli_subcommand subcommands[] = {
        {"fit", risk_fit},
        {"score", risk_score},
        {"bin", risk_bin},
        {"monitor", risk_monitor},
        {"validate", risk_validate},
    };
    return cli_dispatch("risk", help, "fit, score, bin, validate or monitor", subcommands, sizeof subcommands / sizeof *subcommands, argc, argv);
}
