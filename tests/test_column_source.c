/* test_column_source.c — riskgan_table_from_columns (src/data/column_source.c): columns in
 * memory are typed exactly as the same values read from a CSV file, every number comes back
 * as the same double, NULL differs from "", and bad columns are refused by name and row. */
#include "test_support.h"

#include "riskgan.h"

enum { ROWS = 30 };

typedef struct {
    double amount[ROWS], term[ROWS], rate[ROWS];
    const char *code[ROWS], *purpose[ROWS], *opened[ROWS], *customer[ROWS];
    char code_text[ROWS][8], opened_text[ROWS][16], customer_text[ROWS][16];
} loans;

/* 30 loans: an amount with cents (one missing), a whole term, a rate like 0.1 + 0.2 that
 * needs all 17 digits, a code with leading zeros, a purpose (one missing, one empty), an
 * ISO date and a customer number of 8 digits (an identifier). */
static void make_loans(loans *l)
{
    static const char *purposes[] = {"car", "house", "education"};
    for (int r = 0; r < ROWS; r++) {
        l->amount[r] = r == 3 ? NAN : 1000.25 + 17 * r;
        l->term[r] = 12 * (1 + r % 3);
        l->rate[r] = r == 0 ? 0.1 + 0.2 : 0.01 * r;
        snprintf(l->code_text[r], sizeof l->code_text[r], "%03d", r % 7);
        l->code[r] = l->code_text[r];
        l->purpose[r] = r == 5 ? NULL : r == 6 ? "" : purposes[r % 3];
        snprintf(l->opened_text[r], sizeof l->opened_text[r], "2024-%02d-%02d", 1 + r % 12, 1 + r % 28);
        l->opened[r] = l->opened_text[r];
        snprintf(l->customer_text[r], sizeof l->customer_text[r], "%d", 40000000 + 7919 * r);
        l->customer[r] = l->customer_text[r];
    }
}

static riskgan_table *from_columns(loans *l)
{
    riskgan_column_data columns[] = {
        {.name = "amount", .numbers = l->amount},
        {.name = "term", .numbers = l->term},
        {.name = "rate", .numbers = l->rate},
        {.name = "code", .text = l->code},
        {.name = "purpose", .text = l->purpose},
        {.name = "opened", .text = l->opened},
        {.name = "customer", .text = l->customer},
    };
    riskgan_table *table = NULL;
    assert_int_equal(riskgan_table_from_columns(columns, 7, ROWS, NULL, &table), RISKGAN_OK);
    return table;
}

static void test_typed_like_a_csv_file(void **state)
{
    (void)state;
    loans l;
    make_loans(&l);
    riskgan_table *table = from_columns(&l);
    assert_int_equal(riskgan_table_rows(table), ROWS);
    riskgan_column_summary s;
    static const riskgan_column_type expected[] = {RISKGAN_COLUMN_CONTINUOUS, RISKGAN_COLUMN_INTEGER,
                                                   RISKGAN_COLUMN_CONTINUOUS, RISKGAN_COLUMN_CATEGORICAL,
                                                   RISKGAN_COLUMN_CATEGORICAL, RISKGAN_COLUMN_DATETIME,
                                                   RISKGAN_COLUMN_INTEGER};
    for (size_t j = 0; j < 7; j++) {
        assert_int_equal(riskgan_table_column_summary(table, j, &s), RISKGAN_OK);
        assert_int_equal(s.type, expected[j]);
    }
    assert_int_equal(riskgan_table_column_summary(table, 0, &s), RISKGAN_OK);
    assert_int_equal(s.decimals, 2);
    assert_int_equal(s.missing, 1);
    assert_int_equal(riskgan_table_column_summary(table, 6, &s), RISKGAN_OK);
    assert_int_equal(s.role, RISKGAN_ROLE_IDENTIFIER);
    assert_int_equal(riskgan_table_column_summary(table, 4, &s), RISKGAN_OK);
    assert_int_equal(s.missing, 1); /* NULL is missing, "" is a value */
    assert_null(riskgan_table_category(table, 5, 4));
    assert_string_equal(riskgan_table_category(table, 6, 4), "");
    assert_string_equal(riskgan_table_category(table, 3, 3), "003");
    for (size_t r = 0; r < ROWS; r++) {
        if (r != 3)
            assert_true(riskgan_table_number(table, r, 0) == l.amount[r]);
        assert_true(riskgan_table_number(table, r, 2) == l.rate[r]); /* the same double */
    }
    riskgan_table_free(table);
}

/* The table writes the CSV text that, read back, gives the same table as the columns. */
static void test_same_as_reading_its_csv(void **state)
{
    (void)state;
    loans l;
    make_loans(&l);
    l.purpose[6] = "auto"; /* an empty text would read back from CSV as missing */
    riskgan_table *table = from_columns(&l);
    char *path = temporary_path();
    assert_int_equal(riskgan_table_write_csv(table, path), RISKGAN_OK);
    riskgan_table *read;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &read), RISKGAN_OK);
    char *again = temporary_path();
    assert_int_equal(riskgan_table_write_csv(read, again), RISKGAN_OK);
    FILE *a = fopen(path, "rb"), *b = fopen(again, "rb");
    char x[8192], y[8192];
    size_t nx = fread(x, 1, sizeof x, a), ny = fread(y, 1, sizeof y, b);
    fclose(a), fclose(b);
    assert_int_equal(nx, ny);
    assert_memory_equal(x, y, nx);
    for (size_t j = 0; j < 7; j++) {
        riskgan_column_summary s, t;
        riskgan_table_column_summary(table, j, &s);
        riskgan_table_column_summary(read, j, &t);
        assert_int_equal(s.type, t.type);
        assert_int_equal(s.role, t.role);
        assert_int_equal(s.decimals, t.decimals);
    }
    unlink(path), unlink(again);
    free(path), free(again);
    riskgan_table_free(table);
    riskgan_table_free(read);
}

static void test_declared_roles(void **state)
{
    (void)state;
    loans l;
    make_loans(&l);
    const char *numbers_as_text[ROWS];
    for (int r = 0; r < ROWS; r++)
        numbers_as_text[r] = r % 2 ? "1" : "2";
    riskgan_column_data columns[] = {
        {.name = "grade", .text = numbers_as_text, .categorical = 1},
        {.name = "opened", .text = l.opened, .datetime_format = "yyyy-mm-dd"},
        {.name = "term", .numbers = l.term, .identifier = 1},
    };
    riskgan_table *table;
    assert_int_equal(riskgan_table_from_columns(columns, 3, ROWS, NULL, &table), RISKGAN_OK);
    riskgan_column_summary s;
    riskgan_table_column_summary(table, 0, &s);
    assert_int_equal(s.type, RISKGAN_COLUMN_CATEGORICAL);
    riskgan_table_column_summary(table, 1, &s);
    assert_int_equal(s.type, RISKGAN_COLUMN_DATETIME);
    riskgan_table_column_summary(table, 2, &s);
    assert_int_equal(s.role, RISKGAN_ROLE_IDENTIFIER);
    riskgan_table_free(table);
}

static void test_bad_columns_refused(void **state)
{
    (void)state;
    double numbers[3] = {1, INFINITY, 3};
    const char *text[3] = {"a", "b", "c"};
    riskgan_table *table = (riskgan_table *)&table; /* set to NULL on failure */
    riskgan_column_data infinite = {.name = "x", .numbers = numbers};
    assert_int_equal(riskgan_table_from_columns(&infinite, 1, 3, NULL, &table), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "column 'x', row 2"));
    assert_null(table);
    riskgan_column_data both = {.name = "y", .numbers = numbers, .text = text};
    assert_int_equal(riskgan_table_from_columns(&both, 1, 3, NULL, &table), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "'y'"));
    riskgan_column_data twice[] = {{.name = "z", .text = text}, {.name = "z", .text = text}};
    assert_int_equal(riskgan_table_from_columns(twice, 2, 3, NULL, &table), RISKGAN_ERR_PARSE);
    assert_non_null(strstr(riskgan_last_error(), "duplicate column name 'z'"));
    riskgan_column_data fine = {.name = "w", .text = text};
    assert_int_equal(riskgan_table_from_columns(&fine, 1, 0, NULL, &table), RISKGAN_ERR_PARSE);
    assert_non_null(strstr(riskgan_last_error(), "no data rows"));
    riskgan_column_data date = {.name = "d", .text = text, .datetime_format = "yyyy-mm-dd"};
    assert_int_not_equal(riskgan_table_from_columns(&date, 1, 3, NULL, &table), RISKGAN_OK);
    assert_non_null(strstr(riskgan_last_error(), "'a'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_like_a_csv_file),
        cmocka_unit_test(test_same_as_reading_its_csv),
        cmocka_unit_test(test_declared_roles),
        cmocka_unit_test(test_bad_columns_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
