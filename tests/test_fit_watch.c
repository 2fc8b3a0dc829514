/* test_fit_watch.c — early stopping's held-out check: its size rule, that it tells a generator
 * copying the real rows (AUC near 0.5) from one repeating a single row (AUC near 1), that it
 * keeps the best check and stops after three without a better one, and that a fit with it
 * holds its rows out, repeats itself byte for byte and reports what it kept. */
#include "test_support.h"

#include <math.h>

#include "data/table.h"
#include "models/fit_watch.h"
#include "models/model.h"
#include "riskgan.h"
#include "transform/transformer_encode.h"
#include "transform/transformer_fit.h"

/* Rows of an amount tied to a kind (a, b, c), the amount's scale set by the kind. */
static riskgan_table *kinds_table(size_t rows, uint64_t seed)
{
    char *text = malloc(rows * 40 + 32);
    size_t length = (size_t)sprintf(text, "amount,kind\n");
    rg_rng rng;
    rg_rng_seed(&rng, seed);
    for (size_t r = 0; r < rows; r++) {
        int kind = (int)rg_rng_below(&rng, 3);
        double amount = (kind + 1) * 100.0 + 10.0 * rg_rng_normal(&rng);
        length += (size_t)sprintf(text + length, "%.2f,%c\n", amount, 'a' + kind);
    }
    char *path = write_temporary(text, length);
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    unlink(path);
    free(path);
    free(text);
    return table;
}

static void held_out_rows_follow_the_rule(void **state)
{
    (void)state;
    assert_int_equal(rg_fit_watch_rows(4999), 0);
    assert_int_equal(rg_fit_watch_rows(5000), 500);
    assert_int_equal(rg_fit_watch_rows(10794), 1079);
    assert_int_equal(rg_fit_watch_rows(30000), 2000);
}

typedef struct {
    const float *rows; /* encoded real rows (fresh ones, not the held-out rows) */
    size_t count, width;
    int broken;        /* 1: every row is the first one */
} fake_generator;

static riskgan_status fake_generate(void *context, size_t rows, const float *logit_bias, rg_rng *rng, float *out)
{
    (void)logit_bias, (void)rng;
    const fake_generator *g = context;
    for (size_t r = 0; r < rows; r++)
        memcpy(out + r * g->width, g->rows + (g->broken ? 0 : r % g->count) * g->width, g->width * sizeof *out);
    return RISKGAN_OK;
}

static void the_check_tells_good_rows_from_bad(void **state)
{
    (void)state;
    riskgan_table *held_out = kinds_table(1000, 1), *other = kinds_table(1000, 2);
    rg_transformer_options options;
    rg_transformer_options_default(&options);
    rg_transformer *t = NULL;
    assert_int_equal(rg_transformer_fit(other, &options, &t), RISKGAN_OK);
    float *encoded = calloc(other->rows * t->width, sizeof *encoded);
    assert_int_equal(rg_transformer_encode(t, other, 3, 0, encoded, NULL), RISKGAN_OK);
    fake_generator g = {encoded, other->rows, t->width, 0};
    rg_fit_watch w;
    assert_int_equal(rg_fit_watch_init(&w, held_out, t, -1, 48, 5), RISKGAN_OK);
    assert_int_equal(w.every, 4); /* 48 epochs / 12 checks */
    assert_true(rg_fit_watch_due(&w, 4, 48) && !rg_fit_watch_due(&w, 5, 48) && rg_fit_watch_due(&w, 48, 48));
    int best, stop;
    assert_int_equal(rg_fit_watch_check(&w, fake_generate, &g, 4, &best, &stop), RISKGAN_OK);
    assert_true(best && !stop);
    assert_true(w.last < 0.6); /* real rows of the same law: the trees cannot tell */
    double good = w.last;
    g.broken = 1;
    for (int k = 1; k <= RG_WATCH_PATIENCE; k++) {
        assert_int_equal(rg_fit_watch_check(&w, fake_generate, &g, 4 + 4 * k, &best, &stop), RISKGAN_OK);
        assert_true(w.last > 0.9); /* one row repeated: told apart */
        assert_false(best);
        assert_int_equal(stop, k == RG_WATCH_PATIENCE);
    }
    assert_int_equal(w.best_epoch, 4);
    assert_true(w.best == good);
    rg_fit_watch_free(&w);
    rg_transformer_free(t);
    free(encoded);
    riskgan_table_free(held_out), riskgan_table_free(other);
}

/* A small network so that the chosen 200 epochs run in seconds. */
static riskgan_model *watched_fit(const riskgan_table *table, const char *path)
{
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.early_stopping = 1;
    options.hidden = 16;
    options.threads = 1;
    options.seed = 9;
    riskgan_model *model = NULL;
    assert_int_equal(riskgan_fit(table, &options, &model), RISKGAN_OK);
    assert_int_equal(riskgan_model_save(model, path), RISKGAN_OK);
    return model;
}

static void a_watched_fit_holds_out_and_repeats_itself(void **state)
{
    (void)state;
    riskgan_table *table = kinds_table(5000, 4);
    char *paths[2] = {temporary_path(), temporary_path()};
    riskgan_model *model = watched_fit(table, paths[0]);
    riskgan_model_free(watched_fit(table, paths[1]));
    riskgan_model_info info;
    riskgan_model_get_info(model, &info);
    assert_int_equal(info.held_out_rows, 500);
    assert_int_equal(info.training_rows, 4500);
    assert_int_equal(info.epochs, 200);
    assert_true(info.best_epoch >= 1 && info.best_epoch <= info.epochs_completed);
    int every = 200 / RG_WATCH_CHECKS;
    /* it ran every epoch, or stopped at the third check after the best */
    assert_true(info.epochs_completed == 200 || info.epochs_completed == info.best_epoch + RG_WATCH_PATIENCE * every);
    assert_true(info.held_out_detection >= 0.3 && info.held_out_detection < 0.9);
    size_t lengths[2];
    unsigned char *bytes[2];
    for (int k = 0; k < 2; k++) {
        bytes[k] = (unsigned char *)read_whole_file(paths[k], &lengths[k]);
        unlink(paths[k]);
        free(paths[k]);
    }
    assert_int_equal(lengths[0], lengths[1]);
    assert_memory_equal(bytes[0], bytes[1], lengths[0]);
    free(bytes[0]), free(bytes[1]);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(held_out_rows_follow_the_rule),
        cmocka_unit_test(the_check_tells_good_rows_from_bad),
        cmocka_unit_test(a_watched_fit_holds_out_and_repeats_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
