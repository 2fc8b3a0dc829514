/* test_column_formats.c — generated values look like their column (integers, decimals,
 * grids, few observed values, dates in the input's format, the observed range), and no
 * identifier or rare category reaches a model file or a generated row. */
#include "test_support.h"

#include "riskgan.h"

enum { ROWS = 400 };

static const char *unemployment[10] = {"3.2", "4.1", "5.0", "6.3", "2.2", "7.7", "8.1", "3.9", "4.4", "5.5"};

/* A loan table: identifiers (text and 12-digit numbers), a two-decimal rate, a few-valued
 * rate, amounts on a grid of 50, dates, a code column with leading zeros, a category column
 * with rare values, and a target. */
static char *make_loans(void)
{
    char *text = malloc(ROWS * 200 + 200);
    size_t used = (size_t)sprintf(text, "cust_id,account,rate,unemp,amount,opened,branch,merchant,default\n");
    uint64_t x = 12345;
    for (int r = 0; r < ROWS; r++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        unsigned u = (unsigned)(x >> 33);
        const char *merchant_names[] = {"shop", "fuel", "grocer", "travel"};
        char merchant[32];
        if (r % 20 == 0) /* 20 rare merchants, each in one row */
            snprintf(merchant, sizeof merchant, "rare_merchant_%d", r / 20);
        else
            snprintf(merchant, sizeof merchant, "%s", merchant_names[u % 4]);
        used += (size_t)sprintf(text + used, "C%07u,%llu,%u.%02u,%s,%u,2023-%02u-%02u,%s,%s,%u\n", 1000000 + r * 7,
                                123456789012ULL + (unsigned long long)r * 3, u % 3, u % 100, unemployment[u % 10],
                                500 + 50 * (u % 97), 1 + u % 12, 1 + (u >> 4) % 28, u % 3 == 0 ? "007" : "012",
                                merchant, (u >> 8) % 4 == 0);
    }
    return text;
}

typedef struct {
    riskgan_table *table;
    riskgan_model *model;
    riskgan_table *sample;
    char *model_bytes;
    size_t model_length;
} fitted;

static void fit_loans(fitted *f, const char *formats)
{
    char *text = make_loans();
    char *path = write_temporary(text, strlen(text));
    free(text);
    assert_int_equal(riskgan_table_read_csv(path, NULL, &f->table), RISKGAN_OK);
    unlink(path);
    free(path);
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.target = "default";
    options.epochs = 2;
    options.seed = 3;
    options.column_formats = formats;
    assert_int_equal(riskgan_fit(f->table, &options, &f->model), RISKGAN_OK);
    assert_int_equal(riskgan_sample(f->model, 3000, 11, NULL, &f->sample), RISKGAN_OK);
    char *model_path = temporary_path();
    assert_int_equal(riskgan_model_save(f->model, model_path), RISKGAN_OK);
    FILE *stream = fopen(model_path, "rb");
    f->model_bytes = malloc(1 << 24);
    f->model_length = fread(f->model_bytes, 1, 1 << 24, stream);
    fclose(stream);
    unlink(model_path);
    free(model_path);
}

static void release(fitted *f)
{
    riskgan_table_free(f->table);
    riskgan_table_free(f->sample);
    riskgan_model_free(f->model);
    free(f->model_bytes);
}

static int model_holds(const fitted *f, const void *needle, size_t length)
{
    return memmem(f->model_bytes, f->model_length, needle, length) != NULL;
}

static long column(const riskgan_table *table, const char *name)
{
    long j = riskgan_table_find_column(table, name);
    assert_true(j >= 0);
    return j;
}

static void test_identifiers_never_leave(void **state)
{
    (void)state;
    fitted f;
    fit_loans(&f, NULL);
    long text_id = column(f.table, "cust_id"), number_id = column(f.table, "account");
    riskgan_column_summary s;
    riskgan_table_column_summary(f.table, (size_t)text_id, &s);
    assert_int_equal(s.role, RISKGAN_ROLE_IDENTIFIER);
    riskgan_table_column_summary(f.table, (size_t)number_id, &s);
    assert_int_equal(s.role, RISKGAN_ROLE_IDENTIFIER);
    for (size_t r = 0; r < ROWS; r++) {
        const char *id = riskgan_table_category(f.table, r, (size_t)text_id);
        if (model_holds(&f, id, strlen(id)))
            fail_msg("the model file holds the real identifier %s", id);
        double account = riskgan_table_number(f.table, r, (size_t)number_id);
        if (model_holds(&f, &account, sizeof account))
            fail_msg("the model file holds the real account %.0f", account);
    }
    for (size_t g = 0; g < riskgan_table_rows(f.sample); g++) {
        const char *id = riskgan_table_category(f.sample, g, (size_t)text_id);
        double account = riskgan_table_number(f.sample, g, (size_t)number_id);
        assert_non_null(id);
        assert_true(account == floor(account));
        for (size_t r = 0; r < ROWS; r++) {
            if (strcmp(id, riskgan_table_category(f.table, r, (size_t)text_id)) == 0)
                fail_msg("generated row %zu carries the real identifier %s", g, id);
            if (account == riskgan_table_number(f.table, r, (size_t)number_id))
                fail_msg("generated row %zu carries the real account %.0f", g, account);
        }
    }
    release(&f);
}

/* Account numbers just below 2^53, where a double still holds every whole number but one
 * counted on past the largest (rounded up to 9.1e15) does not: fresh identifiers came out
 * equal in pairs (1,000 of 2,000 rows) and written as "9.1e+15". Generated identifiers are
 * all different, whatever their form. */
static void test_identifiers_near_the_exact_limit_stay_distinct(void **state)
{
    (void)state;
    char text[ROWS * 40 + 64];
    size_t used = (size_t)sprintf(text, "account,amount\n");
    for (int r = 0; r < ROWS; r++)
        used += (size_t)sprintf(text + used, "%llu,%d.%02d\n", 9006000000000000ULL + (unsigned long long)r * 79,
                                10 + r % 90, r % 100);
    char *path = write_temporary(text, used);
    riskgan_table *table = NULL, *sample = NULL;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    unlink(path), free(path);
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.epochs = 1, options.seed = 3;
    riskgan_model *model = NULL;
    assert_int_equal(riskgan_fit(table, &options, &model), RISKGAN_OK);
    assert_int_equal(riskgan_sample(model, 2000, 1, NULL, &sample), RISKGAN_OK);
    char *out = temporary_path(), *csv = calloc(1, 1 << 20);
    assert_int_equal(riskgan_table_write_csv(sample, out), RISKGAN_OK);
    FILE *stream = fopen(out, "rb");
    assert_true(fread(csv, 1, (1 << 20) - 1, stream) > 0);
    fclose(stream);
    unlink(out), free(out);
    size_t rows = 0, repeated = 0;
    char **ids = calloc(2001, sizeof *ids);
    for (char *line = strchr(csv, '\n') + 1; *line && rows < 2000; line = strchr(line, '\n') + 1) {
        ids[rows] = strndup(line, (size_t)(strchr(line, ',') - line));
        assert_null(strchr(ids[rows], 'e'));
        for (size_t k = 0; k < rows; k++)
            repeated += strcmp(ids[k], ids[rows]) == 0;
        rows++;
    }
    assert_int_equal(rows, 2000);
    assert_int_equal(repeated, 0);
    for (size_t k = 0; k < rows; k++)
        free(ids[k]);
    free(ids), free(csv);
    riskgan_table_free(table), riskgan_table_free(sample);
    riskgan_model_free(model);
}

static void test_rare_categories_never_leave(void **state)
{
    (void)state;
    fitted f;
    fit_loans(&f, NULL);
    long merchant = column(f.sample, "merchant");
    for (int k = 0; k < ROWS / 20; k++) {
        char name[32];
        snprintf(name, sizeof name, "rare_merchant_%d", k);
        if (model_holds(&f, name, strlen(name)))
            fail_msg("the model file holds the rare value %s", name);
        for (size_t g = 0; g < riskgan_table_rows(f.sample); g++) {
            const char *value = riskgan_table_category(f.sample, g, (size_t)merchant);
            if (value && strncmp(value, "rare_merchant_", 14) == 0)
                fail_msg("generated row %zu carries the rare value %s", g, value);
        }
    }
    release(&f);
}

static void test_generated_values_look_like_their_column(void **state)
{
    (void)state;
    fitted f;
    fit_loans(&f, NULL);
    const riskgan_table *s = f.sample;
    long rate = column(s, "rate"), unemp = column(s, "unemp"), amount = column(s, "amount"),
         opened = column(s, "opened"), branch = column(s, "branch");
    riskgan_column_summary real_rate, real_amount, real_opened;
    riskgan_table_column_summary(f.table, (size_t)rate, &real_rate);
    riskgan_table_column_summary(f.table, (size_t)amount, &real_amount);
    riskgan_table_column_summary(f.table, (size_t)opened, &real_opened);
    assert_int_equal(real_opened.type, RISKGAN_COLUMN_DATETIME);
    int rates_differ = 0;
    for (size_t g = 0; g < riskgan_table_rows(s); g++) {
        double v = riskgan_table_number(s, g, (size_t)rate);
        char text[64];
        riskgan_table_format_value(s, (size_t)rate, v, text, sizeof text);
        const char *point = strchr(text, '.');
        if (!point || strlen(point + 1) != 2)
            fail_msg("rate %.17g written as '%s': not two decimals", v, text);
        assert_true(v >= real_rate.minimum && v <= real_rate.maximum);
        rates_differ |= v != riskgan_table_number(s, 0, (size_t)rate);

        double u = riskgan_table_number(s, g, (size_t)unemp);
        riskgan_table_format_value(s, (size_t)unemp, u, text, sizeof text);
        int observed = 0;
        for (int k = 0; k < 10; k++)
            observed |= strcmp(text, unemployment[k]) == 0;
        if (!observed)
            fail_msg("unemployment %s was never observed", text);

        double a = riskgan_table_number(s, g, (size_t)amount);
        if (fmod(a - 500, 50) != 0 || a < real_amount.minimum || a > real_amount.maximum)
            fail_msg("amount %.17g is off the grid of 50 or out of range", a);

        double d = riskgan_table_number(s, g, (size_t)opened);
        riskgan_table_format_value(s, (size_t)opened, d, text, sizeof text);
        if (strlen(text) != 10 || strncmp(text, "2023-", 5) != 0 || fmod(d, 86400) != 0)
            fail_msg("date '%s' is not a 2023 yyyy-mm-dd day", text);

        const char *code = riskgan_table_category(s, g, (size_t)branch);
        assert_true(code && (strcmp(code, "007") == 0 || strcmp(code, "012") == 0));
    }
    assert_true(rates_differ);
    release(&f);
}

static void test_formats_can_be_overridden(void **state)
{
    (void)state;
    fitted f;
    fit_loans(&f, "rate:decimals=0;amount:step=1000");
    long rate = column(f.sample, "rate"), amount = column(f.sample, "amount");
    for (size_t g = 0; g < riskgan_table_rows(f.sample); g++) {
        double v = riskgan_table_number(f.sample, g, (size_t)rate);
        assert_true(v == floor(v));
        double a = riskgan_table_number(f.sample, g, (size_t)amount);
        if (fmod(a, 1000) != 0 && a != 500 && a != 5300) /* the range ends stay reachable */
            fail_msg("amount %.17g is not a multiple of 1000", a);
    }
    release(&f);
    riskgan_table *table;
    char *text = make_loans();
    char *path = write_temporary(text, strlen(text));
    free(text);
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    unlink(path);
    free(path);
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.epochs = 1;
    riskgan_model *model = NULL;
    options.column_formats = "nope:decimals=2";
    assert_int_equal(riskgan_fit(table, &options, &model), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "nope"));
    options.column_formats = "rate:colour=red";
    assert_int_equal(riskgan_fit(table, &options, &model), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "colour"));
    assert_null(model);
    riskgan_table_free(table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identifiers_never_leave),
        cmocka_unit_test(test_identifiers_near_the_exact_limit_stay_distinct),
        cmocka_unit_test(test_rare_categories_never_leave),
        cmocka_unit_test(test_generated_values_look_like_their_column),
        cmocka_unit_test(test_formats_can_be_overridden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
