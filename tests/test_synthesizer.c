/* test_synthesizer.c — the public fit / sample / save / load API: reproducibility,
 * exact conditional sampling, refusal of broken model files, high-cardinality columns. */
#include "test_support.h"

#include "core/rng.h"
#include "models/fit_options.h"
#include "models/model.h"
#include "models/training.h"
#include "riskgan.h"
#include "transform/transformer_encode.h"

static riskgan_table *german(void)
{
    riskgan_table *table;
    if (riskgan_table_read_csv(RISKGAN_REPO_DATA "/german_credit.csv", NULL, &table) != RISKGAN_OK)
        fail_msg("%s", riskgan_last_error());
    return table;
}

static riskgan_model *fit_small(const riskgan_table *table, riskgan_model_kind kind, uint64_t seed)
{
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.model = kind;
    options.target = "default";
    options.epochs = 2;
    options.seed = seed;
    options.threads = 2;
    riskgan_model *model = NULL;
    if (riskgan_fit(table, &options, &model) != RISKGAN_OK)
        fail_msg("fit: %s", riskgan_last_error());
    return model;
}

static unsigned char *slurp(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *length = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc(*length + 1);
    assert_int_equal(fread(data, 1, *length, f), *length);
    fclose(f);
    return data;
}

static void spit(const char *path, const unsigned char *data, size_t length)
{
    FILE *f = fopen(path, "wb");
    assert_int_equal(fwrite(data, 1, length, f), length);
    fclose(f);
}

static void test_same_seed_same_bytes(void **state)
{
    (void)state;
    riskgan_table *table = german();
    for (int kind = 0; kind < 2; kind++) {
        char *paths[4];
        for (int i = 0; i < 4; i++)
            paths[i] = temporary_path();
        for (int i = 0; i < 2; i++) {
            riskgan_model *model = fit_small(table, (riskgan_model_kind)kind, 7);
            assert_int_equal(riskgan_model_save(model, paths[i]), RISKGAN_OK);
            riskgan_table *synthetic;
            assert_int_equal(riskgan_sample(model, 500, 3, NULL, &synthetic), RISKGAN_OK);
            assert_int_equal(riskgan_table_write_csv(synthetic, paths[2 + i]), RISKGAN_OK);
            riskgan_table_free(synthetic);
            riskgan_model_free(model);
        }
        size_t a, b, c, d;
        unsigned char *model_a = slurp(paths[0], &a), *model_b = slurp(paths[1], &b);
        unsigned char *rows_a = slurp(paths[2], &c), *rows_b = slurp(paths[3], &d);
        assert_int_equal(a, b);
        assert_memory_equal(model_a, model_b, a);
        assert_int_equal(c, d);
        assert_memory_equal(rows_a, rows_b, c);
        /* a different seed gives a different model */
        riskgan_model *other = fit_small(table, (riskgan_model_kind)kind, 8);
        assert_int_equal(riskgan_model_save(other, paths[1]), RISKGAN_OK);
        free(model_b);
        model_b = slurp(paths[1], &b);
        assert_true(a != b || memcmp(model_a, model_b, a) != 0);
        riskgan_model_free(other);
        free(model_a), free(model_b), free(rows_a), free(rows_b);
        for (int i = 0; i < 4; i++) {
            unlink(paths[i]);
            free(paths[i]);
        }
    }
    riskgan_table_free(table);
}

/* A sample written as it is drawn (chunks of 65,536 rows) is byte for byte the sample
 * riskgan_sample returns; fresh identifiers keep counting across chunks. */
static void test_streamed_sample_holds_the_same_rows(void **state)
{
    (void)state;
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(RISKGAN_TEST_DATA "/loans_with_ids.csv", NULL, &table), RISKGAN_OK);
    riskgan_model *model = fit_small(table, RISKGAN_MODEL_CTGAN, 5);
    char *whole = temporary_path(), *streamed = temporary_path(), *without_ids = temporary_path();
    riskgan_table *synthetic;
    assert_int_equal(riskgan_sample(model, 70000, 9, NULL, &synthetic), RISKGAN_OK);
    assert_int_equal(riskgan_table_write_csv(synthetic, whole), RISKGAN_OK);
    assert_int_equal(riskgan_sample_to_csv(model, 70000, 9, NULL, 0, streamed), RISKGAN_OK);
    size_t a, b, c;
    unsigned char *bytes_whole = slurp(whole, &a), *bytes_streamed = slurp(streamed, &b);
    assert_int_equal(a, b);
    assert_memory_equal(bytes_whole, bytes_streamed, a);
    long id = riskgan_table_find_column(synthetic, "cust_id");
    assert_true(id >= 0);
    for (size_t r = 65530; r < 65540; r++) /* across the chunk boundary: still one per row */
        assert_string_not_equal(riskgan_table_category(synthetic, r, (size_t)id),
                                riskgan_table_category(synthetic, r + 1, (size_t)id));
    assert_string_equal(riskgan_table_category(synthetic, 65536, (size_t)id), "SYN065537"); /* row 65,537 */
    assert_int_equal(riskgan_sample_to_csv(model, 70000, 9, NULL, 1, without_ids), RISKGAN_OK);
    unsigned char *bytes_without = slurp(without_ids, &c);
    assert_true(c < a && strncmp((const char *)bytes_without, "rate,", 5) == 0); /* both id columns left out */
    free(bytes_whole), free(bytes_streamed), free(bytes_without);
    unlink(whole), unlink(streamed), unlink(without_ids);
    free(whole), free(streamed), free(without_ids);
    riskgan_table_free(synthetic);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

/* A table streamed from its file (over the memory limit: read in blocks, encoded to disk,
 * trained on a block at a time) is encoded exactly as when held in memory: the same rows
 * left out, the same level counts; and the streamed model samples. */
static void test_streamed_fit_encodes_as_in_memory(void **state)
{
    (void)state;
    riskgan_table *table = german();
    riskgan_model *source = fit_small(table, RISKGAN_MODEL_CTGAN, 4);
    char *path = temporary_path();
    assert_int_equal(riskgan_sample_to_csv(source, 6000, 2, NULL, 0, path), RISKGAN_OK);
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.target = "default";
    options.epochs = 2;
    options.max_steps = 15;
    options.fit_sample_rows = 500; /* a sample of 500 to 1,000 rows: the shard is read from the file */
    options.threads = 2;
    riskgan_model *streamed = NULL, *in_memory = NULL;
    options.memory_limit_mb = 1;
    assert_int_equal(riskgan_fit_csv(path, NULL, &options, &streamed), RISKGAN_OK);
    options.memory_limit_mb = 4096;
    assert_int_equal(riskgan_fit_csv(path, NULL, &options, &in_memory), RISKGAN_OK);
    riskgan_model_info a, b;
    riskgan_model_get_info(streamed, &a);
    riskgan_model_get_info(in_memory, &b);
    assert_true(a.training_blocks >= 2);
    assert_int_equal(b.training_blocks, 0);
    assert_int_equal(a.rows_left_out, b.rows_left_out);
    assert_int_equal(a.training_rows, 6000 - a.rows_left_out);
    const rg_transformer *ta = streamed->transformer, *tb = in_memory->transformer;
    for (size_t j = 0; j < ta->columns; j++)
        if (ta->column[j].encoding == RG_ENCODE_ONE_HOT)
            assert_memory_equal(ta->column[j].level_frequency, tb->column[j].level_frequency,
                                ta->column[j].levels * sizeof(double));
    riskgan_table *rows;
    assert_int_equal(riskgan_sample(streamed, 200, 1, NULL, &rows), RISKGAN_OK);
    assert_int_equal(riskgan_table_rows(rows), 200);
    riskgan_table_free(rows);
    riskgan_model_free(streamed);
    riskgan_model_free(in_memory);
    riskgan_model_free(source);
    riskgan_table_free(table);
    unlink(path);
    free(path);
}

/* A streamed training block may hold none of a category's rows (here "north", only in the
 * first 200 of 30,000 rows, blocks of 1,000): a batch conditioned on it takes any row of the
 * loaded blocks instead of indexing the category's empty row list (it crashed). */
static void test_streamed_block_without_a_category(void **state)
{
    (void)state;
    size_t size = 30000 * 40 + 100, used = 0;
    char *text = malloc(size);
    const char *regions[] = {"south", "east", "west"};
    used += (size_t)snprintf(text + used, size - used, "region,amount,default\n");
    for (int r = 0; r < 30000; r++)
        used += (size_t)snprintf(text + used, size - used, "%s,%d,%d\n", r < 200 ? "north" : regions[r % 3],
                                 100 + (r * 37) % 900, (r * 7) % 10 == 0);
    char *path = write_temporary(text, used);
    free(text);
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.target = "default";
    options.epochs = 3;
    options.fit_sample_rows = 500;
    options.memory_limit_mb = 1;
    options.threads = 1;
    riskgan_model *model = NULL;
    assert_int_equal(riskgan_fit_csv(path, NULL, &options, &model), RISKGAN_OK);
    riskgan_model_info info;
    riskgan_model_get_info(model, &info);
    assert_true(info.training_blocks >= 4);
    assert_int_equal(info.rows_left_out, 0);
    riskgan_model_free(model);
    unlink(path);
    free(path);
}

static void test_where_is_exact_and_loaded_model_samples_the_same(void **state)
{
    (void)state;
    riskgan_table *table = german();
    riskgan_model *model = fit_small(table, RISKGAN_MODEL_CTGAN, 1);
    riskgan_condition where = {"purpose", "education"};
    riskgan_table *synthetic;
    assert_int_equal(riskgan_sample(model, 2000, 5, &where, &synthetic), RISKGAN_OK);
    long column = riskgan_table_find_column(synthetic, "purpose");
    for (size_t r = 0; r < 2000; r++)
        assert_string_equal(riskgan_table_category(synthetic, r, (size_t)column), "education");
    riskgan_table_free(synthetic);
    riskgan_condition numeric = {"default", "1"};
    assert_int_equal(riskgan_sample(model, 300, 5, &numeric, &synthetic), RISKGAN_OK);
    column = riskgan_table_find_column(synthetic, "default");
    for (size_t r = 0; r < 300; r++)
        assert_true(riskgan_table_number(synthetic, r, (size_t)column) == 1.0);
    riskgan_table_free(synthetic);
    /* bad conditions are explained */
    riskgan_condition unknown_value = {"purpose", "yacht"}, continuous = {"credit_amount", "1000"},
                      unknown_column = {"colour", "red"};
    assert_int_equal(riskgan_sample(model, 10, 5, &unknown_value, &synthetic), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "education"));
    assert_int_equal(riskgan_sample(model, 10, 5, &continuous, &synthetic), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "continuous"));
    assert_int_equal(riskgan_sample(model, 10, 5, &unknown_column, &synthetic), RISKGAN_ERR_INVALID_ARGUMENT);
    /* save, load, sample: identical rows */
    char *path = temporary_path();
    assert_int_equal(riskgan_model_save(model, path), RISKGAN_OK);
    riskgan_model *loaded;
    assert_int_equal(riskgan_model_load(path, &loaded), RISKGAN_OK);
    riskgan_table *x, *y;
    assert_int_equal(riskgan_sample(model, 200, 9, NULL, &x), RISKGAN_OK);
    assert_int_equal(riskgan_sample(loaded, 200, 9, NULL, &y), RISKGAN_OK);
    for (size_t j = 0; j < riskgan_table_columns(x); j++)
        for (size_t r = 0; r < 200; r++) {
            const char *a = riskgan_table_category(x, r, j), *b = riskgan_table_category(y, r, j);
            if (a)
                assert_string_equal(a, b);
            else
                assert_true(riskgan_table_number(x, r, j) == riskgan_table_number(y, r, j));
        }
    riskgan_model_info info;
    riskgan_model_get_info(loaded, &info);
    assert_string_equal(info.target, "default");
    assert_int_equal(info.training_rows, 1000);
    riskgan_table_free(x), riskgan_table_free(y);
    riskgan_model_free(loaded);
    riskgan_model_free(model);
    riskgan_table_free(table);
    unlink(path);
    free(path);
}

static double mean_of_column(const riskgan_table *table, const char *name)
{
    long column = riskgan_table_find_column(table, name);
    double sum = 0;
    for (size_t r = 0; r < riskgan_table_rows(table); r++)
        sum += riskgan_table_number(table, r, (size_t)column);
    return sum / (double)riskgan_table_rows(table);
}

/* Rows asked for one class of the target look like that class: in german_credit bad risks
 * borrow for longer (mean 24.9 months against 19.2). A 2-epoch generator ignores its
 * conditional vector (writing the class into its rows gave 21.6 against 21.7); rows whose
 * class the label model draws keep the real gap. */
static void test_class_rows_carry_the_class_signal(void **state)
{
    (void)state;
    riskgan_table *table = german();
    riskgan_model *model = fit_small(table, RISKGAN_MODEL_CTGAN, 3);
    riskgan_condition bad = {"default", "1"}, good = {"default", "0"};
    riskgan_table *bad_rows, *good_rows;
    assert_int_equal(riskgan_sample(model, 1000, 5, &bad, &bad_rows), RISKGAN_OK);
    assert_int_equal(riskgan_sample(model, 1000, 5, &good, &good_rows), RISKGAN_OK);
    double gap = mean_of_column(bad_rows, "duration_months") - mean_of_column(good_rows, "duration_months");
    if (gap < 3)
        fail_msg("bad-risk rows borrow %.2f months longer than good ones (real data: 5.7)", gap);
    assert_true(mean_of_column(bad_rows, "default") == 1 && mean_of_column(good_rows, "default") == 0);
    /* the conditional vector alone: the agreement of the generator's own output is measured */
    double share;
    assert_int_equal(riskgan_condition_agreement(model, &bad, 500, 5, &share), RISKGAN_OK);
    assert_true(share >= 0 && share <= 1);
    riskgan_table_free(bad_rows), riskgan_table_free(good_rows);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

static void test_label_model_keeps_the_default_rate(void **state)
{
    (void)state;
    riskgan_table *table = german();
    riskgan_model *model = fit_small(table, RISKGAN_MODEL_CTGAN, 3); /* 2 epochs: a poor generator */
    riskgan_table *synthetic;
    assert_int_equal(riskgan_sample(model, 4000, 11, NULL, &synthetic), RISKGAN_OK);
    long column = riskgan_table_find_column(synthetic, "default");
    double bad = 0;
    for (size_t r = 0; r < 4000; r++)
        bad += riskgan_table_number(synthetic, r, (size_t)column) == 1;
    /* the training rate is 0.300; the prior-shift correction holds it despite the generator */
    if (fabs(bad / 4000 - 0.3) > 0.02)
        fail_msg("generated default rate %.3f, training 0.300", bad / 4000);
    riskgan_table_free(synthetic);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

/* Saturated logits (a label model whose scores are all far from 0, as a noisy private fit
 * can give) must not send the prior-shift correction to infinity: the shift stays bounded
 * and the rate moves toward the training one. */
static void test_label_rate_correction_survives_saturated_logits(void **state)
{
    (void)state;
    riskgan_table *table = german();
    riskgan_model *model = fit_small(table, RISKGAN_MODEL_CTGAN, 1);
    rg_label_model *label = &model->label_model;
    assert_int_equal(label->classes, 2);
    for (int i = 0; i < label->features - 1; i++)
        label->weights[i] *= 1000;
    double bias = label->weights[label->features - 1];
    size_t rows = riskgan_table_rows(table);
    float *encoded = calloc(rows * model->transformer->width, sizeof *encoded);
    rg_rng rng;
    rg_rng_seed(&rng, 3);
    assert_int_equal(rg_transformer_encode(model->transformer, table, rg_rng_next(&rng), 0, encoded, NULL), RISKGAN_OK);
    rg_label_model_match_rate(label, model->transformer, encoded, rows);
    double shift = label->weights[label->features - 1] - bias;
    if (!(fabs(shift) <= 50))
        fail_msg("the intercept moved by %g", shift);
    free(encoded);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

/* The library, not only the CLI, gives TVAE its published optimizer settings (lr 1e-3,
 * weight decay 1e-5) and CTGAN its own (2e-4, 1e-6). */
static void test_published_optimizer_defaults(void **state)
{
    (void)state;
    riskgan_table *table = german();
    riskgan_model *tvae = fit_small(table, RISKGAN_MODEL_TVAE, 1);
    assert_true(tvae->generator_lr == 1e-3 && tvae->generator_decay == 1e-5);
    riskgan_model *ctgan = fit_small(table, RISKGAN_MODEL_CTGAN, 1);
    assert_true(ctgan->generator_lr == 2e-4 && ctgan->generator_decay == 1e-6);
    assert_true(ctgan->discriminator_lr == 2e-4 && ctgan->discriminator_decay == 1e-6);
    riskgan_model_free(tvae);
    riskgan_model_free(ctgan);
    riskgan_table_free(table);
}

static volatile int stop_flag;

static void stop_after_first_epoch(const riskgan_progress *progress, void *user)
{
    (void)user;
    if (progress->epoch >= 1)
        stop_flag = 1;
}

/* A fit stopped by the user still finishes the calibration and the label model on the
 * rows it saw: the kept model is complete. */
static void test_interrupted_fit_keeps_a_complete_model(void **state)
{
    (void)state;
    riskgan_table *table = german();
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.target = "default";
    options.epochs = 50;
    options.progress = stop_after_first_epoch;
    options.stop = &stop_flag;
    stop_flag = 0;
    riskgan_model *model = NULL;
    assert_int_equal(riskgan_fit(table, &options, &model), RISKGAN_ERR_INTERRUPTED);
    assert_non_null(model);
    assert_true(model->epochs_completed >= 1 && model->epochs_completed < 50);
    assert_non_null(model->calibration.logit_bias);
    assert_int_equal(model->label_model.classes, 2);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

typedef struct {
    int reports, first_epochs, last_epochs, last_epoch;
} progress_log;

static void log_progress(const riskgan_progress *progress, void *user)
{
    progress_log *log = user;
    if (log->reports++ == 0)
        log->first_epochs = progress->epochs;
    log->last_epochs = progress->epochs, log->last_epoch = progress->epoch;
}

/* With a step budget, the progress reports announce the epochs the budget allows (and so an
 * ETA for them), not the epochs the options name: the first report already knows. */
static void test_progress_counts_the_epochs_the_step_budget_allows(void **state)
{
    (void)state;
    riskgan_table *table = german();
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_CTGAN);
    options.target = "default";
    options.epochs = 300;
    options.batch_size = 500;
    options.max_steps = 5; /* 1,000 rows, batch 500: 2 steps an epoch, so 3 epochs */
    progress_log log = {0};
    options.progress = log_progress;
    options.progress_user = &log;
    riskgan_model *model = NULL;
    assert_int_equal(riskgan_fit(table, &options, &model), RISKGAN_OK);
    assert_int_equal(model->epochs_completed, 3);
    assert_int_equal(log.reports, 3);
    assert_int_equal(log.first_epochs, 3);
    assert_int_equal(log.last_epochs, 3);
    assert_int_equal(log.last_epoch, 3);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

/* The default preset leaves the epochs to the fit: CTGAN's 300 up to 3,333 rows, then a
 * budget of 1,000,000 rows; about 420 noisy steps, at most 30 epochs, under differential
 * privacy; TVAE keeps 300. Values worked out by hand from those rules. */
static void test_epochs_are_chosen_from_the_data(void **state)
{
    (void)state;
    riskgan_fit_options o;
    riskgan_fit_options_init(&o, RISKGAN_PRESET_DEFAULT);
    assert_int_equal(o.epochs, 0);
    assert_int_equal(rg_automatic_epochs(&o, 700, 70), 300);
    assert_int_equal(rg_automatic_epochs(&o, 3333, 330), 300);
    assert_int_equal(rg_automatic_epochs(&o, 3400, 340), 295);   /* ceil(1e6 / 3400) */
    assert_int_equal(rg_automatic_epochs(&o, 10794, 500), 93);
    assert_int_equal(rg_automatic_epochs(&o, 20000, 500), 50);
    assert_int_equal(rg_automatic_epochs(&o, 5000000, 500), 1);
    o.epsilon = 1;
    assert_int_equal(rg_automatic_epochs(&o, 3117, 311), 30);    /* 10 steps an epoch: 42, capped */
    assert_int_equal(rg_automatic_epochs(&o, 21000, 500), 10);   /* 42 steps an epoch */
    assert_int_equal(rg_automatic_epochs(&o, 1000000, 500), 1);
    o.epsilon = 0;
    o.model = RISKGAN_MODEL_TVAE;
    assert_int_equal(rg_automatic_epochs(&o, 20000, 500), 300);
    riskgan_fit_options_init(&o, RISKGAN_PRESET_CTGAN);
    assert_int_equal(o.epochs, 300);
}

/* A fit with the epochs left at 0 records the epochs it chose, and runs them. */
static void test_fit_records_the_epochs_it_chose(void **state)
{
    (void)state;
    size_t rows = 5000, length = 0;
    char *text = malloc(rows * 32 + 32);
    length += (size_t)sprintf(text, "amount,kind\n");
    for (size_t r = 0; r < rows; r++)
        length += (size_t)sprintf(text + length, "%zu.%02zu,%s\n", (r * 7919) % 1000, r % 100, r % 3 ? "a" : "b");
    char *path = write_temporary(text, length);
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.max_steps = 12; /* 10 steps of 500 rows an epoch: 2 epochs, enough to see */
    riskgan_model *model = NULL;
    assert_int_equal(riskgan_fit(table, &options, &model), RISKGAN_OK);
    riskgan_model_info info;
    riskgan_model_get_info(model, &info);
    assert_int_equal(info.epochs, 200); /* 1,000,000 / 5,000 */
    assert_int_equal(info.epochs_completed, 2);
    assert_int_equal(info.batch_size, 500);
    riskgan_model_free(model);
    riskgan_table_free(table);
    unlink(path);
    free(path);
    free(text);
}

static void expect_refused(const char *path, const char *fragment)
{
    riskgan_model *model = NULL;
    assert_int_equal(riskgan_model_load(path, &model), RISKGAN_ERR_FORMAT);
    assert_null(model);
    if (!strstr(riskgan_last_error(), fragment))
        fail_msg("'%s' lacks '%s'", riskgan_last_error(), fragment);
}

static void test_broken_model_files_are_refused(void **state)
{
    (void)state;
    riskgan_table *table = german();
    riskgan_model *model = fit_small(table, RISKGAN_MODEL_CTGAN, 2);
    char *path = temporary_path(), *broken = temporary_path();
    assert_int_equal(riskgan_model_save(model, path), RISKGAN_OK);
    size_t length;
    unsigned char *data = slurp(path, &length);
    spit(broken, data, length / 2);
    expect_refused(broken, "truncated");
    spit(broken, data, 10);
    expect_refused(broken, "truncated");
    data[length / 3] ^= 0x40;
    spit(broken, data, length);
    expect_refused(broken, "checksum");
    data[length / 3] ^= 0x40;
    spit(broken, (const unsigned char *)"checking_status,duration\nlt_0,6\n", 33);
    expect_refused(broken, "magic");
    data[8] = 99; /* format version */
    spit(broken, data, length);
    expect_refused(broken, "newer");
    riskgan_model *none = NULL;
    assert_int_equal(riskgan_model_load("/nonexistent/model.rgan", &none), RISKGAN_ERR_IO);
    free(data);
    riskgan_model_free(model);
    riskgan_table_free(table);
    unlink(path), unlink(broken);
    free(path), free(broken);
}

static void test_options_are_checked_before_work(void **state)
{
    (void)state;
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_CTGAN);
    assert_null(riskgan_fit_options_check(&options));
    assert_int_equal(options.batch_size, 500);
    options.batch_size = 505;
    assert_non_null(strstr(riskgan_fit_options_check(&options), "multiple of pac"));
    options.batch_size = 500;
    options.epochs = -1;
    assert_non_null(riskgan_fit_options_check(&options));
    options.epochs = 0; /* chosen from the data */
    assert_null(riskgan_fit_options_check(&options));
    assert_int_equal(rg_check_finite(NAN, "generator loss", 17), RISKGAN_ERR_NUMERIC);
    assert_non_null(strstr(riskgan_last_error(), "epoch 17"));
    assert_int_equal(rg_check_finite(1.5, "generator loss", 17), RISKGAN_OK);
}

static void test_high_cardinality_column(void **state)
{
    (void)state;
    size_t rows = 100000;
    char *text = malloc(rows * 40 + 64);
    size_t used = (size_t)sprintf(text, "merchant,amount,fraud\n");
    rg_rng rng;
    rg_rng_seed(&rng, 12);
    for (size_t r = 0; r < rows; r++) {
        /* Zipf-like: a few merchants are frequent, thousands are rare */
        uint64_t merchant = (uint64_t)(5000 * pow(rg_rng_uniform(&rng), 3));
        used += (size_t)sprintf(text + used, "M%04u,%.2f,%d\n", (unsigned)merchant, 5 + 200 * rg_rng_uniform(&rng),
                                rg_rng_uniform(&rng) < 0.05);
    }
    char *path = write_temporary(text, used);
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    riskgan_column_summary s;
    riskgan_table_column_summary(table, 0, &s);
    assert_true(s.distinct > 4000);
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.target = "fraud";
    options.epochs = 1;
    options.discriminator_steps = 1; /* this test is about the column, not about quality */
    options.threads = 2;
    riskgan_model *model;
    assert_int_equal(riskgan_fit(table, &options, &model), RISKGAN_OK);
    riskgan_model_info info;
    riskgan_model_get_info(model, &info);
    assert_true(info.encoded_width < 80); /* 50 kept merchants + other, not 5,000 */
    riskgan_table *synthetic;
    assert_int_equal(riskgan_sample(model, 5000, 1, NULL, &synthetic), RISKGAN_OK);
    size_t rare = 0;
    for (size_t r = 0; r < 5000; r++) {
        const char *m = riskgan_table_category(synthetic, r, 0);
        assert_true(m[0] == 'M' && atoi(m + 1) < 5000);
        rare += atoi(m + 1) > 1000;
    }
    assert_true(rare > 0); /* grouped merchants come back as real merchant ids */
    riskgan_condition where = {"merchant", "M4999"};
    riskgan_table_free(synthetic);
    if (riskgan_table_find_column(table, "merchant") >= 0 &&
        riskgan_sample(model, 50, 1, &where, &synthetic) == RISKGAN_OK) {
        for (size_t r = 0; r < 50; r++)
            assert_string_equal(riskgan_table_category(synthetic, r, 0), "M4999");
        riskgan_table_free(synthetic);
    }
    riskgan_model_free(model);
    riskgan_table_free(table);
    unlink(path);
    free(path);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_streamed_sample_holds_the_same_rows),
        cmocka_unit_test(test_streamed_fit_encodes_as_in_memory),
        cmocka_unit_test(test_streamed_block_without_a_category),
        cmocka_unit_test(test_where_is_exact_and_loaded_model_samples_the_same),
        cmocka_unit_test(test_label_model_keeps_the_default_rate),
        cmocka_unit_test(test_class_rows_carry_the_class_signal),
        cmocka_unit_test(test_label_rate_correction_survives_saturated_logits),
        cmocka_unit_test(test_broken_model_files_are_refused),
        cmocka_unit_test(test_options_are_checked_before_work),
        cmocka_unit_test(test_high_cardinality_column),
        cmocka_unit_test(test_published_optimizer_defaults),
        cmocka_unit_test(test_interrupted_fit_keeps_a_complete_model),
        cmocka_unit_test(test_progress_counts_the_epochs_the_step_budget_allows),
        cmocka_unit_test(test_epochs_are_chosen_from_the_data),
        cmocka_unit_test(test_fit_records_the_epochs_it_chose),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
