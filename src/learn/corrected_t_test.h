/* corrected_t_test.h — Student's t distribution and the corrected resampled t-test of
 * paired differences from repeated k-fold cross-validation. */
#ifndef RISKGAN_LEARN_CORRECTED_T_TEST_H
#define RISKGAN_LEARN_CORRECTED_T_TEST_H

#include <stddef.h>

/* Regularized incomplete beta I_x(a, b), Student's t CDF and quantile (df > 0). */
double rg_incomplete_beta(double a, double b, double x);
double rg_student_t_cdf(double t, double df);
double rg_student_t_quantile(double p, double df);
/* A paired comparison: mean difference, its 95 % interval, the t statistic, the p-value. */
typedef struct {
    double mean, low, high, t, p;
} rg_paired_summary;
/* Nadeau & Bengio's corrected resampled t-test (as Bouckaert & Frank apply it to r x k-fold
 * CV): t = mean / sqrt((1/n + n_test/n_train) s^2) with n - 1 degrees of freedom, where n
 * is the number of paired differences (folds x repeats). Two-sided p-value returned; `out`
 * (may be NULL) receives the summary with the interval mean +- t_{0.975} * standard error. */
double rg_corrected_t_test(const double *differences, size_t n, double test_over_train, rg_paired_summary *out);

#endif
