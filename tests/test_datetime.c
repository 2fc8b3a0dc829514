/* test_datetime.c — dates as banks export them (src/data/datetime.c): every format parses and
 * renders back to the same text, including the compact yymmdd and yyyymmdd forms, which are
 * only ever declared, never guessed from numbers; a fitted model keeps a compact format. */
#include "test_support.h"

#include "data/datetime.h"
#include "riskgan.h"

static double parse(const char *format_name, const char *text)
{
    rg_datetime_format format;
    assert_true(rg_datetime_format_from_name(format_name, &format));
    double seconds = NAN;
    if (!rg_datetime_parse(text, strlen(text), &format, &seconds))
        return NAN;
    char back[48];
    rg_datetime_render(back, sizeof back, seconds, &format);
    assert_string_equal(back, text);
    char name[32];
    rg_datetime_format_name(&format, name, sizeof name);
    assert_string_equal(name, format_name);
    return seconds;
}

static void test_compact_formats(void **state)
{
    (void)state;
    double day = 86400;
    /* 1993-01-03 is 8403 days after 1970-01-01 (23 years with 6 leap days: 8401, + 2) */
    assert_true(parse("yymmdd", "930103") == 8403 * day);
    assert_true(parse("yyyymmdd", "19930103") == 8403 * day);
    assert_true(parse("yyyy-mm-dd", "1993-01-03") == 8403 * day);
    assert_true(parse("yymmdd", "000229") == parse("yyyy-mm-dd", "2000-02-29")); /* 00..68: 20xx */
    assert_true(parse("yymmdd", "690101") == parse("yyyy-mm-dd", "1969-01-01"));
    assert_true(isnan(parse("yymmdd", "931301")));   /* month 13 */
    assert_true(isnan(parse("yymmdd", "930230")));   /* 30 February */
    assert_true(isnan(parse("yymmdd", "93013")));    /* five digits */
    assert_true(isnan(parse("yyyymmdd", "930103")));
    assert_true(parse("yymmdd hh:mm:ss", "931107 00:00:00") == parse("yyyy-mm-dd", "1993-11-07"));
}

/* Times outside the years 0000-9999 (a corrupt model's dates, found by fuzzing a model of linked
 * tables) are taken at the range's ends, never converted to an integer that cannot hold them. */
static void test_dates_far_outside_the_calendar_are_clamped(void **state)
{
    (void)state;
    rg_datetime_format iso;
    assert_true(rg_datetime_format_from_name("yyyy-mm-dd", &iso));
    char text[64];
    long long year;
    int month, day, days;
    rg_datetime_calendar(1.24e214, &year, &month, &day, &days);
    assert_true(year == 9999 && month == 12 && day == 31 && days == 31);
    assert_true(rg_datetime_render(text, sizeof text, 1.24e214, &iso) > 0);
    assert_string_equal(text, "9999-12-31");
    rg_datetime_calendar(-1e300, &year, &month, &day, &days);
    assert_true(year == 0 && month == 1 && day == 1);
    assert_true(rg_datetime_render(text, sizeof text, -1e300, &iso) > 0);
    assert_string_equal(text, "0000-01-01");
    assert_true(rg_datetime_render(text, sizeof text, parse("yyyy-mm-dd", "1993-01-03"), &iso) > 0);
    assert_string_equal(text, "1993-01-03"); /* inside the range: unchanged */
}

static void test_compact_dates_never_guessed(void **state)
{
    (void)state;
    const char *csv = "id,date\n1,930103\n2,930104\n3,930211\n";
    char *path = write_temporary(csv, strlen(csv));
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    riskgan_column_summary s;
    riskgan_table_column_summary(table, 1, &s);
    assert_int_equal(s.type, RISKGAN_COLUMN_INTEGER);
    riskgan_table_free(table);
    riskgan_read_options options;
    riskgan_read_options_init(&options);
    options.datetime_columns = "date:yymmdd";
    assert_int_equal(riskgan_table_read_csv(path, &options, &table), RISKGAN_OK);
    riskgan_table_column_summary(table, 1, &s);
    assert_int_equal(s.type, RISKGAN_COLUMN_DATETIME);
    assert_string_equal(s.datetime_format, "yymmdd");
    char text[32];
    riskgan_table_format_value(table, 1, riskgan_table_number(table, 2, 1), text, sizeof text);
    assert_string_equal(text, "930211");
    riskgan_table_free(table);
    unlink(path);
    free(path);
}

/* A model fitted on a yymmdd column writes its generated dates as yymmdd. */
static void test_model_keeps_compact_format(void **state)
{
    (void)state;
    char csv[4096] = "amount,date\n";
    for (int r = 0; r < 60; r++)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "%d,9%d%02d%02d\n", 100 + 7 * r, 3 + r % 3,
                 1 + r % 12, 1 + r % 28);
    char *path = write_temporary(csv, strlen(csv));
    riskgan_read_options options;
    riskgan_read_options_init(&options);
    options.datetime_columns = "date:yymmdd";
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, &options, &table), RISKGAN_OK);
    riskgan_fit_options fit;
    riskgan_fit_options_init(&fit, RISKGAN_PRESET_CTGAN);
    fit.epochs = 1;
    fit.hidden = 8;
    fit.batch_size = 20;
    riskgan_model *model;
    assert_int_equal(riskgan_fit(table, &fit, &model), RISKGAN_OK);
    char *model_path = temporary_path();
    assert_int_equal(riskgan_model_save(model, model_path), RISKGAN_OK);
    riskgan_model_free(model);
    assert_int_equal(riskgan_model_load(model_path, &model), RISKGAN_OK);
    riskgan_table *rows;
    assert_int_equal(riskgan_sample(model, 20, 3, NULL, &rows), RISKGAN_OK);
    riskgan_column_summary summary;
    riskgan_table_column_summary(rows, 1, &summary);
    assert_int_equal(summary.type, RISKGAN_COLUMN_DATETIME);
    for (size_t r = 0; r < 20; r++) {
        char text[32];
        riskgan_table_format_value(rows, 1, riskgan_table_number(rows, r, 1), text, sizeof text);
        if (strlen(text) != 6)
            fail_msg("row %zu: generated date '%s'", r, text);
        assert_true(text[0] == '9' && text[1] >= '3' && text[1] <= '5');
    }
    riskgan_table_free(rows);
    riskgan_model_free(model);
    riskgan_table_free(table);
    unlink(path), unlink(model_path);
    free(path), free(model_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_formats),
        cmocka_unit_test(test_dates_far_outside_the_calendar_are_clamped),
        cmocka_unit_test(test_compact_dates_never_guessed),
        cmocka_unit_test(test_model_keeps_compact_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
