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
    rg_format_number(out, sizeof out, 25691.16, 2);
    assert_string_equal(out, "25691.16");
    rg_format_number(out, sizeof out, 5, 2); /* the column's decimals when exact */
    assert_string_equal(out, "5.00");
    rg_format_number(out, sizeof out, -0.0, 2);
    assert_string_equal(out, "0.00");
    rg_format_number(out, sizeof out, -1.14232093108918, 14);
    assert_string_equal(out, "-1.14232093108918");
    /* never rounded: a value the decimals cannot hold is written in the shortest exact form */
    rg_format_number(out, sizeof out, -0.3, 0);
    assert_string_equal(out, "-0.3");
    rg_format_number(out, sizeof out, 0.1 + 0.2, 2);
    assert_string_equal(out, "0.30000000000000004");
    rg_format_number(out, sizeof out, 1e-300, -1);
    assert_string_equal(out, "1e-300");
    rg_format_number(out, sizeof out, 2.5e-310, -1); /* subnormal: fewer digits suffice */
    assert_string_equal(out, "2.5e-310");
    rg_format_number(out, sizeof out, 4.9e-324, -1);
    assert_string_equal(out, "5e-324");
    rg_format_number(out, sizeof out, 123456789012.0, 0);
    assert_string_equal(out, "123456789012");
    rg_format_number_with(out, sizeof out, 1234.5, 2, ',');
    assert_string_equal(out, "1234,50");
    /* whole numbers in the shortest form: their digits below 10^15, an exponent from there */
    static const double whole[] = {-0.0, 7, -42, 1169, 999999999999999, -999999999999999, 1e15, 123e20};
    static const char *written[] = {"0", "7", "-42", "1169", "999999999999999", "-999999999999999", "1e+15",
                                    "1.23e+22"};
    for (size_t k = 0; k < sizeof whole / sizeof *whole; k++) {
        rg_format_number(out, sizeof out, whole[k], -1);
        assert_string_equal(out, written[k]);
    }
    double value;
    int decimals;
    assert_true(rg_parse_number_with("1234,50", 7, ',', &value, &decimals));
    assert_true(value == 1234.5 && decimals == 2);
}

/* Every double written and read back is the same double (random bit patterns). */
static void test_round_trip_of_random_doubles(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double value;
        memcpy(&value, &x, sizeof value);
        if (!isfinite(value))
            continue;
        char out[64];
        int length = rg_format_number(out, sizeof out, value, i % 4 - 1);
        double back;
        int decimals;
        if (!rg_parse_number(out, (size_t)length, &back, &decimals) || (back != value && !(value == 0 && back == 0)))
            fail_msg("%.17g written as '%s'", value, out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parsing),
        cmocka_unit_test(test_formatting),
        cmocka_unit_test(test_round_trip_of_random_doubles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
