/* metrics.h — the statistics behind riskgan evaluate: ranking metrics of scores, two-sample
 * tests, distribution distances. Pure functions on arrays; no knowledge of tables. */
#ifndef RISKGAN_LEARN_METRICS_H
#define RISKGAN_LEARN_METRICS_H

#include <stddef.h>

/* ROC-AUC: probability a random positive scores above a random negative, ties count
 * half (Mann-Whitney U / (n+ n-)). NaN when a class is absent. */
double rg_roc_auc(const double *score, const int *label, size_t n);
/* Average precision: sum over distinct thresholds of (R_k - R_{k-1}) P_k, highest first. */
double rg_average_precision(const double *score, const int *label, size_t n);
/* Kolmogorov-Smirnov separation of the score distributions of the two classes:
 * max over thresholds of |TPR - FPR|. */
double rg_ks_separation(const double *score, const int *label, size_t n);
/* ROC curve at distinct thresholds, thinned to at most max_points points (first (0,0),
 * last (1,1)). Returns the number of points written. */
size_t rg_roc_curve(const double *score, const int *label, size_t n, double *fpr, double *tpr, size_t max_points);
/* Threshold maximizing F1 on (score, label) (predict positive when score >= threshold). */
double rg_best_f1_threshold(const double *score, const int *label, size_t n);
double rg_f1_at(const double *score, const int *label, size_t n, double threshold);
/* Recall at the threshold whose false-positive rate is at most fpr. */
double rg_recall_at_fpr(const double *score, const int *label, size_t n, double fpr);
double rg_brier(const double *score, const int *label, size_t n);

/* Precision-recall curve at distinct thresholds (highest first), thinned to at most
 * max_points points. Returns the number of points written. */
size_t rg_pr_curve(const double *score, const int *label, size_t n, double *recall, double *precision, size_t max_points);
/* Two-sided Wilcoxon signed-rank test of paired differences (zeros dropped, average ranks
 * for ties): exact over all sign patterns for up to 20 non-zero differences, normal
 * approximation with tie correction beyond. Returns the p-value (1 when all are zero). */
double rg_wilcoxon_signed_rank(const double *differences, size_t n);

/* Two-sample Kolmogorov-Smirnov statistic of finite values (NaNs skipped) and its
 * asymptotic p-value (Stephens' small-sample correction). */
double rg_ks_two_sample(const double *a, size_t na, const double *b, size_t nb, double *p_value);
/* Chi-square test of homogeneity of two count vectors (categories empty in both are
 * skipped): returns the p-value; *statistic receives the statistic. */
double rg_chi_square_homogeneity(const double *a, const double *b, size_t k, double *statistic);
/* Upper regularized incomplete gamma Q(s, x). */
double rg_gamma_q(double s, double x);
/* Total variation distance of two count (or probability) vectors, each normalized. */
double rg_total_variation(const double *p, const double *q, size_t k);
/* Pearson correlation over pairs where both are finite; NaN if undefined. */
double rg_pearson(const double *x, const double *y, size_t n);
/* q-quantile (0..1) of n values sorted ascending, by linear interpolation between order
 * statistics (type 7); NaN when n is 0. */
double rg_sorted_quantile(const double *sorted, size_t n, double q);
/* q-quantile (0..1) of finite values by linear interpolation (sorts a copy). */
double rg_quantile(const double *values, size_t n, double q);

#endif
