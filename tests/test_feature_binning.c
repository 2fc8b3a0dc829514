/* test_feature_binning.c — src/risk/feature_binning.c on columns made up here: a monotone
 * risk gets ascending bins with monotone WoE; a U-shaped risk gets a valley under AUTO;
 * missing and special values get bins of their own with their counts; categories with the
 * same event rate are grouped; KS and Gini of two bins by hand; every regular bin holds the
 * minimum share; a constant column is one bin of IV 0; identifiers are refused. */
#include "test_support.h"

#include "data/table.h"
#include "credit/feature_binning.h"
#include "riskgan.h"

/* A table read from CSV text. */
static riskgan_table *table_of(const char *csv)
{
    char *path = write_temporary(csv, strlen(csv));
    riskgan_table *t = NULL;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &t), RISKGAN_OK);
    unlink(path), free(path);
    return t;
}

/* Rows x = 0..n-1 (as "x"), the event from rule(x), written as CSV "x,bad". */
static riskgan_table *numbers_with(size_t n, int (*rule)(size_t), const char *extra_rows)
{
    size_t size = 32 * n + 4096;
    char *csv = malloc(size);
    size_t used = (size_t)snprintf(csv, size, "x,bad\n");
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(csv + used, size - used, "%zu,%d\n", i, rule(i));
    snprintf(csv + used, size - used, "%s", extra_rows ? extra_rows : "");
    riskgan_table *t = table_of(csv);
    t->column[0].role = RISKGAN_ROLE_FEATURE; /* 0..n-1 would read as an identifier */
    free(csv);
    return t;
}

static int8_t *events_of(const riskgan_table *t)
{
    long bad = riskgan_table_find_column(t, "bad");
    int8_t *e = calloc(riskgan_table_rows(t) + 1, 1);
    for (size_t r = 0; r < riskgan_table_rows(t); r++)
        e[r] = (int8_t)riskgan_table_number(t, r, (size_t)bad);
    return e;
}

/* Event with probability rising in x (a fixed pattern: the share of 1s over 10 rows). */
static int rising(size_t i) { return (int)(i % 10) < (int)(i / 100); }
static int u_shaped(size_t i) { size_t d = i < 500 ? 500 - i : i - 500; return (int)(i % 10) < (int)(d / 60); }

static void a_rising_risk_gets_ascending_bins(void **state)
{
    (void)state;
    riskgan_table *t = numbers_with(1000, rising, NULL);
    int8_t *e = events_of(t);
    rg_binning_options o;
    rg_binning_options_init(&o);
    rg_feature_binning b;
    assert_int_equal(rg_bin_feature(t, 0, e, &o, &b), RISKGAN_OK);
    assert_int_equal(b.trend, RG_TREND_ASCENDING);
    assert_true(b.bin_count >= 5 && b.bin_count <= 10);
    for (size_t k = 0; k < b.bin_count; k++) {
        assert_true(b.bins[k].count >= 0.05 * 1000);
        if (k)
            assert_true(b.bins[k].woe <= b.bins[k - 1].woe && b.bins[k].low == b.bins[k - 1].high);
    }
    assert_true(isinf(b.bins[0].low) && isinf(b.bins[b.bin_count - 1].high));
    assert_true(b.iv > 0.5 && b.gini > 0.3 && b.ks > 0.3);
    assert_int_equal(rg_binning_bin_of(&b, t, 0, 999), (long)b.bin_count - 1);
    rg_feature_binning_free(&b), free(e), riskgan_table_free(t);
}

static void a_u_shaped_risk_gets_a_valley_of_woe(void **state)
{
    (void)state;
    riskgan_table *t = numbers_with(1000, u_shaped, NULL);
    int8_t *e = events_of(t);
    rg_binning_options o;
    rg_binning_options_init(&o);
    rg_feature_binning b;
    assert_int_equal(rg_bin_feature(t, 0, e, &o, &b), RISKGAN_OK);
    assert_int_equal(b.trend, RG_TREND_VALLEY); /* event rate falls, then rises */
    size_t lowest = 0;
    for (size_t k = 1; k < b.bin_count; k++)
        lowest = b.bins[k].events / b.bins[k].count < b.bins[lowest].events / b.bins[lowest].count ? k : lowest;
    assert_true(lowest > 0 && lowest + 1 < b.bin_count);
    rg_feature_binning_free(&b);
    o.trend = RG_TREND_ASCENDING; /* asked for: kept, at a lower IV */
    rg_feature_binning forced;
    assert_int_equal(rg_bin_feature(t, 0, e, &o, &forced), RISKGAN_OK);
    assert_int_equal(forced.trend, RG_TREND_ASCENDING);
    rg_feature_binning_free(&forced), free(e), riskgan_table_free(t);
}

/* 200 rows plus 30 missing (10 bad) and 20 of -999 (15 bad). */
static void missing_and_special_values_get_their_own_bins(void **state)
{
    (void)state;
    char extra[4096] = "";
    size_t used = 0;
    for (int i = 0; i < 30; i++)
        used += (size_t)snprintf(extra + used, sizeof extra - used, ",%d\n", i < 10);
    for (int i = 0; i < 20; i++)
        used += (size_t)snprintf(extra + used, sizeof extra - used, "-999,%d\n", i < 15);
    riskgan_table *t = numbers_with(200, rising, extra);
    int8_t *e = events_of(t);
    rg_binning_options o;
    rg_binning_options_init(&o);
    const double specials[] = {-999};
    o.specials = specials, o.special_count = 1;
    rg_feature_binning b;
    assert_int_equal(rg_bin_feature(t, 0, e, &o, &b), RISKGAN_OK);
    long missing = -1, special = -1;
    for (size_t k = 0; k < b.bin_count; k++) {
        missing = b.bins[k].kind == RG_BIN_MISSING ? (long)k : missing;
        special = b.bins[k].kind == RG_BIN_SPECIAL ? (long)k : special;
    }
    assert_true(missing >= 0 && special >= 0);
    assert_true(b.bins[missing].count == 30 && b.bins[missing].events == 10);
    assert_true(b.bins[special].count == 20 && b.bins[special].events == 15);
    assert_string_equal(b.bins[special].label, "-999");
    assert_int_equal(rg_binning_bin_of(&b, t, 0, 200), missing);
    assert_int_equal(rg_binning_bin_of(&b, t, 0, 249), special);
    double total = 0;
    for (size_t k = 0; k < b.bin_count; k++)
        total += b.bins[k].count;
    assert_true(total == 250);
    rg_feature_binning_free(&b), free(e), riskgan_table_free(t);
}

/* Categories a, b (20 % bad), c, d (60 % bad), 50 rows each: two groups. KS by hand: the
 * riskier group holds 60/80 of the events and 40/120 of the others: KS = 0.75 - 1/3; Gini:
 * AUC = P(event ranked riskier) = 0.75 * (80/120) + 0.5 * (0.75 * 40/120 + 0.25 * 80/120). */
static void categories_with_one_rate_are_grouped(void **state)
{
    (void)state;
    char csv[8192] = "grade,bad\n";
    size_t used = strlen(csv);
    const char *names[] = {"a", "c", "b", "d"};
    for (int k = 0; k < 4; k++)
        for (int i = 0; i < 50; i++)
            used += (size_t)snprintf(csv + used, sizeof csv - used, "%s,%d\n", names[k], i < (k % 2 ? 30 : 10));
    riskgan_table *t = table_of(csv);
    int8_t *e = events_of(t);
    rg_binning_options o;
    rg_binning_options_init(&o);
    rg_feature_binning b;
    assert_int_equal(rg_bin_feature(t, 0, e, &o, &b), RISKGAN_OK);
    assert_true(b.categorical);
    assert_int_equal(b.bin_count, 2);
    assert_string_equal(b.bins[0].label, "a, b");
    assert_string_equal(b.bins[1].label, "c, d");
    assert_true(fabs(b.ks - (0.75 - 1.0 / 3)) < 1e-12);
    double auc = 0.75 * (80.0 / 120) + 0.5 * (0.75 * 40.0 / 120 + 0.25 * 80.0 / 120);
    assert_true(fabs(b.gini - (2 * auc - 1)) < 1e-12);
    assert_int_equal(rg_binning_bin_of(&b, t, 0, 60), 1); /* a row of c */
    rg_feature_binning_free(&b), free(e), riskgan_table_free(t);
}

static int constant_zero(size_t i) { return i % 4 == 0; }

static void a_constant_column_is_one_bin_and_identifiers_are_refused(void **state)
{
    (void)state;
    riskgan_table *t = table_of("x,bad\n5,1\n5,0\n5,0\n5,0\n");
    int8_t *e = events_of(t);
    rg_binning_options o;
    rg_binning_options_init(&o);
    rg_feature_binning b;
    assert_int_equal(rg_bin_feature(t, 0, e, &o, &b), RISKGAN_OK);
    assert_int_equal(b.bin_count, 1);
    assert_true(fabs(b.iv) < 1e-12);
    rg_feature_binning_free(&b), free(e), riskgan_table_free(t);

    riskgan_table *ids = numbers_with(100, constant_zero, NULL);
    ids->column[0].role = RISKGAN_ROLE_IDENTIFIER;
    int8_t *f = events_of(ids);
    assert_int_equal(rg_bin_feature(ids, 0, f, &o, &b), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "identifier"));
    free(f), riskgan_table_free(ids);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_rising_risk_gets_ascending_bins),
        cmocka_unit_test(a_u_shaped_risk_gets_a_valley_of_woe),
        cmocka_unit_test(missing_and_special_values_get_their_own_bins),
        cmocka_unit_test(categories_with_one_rate_are_grouped),
        cmocka_unit_test(a_constant_column_is_one_bin_and_identifiers_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
