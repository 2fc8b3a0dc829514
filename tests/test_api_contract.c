/* test_api_contract.c — the promises of riskgan.h's conventions: a call given a thread
 * count gives the process-wide counts back; several threads may sample from one model at
 * once and get the rows one thread gets; text is released with riskgan_free; status codes
 * past the end of a model's columns. */
#include "test_support.h"

#include <omp.h>
#include <pthread.h>

#include "riskgan.h"

int openblas_get_num_threads(void);

static riskgan_table *german(void)
{
    riskgan_table *table = NULL;
    assert_int_equal(riskgan_table_read_csv(RISKGAN_REPO_DATA "/german_credit.csv", NULL, &table), RISKGAN_OK);
    return table;
}

static riskgan_model *fit_quickly(const riskgan_table *table, int threads)
{
    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_CTGAN);
    options.epochs = 1;
    options.hidden = 16;
    options.target = "default";
    options.threads = threads;
    riskgan_model *model = NULL;
    assert_int_equal(riskgan_fit(table, &options, &model), RISKGAN_OK);
    return model;
}

static void test_thread_counts_given_back(void **state)
{
    (void)state;
    riskgan_set_threads(2);
    riskgan_table *table = german();
    riskgan_model *model = fit_quickly(table, 1);
    assert_int_equal(omp_get_max_threads(), 2);
    assert_int_equal(openblas_get_num_threads(), 2);
    riskgan_table *synthetic;
    assert_int_equal(riskgan_sample(model, 200, 1, NULL, &synthetic), RISKGAN_OK);
    riskgan_evaluate_options options;
    riskgan_evaluate_options_init(&options);
    options.target = "default";
    options.threads = 1;
    options.trees = 5;
    riskgan_evaluation *evaluation;
    assert_int_equal(riskgan_evaluate(table, table, synthetic, &options, &evaluation), RISKGAN_OK);
    assert_int_equal(omp_get_max_threads(), 2);
    assert_int_equal(openblas_get_num_threads(), 2);
    riskgan_evaluation_free(evaluation);
    riskgan_table_free(synthetic);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

typedef struct {
    const riskgan_model *model;
    uint64_t seed;
    riskgan_table *rows;
    riskgan_status status;
} sampling;

static void *sample_in_thread(void *argument)
{
    sampling *job = argument;
    job->status = riskgan_sample(job->model, 300, job->seed, NULL, &job->rows);
    return NULL;
}

static void assert_same_rows(const riskgan_table *a, const riskgan_table *b)
{
    assert_int_equal(riskgan_table_rows(a), riskgan_table_rows(b));
    for (size_t j = 0; j < riskgan_table_columns(a); j++) {
        riskgan_column_summary s;
        riskgan_table_column_summary(a, j, &s);
        for (size_t r = 0; r < riskgan_table_rows(a); r++) {
            if (s.type == RISKGAN_COLUMN_CATEGORICAL) {
                const char *x = riskgan_table_category(a, r, j), *y = riskgan_table_category(b, r, j);
                assert_true((!x && !y) || (x && y && strcmp(x, y) == 0));
            } else {
                double x = riskgan_table_number(a, r, j), y = riskgan_table_number(b, r, j);
                assert_true((isnan(x) && isnan(y)) || x == y);
            }
        }
    }
}

static void test_threads_share_a_model(void **state)
{
    (void)state;
    riskgan_set_threads(1);
    riskgan_table *table = german();
    riskgan_model *model = fit_quickly(table, 1);
    sampling jobs[4];
    pthread_t threads[4];
    for (int t = 0; t < 4; t++) {
        jobs[t] = (sampling){.model = model, .seed = 10 + (uint64_t)(t % 2)};
        assert_int_equal(pthread_create(&threads[t], NULL, sample_in_thread, &jobs[t]), 0);
    }
    for (int t = 0; t < 4; t++)
        pthread_join(threads[t], NULL);
    for (int t = 0; t < 4; t++) {
        assert_int_equal(jobs[t].status, RISKGAN_OK);
        riskgan_table *alone;
        assert_int_equal(riskgan_sample(model, 300, jobs[t].seed, NULL, &alone), RISKGAN_OK);
        assert_same_rows(jobs[t].rows, alone);
        riskgan_table_free(alone);
        riskgan_table_free(jobs[t].rows);
    }
    riskgan_model_free(model);
    riskgan_table_free(table);
}

static void test_statuses_and_text(void **state)
{
    (void)state;
    riskgan_free(NULL);
    riskgan_table *table = german();
    riskgan_model *model = fit_quickly(table, 0);
    int identifier;
    char format[32];
    size_t columns = riskgan_table_columns(table);
    assert_int_equal(riskgan_model_column_role(model, columns - 1, &identifier, format, sizeof format), RISKGAN_OK);
    assert_int_equal(riskgan_model_column_role(model, columns, &identifier, format, sizeof format),
                     RISKGAN_ERR_INVALID_ARGUMENT);
    assert_string_equal(riskgan_model_kind_name(RISKGAN_MODEL_TVAE), "tvae");
    riskgan_model_kind kind;
    assert_int_equal(riskgan_model_kind_from_name("ctgan", &kind), RISKGAN_OK);
    assert_int_equal(kind, RISKGAN_MODEL_CTGAN);
    assert_int_equal(riskgan_model_kind_from_name("gan", &kind), RISKGAN_ERR_INVALID_ARGUMENT);
    riskgan_market_data *data;
    assert_int_equal(riskgan_market_data_read(RISKGAN_REPO_DATA "/eu_stock_markets.csv", NULL, &data), RISKGAN_OK);
    riskgan_market_fit_options fit;
    riskgan_market_fit_options_init(&fit);
    fit.method = RISKGAN_MARKET_BOOTSTRAP;
    riskgan_market_model *market;
    assert_int_equal(riskgan_market_fit(data, &fit, &market), RISKGAN_OK);
    riskgan_market_backtest_options backtest_options;
    riskgan_market_backtest_options_init(&backtest_options);
    backtest_options.method = RISKGAN_MARKET_HISTORICAL;
    backtest_options.train_days = 1500;
    riskgan_market_backtest *backtest;
    assert_int_equal(riskgan_market_backtest_run(data, &backtest_options, &backtest), RISKGAN_OK);
    char *summary = riskgan_market_backtest_summary(backtest);
    assert_non_null(strstr(summary, "Kupiec"));
    riskgan_free(summary); /* released as promised: the sanitizer build checks the pairing */
    riskgan_market_backtest_free(backtest);
    riskgan_market_model_free(market);
    riskgan_market_data_free(data);
    riskgan_model_free(model);
    riskgan_table_free(table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thread_counts_given_back),
        cmocka_unit_test(test_threads_share_a_model),
        cmocka_unit_test(test_statuses_and_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
