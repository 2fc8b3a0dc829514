/* test_metrics.c — evaluation statistics against values computed by hand (each derivation
 * in the comment beside it; they agree with scikit-learn / SciPy on the same inputs). */
#include "test_support.h"

#include "learn/corrected_t_test.h"
#include "learn/metrics.h"
#include "eval/nearest_neighbors.h"

#define CLOSE(a, b, tolerance) assert_true(fabs((a) - (b)) < (tolerance))

static const double score[4] = {0.1, 0.4, 0.35, 0.8};
static const int label[4] = {0, 0, 1, 1};

static void test_ranking_metrics(void **state)
{
    (void)state;
    /* pairs (pos, neg): (0.35,0.1) win, (0.35,0.4) loss, (0.8,*) 2 wins -> 3/4 */
    CLOSE(rg_roc_auc(score, label, 4), 0.75, 1e-12);
    /* ties count half: positives {0.5, 0.9}, negatives {0.5, 0.5}: 2 wins + 2 halves */
    const double tied[4] = {0.5, 0.5, 0.5, 0.9};
    const int tied_label[4] = {0, 1, 0, 1};
    CLOSE(rg_roc_auc(tied, tied_label, 4), 0.75, 1e-12);
    /* descending: 0.8(+) R=.5 P=1; 0.4(-) R=.5; 0.35(+) R=1 P=2/3 -> .5 + .5 * 2/3 */
    CLOSE(rg_average_precision(score, label, 4), 0.5 + 0.5 * 2.0 / 3.0, 1e-12);
    /* (TPR, FPR) at 0.8: (.5, 0); 0.4: (.5, .5); 0.35: (1, .5) -> max gap .5 */
    CLOSE(rg_ks_separation(score, label, 4), 0.5, 1e-12);
    /* threshold 0.35: tp 2, fp 1, fn 0 -> F1 = 4/5, the best of the four thresholds */
    CLOSE(rg_f1_at(score, label, 4, 0.35), 0.8, 1e-12);
    CLOSE(rg_best_f1_threshold(score, label, 4), 0.35, 1e-12);
    CLOSE(rg_recall_at_fpr(score, label, 4, 0.5), 1.0, 1e-12);
    CLOSE(rg_recall_at_fpr(score, label, 4, 0.0), 0.5, 1e-12);
    /* (.01 + .16 + .4225 + .04) / 4 */
    CLOSE(rg_brier(score, label, 4), 0.158125, 1e-12);
    double fpr[10], tpr[10];
    size_t points = rg_roc_curve(score, label, 4, fpr, tpr, 10);
    assert_int_equal(points, 5);
    CLOSE(fpr[2], 0.5, 1e-12);
    CLOSE(tpr[2], 0.5, 1e-12);
    CLOSE(fpr[4], 1.0, 1e-12);
    const int one_class[4] = {1, 1, 1, 1};
    assert_true(isnan(rg_roc_auc(score, one_class, 4)));
}

static void test_distribution_tests(void **state)
{
    (void)state;
    /* ECDF gaps: at 2 .5-0, at 3 .75-.2, at 4 1-.4 = .6 (scipy.stats.ks_2samp: 0.6) */
    const double a[4] = {1, 2, 3, 4}, b[6] = {3, 4, 5, 6, 7, NAN};
    double p;
    CLOSE(rg_ks_two_sample(a, 4, b, 6, &p), 0.6, 1e-12);
    assert_true(p > 0.1 && p < 0.6);
    CLOSE(rg_ks_two_sample(a, 4, a, 4, &p), 0.0, 1e-12);
    CLOSE(p, 1.0, 1e-9);
    /* Q(1, x) = exp(-x); chi-square(1) survival at 3.841459 is 0.05 */
    CLOSE(rg_gamma_q(1, 2), exp(-2), 1e-12);
    CLOSE(rg_gamma_q(0.5, 3.841459 / 2), 0.05, 1e-6);
    CLOSE(rg_gamma_q(5, 20), 1.6944743930067718e-05, 1e-12); /* large x: continued fraction */
    /* [10 20] vs [20 10]: expected 15 everywhere, chi2 = 4 * 25/15; p = 0.0098233 */
    double statistic;
    const double x[2] = {10, 20}, y[2] = {20, 10};
    CLOSE(rg_chi_square_homogeneity(x, y, 2, &statistic), 0.0098232, 1e-6);
    CLOSE(statistic, 20.0 / 3.0, 1e-12);
    /* [.25 .25 .5] vs [.5 .25 .25]: (.25 + 0 + .25) / 2 */
    const double p1[3] = {1, 1, 2}, q1[3] = {2, 1, 1};
    CLOSE(rg_total_variation(p1, q1, 3), 0.25, 1e-12);
    const double u[4] = {1, 2, 3, 4}, v[4] = {2, 4, 6, 8}, w[4] = {4, 3, 2, 1};
    CLOSE(rg_pearson(u, v, 4), 1.0, 1e-12);
    CLOSE(rg_pearson(u, w, 4), -1.0, 1e-12);
    CLOSE(rg_quantile(u, 4, 0.5), 2.5, 1e-12);
    CLOSE(rg_quantile(u, 4, 0.05), 1.15, 1e-12);
}

static void test_wilcoxon_signed_rank(void **state)
{
    (void)state;
    /* ranks 1..5, W+ = 1 + 2 + 3 + 5 = 11; of the 32 sign patterns, 7 have W+ >= 11 and 7
     * have W+ <= 4: p = 14/32 (scipy.stats.wilcoxon: 0.4375) */
    const double d[5] = {1, 2, 3, -4, 5};
    CLOSE(rg_wilcoxon_signed_rank(d, 5), 0.4375, 1e-12);
    /* all positive, n = 6: only the two extreme patterns -> 2/64 */
    const double up[7] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0};
    CLOSE(rg_wilcoxon_signed_rank(up, 7), 2.0 / 64, 1e-12); /* the zero is dropped */
    const double zeros[3] = {0, 0, 0};
    CLOSE(rg_wilcoxon_signed_rank(zeros, 3), 1.0, 1e-12);
    double many[30];
    for (int i = 0; i < 30; i++)
        many[i] = i % 2 ? 1.0 + i : -(1.0 + i); /* symmetric-ish: far from significant */
    assert_true(rg_wilcoxon_signed_rank(many, 30) > 0.5);
}

static void test_corrected_t_test(void **state)
{
    (void)state;
    /* df 2 has a closed form: F(t) = 1/2 + t / (2 sqrt(2 + t^2)), quantile (2p-1)/sqrt(2p(1-p)) */
    CLOSE(rg_student_t_cdf(1.0, 2), 0.5 + 1 / (2 * sqrt(3.0)), 1e-12);
    CLOSE(rg_student_t_quantile(0.975, 2), 0.95 / sqrt(2 * 0.975 * 0.025), 1e-9);
    /* df 4: F(t) = 1/2 + 3/8 u (1 - t^2 / (12 (1 + t^2/4))), u = t / sqrt(1 + t^2/4) */
    double t = 1.7, u = t / sqrt(1 + t * t / 4);
    CLOSE(rg_student_t_cdf(t, 4), 0.5 + 0.375 * u * (1 - t * t / (12 * (1 + t * t / 4))), 1e-12);
    CLOSE(rg_student_t_cdf(-t, 4), 0.5 - 0.375 * u * (1 - t * t / (12 * (1 + t * t / 4))), 1e-12);
    /* df 1 is Cauchy: F(t) = 1/2 + atan(t)/pi */
    CLOSE(rg_student_t_cdf(3.0, 1), 0.5 + atan(3.0) / M_PI, 1e-12);
    /* differences {1, 2, 3} from 3-fold CV (test/train = 1/2): mean 2, s^2 = 1,
     * se = sqrt((1/3 + 1/2) * 1), t = 2 / se = 2.19089; p = 1 - t / sqrt(2 + t^2) = 0.159832;
     * interval 2 +- 4.302653 se */
    rg_paired_summary s;
    double p = rg_corrected_t_test((const double[]){1, 2, 3}, 3, 0.5, &s);
    double se = sqrt(1.0 / 3 + 0.5);
    CLOSE(s.mean, 2, 1e-12);
    CLOSE(s.t, 2 / se, 1e-12);
    CLOSE(p, 1 - s.t / sqrt(2 + s.t * s.t), 1e-10);
    CLOSE(p, 0.15983195, 1e-7);
    CLOSE(s.low, 2 - 4.30265273 * se, 1e-6);
    CLOSE(s.high, 2 + 4.30265273 * se, 1e-6);
    /* the correction widens the interval: the plain paired t-test (no test/train term) is
     * more confident on the same numbers */
    assert_true(rg_corrected_t_test((const double[]){1, 2, 3}, 3, 0, NULL) < p);
    /* identical differences: p 1 at zero, 0 elsewhere; one difference: no test */
    assert_true(rg_corrected_t_test((const double[]){0, 0, 0}, 3, 0.25, NULL) == 1);
    assert_true(rg_corrected_t_test((const double[]){0.1, 0.1}, 2, 0.25, NULL) == 0);
    assert_true(rg_corrected_t_test((const double[]){0.1}, 1, 0.25, NULL) == 1);
}

static void test_distance_to_closest_record(void **state)
{
    (void)state;
    /* references (0,0) (1,0) (0,2); query (0,0) is a copy (0, next 1); query (1,1):
     * distances sqrt2, 1, sqrt2 -> nearest 1, second sqrt2 */
    const float references[6] = {0, 0, 1, 0, 0, 2}, queries[4] = {0, 0, 1, 1};
    double nearest[2], second[2];
    assert_int_equal(rg_nearest_two(queries, 2, references, 3, 2, nearest, second), RISKGAN_OK);
    assert_true(nearest[0] == 0.0);
    CLOSE(second[0], 1.0, 1e-6);
    CLOSE(nearest[1], 1.0, 1e-6);
    CLOSE(second[1], sqrt(2.0), 1e-6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranking_metrics),
        cmocka_unit_test(test_distribution_tests),
        cmocka_unit_test(test_wilcoxon_signed_rank),
        cmocka_unit_test(test_corrected_t_test),
        cmocka_unit_test(test_distance_to_closest_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
