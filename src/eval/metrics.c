/* metrics.c — ranking metrics, two-sample tests and distances used by the evaluation. */
#include "metrics.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double score;
    int label;
} scored;

static int by_score_descending(const void *a, const void *b)
{
    double x = ((const scored *)a)->score, y = ((const scored *)b)->score;
    return (x < y) - (x > y);
}

static scored *sorted_scores(const double *score, const int *label, size_t n, size_t *positives)
{
    scored *s = malloc((n ? n : 1) * sizeof *s);
    if (!s)
        return NULL;
    *positives = 0;
    for (size_t i = 0; i < n; i++) {
        s[i].score = score[i];
        s[i].label = label[i] != 0;
        *positives += s[i].label;
    }
    qsort(s, n, sizeof *s, by_score_descending);
    return s;
}

double rg_roc_auc(const double *score, const int *label, size_t n)
{
    size_t positives;
    scored *s = sorted_scores(score, label, n, &positives);
    size_t negatives = n - positives;
    if (!s || !positives || !negatives) {
        free(s);
        return NAN;
    }
    /* walk tie groups from the top: each negative in a group beats the positives seen
     * below it; ties count half */
    double wins = 0, positives_above = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i, group_positive = 0, group_negative = 0;
        while (j < n && s[j].score == s[i].score) {
            group_positive += s[j].label;
            group_negative += !s[j].label;
            j++;
        }
        wins += group_negative * (positives_above + 0.5 * group_positive);
        positives_above += group_positive;
        i = j;
    }
    free(s);
    return wins / ((double)positives * (double)negatives);
}

double rg_average_precision(const double *score, const int *label, size_t n)
{
    size_t positives;
    scored *s = sorted_scores(score, label, n, &positives);
    if (!s || !positives) {
        free(s);
        return NAN;
    }
    double ap = 0, previous_recall = 0;
    size_t true_positive = 0, seen = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j].score == s[i].score) {
            true_positive += s[j].label;
            j++;
        }
        seen = j;
        double recall = (double)true_positive / positives, precision = (double)true_positive / seen;
        ap += (recall - previous_recall) * precision;
        previous_recall = recall;
        i = j;
    }
    free(s);
    return ap;
}

double rg_ks_separation(const double *score, const int *label, size_t n)
{
    size_t positives;
    scored *s = sorted_scores(score, label, n, &positives);
    size_t negatives = n - positives;
    if (!s || !positives || !negatives) {
        free(s);
        return NAN;
    }
    double best = 0;
    size_t tp = 0, fp = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j].score == s[i].score) {
            tp += s[j].label;
            fp += !s[j].label;
            j++;
        }
        double gap = fabs((double)tp / positives - (double)fp / negatives);
        if (gap > best)
            best = gap;
        i = j;
    }
    free(s);
    return best;
}

size_t rg_roc_curve(const double *score, const int *label, size_t n, double *fpr, double *tpr, size_t max_points)
{
    size_t positives;
    scored *s = sorted_scores(score, label, n, &positives);
    size_t negatives = n - positives;
    if (!s || !positives || !negatives || max_points < 2) {
        free(s);
        return 0;
    }
    size_t groups = 0;
    for (size_t i = 0; i < n; i++)
        groups += i == 0 || s[i].score != s[i - 1].score;
    size_t keep_every = groups / (max_points - 2) + 1, written = 0, group = 0, tp = 0, fp = 0;
    fpr[written] = 0, tpr[written] = 0, written++;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j].score == s[i].score) {
            tp += s[j].label;
            fp += !s[j].label;
            j++;
        }
        group++;
        if ((group % keep_every == 0 || j == n) && written < max_points) {
            fpr[written] = (double)fp / negatives;
            tpr[written] = (double)tp / positives;
            written++;
        }
        i = j;
    }
    free(s);
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
    size_t positives;
    scored *s = sorted_scores(score, label, n, &positives);
    if (!s || !positives) {
        free(s);
        return 0.5;
    }
    double best_f1 = -1, threshold = 0.5;
    size_t tp = 0, seen = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j].score == s[i].score) {
            tp += s[j].label;
            j++;
        }
        seen = j;
        double f1 = 2.0 * tp / ((double)seen + positives);
        if (f1 > best_f1) {
            best_f1 = f1;
            threshold = s[i].score;
        }
        i = j;
    }
    free(s);
    return threshold;
}

double rg_recall_at_fpr(const double *score, const int *label, size_t n, double max_fpr)
{
    size_t positives;
    scored *s = sorted_scores(score, label, n, &positives);
    size_t negatives = n - positives;
    if (!s || !positives || !negatives) {
        free(s);
        return NAN;
    }
    double recall = 0;
    size_t tp = 0, fp = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j].score == s[i].score) {
            tp += s[j].label;
            fp += !s[j].label;
            j++;
        }
        if ((double)fp / negatives > max_fpr)
            break;
        recall = (double)tp / positives;
        i = j;
    }
    free(s);
    return recall;
}

double rg_brier(const double *score, const int *label, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += (score[i] - (label[i] != 0)) * (score[i] - (label[i] != 0));
    return n ? total / n : NAN;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
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
    qsort(copy, *kept, sizeof *copy, compare_doubles);
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

double rg_quantile(const double *values, size_t n, double q)
{
    size_t kept;
    double *x = finite_sorted(values, n, &kept);
    double result = NAN;
    if (x && kept) {
        double position = q * (kept - 1);
        size_t low = (size_t)floor(position);
        size_t high = low + 1 < kept ? low + 1 : low;
        result = x[low] + (x[high] - x[low]) * (position - low);
    }
    free(x);
    return result;
}

size_t rg_pr_curve(const double *score, const int *label, size_t n, double *recall, double *precision, size_t max_points)
{
    size_t positives;
    scored *s = sorted_scores(score, label, n, &positives);
    if (!s || !positives || max_points < 2) {
        free(s);
        return 0;
    }
    size_t groups = 0;
    for (size_t i = 0; i < n; i++)
        groups += i == 0 || s[i].score != s[i - 1].score;
    size_t keep_every = groups / (max_points - 1) + 1, written = 0, group = 0, tp = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j].score == s[i].score) {
            tp += s[j].label;
            j++;
        }
        group++;
        if ((group % keep_every == 0 || j == n) && written < max_points) {
            recall[written] = (double)tp / positives;
            precision[written] = (double)tp / j;
            written++;
        }
        i = j;
    }
    free(s);
    return written;
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
