/* test_table_reader.c — CSV to table: type inference, missing values, errors with
 * file/line/column, formatting-preserving write-back, on hand-made and real files. */
#include "test_support.h"

#include "data/table.h"
#include "riskgan.h"

static riskgan_table *read_or_fail(const char *path, const riskgan_read_options *options)
{
    riskgan_table *table = NULL;
    riskgan_status status = riskgan_table_read_csv(path, options, &table);
    if (status != RISKGAN_OK)
        fail_msg("%s: %s", path, riskgan_last_error());
    return table;
}

static void expect_error(const char *file, const riskgan_read_options *options, riskgan_status expected,
                         const char *fragment1, const char *fragment2)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", RISKGAN_TEST_DATA, file);
    riskgan_table *table = NULL;
    riskgan_status status = riskgan_table_read_csv(path, options, &table);
    assert_int_equal(status, expected);
    assert_null(table);
    if (!strstr(riskgan_last_error(), fragment1) || (fragment2 && !strstr(riskgan_last_error(), fragment2)))
        fail_msg("message '%s' lacks '%s' / '%s'", riskgan_last_error(), fragment1, fragment2 ? fragment2 : "");
    assert_non_null(strstr(riskgan_last_error(), file));
}

static void test_errors_name_file_line_and_column(void **state)
{
    (void)state;
    expect_error("empty.csv", NULL, RISKGAN_ERR_PARSE, "empty", NULL);
    expect_error("header_only.csv", NULL, RISKGAN_ERR_PARSE, "no data rows", NULL);
    expect_error("duplicate_column.csv", NULL, RISKGAN_ERR_PARSE, "line 1, column 3", "duplicate");
    expect_error("empty_column_name.csv", NULL, RISKGAN_ERR_PARSE, "line 1, column 2", "empty column name");
    expect_error("wrong_field_count.csv", NULL, RISKGAN_ERR_PARSE, "line 3", "2 fields");
    expect_error("unterminated_quote.csv", NULL, RISKGAN_ERR_PARSE, "line 3, column 2", "unterminated");
    expect_error("does_not_exist.csv", NULL, RISKGAN_ERR_IO, "cannot open", NULL);
    riskgan_read_options options;
    riskgan_read_options_init(&options);
    options.continuous_columns = "y";
    expect_error("not_a_number.csv", &options, RISKGAN_ERR_PARSE, "line 2, column 2 (y)", "not a number");
    options.continuous_columns = NULL;
    options.discrete_columns = "nope";
    expect_error("not_a_number.csv", &options, RISKGAN_ERR_INVALID_ARGUMENT, "'nope'", NULL);
}

static void test_single_class_target_is_refused(void **state)
{
    (void)state;
    riskgan_table *table = read_or_fail(RISKGAN_TEST_DATA "/single_class_target.csv", NULL);
    assert_int_equal(riskgan_table_check_target(table, "default"), RISKGAN_ERR_SCHEMA);
    assert_non_null(strstr(riskgan_last_error(), "single class"));
    assert_int_equal(riskgan_table_check_target(table, "missing_column"), RISKGAN_ERR_INVALID_ARGUMENT);
    riskgan_table_free(table);
}

static void test_code_column_switches_to_categorical_with_exact_text(void **state)
{
    (void)state;
    riskgan_table *table = read_or_fail(RISKGAN_TEST_DATA "/numbers_then_text.csv", NULL);
    riskgan_column_summary code, amount;
    riskgan_table_column_summary(table, 0, &code);
    riskgan_table_column_summary(table, 1, &amount);
    assert_int_equal(code.type, RISKGAN_COLUMN_CATEGORICAL);
    assert_string_equal(riskgan_table_category(table, 0, 0), "01");
    assert_string_equal(riskgan_table_category(table, 2, 0), "A7");
    assert_null(riskgan_table_category(table, 3, 0));
    assert_int_equal(code.missing, 1);
    assert_int_equal(amount.type, RISKGAN_COLUMN_CONTINUOUS);
    assert_int_equal(amount.decimals, 2);
    assert_int_equal(amount.missing, 1);
    assert_true(fabs(amount.mean - (10.5 + 11 + 12.25) / 3) < 1e-6);
    riskgan_table_free(table);
}

static void test_write_back_keeps_text_and_formatting(void **state)
{
    (void)state;
    riskgan_table *table = read_or_fail(RISKGAN_TEST_DATA "/quoted_names.csv", NULL);
    char *out = temporary_path();
    assert_int_equal(riskgan_table_write_csv(table, out), RISKGAN_OK);
    FILE *f = fopen(out, "r");
    char buffer[256] = {0};
    size_t got = fread(buffer, 1, sizeof buffer - 1, f);
    fclose(f);
    assert_true(got > 0);
    assert_string_equal(buffer, "name,amount\n\"Smith, J.\",1\n\"O\"\"Brien\",2\n");
    unlink(out);
    free(out);
    riskgan_table_free(table);
}

static void test_german_credit_types(void **state)
{
    (void)state;
    riskgan_table *table = read_or_fail(RISKGAN_REPO_DATA "/german_credit.csv", NULL);
    assert_int_equal(riskgan_table_rows(table), 1000);
    assert_int_equal(riskgan_table_columns(table), 21);
    riskgan_column_summary s;
    riskgan_table_column_summary(table, (size_t)riskgan_table_find_column(table, "credit_amount"), &s);
    assert_int_equal(s.type, RISKGAN_COLUMN_INTEGER);
    assert_true(s.minimum == 250 && s.maximum == 18424);
    riskgan_table_column_summary(table, (size_t)riskgan_table_find_column(table, "purpose"), &s);
    assert_int_equal(s.type, RISKGAN_COLUMN_CATEGORICAL);
    assert_int_equal(s.distinct, 10);
    riskgan_table_column_summary(table, (size_t)riskgan_table_find_column(table, "default"), &s);
    assert_int_equal(s.distinct, 2);
    assert_true(fabs(s.mean - 0.3) < 1e-9); /* 300 bad of 1000, as the data card says */
    assert_int_equal(riskgan_table_check_target(table, "default"), RISKGAN_OK);
    riskgan_table_free(table);
}

static void test_credit_data_missing_counts(void **state)
{
    (void)state;
    if (access(RISKGAN_SHARED_DATA "/credit_data.csv", R_OK) != 0)
        skip();
    riskgan_table *table = read_or_fail(RISKGAN_SHARED_DATA "/credit_data.csv", NULL);
    assert_int_equal(riskgan_table_rows(table), 4454);
    const char *names[] = {"Income", "Assets", "Debt", "Home", "Marital", "Job", "Status"};
    size_t missing[] = {381, 47, 18, 6, 1, 2, 0};
    for (size_t k = 0; k < 7; k++) {
        riskgan_column_summary s;
        riskgan_table_column_summary(table, (size_t)riskgan_table_find_column(table, names[k]), &s);
        assert_int_equal(s.missing, missing[k]);
    }
    riskgan_table_free(table);
    riskgan_read_options options;
    riskgan_read_options_init(&options);
    options.drop_missing_rows = 1;
    table = read_or_fail(RISKGAN_SHARED_DATA "/credit_data.csv", &options);
    assert_int_equal(riskgan_table_rows(table) + riskgan_table_dropped_rows(table), 4454);
    assert_true(riskgan_table_dropped_rows(table) >= 381);
    riskgan_table_free(table);
}

static void test_fraud_sample_types(void **state)
{
    (void)state;
    if (access(RISKGAN_SHARED_DATA "/creditcard_fraud_sample.csv", R_OK) != 0)
        skip();
    riskgan_table *table = read_or_fail(RISKGAN_SHARED_DATA "/creditcard_fraud_sample.csv", NULL);
    assert_int_equal(riskgan_table_rows(table), 946);
    riskgan_column_summary s;
    riskgan_table_column_summary(table, 1, &s);
    assert_int_equal(s.type, RISKGAN_COLUMN_CONTINUOUS);
    riskgan_table_column_summary(table, 29, &s);
    assert_string_equal(s.name, "Amount");
    assert_int_equal(s.decimals, 2);
    riskgan_table_column_summary(table, 30, &s);
    assert_true(fabs(s.mean - 0.5) < 1e-9);
    riskgan_table_free(table);
}

/* A file read like a training table may lack the training table's identifier columns
 * (synthetic rows written with --ids omit); the other columns keep the schema's types. */
static void test_read_like_without_identifiers(void **state)
{
    (void)state;
    riskgan_table *schema, *like;
    assert_int_equal(riskgan_table_read_csv(RISKGAN_TEST_DATA "/loans_with_ids.csv", NULL, &schema), RISKGAN_OK);
    assert_int_equal(riskgan_table_drop_column(schema, 0), RISKGAN_OK); /* write it without cust_id... */
    char *path = temporary_path();
    assert_int_equal(riskgan_table_write_csv(schema, path), RISKGAN_OK);
    riskgan_table_free(schema);
    assert_int_equal(riskgan_table_read_csv(RISKGAN_TEST_DATA "/loans_with_ids.csv", NULL, &schema), RISKGAN_OK);
    assert_int_equal(riskgan_table_read_csv_like(path, schema, NULL, &like), RISKGAN_OK); /* ...read it like the full one */
    assert_int_equal(riskgan_table_columns(like), riskgan_table_columns(schema) - 1);
    riskgan_column_summary s;
    riskgan_table_column_summary(like, (size_t)riskgan_table_find_column(like, "opened"), &s);
    assert_int_equal(s.type, RISKGAN_COLUMN_DATETIME);
    riskgan_table_column_summary(like, (size_t)riskgan_table_find_column(like, "branch"), &s);
    assert_int_equal(s.type, RISKGAN_COLUMN_CATEGORICAL);
    riskgan_table_free(like);
    riskgan_table_free(schema);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors_name_file_line_and_column),
        cmocka_unit_test(test_single_class_target_is_refused),
        cmocka_unit_test(test_code_column_switches_to_categorical_with_exact_text),
        cmocka_unit_test(test_write_back_keeps_text_and_formatting),
        cmocka_unit_test(test_german_credit_types),
        cmocka_unit_test(test_credit_data_missing_counts),
        cmocka_unit_test(test_fraud_sample_types),
        cmocka_unit_test(test_read_like_without_identifiers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
