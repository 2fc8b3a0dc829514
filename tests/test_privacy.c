/* test_privacy.c — the RDP accountant against published values and an independent
 * numerical integration, the noise search, and the DP building blocks. */
#include "test_support.h"

#include "privacy/accountant.h"
#include "privacy/mechanisms.h"

/* RDP of one subsampled-Gaussian step, computed independently by integrating
 * E_{z~N(0,s^2)}[((1-q) + q exp((2z-1)/(2s^2)))^a] with mpmath.quad at 50 digits. */
static void rdp_matches_numerical_integration(void **state)
{
    (void)state;
    static const struct {
        double q, sigma, alpha, rdp;
    } cases[] = {
        {0.1, 2, 5, 0.00773696848979587},       {0.01, 2.5, 1.5, 1.30014179437608e-5},
        {0.01, 2.5, 2.5, 2.17083611383625e-5},  {0.01, 2.5, 5, 4.36151312461576e-5},
        {0.01, 2.5, 50, 0.000476920750774123},  {0.01, 2.5, 100, 3.34832615096837},
        {0.01, 4, 20, 6.52631295728039e-5},     {0.01, 4, 2.5, 8.06440975849603e-6},
        {0.004, 1.1, 12, 0.000135065897842039}, {0.004, 1.1, 7.5, 8.04333311212574e-5},
        {0.05, 0.8, 3.3, 0.0253612215246131},   {0.5, 1.0, 2.0, 0.357374019508789},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double got = rg_rdp_subsampled_gaussian(cases[i].q, cases[i].sigma, cases[i].alpha);
        if (fabs(got - cases[i].rdp) > 1e-7 * cases[i].rdp)
            fail_msg("q %g sigma %g alpha %g: %.15g, expected %.15g", cases[i].q, cases[i].sigma, cases[i].alpha,
                     got, cases[i].rdp);
    }
    /* no subsampling: the Gaussian mechanism's alpha / (2 sigma^2); no data: nothing */
    assert_true(fabs(rg_rdp_subsampled_gaussian(1, 10, 20) - 0.1) < 1e-15);
    assert_true(rg_rdp_subsampled_gaussian(0, 10, 20) == 0);
}

/* Values published with TensorFlow Privacy's RDP accountant tests (compute_rdp over
 * `steps` steps): q 0.1, sigma 2, 10 steps, order 5 -> 0.07737; q 0.01, sigma 2.5, 50 steps
 * at orders 1.5, 2.5, 5, 50, 100 -> 0.00065, 0.001085, 0.00218075, 0.023846, 167.416307. */
static void rdp_matches_published_values(void **state)
{
    (void)state;
    assert_true(fabs(10 * rg_rdp_subsampled_gaussian(0.1, 2, 5) - 0.07737) < 1e-5);
    static const double orders[] = {1.5, 2.5, 5, 50, 100};
    static const double expected[] = {0.00065, 0.001085, 0.00218075, 0.023846, 167.416307};
    for (size_t i = 0; i < 5; i++) {
        double got = 50 * rg_rdp_subsampled_gaussian(0.01, 2.5, orders[i]);
        if (fabs(got - expected[i]) > 1e-5)
            fail_msg("order %g: %.8g, expected %.8g", orders[i], got, expected[i]);
    }
}

/* Abadi et al. (2016), MNIST: q = 0.01, sigma = 4, 10,000 steps, delta 1e-5 give
 * epsilon 1.26; with RDP orders 2..32 and the classic conversion TensorFlow Privacy's
 * tests state 1.258575 at order 20. And their composition test: 40,000 steps of
 * (q 1e-4, sigma 0.4) then 100 of (q 0.1, sigma 2), delta 1e-5: 8.509656 at order 2.5. */
static void conversion_matches_published_values(void **state)
{
    (void)state;
    double orders[31], rdp[31], order;
    for (int i = 0; i < 31; i++) {
        orders[i] = i + 2;
        rdp[i] = 10000 * rg_rdp_subsampled_gaussian(0.01, 4, orders[i]);
    }
    double eps = rg_rdp_epsilon_classic(orders, rdp, 31, 1e-5, &order);
    assert_true(fabs(eps - 1.258575) < 1e-5);
    assert_true(order == 20);
    static const double composed[] = {1.25, 1.5, 1.75, 2., 2.5, 3., 4., 5., 6., 7., 8.,
                                      10., 12., 14., 16., 20., 24., 28., 32., 64., 256.};
    double total[21];
    for (int i = 0; i < 21; i++)
        total[i] = 40000 * rg_rdp_subsampled_gaussian(1e-4, 0.4, composed[i]) +
                   100 * rg_rdp_subsampled_gaussian(0.1, 2, composed[i]);
    eps = rg_rdp_epsilon_classic(composed, total, 21, 1e-5, &order);
    if (fabs(eps - 8.509656) > 1e-5)
        fail_msg("composition: %.7f, expected 8.509656", eps);
    assert_true(order == 2.5);
}

/* The curve with the improved conversion is never looser than the classic one, and for
 * a pure Gaussian mechanism (zCDP rho) it lies below rho + 2 sqrt(rho log(1/delta)), the
 * classic conversion at its best continuous order. */
static void improved_conversion_is_tighter(void **state)
{
    (void)state;
    rg_rdp_curve curve;
    rg_rdp_curve_init(&curve);
    rg_rdp_curve_add_sgd(&curve, 0.01, 4, 10000);
    size_t count;
    const double *orders = rg_rdp_orders(&count);
    double improved = rg_rdp_epsilon(&curve, 1e-5, NULL);
    double classic = rg_rdp_epsilon_classic(orders, curve.rdp, count, 1e-5, NULL);
    assert_true(improved < classic);
    assert_true(improved > 0.8 * classic);
    rg_rdp_curve_init(&curve);
    rg_rdp_curve_add_zcdp(&curve, 0.05);
    double bound = 0.05 + 2 * sqrt(0.05 * log(1e6));
    improved = rg_rdp_epsilon(&curve, 1e-6, NULL);
    assert_true(improved < bound);
    assert_true(improved > 0.85 * bound);
    /* rho for a budget meets it exactly under the classic zCDP bound */
    double rho = rg_zcdp_rho_for(1.0, 1e-6);
    assert_true(fabs(rho + 2 * sqrt(rho * log(1e6)) - 1.0) < 1e-12);
}

/* The noise multiplier found for a target meets it, and 1 % less noise would not. */
static void noise_multiplier_meets_the_target(void **state)
{
    (void)state;
    static const struct {
        double q, steps, epsilon, delta;
    } cases[] = {{0.01, 10000, 1.0, 1e-5}, {0.1, 3000, 3.0, 1e-6}, {0.02, 500, 0.5, 1e-5}};
    for (size_t i = 0; i < 3; i++) {
        rg_rdp_curve base;
        rg_rdp_curve_init(&base);
        rg_rdp_curve_add_zcdp(&base, 0.001);
        double sigma = rg_rdp_noise_multiplier(cases[i].q, cases[i].steps, cases[i].epsilon, cases[i].delta, &base);
        assert_true(sigma > 0);
        rg_rdp_curve curve = base;
        rg_rdp_curve_add_sgd(&curve, cases[i].q, sigma, cases[i].steps);
        assert_true(rg_rdp_epsilon(&curve, cases[i].delta, NULL) <= cases[i].epsilon);
        curve = base;
        rg_rdp_curve_add_sgd(&curve, cases[i].q, 0.99 * sigma, cases[i].steps);
        assert_true(rg_rdp_epsilon(&curve, cases[i].delta, NULL) > cases[i].epsilon);
    }
    /* a base that alone exceeds the budget leaves no noise multiplier */
    rg_rdp_curve spent;
    rg_rdp_curve_init(&spent);
    rg_rdp_curve_add_zcdp(&spent, 1.0);
    assert_true(rg_rdp_noise_multiplier(0.01, 100, 1.0, 1e-5, &spent) == 0);
}

static void normal_quantile_and_threshold(void **state)
{
    (void)state;
    assert_true(fabs(rg_normal_quantile(0.975) - 1.959963984540054) < 1e-12);
    assert_true(fabs(rg_normal_quantile(1 - 1e-6) - 4.753424308822899) < 1e-9);
    assert_true(fabs(rg_normal_quantile(0.5)) < 1e-12);
    /* a count of 1 plus N(0, 10^2) passes 1 + 10 * 4.7534 with probability 1e-6 */
    assert_true(fabs(rg_dp_release_threshold(10, 1e-6) - 48.53424308822899) < 1e-8);
    assert_true(fabs(rg_dp_sigma_for(8, 0.25) - 4) < 1e-12);
}

static void noise_has_the_stated_spread(void **state)
{
    (void)state;
    enum { N = 200000 };
    double *counts = calloc(N, sizeof *counts);
    rg_rng rng;
    rg_rng_seed(&rng, 7);
    rg_dp_add_noise(counts, N, 3.0, &rng);
    double sum = 0, sum2 = 0;
    for (int i = 0; i < N; i++) {
        sum += counts[i];
        sum2 += counts[i] * counts[i];
    }
    double mean = sum / N, sd = sqrt(sum2 / N - mean * mean);
    assert_true(fabs(mean) < 0.03);
    assert_true(fabs(sd - 3.0) < 0.03);
    free(counts);
}

static void range_grid_is_ordered_and_contains_its_values(void **state)
{
    (void)state;
    size_t bins = rg_dp_range_bins();
    assert_int_equal(bins, 92);
    double previous_upper = -INFINITY;
    for (size_t b = 0; b < bins; b++) {
        double lower, upper;
        rg_dp_range_edges(b, &lower, &upper);
        assert_true(lower < upper);
        if (b > 0)
            assert_true(lower == previous_upper);
        previous_upper = upper;
    }
    static const double values[] = {0, 1e-4, 0.001, 0.0015, 1, 1.999, 2, 49.5, 50, 1234.5, 5e11, 7e13,
                                    -1e-4, -0.001, -0.0015, -2, -2.5, -1234.5, -6e11};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        size_t b = rg_dp_range_bin(values[i]);
        double lower, upper;
        rg_dp_range_edges(b, &lower, &upper);
        int inside = values[i] >= lower && (values[i] < upper || b == bins - 1);
        if (b == 0)
            inside = values[i] < upper;
        if (!inside)
            fail_msg("%g went to bin %zu [%g, %g)", values[i], b, lower, upper);
    }
    assert_int_equal(rg_dp_decimals_needed(12), 0);
    assert_int_equal(rg_dp_decimals_needed(12.5), 1);
    assert_int_equal(rg_dp_decimals_needed(-0.07), 2);
    assert_int_equal(rg_dp_decimals_needed(1.0 / 3), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rdp_matches_numerical_integration),
        cmocka_unit_test(rdp_matches_published_values),
        cmocka_unit_test(conversion_matches_published_values),
        cmocka_unit_test(improved_conversion_is_tighter),
        cmocka_unit_test(noise_multiplier_meets_the_target),
        cmocka_unit_test(normal_quantile_and_threshold),
        cmocka_unit_test(noise_has_the_stated_spread),
        cmocka_unit_test(range_grid_is_ordered_and_contains_its_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
