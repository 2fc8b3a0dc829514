/* test_event_model.c — the parts of a child table's event model (src/relational/event_*.c):
 * the number of a parent's events follows the parent's columns (a known dependence is
 * recovered); a number head's tokens keep its values' roundness (multiples of 100, whole
 * numbers, one decimal) when turned back into values. */
#include "test_support.h"

#include "data/table.h"
#include "nn/layers.h"
#include "relational/event_heads.h"
#include "relational/parent_head.h"
#include "riskgan.h"

enum { PARENTS = 3000 };

/* Parents with an opening month 0..11 and a count of 80 - 6 * month (+-3), 0 for a third of
 * them (flag "closed"). */
static riskgan_table *parents_with_counts(void)
{
    static double month[PARENTS], count[PARENTS];
    static const char *flag[PARENTS];
    for (size_t p = 0; p < PARENTS; p++) {
        month[p] = (double)(p % 12);
        flag[p] = (p / 12) % 3 == 0 ? "closed" : "open";
        count[p] = (p / 12) % 3 == 0 ? 0 : 80 - 6 * month[p] + (double)((p / 36) % 7) - 3;
    }
    riskgan_column_data columns[3] = {{.name = "month", .numbers = month},
                                      {.name = "state", .text = flag},
                                      {.name = "__count_events", .numbers = count}};
    riskgan_table *t;
    assert_int_equal(riskgan_table_from_columns(columns, 3, PARENTS, NULL, &t), RISKGAN_OK);
    return t;
}

static void lengths_follow_the_parents(void **state)
{
    (void)state;
    riskgan_table *parents = parents_with_counts();
    rg_parent_head model;
    long count = riskgan_table_find_column(parents, "__count_events");
    rg_parent_head_options options = {.name = "count", .exclude = count, .integer = 1, .min_parents = 5, .seed = 7};
    assert_int_equal(rg_parent_head_fit(&model, parents, parents->column[count].numbers, &options), RISKGAN_OK);
    double *lengths = calloc(PARENTS, sizeof *lengths);
    rg_rng rng;
    rg_rng_seed(&rng, 11);
    assert_int_equal(rg_parent_head_sample(&model, parents, &rng, lengths), RISKGAN_OK);
    double sum[12] = {0}, zeros_closed = 0;
    size_t open[12] = {0};
    for (size_t p = 0; p < PARENTS; p++) {
        if ((p / 12) % 3 == 0) {
            zeros_closed += lengths[p] < 0.5;
            continue;
        }
        sum[p % 12] += lengths[p], open[p % 12]++;
    }
    assert_true(zeros_closed / (PARENTS / 3) > 0.97);
    for (size_t m = 0; m < 12; m++) {
        double mean = sum[m] / (double)open[m], expected = 80 - 6 * (double)m;
        print_message("month %zu: mean %.1f expected %.1f\n", m, mean, expected);
        assert_true(fabs(mean - expected) < 0.1 * expected + 2);
    }
    free(lengths);
    rg_parent_head_free(&model);
    riskgan_table_free(parents);
}

/* Half the values multiples of 100, 30 % whole (not of 10), 20 % with one decimal. */
static double round_value(size_t i)
{
    size_t k = i % 10, spread = (i * 7919) % 20000;
    if (k < 5)
        return 100.0 * (double)(1 + spread % 200);
    if (k < 8)
        return (double)(10 * (spread / 10) + 1 + spread % 9);
    return (double)(spread / 4) + 0.1 * (double)(1 + spread % 9);
}

static void shares_of_roundness(const double *x, size_t n, double share[3])
{
    share[0] = share[1] = share[2] = 0;
    for (size_t i = 0; i < n; i++) {
        int hundreds = fmod(x[i], 100) == 0, whole = x[i] == floor(x[i]);
        share[hundreds ? 0 : whole ? 1 : 2] += 1.0 / (double)n;
    }
}

static void numbers_keep_their_roundness(void **state)
{
    (void)state;
    enum { N = 6000 };
    double *values = calloc(N, sizeof *values), *drawn = calloc(N, sizeof *drawn);
    size_t *parent = calloc(N, sizeof *parent);
    for (size_t i = 0; i < N; i++)
        values[i] = round_value(i), parent[i] = i;
    rg_head head;
    assert_int_equal(rg_head_fit_number(&head, RG_HEAD_NUMBER, "amount", values, parent, N, 32, 5, 2, 0), RISKGAN_OK);
    rg_head_learn_steps(&head, values, N);
    rg_rng rng;
    rg_rng_seed(&rng, 3);
    size_t same = 0;
    for (size_t i = 0; i < N; i++) {
        uint16_t token = rg_head_number_token(&head, values[i], 0);
        drawn[i] = rg_head_number_value(&head, token, &rng);
        same += rg_head_number_token(&head, drawn[i], 0) == token;
    }
    double real[3], generated[3];
    shares_of_roundness(values, N, real);
    shares_of_roundness(drawn, N, generated);
    print_message("hundreds %.3f / %.3f, whole %.3f / %.3f, finer %.3f / %.3f; %zu of %d tokens kept\n", real[0],
                  generated[0], real[1], generated[1], real[2], generated[2], same, N);
    for (int c = 0; c < 3; c++)
        assert_true(fabs(real[c] - generated[c]) < 0.03);
    assert_true(same > N * 99 / 100);
    rg_head_free(&head);
    free(values), free(drawn), free(parent);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lengths_follow_the_parents),
        cmocka_unit_test(numbers_keep_their_roundness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
