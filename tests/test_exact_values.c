/* test_exact_values.c — a value that passes through riskgan comes out as the same
 * double: CSV write/read, split, the real rows of augment, under any LC_NUMERIC. */
#include <locale.h>

#include "test_support.h"

#include <regex.h>

#include "riskgan.h"

static const char exact_csv[] =
    "account,amount,tiny,huge,label\n"
    "16777217,99999999.99,1e-300,1.5e300,0\n"
    "123456789012,123456789.01,2.5e-310,-1.7976931348623157e308,1\n"
    "9007199254740991,0.1,4.9e-324,1e22,0\n"
    "16777218,100000000.07,0.30000000000000004,123456789012345680000,1\n"
    "44,-0.01,1.0000000000000002,3.14159265358979,0\n"
    "45,12345678.91,5e-5,2e-7,1\n"
    "46,0.50,7,8,0\n"
    "47,1.10,9,10,1\n";

static riskgan_table *read_text(const char *text)
{
    char *path = write_temporary(text, strlen(text));
    riskgan_table *table = NULL;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    unlink(path);
    free(path);
    return table;
}

/* Writes the table and reads it back. */
static riskgan_table *through_csv(const riskgan_table *table)
{
    char *path = temporary_path();
    assert_int_equal(riskgan_table_write_csv(table, path), RISKGAN_OK);
    riskgan_table *back = NULL;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &back), RISKGAN_OK);
    unlink(path);
    free(path);
    return back;
}

/* Every row of `part` equals, field by field and bit for bit, some row of `whole` with the
 * same account number (the first column is a unique key). */
static void assert_rows_exact(const riskgan_table *whole, const riskgan_table *part)
{
    assert_int_equal(riskgan_table_columns(part), riskgan_table_columns(whole));
    for (size_t r = 0; r < riskgan_table_rows(part); r++) {
        double key = riskgan_table_number(part, r, 0);
        size_t match = SIZE_MAX;
        for (size_t w = 0; w < riskgan_table_rows(whole); w++)
            if (riskgan_table_number(whole, w, 0) == key)
                match = w;
        assert_true(match != SIZE_MAX);
        for (size_t j = 0; j < riskgan_table_columns(whole); j++) {
            double expected = riskgan_table_number(whole, match, j);
            double got = riskgan_table_number(part, r, j);
            if (memcmp(&expected, &got, sizeof got) != 0)
                fail_msg("row %zu column %zu: %.17g became %.17g", r, j, expected, got);
        }
    }
}

static void test_parsed_values_are_the_written_doubles(void **state)
{
    (void)state;
    riskgan_table *table = read_text(exact_csv);
    assert_true(riskgan_table_number(table, 0, 0) == 16777217.0);
    assert_true(riskgan_table_number(table, 1, 0) == 123456789012.0);
    assert_true(riskgan_table_number(table, 2, 0) == 9007199254740991.0);
    assert_true(riskgan_table_number(table, 0, 1) == 99999999.99);
    assert_true(riskgan_table_number(table, 0, 2) == 1e-300);
    assert_true(riskgan_table_number(table, 2, 2) == 4.9e-324);
    assert_true(riskgan_table_number(table, 1, 3) == -1.7976931348623157e308);
    assert_true(riskgan_table_number(table, 3, 2) == 0.30000000000000004);
    riskgan_table_free(table);
}

static void test_write_read_round_trip(void **state)
{
    (void)state;
    riskgan_table *table = read_text(exact_csv);
    riskgan_table *back = through_csv(table);
    assert_int_equal(riskgan_table_rows(back), riskgan_table_rows(table));
    assert_rows_exact(table, back);
    riskgan_table_free(back);
    riskgan_table_free(table);
}

static void test_split_reproduces_every_value(void **state)
{
    (void)state;
    riskgan_table *table = read_text(exact_csv);
    riskgan_table *train, *test;
    assert_int_equal(riskgan_table_split(table, "label", 0.5, 3, &train, &test), RISKGAN_OK);
    riskgan_table *train_back = through_csv(train), *test_back = through_csv(test);
    assert_int_equal(riskgan_table_rows(train_back) + riskgan_table_rows(test_back), riskgan_table_rows(table));
    assert_rows_exact(table, train_back);
    assert_rows_exact(table, test_back);
    riskgan_table_free(train_back);
    riskgan_table_free(test_back);
    riskgan_table_free(train);
    riskgan_table_free(test);
    riskgan_table_free(table);
}

static void test_augment_keeps_real_rows_exact(void **state)
{
    (void)state;
    riskgan_table *table = read_text(exact_csv);
    riskgan_augment_options options;
    riskgan_augment_options_init(&options);
    options.target = "label";
    options.method = RISKGAN_AUGMENT_RANDOM;
    options.ratio = 1.0;
    riskgan_table *augmented;
    assert_int_equal(riskgan_augment(table, &options, &augmented), RISKGAN_OK);
    riskgan_table *back = through_csv(augmented);
    assert_rows_exact(table, back);
    riskgan_table_free(back);
    riskgan_table_free(augmented);
    riskgan_table_free(table);
}

/* Integers are written as integers, decimals as the column's decimals, and the shortest
 * text that reads back as the same double otherwise. */
static void test_written_text(void **state)
{
    (void)state;
    riskgan_table *table = read_text("id,amount,x\n123456789012,99999999.99,0.30000000000000004\n"
                                     "16777217,100000000.00,1e-300\n");
    char *path = temporary_path();
    assert_int_equal(riskgan_table_write_csv(table, path), RISKGAN_OK);
    FILE *stream = fopen(path, "r");
    char text[512] = "";
    size_t n = fread(text, 1, sizeof text - 1, stream);
    text[n] = '\0';
    fclose(stream);
    assert_string_equal(text, "id,amount,x\n123456789012,99999999.99,0.30000000000000004\n"
                              "16777217,100000000.00,1e-300\n");
    unlink(path);
    free(path);
    riskgan_table_free(table);
}

/* Whole numbers beyond 2^53 have no double of their own (9007199254740993 would come back as
 * ...992): such a column stays text, so every value comes back as it went in (bigint keys
 * from databases, long account numbers). */
static void test_integers_beyond_doubles_stay_exact(void **state)
{
    (void)state;
    static const char csv[] = "account,amount\n9007199254740993,1.5\n-9223372036854775808,2.5\n"
                              "9223372036854775807,3.5\n12,4.5\n";
    riskgan_table *table = read_text(csv);
    char *path = temporary_path();
    assert_int_equal(riskgan_table_write_csv(table, path), RISKGAN_OK);
    FILE *stream = fopen(path, "r");
    char text[512] = "";
    size_t n = fread(text, 1, sizeof text - 1, stream);
    text[n] = '\0';
    fclose(stream);
    assert_string_equal(text, csv);
    assert_false(isnan(riskgan_table_number(table, 0, 1))); /* ordinary numbers stay numbers */
    riskgan_table_free(table);
    table = read_text("id\n9007199254740993\n1\n"); /* 2^53 + 1, read as 2^53 itself */
    assert_string_equal(riskgan_table_category(table, 0, 0), "9007199254740993");
    unlink(path);
    free(path);
    riskgan_table_free(table);
}

/* A table large enough to be formatted in parts on several threads writes the bytes one
 * thread writes, in order, and they read back as the same doubles (under a comma locale too). */
static void test_large_tables_write_the_same_bytes_on_any_threads(void **state)
{
    (void)state;
    size_t size = 40000 * 96, used = (size_t)snprintf(NULL, 0, "account,amount,tiny,note\n");
    char *csv = malloc(size);
    strcpy(csv, "account,amount,tiny,note\n");
    for (int r = 0; r < 40000; r++)
        used += (size_t)snprintf(csv + used, size - used, "%d,%d.%02d,%.17g,\"say \"\"hi\"\", %d\"\n", 1000000 + r,
                                 r * 7, r % 100, 1e-300 * (r + 1), r % 13);
    riskgan_table *table = read_text(csv);
    setlocale(LC_NUMERIC, "de_DE.UTF-8");
    char *paths[2] = {temporary_path(), temporary_path()};
    for (int k = 0; k < 2; k++) {
        riskgan_set_threads(k == 0 ? 2 : 1);
        assert_int_equal(riskgan_table_write_csv(table, paths[k]), RISKGAN_OK);
    }
    setlocale(LC_NUMERIC, "C");
    char *two = read_whole_file(paths[0], NULL), *one = read_whole_file(paths[1], NULL);
    assert_string_equal(two, one);
    assert_non_null(strstr(two, "\n1039999,279993.99,4e-296,\"say \"\"hi\"\", 11\"\n")); /* the last row, last */
    riskgan_table *back = through_csv(table);
    assert_rows_exact(table, back);
    for (int k = 0; k < 2; k++) {
        unlink(paths[k]);
        free(paths[k]);
    }
    free(two), free(one), free(csv);
    riskgan_table_free(back);
    riskgan_table_free(table);
}

static void test_comma_decimal_locale(void **state)
{
    (void)state;
    const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "de_DE"};
    int set = 0;
    for (size_t i = 0; i < 3 && !set; i++)
        set = setlocale(LC_NUMERIC, names[i]) != NULL;
    if (!set)
        fail_msg("no German locale: scripts/install-deps.sh generates de_DE.UTF-8");
    riskgan_table *table = read_text(exact_csv);
    riskgan_table *back = through_csv(table);
    setlocale(LC_NUMERIC, "C");
    assert_true(riskgan_table_number(table, 0, 1) == 99999999.99);
    assert_true(riskgan_table_number(table, 4, 3) == 3.14159265358979);
    assert_rows_exact(table, back);
    riskgan_table_free(back);
    riskgan_table_free(table);
}

/* Files riskgan writes with numbers in them keep '.' under a comma-decimal locale: a risk
 * score file stays three columns per row. */
static void test_scores_under_comma_locale(void **state)
{
    (void)state;
    riskgan_table *german;
    assert_int_equal(riskgan_table_read_csv(RISKGAN_REPO_DATA "/german_credit.csv", NULL, &german), RISKGAN_OK);
    riskgan_risk_model *model;
    assert_int_equal(riskgan_risk_fit(german, "default", NULL, RISKGAN_RISK_LOGREG, 1, 1, &model), RISKGAN_OK);
    char *path = temporary_path(), *card = temporary_path();
    assert_non_null(setlocale(LC_NUMERIC, "de_DE.UTF-8"));
    riskgan_status scored = riskgan_risk_write_scores(model, german, path);
    riskgan_status carded = riskgan_risk_write_scorecard(model, card);
    setlocale(LC_NUMERIC, "C");
    assert_int_equal(scored, RISKGAN_OK);
    assert_int_equal(carded, RISKGAN_OK);
    const char *files[2] = {path, card};
    for (int f = 0; f < 2; f++) {
        FILE *stream = fopen(files[f], "r");
        char line[512];
        int fields = -1;
        while (fgets(line, sizeof line, stream)) {
            int commas = 0;
            for (char *c = line; *c; c++)
                commas += *c == ',';
            if (fields < 0)
                fields = commas;
            else if (commas != fields)
                fail_msg("%s: '%s' has %d separators, the header %d", files[f], line, commas, fields);
        }
        fclose(stream);
        unlink(files[f]);
    }
    free(path);
    free(card);
    riskgan_risk_model_free(model);
    riskgan_table_free(german);
}

/* Whether a page holds an attribute that is one number written with a decimal comma
 * (x='12,5'): what a comma-decimal locale leaks into a report. */
static int has_comma_decimals(const char *path)
{
    FILE *stream = fopen(path, "r");
    assert_non_null(stream);
    char *page = NULL;
    size_t length = 0;
    assert_true(getdelim(&page, &length, '\0', stream) > 0);
    fclose(stream);
    regex_t pattern;
    assert_int_equal(regcomp(&pattern, "='-?[0-9]+,[0-9]+'", REG_EXTENDED | REG_NOSUB), 0);
    int found = regexec(&pattern, page, 0, NULL, 0) == 0;
    regfree(&pattern);
    free(page);
    return found;
}

/* The reports of a program that set a comma-decimal locale keep '.' in every number. */
static void test_reports_under_comma_locale(void **state)
{
    (void)state;
    riskgan_market_data *data;
    assert_int_equal(riskgan_market_data_read(RISKGAN_REPO_DATA "/eu_stock_markets.csv", NULL, &data), RISKGAN_OK);
    riskgan_market_fit_options fit;
    riskgan_market_fit_options_init(&fit);
    fit.method = RISKGAN_MARKET_BOOTSTRAP;
    fit.train_days = 1300;
    riskgan_market_model *model;
    assert_int_equal(riskgan_market_fit(data, &fit, &model), RISKGAN_OK);
    char *paths = temporary_path(), *report_html = temporary_path(), *backtest_html = temporary_path();
    riskgan_market_sample_options sample;
    riskgan_market_sample_options_init(&sample);
    sample.paths = 100;
    sample.days = 25;
    assert_int_equal(riskgan_market_sample_to_csv(model, &sample, paths), RISKGAN_OK);
    riskgan_market_data *synthetic;
    assert_int_equal(riskgan_market_paths_read(paths, &synthetic), RISKGAN_OK);
    riskgan_market_evaluate_options evaluate;
    riskgan_market_evaluate_options_init(&evaluate);
    evaluate.last_day = 1300;
    riskgan_market_report *report;
    assert_int_equal(riskgan_market_evaluate(data, synthetic, &evaluate, &report), RISKGAN_OK);
    riskgan_market_backtest_options backtest_options;
    riskgan_market_backtest_options_init(&backtest_options);
    backtest_options.method = RISKGAN_MARKET_HISTORICAL;
    backtest_options.train_days = 1500;
    riskgan_market_backtest *backtest;
    assert_int_equal(riskgan_market_backtest_run(data, &backtest_options, &backtest), RISKGAN_OK);
    assert_non_null(setlocale(LC_NUMERIC, "de_DE.UTF-8"));
    riskgan_status wrote_report = riskgan_market_report_write_html(report, report_html);
    riskgan_status wrote_backtest = riskgan_market_backtest_write_html(backtest, backtest_html);
    char *summary = riskgan_market_backtest_summary(backtest);
    setlocale(LC_NUMERIC, "C");
    assert_int_equal(wrote_report, RISKGAN_OK);
    assert_int_equal(wrote_backtest, RISKGAN_OK);
    assert_false(has_comma_decimals(report_html));
    assert_false(has_comma_decimals(backtest_html));
    assert_null(strstr(summary, "0,9")); /* the 0.99 level */
    riskgan_free(summary);
    unlink(paths), unlink(report_html), unlink(backtest_html);
    free(paths), free(report_html), free(backtest_html);
    riskgan_market_backtest_free(backtest);
    riskgan_market_report_free(report);
    riskgan_market_data_free(synthetic);
    riskgan_market_model_free(model);
    riskgan_market_data_free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parsed_values_are_the_written_doubles),
        cmocka_unit_test(test_write_read_round_trip),
        cmocka_unit_test(test_split_reproduces_every_value),
        cmocka_unit_test(test_augment_keeps_real_rows_exact),
        cmocka_unit_test(test_written_text),
        cmocka_unit_test(test_integers_beyond_doubles_stay_exact),
        cmocka_unit_test(test_large_tables_write_the_same_bytes_on_any_threads),
        cmocka_unit_test(test_comma_decimal_locale),
        cmocka_unit_test(test_scores_under_comma_locale),
        cmocka_unit_test(test_reports_under_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
