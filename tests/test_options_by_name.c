/* test_options_by_name.c — fit options set by name from text (src/models/fit_options_text.c,
 * src/relational/relational_options_text.c): each kind of field lands where the struct has it,
 * unknown names and unparsable values are refused naming them, and the whole columns of a
 * table come out as the cells are (src/data/table_columns.c). */
#include "test_support.h"

#include "riskgan.h"

static void fit_options_land_in_their_fields(void **state)
{
    (void)state;
    riskgan_fit_options o;
    riskgan_fit_options_init(&o, RISKGAN_PRESET_DEFAULT);
    assert_int_equal(riskgan_fit_options_size(), sizeof o);
    assert_int_equal(riskgan_fit_options_set(&o, "epochs", "17"), RISKGAN_OK);
    assert_int_equal(riskgan_fit_options_set(&o, "epsilon", "0.5"), RISKGAN_OK);
    assert_int_equal(riskgan_fit_options_set(&o, "min_category_count", "9"), RISKGAN_OK);
    assert_int_equal(riskgan_fit_options_set(&o, "seed", "18446744073709551"), RISKGAN_OK);
    assert_int_equal(riskgan_fit_options_set(&o, "model", "tvae"), RISKGAN_OK);
    const char *target = "default";
    assert_int_equal(riskgan_fit_options_set(&o, "target", target), RISKGAN_OK);
    assert_int_equal(o.epochs, 17);
    assert_true(o.epsilon == 0.5);
    assert_int_equal(o.min_category_count, 9);
    assert_true(o.seed == 18446744073709551ULL);
    assert_int_equal(o.model, RISKGAN_MODEL_TVAE);
    assert_ptr_equal(o.target, target);
    assert_int_equal(riskgan_fit_options_set(&o, "epochs", "ten"), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "'epochs': 'ten'"));
    assert_int_equal(riskgan_fit_options_set(&o, "min_category_count", "-1"), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_int_equal(riskgan_fit_options_set(&o, "epochs", "99999999999"), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_int_equal(riskgan_fit_options_set(&o, "model", "gpt"), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_int_equal(riskgan_fit_options_set(&o, "bogus", "1"), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "unknown fit option 'bogus'"));
    assert_int_equal(o.epochs, 17); /* refused values change nothing */
    volatile int stop = 0;
    riskgan_fit_options_set_stop(&o, &stop);
    assert_ptr_equal(o.stop, &stop);
}

static void relational_options_reach_the_root(void **state)
{
    (void)state;
    riskgan_relational_fit_options o;
    riskgan_relational_fit_options_init(&o);
    assert_int_equal(riskgan_relational_fit_options_size(), sizeof o);
    assert_int_equal(riskgan_relational_fit_options_set(&o, "event_epochs", "4"), RISKGAN_OK);
    assert_int_equal(riskgan_relational_fit_options_set(&o, "epochs", "6"), RISKGAN_OK);
    assert_int_equal(riskgan_relational_fit_options_set(&o, "seed", "3"), RISKGAN_OK);
    assert_int_equal(o.epochs, 4);
    assert_int_equal(o.root.epochs, 6);
    assert_true(o.seed == 3 && o.root.seed == 3);
    assert_int_equal(riskgan_relational_fit_options_set(&o, "counts_only", "2"), RISKGAN_ERR_INVALID_ARGUMENT);
}

static void whole_columns_are_the_cells(void **state)
{
    (void)state;
    const double numbers[3] = {1.5, NAN, -2};
    const char *const text[3] = {"b", NULL, "a"};
    riskgan_column_data columns[2] = {{.name = "x", .numbers = numbers}, {.name = "t", .text = text, .categorical = 1}};
    riskgan_table *table;
    assert_int_equal(riskgan_table_from_columns(columns, 2, 3, NULL, &table), RISKGAN_OK);
    double got[3];
    int32_t codes[3];
    assert_int_equal(riskgan_table_column_numbers(table, 0, got), RISKGAN_OK);
    assert_true(got[0] == 1.5 && isnan(got[1]) && got[2] == -2);
    assert_int_equal(riskgan_table_column_codes(table, 1, codes), RISKGAN_OK);
    assert_int_equal(codes[1], -1);
    assert_int_equal(riskgan_table_column_levels(table, 1), 2);
    assert_string_equal(riskgan_table_column_level(table, 1, (size_t)codes[0]), "b");
    assert_string_equal(riskgan_table_column_level(table, 1, (size_t)codes[2]), "a");
    assert_null(riskgan_table_column_level(table, 1, 2));
    assert_int_equal(riskgan_table_column_numbers(table, 1, got), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_int_equal(riskgan_table_column_codes(table, 0, codes), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_int_equal(riskgan_table_column_levels(table, 5), 0);
    riskgan_table_free(table);
    assert_string_equal(riskgan_version(), RISKGAN_VERSION);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fit_options_land_in_their_fields),
        cmocka_unit_test(relational_options_reach_the_root),
        cmocka_unit_test(whole_columns_are_the_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
