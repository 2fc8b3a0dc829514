/* test_stepwise.c — src/credit/stepwise.c: the log-likelihood by hand, and forward selection by
 * BIC taking the informative column, neither its copy (which adds nothing) nor noise, then the
 * second informative column, and stopping there. */
#include "test_support.h"

#include "core/rng.h"
#include "credit/stepwise.h"

static void log_likelihood_by_hand(void **state)
{
    (void)state;
    const float x[3 * 2] = {1, 0, -2, 5, 0.5f, -1};
    const int y[3] = {1, 0, 1};
    const size_t columns[1] = {0};
    const double weights[2] = {0.7, -0.2}; /* p = sigmoid(0.7 x0 - 0.2) */
    double expected = 0;
    for (int r = 0; r < 3; r++) {
        double p = 1 / (1 + exp(-(0.7 * x[r * 2] - 0.2)));
        expected += y[r] ? log(p) : log(1 - p);
    }
    assert_true(fabs(rg_logistic_log_likelihood(x, y, 3, 2, columns, 1, weights) - expected) < 1e-12);
    const double extreme[2] = {800, 0}; /* no overflow: log(1 - sigmoid(1600)) = -1600 */
    const float far[1] = {2};
    const int zero[1] = {0};
    assert_true(fabs(rg_logistic_log_likelihood(far, zero, 1, 1, columns, 1, extreme) + 1600) < 1e-9);
}

/* Columns: 0 informative, 1 a copy of 0, 2 noise, 3 informative independently of 0. */
static void forward_selection_takes_what_informs(void **state)
{
    (void)state;
    enum { ROWS = 4000, WIDTH = 4 };
    float *x = calloc(ROWS * WIDTH, sizeof *x);
    int *y = calloc(ROWS, sizeof *y);
    rg_rng rng;
    rg_rng_seed(&rng, 5);
    for (size_t r = 0; r < ROWS; r++) {
        float a = (float)rg_rng_normal(&rng), b = (float)rg_rng_normal(&rng), noise = (float)rg_rng_normal(&rng);
        x[r * WIDTH + 0] = a, x[r * WIDTH + 1] = a, x[r * WIDTH + 2] = noise, x[r * WIDTH + 3] = b;
        double p = 1 / (1 + exp(-(1.5 * a + 0.8 * b)));
        y[r] = rg_rng_uniform(&rng) < p;
    }
    const size_t candidates[WIDTH] = {0, 1, 2, 3};
    size_t chosen[WIDTH], count = 99;
    assert_int_equal(rg_forward_stepwise(x, y, ROWS, WIDTH, candidates, WIDTH, 1, chosen, &count), RISKGAN_OK);
    assert_int_equal(count, 2);
    assert_int_equal(chosen[0], 0); /* the strongest first; its copy ties and loses on order */
    assert_int_equal(chosen[1], 3);
    free(x), free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(log_likelihood_by_hand),
        cmocka_unit_test(forward_selection_takes_what_informs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
