/* test_number_text.c — number parsing and formatting of CSV fields. */
#include "test_support.h"

#include "data/number_text.h"

static void expect_number(const char *text, double value, int decimals)
{
    double parsed;
    int parsed_decimals;
    if (!rg_parse_number(text, strlen(text), &parsed, &parsed_decimals))
        fail_msg("'%s' was not parsed", text);
    if (parsed != value || parsed_decimals != decimals)
        fail_msg("'%s' -> %.17g (%d decimals), expected %.17g (%d)", text, parsed, parsed_decimals, value, decimals);
}

static void test_parsing(void **state)
{
    (void)state;
    expect_number("0", 0, 0);
    expect_number("-12", -12, 0);
    expect_number("+7", 7, 0);
    expect_number(" 3.25 ", 3.25, 2);
    expect_number("0.001", 0.001, 3);
    expect_number(".5", 0.5, 1);
    expect_number("5.", 5, 0);
    expect_number("1e3", 1000, -1);
    expect_number("-2.5E-2", -0.025, -1);
    expect_number("-1.14232093108918", -1.14232093108918, 14);
    expect_number("123456789012345678901234", 123456789012345678901234.0, 0);
    const char *not_numbers[] = {"", "-", ".", "abc", "1.2.3", "1e", "inf", "nan", "0x10", "12a", "1 2"};
    for (size_t i = 0; i < sizeof not_numbers / sizeof *not_numbers; i++) {
        double v;
        int d;
        if (rg_parse_number(not_numbers[i], strlen(not_numbers[i]), &v, &d))
            fail_msg("'%s' was parsed as a number", not_numbers[i]);
    }
}

static void test_formatting(void **state)
{
    (void)state;
    char out[64];
    rg_format_number(out, sizeof out, 1169.0, 0);
    assert_string_equal(out, "1169");
    rg_format_number(out, sizeof out, -0.3, 0);
    assert_string_equal(out, "0");
    rg_format_number(out, sizeof out, 25691.16f, 2);
    assert_string_equal(out, "25691.16");
    rg_format_number(out, sizeof out, -0.0004, 2);
    assert_string_equal(out, "0.00");
    rg_format_number(out, sizeof out, -1.14232093108918, 14);
    assert_string_equal(out, "-1.142321");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parsing),
        cmocka_unit_test(test_formatting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
