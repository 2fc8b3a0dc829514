/* test_gmm.c — the variational Bayesian mixture recovers a known mixture, deterministically. */
#include "test_support.h"

#include "transform/gmm.h"

/* 20,000 draws from 0.2 N(-5, 1) + 0.5 N(0, 0.5^2) + 0.3 N(6, 1). */
static double *known_mixture(size_t n, uint64_t seed)
{
    rg_rng rng;
    rg_rng_seed(&rng, seed);
    double *x = malloc(n * sizeof *x);
    for (size_t i = 0; i < n; i++) {
        double u = rg_rng_uniform(&rng), z = rg_rng_normal(&rng);
        x[i] = u < 0.2 ? -5 + z : u < 0.7 ? 0.5 * z : 6 + z;
    }
    return x;
}

static void test_recovers_three_components(void **state)
{
    (void)state;
    size_t n = 20000;
    double *x = known_mixture(n, 42);
    rg_gmm_options options;
    rg_gmm_options_default(&options);
    rg_rng rng;
    rg_rng_seed(&rng, 1);
    rg_gmm gmm;
    assert_int_equal(rg_gmm_fit(x, n, &options, &rng, &gmm), RISKGAN_OK);
    /* every true component is matched by kept components: weight near the truth */
    const double mean[3] = {-5, 0, 6}, weight[3] = {0.2, 0.5, 0.3}, sd[3] = {1, 0.5, 1};
    for (int k = 0; k < 3; k++) {
        double w = 0, m = 0;
        for (int c = 0; c < gmm.components; c++)
            if (fabs(gmm.mean[c] - mean[k]) < 2) {
                w += gmm.weight[c];
                m += gmm.weight[c] * gmm.mean[c];
            }
        m /= w;
        if (fabs(w - weight[k]) > 0.02 || fabs(m - mean[k]) > 0.1)
            fail_msg("component %d: weight %.3f (want %.2f), mean %.3f (want %.1f)", k, w, weight[k], m, mean[k]);
    }
    /* the Dirichlet-process prior prunes: the dominant components are the true ones */
    int big = 0;
    for (int c = 0; c < gmm.components; c++)
        if (gmm.weight[c] > 0.1) {
            big++;
            int k = gmm.mean[c] < -2.5 ? 0 : gmm.mean[c] < 3 ? 1 : 2;
            assert_true(fabs(gmm.std[c] - sd[k]) < 0.15);
        }
    assert_int_equal(big, 3);
    assert_int_equal(gmm.components, 3); /* surplus components were pruned */
    free(x);
}

static void test_deterministic_for_a_seed(void **state)
{
    (void)state;
    size_t n = 5000;
    double *x = known_mixture(n, 7);
    rg_gmm_options options;
    rg_gmm_options_default(&options);
    rg_gmm a, b;
    rg_rng rng;
    rg_rng_seed(&rng, 3);
    assert_int_equal(rg_gmm_fit(x, n, &options, &rng, &a), RISKGAN_OK);
    rg_rng_seed(&rng, 3);
    assert_int_equal(rg_gmm_fit(x, n, &options, &rng, &b), RISKGAN_OK);
    assert_memory_equal(&a, &b, sizeof a);
    free(x);
}

static void test_posterior_sums_to_one_and_constant_column(void **state)
{
    (void)state;
    double constant[50];
    for (int i = 0; i < 50; i++)
        constant[i] = 3.5;
    rg_gmm_options options;
    rg_gmm_options_default(&options);
    rg_rng rng;
    rg_rng_seed(&rng, 0);
    rg_gmm gmm;
    assert_int_equal(rg_gmm_fit(constant, 50, &options, &rng, &gmm), RISKGAN_OK);
    assert_int_equal(gmm.components, 1);
    assert_true(gmm.mean[0] == 3.5 && gmm.std[0] > 0);
    double p[RG_GMM_MAX_COMPONENTS];
    rg_gmm_posterior(&gmm, 100.0, p);
    assert_true(fabs(p[0] - 1) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recovers_three_components),
        cmocka_unit_test(test_deterministic_for_a_seed),
        cmocka_unit_test(test_posterior_sums_to_one_and_constant_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
