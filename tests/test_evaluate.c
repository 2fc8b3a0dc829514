/* test_evaluate.c — the evaluation separates good from bad synthetic data: a copy of the
 * training rows, independent per-column resampling, and schema mismatches. */
#include "test_support.h"

#include "data/table.h"
#include "eval/evaluation.h"
#include "eval/detection.h"
#include "eval/leaks.h"
#include "eval/privacy.h"
#include "core/json.h"
#include "riskgan.h"

typedef struct {
    riskgan_table *data, *train, *test;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (riskgan_table_read_csv(RISKGAN_REPO_DATA "/german_credit.csv", NULL, &f->data) != RISKGAN_OK ||
        riskgan_table_split(f->data, "default", 0.3, 0, &f->train, &f->test) != RISKGAN_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    riskgan_table_free(f->data);
    riskgan_table_free(f->train);
    riskgan_table_free(f->test);
    free(f);
    return 0;
}

static riskgan_evaluation *evaluate(const fixture *f, const riskgan_table *synthetic)
{
    riskgan_evaluate_options options;
    riskgan_evaluate_options_init(&options);
    options.target = "default";
    options.trees = 60;
    options.folds = 3;
    options.threads = 2;
    riskgan_evaluation *e = NULL;
    if (riskgan_evaluate(f->train, f->test, synthetic, &options, &e) != RISKGAN_OK)
        fail_msg("evaluate: %s", riskgan_last_error());
    return e;
}

static void test_split_is_stratified(void **state)
{
    fixture *f = *state;
    assert_int_equal(riskgan_table_rows(f->train), 700);
    assert_int_equal(riskgan_table_rows(f->test), 300);
    long target = riskgan_table_find_column(f->test, "default");
    size_t bad = 0;
    for (size_t r = 0; r < 300; r++)
        bad += riskgan_table_number(f->test, r, (size_t)target) == 1;
    assert_int_equal(bad, 90); /* 30 % of the 300 bad risks */
}

static void test_copy_of_training_rows_is_flagged(void **state)
{
    fixture *f = *state;
    riskgan_evaluation *e = evaluate(f, f->train);
    riskgan_evaluation_scores s;
    riskgan_evaluation_get_scores(e, &s);
    assert_true(s.quality > 0.999);
    assert_true(s.exact_copy_share == 1.0);
    assert_true(s.dcr_synthetic_median == 0.0);
    /* the training rows themselves: the model fitted on them ranks their labels better than
     * it ranks unseen rows */
    assert_true(s.label_faithfulness_auc > s.trtr_auc);
    assert_true(s.positive_detection_auc < 0.6);
    assert_true(s.membership_auc > 0.9);        /* members sit at distance 0 */
    assert_true(s.density_ratio_auc > 0.9);     /* ... where the synthetic density is infinite */
    assert_true(isnan(s.epsilon));              /* no model given: no guarantee claimed */
    /* identical rows cannot be told apart; cross-fold memorization of duplicated rows even
     * pushes the AUC below 0.5 (docs/metrics.md) */
    assert_true(s.detection_auc < 0.6);
    assert_true(fabs(s.tstr_auc - s.trtr_auc) < 1e-9);
    /* the scorecard too: the same rows make the same card */
    const cJSON *scorecard = rg_json_at(e->root, "utility.scorecard");
    assert_non_null(scorecard);
    assert_true(rg_json_get(scorecard, "TRTR.roc_auc") > 0.7);
    assert_true(fabs(rg_json_get(scorecard, "TSTR.roc_auc") - rg_json_get(scorecard, "TRTR.roc_auc")) < 1e-12);
    riskgan_evaluation_free(e);
}

/* The evaluation's scorecard is the one `risk fit --algo scorecard` makes: its TRTR AUC is the
 * AUC of that model's probabilities on the test rows, ranked here by counting pairs. */
static void test_scorecard_utility_is_the_risk_scorecard(void **state)
{
    fixture *f = *state;
    riskgan_evaluation *e = evaluate(f, f->train);
    riskgan_risk_model *model;
    assert_int_equal(riskgan_risk_fit_scorecard(f->train, "default", NULL, NULL, &model), RISKGAN_OK);
    size_t n = f->test->rows;
    double *p = calloc(n, sizeof *p);
    assert_int_equal(riskgan_risk_score(model, f->test, p, NULL), RISKGAN_OK);
    long j = riskgan_table_find_column(f->test, "default");
    const rg_column *target = &f->test->column[j];
    double pairs = 0, wins = 0;
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++) {
            int bad_a = target->numbers[a] == 1, bad_b = target->numbers[b] == 1;
            if (!bad_a || bad_b)
                continue;
            pairs++;
            wins += p[a] > p[b] ? 1 : p[a] == p[b] ? 0.5 : 0;
        }
    assert_true(pairs > 0);
    assert_true(fabs(rg_json_get(e->root, "utility.scorecard.TRTR.roc_auc") - wins / pairs) < 1e-9);
    free(p);
    riskgan_risk_model_free(model);
    riskgan_evaluation_free(e);
}

/* Large tables: the nearest-neighbour metrics from a sample of query rows stay within the
 * sampling error they report of the exact ones, and the models' sample is said. Synthetic
 * rows: the 700 training rows copied, then 700 independent resamples (exact copy share 1/2). */
static void test_sampled_metrics_stay_within_their_stated_error(void **state)
{
    fixture *f = *state;
    riskgan_table *independent = NULL, *synthetic = NULL;
    assert_int_equal(riskgan_table_sample_independent(f->train, 700, 3, &independent), RISKGAN_OK);
    assert_int_equal(rg_table_new_like(f->train, 1400, &synthetic), RISKGAN_OK);
    for (size_t r = 0; r < 1400; r++)
        assert_int_equal(rg_table_append_row(synthetic, r < 700 ? f->train : independent, r % 700), RISKGAN_OK);
    riskgan_evaluate_options options;
    riskgan_evaluate_options_init(&options);
    options.target = "default";
    options.trees = 30;
    options.folds = 3;
    riskgan_evaluation *exact = NULL, *sampled = NULL;
    assert_int_equal(riskgan_evaluate(f->train, f->test, synthetic, &options, &exact), RISKGAN_OK);
    options.neighbor_queries = 300;
    options.model_rows = 500;
    assert_int_equal(riskgan_evaluate(f->train, f->test, synthetic, &options, &sampled), RISKGAN_OK);
    const cJSON *a = exact->root, *b = sampled->root;
    double full_share = rg_json_get(a, "privacy.exact_copy_share");
    assert_true(fabs(full_share - 0.5) < 0.01);
    assert_true(rg_json_get(a, "privacy.sampling.synthetic_share_error") == 0);
    double error = rg_json_get(b, "privacy.sampling.synthetic_share_error");
    assert_true(fabs(error - sqrt(log(40.0) / 600)) < 1e-12); /* DKW at 95 %, 300 query rows */
    assert_true(fabs(rg_json_get(b, "privacy.exact_copy_share") - full_share) <= error);
    assert_true(rg_json_get(b, "privacy.sampling.synthetic_query_rows") == 300);
    assert_true(rg_json_get(b, "privacy.sampling.membership_rows_per_class") == 150);
    assert_true(rg_json_get(b, "inputs.model_rows_used.synthetic") == 500);
    assert_true(rg_json_get(b, "inputs.model_rows_used.test") == 300); /* smaller: whole */
    int said = 0;
    for (size_t i = 0; riskgan_evaluation_warning(sampled, i); i++)
        said |= strstr(riskgan_evaluation_warning(sampled, i), "seeded sample of 500 training") != NULL;
    assert_true(said);
    riskgan_evaluation_free(exact);
    riskgan_evaluation_free(sampled);
    riskgan_table_free(independent);
    riskgan_table_free(synthetic);
}

/* german_credit with a unique customer id in front: the situation of a real loan book */
static riskgan_table *german_with_ids(void)
{
    FILE *in = fopen(RISKGAN_REPO_DATA "/german_credit.csv", "r");
    assert_non_null(in);
    char *text = malloc(1 << 20), line[4096];
    size_t used = 0;
    for (int r = 0; fgets(line, sizeof line, in); r++)
        used += r ? (size_t)sprintf(text + used, "C%06d,%s", 100000 + r * 13, line)
                  : (size_t)sprintf(text + used, "customer,%s", line);
    fclose(in);
    char *path = write_temporary(text, used);
    riskgan_table *table = NULL;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    unlink(path);
    free(path);
    free(text);
    return table;
}

/* Rows resampled column by column copy no whole row, yet every one of them carries a real
 * customer id: evaluate counts that leak and the report does not call the data clean. */
static riskgan_table *table_from(const char *text)
{
    char *path = write_temporary(text, strlen(text));
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    unlink(path);
    free(path);
    return table;
}

/* A rare value repeated 300 times is one distinct value leaked (a byte counter wrapped at
 * 256 and counted it again); riskgan's own "(other)" placeholder is not a real value. */
static void test_leak_counts_distinct_values_once(void **state)
{
    (void)state;
    char train_text[4096] = "city,other\n", synthetic_text[8192] = "city,other\n";
    for (int r = 0; r < 40; r++)
        strcat(train_text, r == 0 ? "Zzyzx,(other)\n" : "Lyon,x\n");
    for (int r = 0; r < 300; r++)
        strcat(synthetic_text, "Zzyzx,(other)\n");
    riskgan_table *train = table_from(train_text), *synthetic = table_from(synthetic_text);
    cJSON *privacy = cJSON_CreateObject();
    size_t total;
    assert_int_equal(rg_eval_leaks(train, synthetic, 5, privacy, &total), RISKGAN_OK);
    assert_int_equal(total, 300);
    const cJSON *columns = cJSON_GetObjectItem(cJSON_GetObjectItem(privacy, "rare_value_leaks"), "columns");
    assert_int_equal(cJSON_GetArraySize(columns), 2); /* both columns hold a rare training value */
    const cJSON *city = cJSON_GetArrayItem(columns, 0), *other = cJSON_GetArrayItem(columns, 1);
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(city, "column")), "city");
    assert_int_equal((int)cJSON_GetNumberValue(cJSON_GetObjectItem(city, "distinct_values_leaked")), 1);
    assert_int_equal((int)cJSON_GetNumberValue(cJSON_GetObjectItem(other, "synthetic_rows_with_them")), 0);
    cJSON_Delete(privacy);
    riskgan_table_free(train);
    riskgan_table_free(synthetic);
}

static void test_real_identifiers_in_synthetic_rows_are_leaks(void **state)
{
    (void)state;
    riskgan_table *data = german_with_ids(), *train, *test, *synthetic;
    assert_int_equal(riskgan_table_split(data, "default", 0.3, 0, &train, &test), RISKGAN_OK);
    assert_int_equal(riskgan_table_sample_independent(train, 700, 5, &synthetic), RISKGAN_OK);
    fixture f = {data, train, test};
    riskgan_evaluation *e = evaluate(&f, synthetic);
    riskgan_evaluation_scores s;
    riskgan_evaluation_get_scores(e, &s);
    assert_true(s.exact_copy_share < 0.01);
    assert_int_equal(s.rare_value_leaks, 700);
    char *html = temporary_path();
    assert_int_equal(riskgan_evaluation_write_html(e, html), RISKGAN_OK);
    FILE *stream = fopen(html, "r");
    char *page = calloc(1, 1 << 22);
    size_t n = fread(page, 1, (1 << 22) - 1, stream);
    fclose(stream);
    page[n] = '\0';
    assert_null(strstr(page, "No sign of memorization"));
    assert_non_null(strstr(page, "real identifiers or rare values"));
    unlink(html);
    free(html);
    free(page);
    riskgan_evaluation_free(e);
    /* a synthetic file without the identifier column is evaluated on the other columns */
    assert_int_equal(riskgan_table_drop_column(synthetic, 0), RISKGAN_OK);
    e = evaluate(&f, synthetic);
    riskgan_evaluation_get_scores(e, &s);
    assert_int_equal(s.rare_value_leaks, 0);
    riskgan_evaluation_free(e);
    riskgan_table_free(synthetic);
    riskgan_table_free(train);
    riskgan_table_free(test);
    riskgan_table_free(data);
}

static void test_independent_columns_lose_the_signal(void **state)
{
    fixture *f = *state;
    riskgan_table *baseline;
    assert_int_equal(riskgan_table_sample_independent(f->train, 700, 3, &baseline), RISKGAN_OK);
    riskgan_evaluation *e = evaluate(f, baseline);
    riskgan_evaluation_scores s;
    riskgan_evaluation_get_scores(e, &s);
    assert_true(s.column_shapes > 0.93);        /* the marginals are right ... */
    assert_true(s.tstr_auc < 0.62);             /* ... but there is no risk signal */
    assert_true(s.trtr_auc > 0.7);
    assert_true(s.detection_auc > 0.6);
    /* labels drawn independently of the features: a real model cannot rank them */
    assert_true(fabs(s.label_faithfulness_auc - 0.5) < 0.08);
    assert_true(s.positive_detection_auc > 0.6);
    assert_true(s.exact_copy_share < 0.01);
    assert_true(fabs(s.membership_auc - 0.5) < 0.1);
    assert_true(fabs(s.density_ratio_auc - 0.5) < 0.1);
    char *json = temporary_path(), *html = temporary_path();
    assert_int_equal(riskgan_evaluation_write_json(e, json), RISKGAN_OK);
    assert_int_equal(riskgan_evaluation_write_html(e, html), RISKGAN_OK);
    FILE *file = fopen(html, "r");
    char page[1 << 16];
    size_t got = fread(page, 1, sizeof page - 1, file);
    page[got] = '\0';
    fclose(file);
    assert_non_null(strstr(page, "<svg"));
    assert_non_null(strstr(page, "Verdict"));
    assert_non_null(strstr(page, "Per class"));
    assert_null(strstr(page, "http://")); /* self-contained */
    assert_null(strstr(page, "<script"));
    unlink(json), unlink(html);
    free(json), free(html);
    riskgan_evaluation_free(e);
    riskgan_table_free(baseline);
}

static void test_schema_mismatches(void **state)
{
    fixture *f = *state;
    /* a synthetic file without the 'purpose' column */
    char *path = temporary_path();
    FILE *file = fopen(path, "w");
    fputs("checking_status,duration_months,default\nlt_0,6,0\n", file);
    fclose(file);
    riskgan_table *partial = NULL;
    assert_int_equal(riskgan_table_read_csv_like(path, f->train, NULL, &partial), RISKGAN_ERR_SCHEMA);
    assert_non_null(strstr(riskgan_last_error(), "credit_history"));
    /* an unseen category is reported, not silently dropped */
    riskgan_table *odd;
    assert_int_equal(riskgan_table_sample_independent(f->train, 200, 1, &odd), RISKGAN_OK);
    assert_int_equal(riskgan_table_write_csv(odd, path), RISKGAN_OK);
    riskgan_table_free(odd);
    file = fopen(path, "a");
    fputs("lt_0,6,existing_paid,spaceship,1000,lt_100,lt_1y,4,male_single,none,2,car_other,30,none,own,1,skilled,1,"
          "none,yes,0\n", file);
    fclose(file);
    assert_int_equal(riskgan_table_read_csv_like(path, f->train, NULL, &odd), RISKGAN_OK);
    riskgan_evaluation *e = evaluate(f, odd);
    int warned = 0;
    for (size_t i = 0; riskgan_evaluation_warning(e, i); i++)
        warned |= strstr(riskgan_evaluation_warning(e, i), "purpose") != NULL;
    assert_true(warned);
    riskgan_evaluation_free(e);
    /* a wrong target name is a clear error */
    riskgan_evaluate_options options;
    riskgan_evaluate_options_init(&options);
    options.target = "defualt";
    riskgan_evaluation *none = NULL;
    assert_int_equal(riskgan_evaluate(f->train, f->test, odd, &options, &none), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "defualt"));
    riskgan_table_free(odd);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_is_stratified),
        cmocka_unit_test(test_copy_of_training_rows_is_flagged),
        cmocka_unit_test(test_scorecard_utility_is_the_risk_scorecard),
        cmocka_unit_test(test_independent_columns_lose_the_signal),
        cmocka_unit_test(test_schema_mismatches),
        cmocka_unit_test(test_sampled_metrics_stay_within_their_stated_error),
        cmocka_unit_test(test_leak_counts_distinct_values_once),
        cmocka_unit_test(test_real_identifiers_in_synthetic_rows_are_leaks),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
