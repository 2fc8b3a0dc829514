/* test_optimal_partition.c — src/risk/optimal_partition.c against brute force: on random
 * pre-bins (at most 12), every partition into contiguous bins is enumerated, the shape and
 * minimum-size constraints and the IV are checked here with the test's own arithmetic, and the
 * dynamic program must find the largest IV and a partition that keeps the constraints. Also
 * WoE and IV of one bin by hand. */
#include "test_support.h"

#include "core/rng.h"
#include "credit/optimal_partition.h"

enum { MAX_PREBINS = 12 };

typedef struct {
    const double *count, *events;
    size_t n, max_bins;
    double min_count, total, total_events;
    rg_trend trend;
    double best;
} problem;

/* The test's own IV of a bin: shares of non-events and events, half a row each when one is 0. */
static double bin_iv(const problem *q, double count, double events)
{
    double bad = events, good = count - events;
    if (bad == 0 || good == 0)
        bad += 0.5, good += 0.5;
    double g = good / (q->total - q->total_events), b = bad / q->total_events;
    return (g - b) * log(g / b);
}

/* Does the sequence of rates keep the trend (a peak or valley must turn once)? */
static int keeps_trend(rg_trend trend, const double *rate, size_t bins)
{
    size_t turn = 0;
    int up = trend == RG_TREND_ASCENDING || trend == RG_TREND_PEAK;
    if (trend == RG_TREND_NONE)
        return 1;
    for (size_t k = 1; k < bins; k++) {
        int rising = rate[k] > rate[k - 1], falling = rate[k] < rate[k - 1];
        if ((trend == RG_TREND_PEAK || trend == RG_TREND_VALLEY) && !turn && (up ? falling : rising))
            turn = k, up = !up;
        if (up ? falling : rising)
            return 0;
    }
    return trend == RG_TREND_PEAK || trend == RG_TREND_VALLEY ? turn > 0 : 1;
}

/* The IV of the partition given by first[] (-1 when it breaks a constraint). */
static double partition_iv(const problem *q, const size_t *first, size_t bins)
{
    double rate[MAX_PREBINS], iv = 0;
    for (size_t k = 0; k < bins; k++) {
        size_t end = k + 1 < bins ? first[k + 1] : q->n;
        double count = 0, events = 0;
        for (size_t i = first[k]; i < end; i++)
            count += q->count[i], events += q->events[i];
        if (count < q->min_count)
            return -1;
        rate[k] = events / count;
        iv += bin_iv(q, count, events);
    }
    return keeps_trend(q->trend, rate, bins) ? iv : -1;
}

/* Every subset of the n-1 cut positions with at most max_bins - 1 cuts. */
static void brute_force(problem *q)
{
    q->best = -1;
    for (unsigned mask = 0; mask < 1u << (q->n - 1); mask++) {
        size_t first[MAX_PREBINS] = {0}, bins = 1;
        for (size_t i = 1; i < q->n; i++)
            if (mask & 1u << (i - 1))
                first[bins++] = i;
        if (bins > q->max_bins)
            continue;
        double iv = partition_iv(q, first, bins);
        q->best = iv > q->best ? iv : q->best;
    }
}

static void dynamic_program_finds_the_best_partition(void **state)
{
    (void)state;
    rg_rng rng;
    rg_rng_seed(&rng, 2026);
    static const rg_trend trends[] = {RG_TREND_ASCENDING, RG_TREND_DESCENDING, RG_TREND_PEAK, RG_TREND_VALLEY,
                                      RG_TREND_NONE};
    size_t checked = 0, infeasible = 0;
    for (int round = 0; round < 300; round++) {
        double count[MAX_PREBINS], events[MAX_PREBINS];
        problem q = {.count = count, .events = events, .n = 2 + rg_rng_below(&rng, MAX_PREBINS - 1),
                     .max_bins = 1 + rg_rng_below(&rng, 6), .trend = trends[round % 5]};
        for (size_t i = 0; i < q.n; i++) {
            count[i] = 5 + (double)rg_rng_below(&rng, 60);
            events[i] = (double)rg_rng_below(&rng, (uint32_t)count[i] + 1);
            q.total += count[i], q.total_events += events[i];
        }
        if (q.total_events == 0 || q.total_events == q.total)
            continue;
        q.min_count = (double)rg_rng_below(&rng, 80);
        brute_force(&q);
        size_t first[MAX_PREBINS], bins;
        double iv;
        assert_int_equal(rg_optimal_partition(count, events, q.n, q.max_bins, q.min_count, q.trend, first, &bins, &iv),
                         RISKGAN_OK);
        if (q.best < 0) {
            assert_int_equal(bins, 0);
            infeasible++;
            continue;
        }
        assert_true(bins >= 1 && bins <= q.max_bins && first[0] == 0);
        assert_true(fabs(iv - q.best) < 1e-9);
        assert_true(fabs(partition_iv(&q, first, bins) - q.best) < 1e-9);
        checked++;
    }
    print_message("%zu partitions checked, %zu problems without a feasible one\n", checked, infeasible);
    assert_true(checked > 200);
}

/* 100 rows, 20 events; a bin of 30 rows with 2 events: non-event share 28/80, event share
 * 2/20: WoE = ln(3.5), IV = 0.25 ln(3.5). Without events: 10 rows count 10.5 and 0.5. */
static void woe_and_iv_by_hand(void **state)
{
    (void)state;
    double woe, iv;
    rg_bin_woe_iv(30, 2, 100, 20, &woe, &iv);
    assert_true(fabs(woe - log(3.5)) < 1e-12 && fabs(iv - 0.25 * log(3.5)) < 1e-12);
    rg_bin_woe_iv(10, 0, 100, 20, &woe, &iv);
    double g = 10.5 / 80, b = 0.5 / 20;
    assert_true(fabs(woe - log(g / b)) < 1e-12 && fabs(iv - (g - b) * log(g / b)) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dynamic_program_finds_the_best_partition),
        cmocka_unit_test(woe_and_iv_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
