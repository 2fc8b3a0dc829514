/* test_private_fit.c — differentially private fitting: the batched per-row clipping
 * against a row-by-row computation, the bound a single row has on a critic update, and a
 * fitted model that holds no raw value of its training data. */
#include "test_support.h"

#include "models/ctgan_private.h"
#include "models/model.h"
#include "transform/metadata.h"

enum { DATA = 7, CONDITION = 2, ROWS = 6, HIDDEN = 5 };

static void random_rows(float *x, int rows, int width, rg_rng *rng)
{
    for (int i = 0; i < rows * width; i++)
        x[i] = (float)(2 * rg_rng_uniform(rng) - 1);
}

/* The row-by-row reference: each row's full gradient (plain term, then the penalty through
 * the tested single-row functions), its norm, its clipped sum. */
static double reference_row(const rg_ctgan *m, const float *x, const float *xhat, float sign, double clip,
                            float *sum)
{
    int width = DATA + CONDITION;
    rg_discriminator_workspace w;
    assert_int_equal(rg_discriminator_workspace_init(&w, 1, width, HIDDEN), RISKGAN_OK);
    float *g = calloc(m->discriminator_count, sizeof *g);
    rg_discriminator_forward(m->discriminator, &w, x, 1, 0, (rg_streams){NULL, 1, 1});
    rg_discriminator_backward(m->discriminator, g, &w, x, &sign, 1, NULL);
    if (xhat) {
        rg_discriminator_forward(m->discriminator, &w, xhat, 1, 0, (rg_streams){NULL, 1, 1});
        rg_discriminator_gradient_penalty(m->discriminator, g, &w, 1, 10.0f);
    }
    double norm2 = 0;
    for (size_t k = 0; k < m->discriminator_count; k++)
        norm2 += (double)g[k] * g[k];
    double norm = sqrt(norm2), factor = norm > clip ? clip / norm : 1;
    for (size_t k = 0; k < m->discriminator_count; k++)
        sum[k] += (float)(factor * g[k]);
    free(g);
    rg_discriminator_workspace_free(&w);
    return norm;
}

static void batched_clipping_matches_row_by_row(void **state)
{
    (void)state;
    rg_rng rng;
    rg_rng_seed(&rng, 11);
    rg_ctgan m;
    assert_int_equal(rg_ctgan_init(&m, DATA, CONDITION, 3, HIDDEN, 1, &rng), RISKGAN_OK);
    for (size_t k = 0; k < m.discriminator_count; k++) /* larger weights: norms far from 1 */
        m.discriminator[k] *= 3;
    int width = DATA + CONDITION;
    float x[ROWS * (DATA + CONDITION)], xhat[ROWS * (DATA + CONDITION)];
    random_rows(x, ROWS, width, &rng);
    random_rows(xhat, ROWS, width, &rng);
    for (int with_penalty = 0; with_penalty < 2; with_penalty++) {
        float sign = with_penalty ? -1.0f : 1.0f;
        float *expected = calloc(m.discriminator_count, sizeof(float)), *got = calloc(m.discriminator_count, sizeof(float));
        double norms[ROWS];
        for (int r = 0; r < ROWS; r++) /* unclipped first: the norms */
            norms[r] = reference_row(&m, x + r * width, with_penalty ? xhat + r * width : NULL, sign, 1e30, expected);
        double clip = 0.5 * (norms[0] + norms[1]); /* some rows clipped, some not */
        memset(expected, 0, m.discriminator_count * sizeof(float));
        int clipped = 0;
        for (int r = 0; r < ROWS; r++) {
            reference_row(&m, x + r * width, with_penalty ? xhat + r * width : NULL, sign, clip, expected);
            clipped += norms[r] > clip;
        }
        assert_true(clipped > 0 && clipped < ROWS);
        rg_private_critic_workspace w;
        assert_int_equal(rg_private_critic_workspace_init(&w, &m, ROWS), RISKGAN_OK);
        rg_private_critic_rows(&m, x, with_penalty ? xhat : NULL, ROWS, sign, clip, NULL, &w, got);
        for (int r = 0; r < ROWS; r++)
            assert_true(fabs(w.scale[r] - (norms[r] > clip ? clip / norms[r] : 1)) < 1e-4);
        for (size_t k = 0; k < m.discriminator_count; k++)
            if (fabs(got[k] - expected[k]) > 1e-4 * (1 + fabs(expected[k])))
                fail_msg("parameter %zu: %g, expected %g (penalty %d)", k, got[k], expected[k], with_penalty);
        rg_private_critic_workspace_free(&w);
        free(expected);
        free(got);
    }
    rg_ctgan_free(&m);
}

/* Dropping a row from a critic step changes the clipped sum by at most the clip norm. */
static void one_row_moves_a_step_by_at_most_the_clip(void **state)
{
    (void)state;
    rg_rng rng;
    rg_rng_seed(&rng, 12);
    rg_ctgan m;
    assert_int_equal(rg_ctgan_init(&m, DATA, CONDITION, 3, HIDDEN, 1, &rng), RISKGAN_OK);
    for (size_t k = 0; k < m.discriminator_count; k++)
        m.discriminator[k] *= 5;
    int width = DATA + CONDITION;
    float x[ROWS * (DATA + CONDITION)], xhat[ROWS * (DATA + CONDITION)];
    random_rows(x, ROWS, width, &rng);
    random_rows(xhat, ROWS, width, &rng);
    for (int i = 0; i < ROWS * width; i++)
        x[(ROWS - 1) * width + i % width] *= 50; /* an outlying last row */
    float *all = calloc(m.discriminator_count, sizeof(float)), *fewer = calloc(m.discriminator_count, sizeof(float));
    rg_private_critic_workspace w;
    assert_int_equal(rg_private_critic_workspace_init(&w, &m, ROWS), RISKGAN_OK);
    rg_private_critic_rows(&m, x, xhat, ROWS, -1.0f, 0.7, NULL, &w, all);
    rg_private_critic_rows(&m, x, xhat, ROWS - 1, -1.0f, 0.7, NULL, &w, fewer);
    double difference = 0;
    for (size_t k = 0; k < m.discriminator_count; k++)
        difference += (double)(all[k] - fewer[k]) * (all[k] - fewer[k]);
    assert_true(sqrt(difference) <= 0.7 * (1 + 1e-5));
    assert_true(sqrt(difference) > 0.69); /* the outlier was clipped to the bound */
    rg_private_critic_workspace_free(&w);
    free(all);
    free(fewer);
    rg_ctgan_free(&m);
}

/* The table a CSV text reads as (identifiers: the columns named, may be NULL). */
static riskgan_table *table_from_text(const char *text, size_t length, const char *identifiers)
{
    char *path = write_temporary(text, length);
    riskgan_read_options read;
    riskgan_read_options_init(&read);
    read.identifier_columns = identifiers;
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, &read, &table), RISKGAN_OK);
    unlink(path);
    free(path);
    return table;
}

/* 1000 rows: amounts with 3 decimals, ages, a city with 3 common and 5 one-off values, an
 * account id, a 0/1 target. */
static riskgan_table *private_table(void)
{
    size_t size = 1 << 17, used = 0;
    char *text = malloc(size);
    used += (size_t)snprintf(text + used, size - used, "account,amount,age,city,default\n");
    rg_rng rng;
    rg_rng_seed(&rng, 5);
    static const char *common[] = {"Lyon", "Porto", "Graz"}, *rare[] = {"Zzyzx", "Qaanaaq", "Ittoqqortoormiit",
                                                                        "Ushuaia", "Longyearbyen"};
    for (int r = 0; r < 1000; r++) {
        const char *city = r < 5 ? rare[r] : common[rg_rng_below(&rng, 3)];
        double amount = 1000 + 9000 * rg_rng_uniform(&rng);
        used += (size_t)snprintf(text + used, size - used, "%d,%.3f,%d,%s,%d\n", 7000123 + 7 * r, amount,
                                 19 + (int)rg_rng_below(&rng, 59), city, rg_rng_uniform(&rng) < 0.3);
    }
    riskgan_table *table = table_from_text(text, used, "account");
    free(text);
    return table;
}

static riskgan_model *fit_private(const riskgan_table *table, const char *metadata, uint64_t seed)
{
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.epochs = 2;
    options.hidden = 16;
    options.target = "default";
    options.epsilon = 3;
    options.metadata = metadata;
    options.seed = seed;
    riskgan_model *model = NULL;
    riskgan_status status = riskgan_fit(table, &options, &model);
    if (status != RISKGAN_OK)
        fail_msg("%s", riskgan_last_error());
    return model;
}

static int contains(const unsigned char *data, size_t length, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i + n <= length; i++)
        if (memcmp(data + i, text, n) == 0)
            return 1;
    return 0;
}

static unsigned char *saved_bytes(const riskgan_model *model, size_t *length)
{
    char *path = temporary_path();
    assert_int_equal(riskgan_model_save(model, path), RISKGAN_OK);
    FILE *file = fopen(path, "rb");
    unsigned char *data = malloc(1 << 22);
    *length = fread(data, 1, 1 << 22, file);
    fclose(file);
    unlink(path);
    free(path);
    return data;
}

/* The acceptance test: no exact minimum or maximum, no rare category, no stored
 * number equal to a training value of its column, no identifier; the guarantee recorded. */
static void private_model_holds_no_raw_value(void **state)
{
    (void)state;
    riskgan_table *table = private_table();
    riskgan_model *model = fit_private(table, NULL, 1);
    size_t length;
    unsigned char *bytes = saved_bytes(model, &length);
    static const char *rare[] = {"Zzyzx", "Qaanaaq", "Ittoqqortoormiit", "Ushuaia", "Longyearbyen"};
    for (int i = 0; i < 5; i++)
        assert_false(contains(bytes, length, rare[i]));
    assert_true(contains(bytes, length, "Lyon"));
    const rg_transformer *t = model->transformer;
    for (size_t j = 1; j <= 2; j++) { /* amount, age */
        const rg_column_encoder *e = &t->column[j];
        assert_int_equal(e->encoding, RG_ENCODE_MIXTURE);
        size_t present, distinct;
        double *sorted = rg_column_sorted_values(&table->column[j], table->rows, &present, &distinct);
        /* bounds, mixture and the calibration's quantile curve: everything numeric stored */
        const rg_value_map *map = &model->calibration.maps[j];
        double stored[2 + 2 * RG_GMM_MAX_COMPONENTS + 2 * RG_TARGET_QUANTILES];
        size_t n = 0;
        stored[n++] = e->minimum;
        stored[n++] = e->maximum;
        for (int k = 0; k < e->gmm.components; k++) {
            stored[n++] = e->gmm.mean[k];
            stored[n++] = e->gmm.std[k];
        }
        assert_true(map->points > 10);
        for (size_t k = 0; k < map->points; k++) {
            stored[n++] = map->from[k];
            stored[n++] = map->to[k];
        }
        assert_int_equal(e->snap_count, 0);
        for (size_t i = 0; i < n; i++)
            for (size_t v = 0; v < present; v++)
                if (stored[i] == sorted[v])
                    fail_msg("column %zu stores the training value %.17g", j, sorted[v]);
        free(sorted);
    }
    assert_int_equal(t->column[0].encoding, RG_ENCODE_IDENTIFIER);
    assert_string_equal(t->column[0].id_prefix, "SYN-DP-");
    assert_int_equal(t->column[2].decimals, 0);
    assert_int_equal(t->column[1].decimals, 3);
    riskgan_privacy_report report;
    riskgan_model_privacy(model, &report);
    assert_int_equal(report.private_fit, 1);
    assert_true(report.epsilon <= 3 && report.epsilon > 2.9);
    assert_true(report.delta == 1e-4);
    assert_true(report.statistics_epsilon < report.epsilon);
    /* the record survives a save and load; a generated file holds no real account */
    riskgan_model *loaded;
    assert_int_equal(riskgan_model_load_memory(bytes, length, &loaded), RISKGAN_OK);
    riskgan_privacy_report again;
    riskgan_model_privacy(loaded, &again);
    assert_true(again.epsilon == report.epsilon && again.noise_multiplier == report.noise_multiplier);
    riskgan_table *synthetic;
    assert_int_equal(riskgan_sample(loaded, 200, 3, NULL, &synthetic), RISKGAN_OK);
    assert_int_equal(riskgan_table_rows(synthetic), 200);
    assert_string_equal(riskgan_table_category(synthetic, 0, 0), "SYN-DP-00000001");
    riskgan_table_free(synthetic);
    riskgan_model_free(loaded);
    free(bytes);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

/* Declared bounds and domains are used as declared; the same seed gives the same bytes. */
static void metadata_is_used_and_fits_reproduce(void **state)
{
    (void)state;
    riskgan_table *table = private_table();
    const char *metadata = "{\"columns\": {\"amount\": {\"min\": 0, \"max\": 20000, \"decimals\": 2},"
                           " \"city\": {\"values\": [\"Lyon\", \"Porto\", \"Graz\", \"Wien\"]},"
                           " \"account\": {\"role\": \"identifier\", \"id_start\": 90000000}}}";
    riskgan_model *a = fit_private(table, metadata, 4), *b = fit_private(table, metadata, 4);
    const rg_column_encoder *amount = &a->transformer->column[1], *city = &a->transformer->column[3];
    assert_true(amount->minimum == 0 && amount->maximum == 20000);
    assert_int_equal(amount->decimals, 2);
    assert_int_equal(city->levels, 6); /* 4 declared, other, missing */
    assert_string_equal(city->level_names[3], "Wien");
    assert_true(a->transformer->column[0].id_start == 90000000);
    size_t la, lb;
    unsigned char *ba = saved_bytes(a, &la), *bb = saved_bytes(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ba, bb, la);
    free(ba), free(bb);
    riskgan_model_free(a);
    riskgan_model_free(b);
    riskgan_table_free(table);
}

/* The DP label model carries a strong signal: with default = (amount > 5500) in 90 % of the
 * rows, generated rows default far more often above 5500 than below. */
static void private_label_model_carries_the_signal(void **state)
{
    (void)state;
    size_t size = 1 << 16, used = 0;
    char *text = malloc(size);
    used += (size_t)snprintf(text + used, size - used, "amount,default\n");
    rg_rng rng;
    rg_rng_seed(&rng, 8);
    for (int r = 0; r < 2000; r++) {
        double amount = 1000 + 9000 * rg_rng_uniform(&rng);
        int label = (amount > 5500) != (rg_rng_uniform(&rng) < 0.1);
        used += (size_t)snprintf(text + used, size - used, "%.2f,%d\n", amount, label);
    }
    riskgan_table *table = table_from_text(text, used, NULL);
    free(text);
    riskgan_model *model = fit_private(table, NULL, 0);
    assert_int_equal(model->label_model.classes, 2);
    riskgan_table *synthetic;
    assert_int_equal(riskgan_sample(model, 4000, 2, NULL, &synthetic), RISKGAN_OK);
    double high = 0, high_bad = 0, low = 0, low_bad = 0;
    for (size_t r = 0; r < 4000; r++) {
        int above = riskgan_table_number(synthetic, r, 0) > 5500, bad = riskgan_table_number(synthetic, r, 1) == 1;
        high += above, high_bad += above && bad, low += !above, low_bad += !above && bad;
    }
    if (!(high > 100 && low > 100 && high_bad / high > low_bad / low + 0.4))
        fail_msg("default rate %.3f above 5500, %.3f below", high_bad / high, low_bad / low);
    riskgan_table_free(synthetic);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

static void bad_metadata_and_options_are_refused(void **state)
{
    (void)state;
    riskgan_table *table = private_table();
    rg_column_metadata columns[5];
    static const struct {
        const char *json, *message;
    } cases[] = {
        {"{\"columns\": {\"nope\": {}}}", "no column 'nope'"},
        {"{\"columns\": {\"age\": {\"mn\": 1}}}", "unknown key \"mn\""},
        {"{\"columns\": {\"age\": {\"min\": 1}}}", "both \"min\" and \"max\""},
        {"{\"columns\": {\"age\": {\"min\": 5, \"max\": 1}}}", "below"},
        {"{\"columns\": {\"city\": {\"values\": [\"a\", \"a\"]}}}", "twice"},
        {"[1, 2]", "expected {\"columns\""},
        {"{\"columns\": ", "not valid JSON"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(rg_metadata_parse(cases[i].json, table, columns), RISKGAN_ERR_INVALID_ARGUMENT);
        if (!strstr(riskgan_last_error(), cases[i].message))
            fail_msg("'%s': %s", cases[i].json, riskgan_last_error());
    }
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.metadata = "{}";
    assert_non_null(riskgan_fit_options_check(&options));
    options.metadata = NULL;
    options.epsilon = 1;
    options.model = RISKGAN_MODEL_TVAE;
    assert_non_null(strstr(riskgan_fit_options_check(&options), "ctgan model only"));
    /* a budget that cannot pay for the steps is a clear error, not a useless model */
    options.model = RISKGAN_MODEL_CTGAN;
    options.epsilon = 0.2;
    options.epochs = 1000000;
    options.metadata = "{\"columns\": {\"amount\": {\"min\": 0, \"max\": 20000}, \"age\": {\"min\": 18, \"max\": 99},"
                       " \"city\": {\"values\": [\"Lyon\"]}, \"default\": {\"values\": [0, 1]}}}";
    options.target = "default";
    riskgan_model *model;
    riskgan_status refused = riskgan_fit(table, &options, &model);
    if (refused != RISKGAN_ERR_INVALID_ARGUMENT)
        fail_msg("%d: %s", refused, riskgan_last_error());
    assert_non_null(strstr(riskgan_last_error(), "cannot pay for"));
    riskgan_table_free(table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(batched_clipping_matches_row_by_row),
        cmocka_unit_test(one_row_moves_a_step_by_at_most_the_clip),
        cmocka_unit_test(private_model_holds_no_raw_value),
        cmocka_unit_test(metadata_is_used_and_fits_reproduce),
        cmocka_unit_test(private_label_model_carries_the_signal),
        cmocka_unit_test(bad_metadata_and_options_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
