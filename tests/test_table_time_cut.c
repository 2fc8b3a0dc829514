/* test_table_time_cut.c — src/data/table_time_cut.c: rows cut at a date given in the column's
 * own format or as yyyy-mm-dd, at a number, at text in byte order; a missing value stays
 * before the cut; values come through unchanged; a cut value that is not a date, or one
 * leaving a side empty, is refused. */
#include "test_support.h"

#include "riskgan.h"

static riskgan_table *read_text(const char *csv)
{
    char *path = write_temporary(csv, strlen(csv));
    riskgan_table *t = NULL;
    riskgan_read_options o;
    riskgan_read_options_init(&o);
    o.detect_roles = 1;
    assert_int_equal(riskgan_table_read_csv(path, &o, &t), RISKGAN_OK);
    unlink(path), free(path);
    return t;
}

static const char csv[] = "opened,amount,grade,bad\n"
                          "03/01/2018,100.50,a,0\n"
                          "28/12/2018,7,b,1\n"
                          "01/01/2019,250,c,0\n"
                          ",3.25,d,1\n"
                          "15/06/2019,12,e,0\n";

static void cut_at(const riskgan_table *t, const char *column, const char *from, size_t before_rows)
{
    riskgan_table *before = NULL, *after = NULL;
    assert_int_equal(riskgan_table_cut(t, column, from, &before, &after), RISKGAN_OK);
    assert_int_equal(riskgan_table_rows(before), before_rows);
    assert_int_equal(riskgan_table_rows(after), riskgan_table_rows(t) - before_rows);
    riskgan_table_free(before), riskgan_table_free(after);
}

static void rows_fall_on_their_side_of_the_cut(void **state)
{
    (void)state;
    riskgan_table *t = read_text(csv);
    cut_at(t, "opened", "01/01/2019", 3);  /* the column's format; the missing date stays before */
    cut_at(t, "opened", "2019-01-01", 3);  /* ISO */
    cut_at(t, "amount", "100.5", 3);
    cut_at(t, "grade", "c", 2);
    riskgan_table *before = NULL, *after = NULL;
    assert_int_equal(riskgan_table_cut(t, "opened", "2019-01-01", &before, &after), RISKGAN_OK);
    assert_true(riskgan_table_number(after, 0, 1) == 250 && riskgan_table_number(after, 1, 1) == 12);
    assert_true(riskgan_table_number(before, 0, 1) == 100.5 && riskgan_table_number(before, 2, 1) == 3.25);
    assert_string_equal(riskgan_table_category(after, 1, 2), "e");
    riskgan_table_free(before), riskgan_table_free(after);
    riskgan_table_free(t);
}

static void bad_cuts_are_refused(void **state)
{
    (void)state;
    riskgan_table *t = read_text(csv), *before = NULL, *after = NULL;
    assert_int_equal(riskgan_table_cut(t, "opened", "next year", &before, &after), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "not a date"));
    assert_int_equal(riskgan_table_cut(t, "opened", "2030-01-01", &before, &after), RISKGAN_ERR_SCHEMA);
    assert_non_null(strstr(riskgan_last_error(), "no row at or after"));
    assert_int_equal(riskgan_table_cut(t, "nope", "1", &before, &after), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_null(before), assert_null(after);
    riskgan_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_fall_on_their_side_of_the_cut),
        cmocka_unit_test(bad_cuts_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
