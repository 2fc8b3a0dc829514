/* cmd_evaluate.c — `riskgan evaluate`: judge a synthetic CSV against real train/test CSVs. */
#include <stdio.h>
#include <string.h>

#include "cmd_evaluate.h"

#include "cli_args.h"
#include "cmd_evaluate_linked.h"


static const char help[] =
    "Usage: riskgan evaluate --train REAL_TRAIN.csv --test REAL_TEST.csv --synth SYNTHETIC.csv\n"
    "                        --target COLUMN [OPTIONS]\n"
    "\n"
    "Measures how faithful, useful and private synthetic data is (definitions: docs/metrics.md):\n"
    "  fidelity       per-column KS / TV complements with KS and chi-square p-values, pair trends\n"
    "  detectability  5-fold ROC-AUC of XGBoost telling real from synthetic rows (0.5 = ideal)\n"
    "  utility        XGBoost, logistic regression and a credit scorecard (docs/scorecard.md)\n"
    "                 trained on real (TRTR), synthetic (TSTR) and both, tested on the real test\n"
    "                 rows: ROC-AUC, PR-AUC, KS, Gini, F1\n"
    "  privacy        distance to closest record, exact copies, membership inference AUC\n"
    "Works with synthetic data from any generator. The training file fixes the schema.\n"
    "\n"
    "Linked tables: riskgan evaluate --metadata REAL/metadata.json --synth OUT/ [--target T.C]\n"
    "  per table fidelity; per child table children per parent (KS), the rules' shares beside\n"
    "  the real ones, first events, event accuracy and detection (events with their sequence\n"
    "  context); per root table profile detection (its columns and its children's aggregates)\n"
    "  and distances; real keys or rare values reused; TSTR of a parent-level target\n"
    "  (--target loan.status --positive B,D). docs/relational.md defines every number.\n"
    "\n"
    "Options:\n"
    "  --train FILE        the real rows the generator was fitted on (required)\n"
    "  --test FILE         held-out real rows the generator never saw (required)\n"
    "  --synth FILE        the synthetic rows (required)\n"
    "  --target NAME       the risk target column (required; linked tables: TABLE.COLUMN, optional)\n"
    "  --metadata FILE     linked tables: the real data's metadata (--synth is then the folder\n"
    "                      'riskgan sample' wrote)\n"
    "  --positive VALUE    the positive class (default: 1 if present, else the rarer class)\n"
    "  --json FILE         write every number as JSON (keys documented in docs/metrics.md)\n"
    "  --html FILE         write a self-contained HTML report with charts\n"
    CLI_READ_HELP
    "  --model FILE.rgan   the model the synthetic rows came from: its differential-privacy\n"
    "                      guarantee (fit --epsilon) is reported beside the attacks\n"
    "  --folds N           detection cross-validation folds (default 5)\n"
    "  --trees N           XGBoost boosting rounds (default 200)\n"
    "  --neighbor-queries N  large tables: nearest-neighbour metrics from a seeded sample of\n"
    "                      N synthetic and N test rows, each against every training row, with\n"
    "                      the sampling error reported (default 5000)\n"
    "  --model-rows N      large tables: detection, utility and per-class models on a seeded\n"
    "                      sample of N rows of each table (default 100000)\n"
    "  --seed S            random seed (default 0)\n"
    "  --threads T         threads for XGBoost, OpenMP and OpenBLAS\n"
    "  -h, --help          show this help\n";

/* Linked tables: the real data's metadata and the generated folder. */
static int linked(const char *metadata, const char *synth_path, const char *json, const char *html,
                  const riskgan_evaluate_options *options, long folds, long trees, const cli_common_options *common)
{
    if (!synth_path)
        return cli_usage_error("evaluate", "missing --synth DIRECTORY (the generated tables and their metadata)");
    linked_evaluation a = {.metadata = metadata, .synthetic = synth_path, .json = json, .html = html};
    riskgan_relational_evaluate_options_init(&a.options);
    a.options.target = options->target;
    a.options.positive = options->positive;
    a.options.folds = (int)folds;
    a.options.trees = (int)trees;
    a.options.seed = common->seed;
    a.options.threads = (int)common->threads;
    return evaluate_linked(&a);
}

int command_evaluate(int argc, char **argv)
{
    const char *train_path = NULL, *test_path = NULL, *synth_path = NULL, *json = NULL, *html = NULL;
    const char *model_path = NULL, *metadata = NULL;
    cli_common_options common;
    cli_common_init(&common);
    riskgan_evaluate_options options;
    riskgan_evaluate_options_init(&options);
    long folds = 5, trees = 200, neighbor_queries = 0, model_rows = 0;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--train", NULL, &train_path),
        CLI_OPTION_TEXT("--test", NULL, &test_path),
        CLI_OPTION_TEXT("--synth", NULL, &synth_path),
        CLI_OPTION_TEXT("--target", NULL, &options.target),
        CLI_OPTION_TEXT("--positive", NULL, &options.positive),
        CLI_OPTION_TEXT("--json", NULL, &json),
        CLI_OPTION_TEXT("--html", NULL, &html),
        CLI_OPTION_TEXT("--model", NULL, &model_path),
        CLI_OPTION_TEXT("--metadata", NULL, &metadata),
        CLI_OPTION_LONG("--folds", NULL, &folds, 2, 64),
        CLI_OPTION_LONG("--neighbor-queries", NULL, &neighbor_queries, 100, 100000000L),
        CLI_OPTION_LONG("--model-rows", NULL, &model_rows, 100, 1000000000L),
        CLI_OPTION_LONG("--trees", NULL, &trees, 1, 100000),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("evaluate", help, argc, argv, accepted_options,
                                  CLI_READ | CLI_SEED | CLI_THREADS | CLI_UNEXPECTED, &common, positional, &count);
    if (parsed >= 0)
        return parsed;
    if (count > 0)
        return cli_usage_error("evaluate", "unexpected argument '%s'", positional[0]);
    if (metadata)
        return linked(metadata, synth_path, json, html, &options, folds, trees, &common);
    if (!train_path || !test_path || !synth_path)
        return cli_usage_error("evaluate", "--train, --test and --synth are all required");
    if (!options.target)
        return cli_usage_error("evaluate", "missing --target COLUMN");
    options.folds = (int)folds;
    options.neighbor_queries = (size_t)neighbor_queries;
    options.model_rows = (size_t)model_rows;
    options.trees = (int)trees;
    options.seed = common.seed;
    options.threads = (int)common.threads;
    riskgan_table *train = NULL, *test = NULL, *synthetic = NULL;
    riskgan_evaluation *evaluation = NULL;
    riskgan_model *model = NULL;
    riskgan_status status = model_path ? riskgan_model_load(model_path, &model) : RISKGAN_OK;
    options.model = model;
    if (status == RISKGAN_OK)
        status = riskgan_table_read_csv(train_path, &common.read, &train);
    common.read.query = NULL; /* --query selects the training rows */
    if (status == RISKGAN_OK)
        status = riskgan_table_read_csv_like(test_path, train, &common.read, &test);
    if (status == RISKGAN_OK)
        status = riskgan_table_read_csv_like(synth_path, train, &common.read, &synthetic);
    if (status == RISKGAN_OK)
        status = riskgan_evaluate(train, test, synthetic, &options, &evaluation);
    if (status == RISKGAN_OK && json)
        status = riskgan_evaluation_write_json(evaluation, json);
    if (status == RISKGAN_OK && html)
        status = riskgan_evaluation_write_html(evaluation, html);
    int code = EXIT_OK;
    if (status != RISKGAN_OK) {
        code = cli_library_error(status);
    } else {
        riskgan_evaluation_scores s;
        riskgan_evaluation_get_scores(evaluation, &s);
        printf("quality          %.3f  (column shapes %.3f, pair trends %.3f)\n", s.quality, s.column_shapes, s.pair_trends);
        printf("detection AUC    %.3f  (0.5 = indistinguishable)\n", s.detection_auc);
        printf("positive class   detection AUC %.3f, label faithfulness %.3f (TRTR %.3f)\n",
               s.positive_detection_auc, s.label_faithfulness_auc, s.trtr_auc);
        printf("utility (XGBoost ROC-AUC on test)  TRTR %.3f  TSTR %.3f  real+synthetic %.3f\n", s.trtr_auc, s.tstr_auc,
               s.augmented_auc);
        printf("privacy          DCR median synthetic %.4f vs test %.4f, exact copies %.2f%%, MIA AUC %.3f "
               "(distance) %.3f (density ratio)\n",
               s.dcr_synthetic_median, s.dcr_test_median, 100 * s.exact_copy_share, s.membership_auc,
               s.density_ratio_auc);
        if (s.epsilon == s.epsilon)
            printf("guarantee        differential privacy (epsilon %.3g, delta %.2g)\n", s.epsilon, s.delta);
        if (s.rare_value_leaks)
            printf("LEAK             %zu synthetic rows carry a real identifier or a category seen in fewer than 5 "
                   "training rows (see the report's privacy table)\n", s.rare_value_leaks);
        else
            printf("leaks            no real identifier or rare category in the synthetic rows\n");
        for (size_t i = 0; riskgan_evaluation_warning(evaluation, i); i++)
            fprintf(stderr, "riskgan: warning: %s\n", riskgan_evaluation_warning(evaluation, i));
    }
    riskgan_evaluation_free(evaluation);
    riskgan_model_free(model);
    riskgan_table_free(train);
    riskgan_table_free(test);
    riskgan_table_free(synthetic);
    return code;
}
