/* metrics.c — ranking metrics, two-sample tests and distances used by the evaluation. */
#include "metrics.h"
#include "../core/compare.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Every ranking metric walks the same table: the distinct scores from the highest down,
 * with the counts of positives and negatives scoring at least each of them. */
typedef struct {
    size_t groups, positives, negatives;
    double *score; /* distinct scores, descending */
    size_t *tp;    /* positives scoring >= score[g] */
    size_t *fp;    /* negatives scoring >= score[g] */
} threshold_table;

typedef struct {
    double score;
    int label;
} scored;

static int by_score_descending(const void *a, const void *b)
{
    double x = ((const scored *)a)->score, y = ((const scored *)b)->score;
    return (x < y) - (x > y);
}

static void thresholds_free(threshold_table *t)
{
    free(t->score), free(t->tp), free(t->fp);
}

/* Returns 0 when out of memory. */
static int thresholds_build(const double *score, const int *label, size_t n, threshold_table *t)
{
    memset(t, 0, sizeof *t);
    scored *s = malloc((n ? n : 1) * sizeof *s);
    t->score = malloc((n ? n : 1) * sizeof *t->score);
    t->tp = malloc((n ? n : 1) * sizeof *t->tp);
    t->fp = malloc((n ? n : 1) * sizeof *t->fp);
    if (!s || !t->score || !t->tp || !t->fp) {
        free(s);
        thresholds_free(t);
        memset(t, 0, sizeof *t);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        s[i] = (scored){score[i], label[i] != 0};
    qsort(s, n, sizeof *s, by_score_descending);
    size_t tp = 0, fp = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        for (; j < n && s[j].score == s[i].score; j++) {
            tp += s[j].label;
            fp += !s[j].label;
        }
        t->score[t->groups] = s[i].score;
        t->tp[t->groups] = tp;
        t->fp[t->groups] = fp;
        t->groups++;
        i = j;
    }
    t->positives = tp;
    t->negatives = fp;
    free(s);
    return 1;
}

double rg_roc_auc(const double *score, const int *label, size_t n)
{
    threshold_table t;
    if (!thresholds_build(score, label, n, &t) || !t.positives || !t.negatives) {
        thresholds_free(&t);
        return NAN;
    }
    /* each negative is outscored by the positives above it; ties count half */
    double wins = 0;
    for (size_t g = 0; g < t.groups; g++) {
        size_t tp_before = g ? t.tp[g - 1] : 0, fp_before = g ? t.fp[g - 1] : 0;
        double group_positive = (double)(t.tp[g] - tp_before), group_negative = (double)(t.fp[g] - fp_before);
        wins += group_negative * (tp_before + 0.5 * group_positive);
    }
    double auc = wins / ((double)t.positives * (double)t.negatives);
    thresholds_free(&t);
    return auc;
}

double rg_average_precision(const double *score, const int *label, size_t n)
{
    threshold_table t;
    if (!thresholds_build(score, label, n, &t) || !t.positives) {
        thresholds_free(&t);
        return NAN;
    }
    double ap = 0, previous_recall = 0;
    for (size_t g = 0; g < t.groups; g++) {
        double recall = (double)t.tp[g] / t.positives;
        ap += (recall - previous_recall) * (double)t.tp[g] / (double)(t.tp[g] + t.fp[g]);
        previous_recall = recall;
    }
    thresholds_free(&t);
    return ap;
}

double rg_ks_separation(const double *score, const int *label, size_t n)
{
    threshold_table t;
    if (!thresholds_build(score, label, n, &t) || !t.positives || !t.negatives) {
        thresholds_free(&t);
        return NAN;
    }
    double best = 0;
    for (size_t g = 0; g < t.groups; g++)
        best = fmax(best, fabs((double)t.tp[g] / t.positives - (double)t.fp[g] / t.negatives));
    thresholds_free(&t);
    return best;
}

/* Keeps every k-th threshold (and the last) so that at most `room` points are written. */
static size_t thin(const threshold_table *t, size_t room, size_t *kept)
{
    size_t every = room ? t->groups / room + 1 : 1, written = 0;
    for (size_t g = 0; g < t->groups && written < room; g++)
        if ((g + 1) % every == 0 || g + 1 == t->groups)
            kept[written++] = g;
    return written;
}

size_t rg_roc_curve(const double *score, const int *label, size_t n, double *fpr, double *tpr, size_t max_points)
{
    threshold_table t;
    size_t *kept = malloc((max_points ? max_points : 1) * sizeof *kept), written = 0;
    if (kept && thresholds_build(score, label, n, &t)) {
        if (t.positives && t.negatives && max_points >= 2) {
            fpr[0] = tpr[0] = 0;
            size_t points = thin(&t, max_points - 1, kept);
            for (size_t i = 0; i < points; i++) {
                fpr[i + 1] = (double)t.fp[kept[i]] / t.negatives;
                tpr[i + 1] = (double)t.tp[kept[i]] / t.positives;
            }
            written = points + 1;
        }
        thresholds_free(&t);
    }
    free(kept);
    return written;
}

size_t rg_pr_curve(const double *score, const int *label, size_t n, double *recall, double *precision, size_t max_points)
{
    threshold_table t;
    size_t *kept = malloc((max_points ? max_points : 1) * sizeof *kept), written = 0;
    if (kept && thresholds_build(score, label, n, &t)) {
        if (t.positives && max_points >= 2) {
            written = thin(&t, max_points, kept);
            for (size_t i = 0; i < written; i++) {
                recall[i] = (double)t.tp[kept[i]] / t.positives;
                precision[i] = (double)t.tp[kept[i]] / (double)(t.tp[kept[i]] + t.fp[kept[i]]);
            }
        }
        thresholds_free(&t);
    }
    free(kept);
    return written;
}

double rg_f1_at(const double *score, const int *label, size_t n, double threshold)
{
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < n; i++) {
        int predicted = score[i] >= threshold;
        tp += predicted && label[i];
        fp += predicted && !label[i];
        fn += !predicted && label[i];
    }
    return tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0;
}

double rg_best_f1_threshold(const double *score, const int *label, size_t n)
{
    threshold_table t;
    double threshold = 0.5, best = -1;
    if (thresholds_build(score, label, n, &t) && t.positives)
        for (size_t g = 0; g < t.groups; g++) {
            double f1 = 2.0 * t.tp[g] / ((double)(t.tp[g] + t.fp[g]) + t.positives);
            if (f1 > best) {
                best = f1;
                threshold = t.score[g];
            }
        }
    thresholds_free(&t);
    return threshold;
}

double rg_recall_at_fpr(const double *score, const int *label, size_t n, double max_fpr)
{
    threshold_table t;
    if (!thresholds_build(score, label, n, &t) || !t.positives || !t.negatives) {
        thresholds_free(&t);
        return NAN;
    }
    double recall = 0;
    for (size_t g = 0; g < t.groups && (double)t.fp[g] / t.negatives <= max_fpr; g++)
        recall = (double)t.tp[g] / t.positives;
    thresholds_free(&t);
    return recall;
}

double rg_brier(const double *score, const int *label, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += (score[i] - (label[i] != 0)) * (score[i] - (label[i] != 0));
    return n ? total / n : NAN;
}

static double *finite_sorted(const double *values, size_t n, size_t *kept)
{
    double *copy = malloc((n ? n : 1) * sizeof *copy);
    *kept = 0;
    if (!copy)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (isfinite(values[i]))
            copy[(*kept)++] = values[i];
    qsort(copy, *kept, sizeof *copy, rg_compare_doubles);
    return copy;
}

/* Kolmogorov distribution tail: Q(lambda) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 lambda^2). */
static double kolmogorov_tail(double lambda)
{
    if (lambda < 1e-3)
        return 1;
    double sum = 0, sign = 1;
    for (int k = 1; k <= 100; k++) {
        double term = exp(-2.0 * k * k * lambda * lambda);
        sum += sign * term;
        sign = -sign;
        if (term < 1e-12)
            break;
    }
    double p = 2 * sum;
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

double rg_ks_two_sample(const double *a, size_t na, const double *b, size_t nb, double *p_value)
{
    size_t ka, kb;
    double *x = finite_sorted(a, na, &ka), *y = finite_sorted(b, nb, &kb);
    double d = NAN;
    if (x && y && ka && kb) {
        size_t i = 0, j = 0;
        d = 0;
        while (i < ka && j < kb) {
            double v = x[i] < y[j] ? x[i] : y[j];
            while (i < ka && x[i] == v)
                i++;
            while (j < kb && y[j] == v)
                j++;
            double gap = fabs((double)i / ka - (double)j / kb);
            if (gap > d)
                d = gap;
        }
    }
    if (p_value) {
        double effective = ka && kb ? sqrt((double)ka * kb / (ka + kb)) : 0;
        *p_value = isnan(d) ? NAN : kolmogorov_tail((effective + 0.12 + 0.11 / fmax(effective, 1e-9)) * d);
    }
    free(x);
    free(y);
    return d;
}

/* Q(s, x) by the series for P when x < s + 1, else Lentz's continued fraction. */
double rg_gamma_q(double s, double x)
{
    if (x <= 0)
        return 1;
    double log_prefix = s * log(x) - x - lgamma(s);
    if (x < s + 1) {
        double term = 1 / s, sum = term;
        for (int n = 1; n < 1000; n++) {
            term *= x / (s + n);
            sum += term;
            if (fabs(term) < fabs(sum) * 1e-15)
                break;
        }
        double p = sum * exp(log_prefix);
        return p > 1 ? 0 : 1 - p;
    }
    double tiny = 1e-300, b = x + 1 - s, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 1000; i++) {
        double an = -i * (i - s);
        b += 2;
        d = an * d + b;
        if (fabs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1) < 1e-15)
            break;
    }
    return exp(log_prefix) * h;
}

double rg_chi_square_homogeneity(const double *a, const double *b, size_t k, double *statistic)
{
    double total_a = 0, total_b = 0;
    for (size_t i = 0; i < k; i++)
        total_a += a[i], total_b += b[i];
    double total = total_a + total_b, chi = 0;
    size_t used = 0;
    for (size_t i = 0; i < k; i++) {
        double column = a[i] + b[i];
        if (column <= 0)
            continue;
        used++;
        double expected_a = column * total_a / total, expected_b = column * total_b / total;
        chi += (a[i] - expected_a) * (a[i] - expected_a) / expected_a + (b[i] - expected_b) * (b[i] - expected_b) / expected_b;
    }
    if (statistic)
        *statistic = chi;
    if (used < 2 || total_a <= 0 || total_b <= 0)
        return 1;
    return rg_gamma_q((double)(used - 1) / 2, chi / 2);
}

double rg_total_variation(const double *p, const double *q, size_t k)
{
    double sp = 0, sq = 0, distance = 0;
    for (size_t i = 0; i < k; i++)
        sp += p[i], sq += q[i];
    if (sp <= 0 || sq <= 0)
        return sp == sq ? 0 : 1;
    for (size_t i = 0; i < k; i++)
        distance += fabs(p[i] / sp - q[i] / sq);
    return distance / 2;
}

double rg_pearson(const double *x, const double *y, size_t n)
{
    double sx = 0, sy = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]) && isfinite(y[i]))
            sx += x[i], sy += y[i], m++;
    if (m < 2)
        return NAN;
    double mx = sx / m, my = sy / m, cxy = 0, cxx = 0, cyy = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i]) && isfinite(y[i])) {
            cxy += (x[i] - mx) * (y[i] - my);
            cxx += (x[i] - mx) * (x[i] - mx);
            cyy += (y[i] - my) * (y[i] - my);
        }
    if (cxx <= 0 || cyy <= 0)
        return NAN;
    return cxy / sqrt(cxx * cyy);
}

double rg_sorted_quantile(const double *sorted, size_t n, double q)
{
    if (n == 0)
        return NAN;
    double position = q * (n - 1);
    size_t low = (size_t)floor(position);
    size_t high = low + 1 < n ? low + 1 : low;
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

double rg_quantile(const double *values, size_t n, double q)
{
    size_t kept;
    double *x = finite_sorted(values, n, &kept);
    double result = x ? rg_sorted_quantile(x, kept, q) : NAN;
    free(x);
    return result;
}

static int by_magnitude(const void *a, const void *b)
{
    double x = fabs(*(const double *)a), y = fabs(*(const double *)b);
    return (x > y) - (x < y);
}

double rg_wilcoxon_signed_rank(const double *differences, size_t n)
{
    double *d = malloc((n ? n : 1) * sizeof *d), *rank = malloc((n ? n : 1) * sizeof *rank);
    size_t m = 0;
    for (size_t i = 0; d && i < n; i++)
        if (differences[i] != 0 && isfinite(differences[i]))
            d[m++] = differences[i];
    if (!d || !rank || m == 0) {
        free(d), free(rank);
        return 1;
    }
    qsort(d, m, sizeof *d, by_magnitude);
    double tie_correction = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && fabs(d[j]) == fabs(d[i]))
            j++;
        for (size_t k = i; k < j; k++)
            rank[k] = (i + 1 + j) / 2.0; /* average of ranks i+1 .. j */
        double t = (double)(j - i);
        tie_correction += t * t * t - t;
        i = j;
    }
    double observed = 0, total = 0;
    for (size_t i = 0; i < m; i++) {
        total += rank[i];
        if (d[i] > 0)
            observed += rank[i];
    }
    double center = total / 2, p;
    if (m <= 20) { /* every sign pattern is equally likely under the null */
        double extreme = 0, deviation = fabs(observed - center) - 1e-9;
        uint64_t patterns = 1ULL << m;
        for (uint64_t pattern = 0; pattern < patterns; pattern++) {
            double w = 0;
            for (size_t i = 0; i < m; i++)
                if (pattern >> i & 1)
                    w += rank[i];
            extreme += fabs(w - center) >= deviation;
        }
        p = extreme / (double)patterns;
    } else {
        double variance = m * (m + 1.0) * (2 * m + 1.0) / 24 - tie_correction / 48;
        double z = (fabs(observed - center) - 0.5) / sqrt(variance);
        p = erfc(fmax(z, 0) / sqrt(2.0));
    }
    free(d), free(rank);
    return p > 1 ? 1 : p;
}
