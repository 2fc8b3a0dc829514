/* event_heads.c — fitting the tokens of each event column, and tokens <-> values. */
#include "event_heads.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/compare.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../data/datetime.h"
#include "../data/number_text.h"
#include "../data/string_dictionary.h"
#include "event_period.h"


void rg_head_free(rg_head *h)
{
    free(h->column);
    for (size_t l = 0; l < h->levels; l++)
        free(h->level_names[l]);
    free(h->level_names), free(h->exact), free(h->edges), free(h->means), free(h->ratio_edges), free(h->ratio_means);
    rg_mlp_free(&h->net);
    memset(h, 0, sizeof *h);
}

void rg_head_set_tokens(rg_head *h)
{
    if (h->kind == RG_HEAD_CATEGORY) {
        h->missing = h->levels;
        h->month_end = RG_NO_TOKEN;
        h->repeat = h->repeats ? h->levels + 1 : RG_NO_TOKEN;
        h->outputs = h->levels + 1 + (h->repeats != 0);
        return;
    }
    h->missing = h->exact_count + h->bins * h->steps;
    h->repeat = h->kind == RG_HEAD_NUMBER ? h->missing + 1 : RG_NO_TOKEN;
    h->month_end = h->kind == RG_HEAD_NUMBER || !h->month_ends ? RG_NO_TOKEN : h->missing + 1;
    size_t after = h->missing + 1 + (h->repeat != RG_NO_TOKEN) + (h->month_end != RG_NO_TOKEN);
    h->anniversary = h->kind != RG_HEAD_NUMBER && h->period > 0 ? after : RG_NO_TOKEN;
    after += h->anniversary != RG_NO_TOKEN;
    h->first_echo = after;
    after += h->echoes;
    h->first_ratio = after;
    h->outputs = after + h->ratio_bins;
}

void rg_head_set_echoes(rg_head *h, size_t echoes)
{
    h->echoes = echoes;
    rg_head_set_tokens(h);
}

size_t rg_head_echo_of(const rg_head *h, size_t token)
{
    return token >= h->first_echo && token < h->first_echo + h->echoes ? token - h->first_echo + 1 : 0;
}

void rg_head_set_repeats(rg_head *h, int repeats)
{
    h->repeats = repeats;
    rg_head_set_tokens(h);
}

void rg_head_set_month_ends(rg_head *h, int month_ends)
{
    h->month_ends = month_ends;
    rg_head_set_tokens(h);
}

void rg_head_set_period(rg_head *h, double period)
{
    h->period = period;
    rg_head_set_tokens(h);
}

riskgan_status rg_head_fit_category(rg_head *h, const char *column, const char *const *values, const size_t *parent,
                                    size_t n, size_t min_parents)
{
    memset(h, 0, sizeof *h);
    h->kind = RG_HEAD_CATEGORY;
    h->steps = 1;
    rg_dictionary seen;
    rg_dictionary_init(&seen);
    size_t *parents = rg_calloc(RG_HEAD_MAX_LEVELS * 4, sizeof *parents), *last = parents + RG_HEAD_MAX_LEVELS * 2;
    riskgan_status status = parents && (h->column = rg_strdup(column)) ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; status == RISKGAN_OK && i < n; i++) {
        h->missing_seen |= !values[i];
        if (!values[i])
            continue;
        int32_t code = rg_dictionary_intern(&seen, values[i], strlen(values[i]));
        if (code < 0 || code >= RG_HEAD_MAX_LEVELS * 2)
            continue; /* past the levels a head keeps: too rare to matter */
        if (parents[code] == 0 || last[code] != parent[i] + 1)
            parents[code]++;
        last[code] = parent[i] + 1;
    }
    if (status == RISKGAN_OK && !(h->level_names = rg_calloc(RG_HEAD_MAX_LEVELS, sizeof *h->level_names)))
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t c = 0; status == RISKGAN_OK && c < seen.count; c++) {
        int kept = c < RG_HEAD_MAX_LEVELS * 2 && h->levels < RG_HEAD_MAX_LEVELS && parents[c] >= min_parents;
        h->missing_seen |= !kept; /* a value folded away reads as missing */
        if (kept && !(h->level_names[h->levels++] = rg_strdup(rg_dictionary_string(&seen, (int32_t)c))))
            status = RISKGAN_ERR_NO_MEMORY;
    }
    rg_head_set_tokens(h);
    rg_dictionary_free(&seen);
    free(parents);
    return status;
}

typedef struct {
    double value;
    size_t parent;
} valued;

static int by_value_parent(const void *a, const void *b)
{
    const valued *x = a, *y = b;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return x->parent < y->parent ? -1 : x->parent > y->parent;
}

/* Values that at least 1 % of the events and min_parents parents share become exact tokens;
 * the others are compacted to the front of `pairs` (their count returned). */
static size_t choose_exact(rg_head *h, valued *pairs, size_t present, size_t n, size_t min_parents)
{
    size_t rest = 0;
    for (size_t i = 0; i < present;) {
        size_t end = i, parents = 0;
        while (end < present && pairs[end].value == pairs[i].value) {
            parents += end == i || pairs[end].parent != pairs[end - 1].parent;
            end++;
        }
        int exact = end - i >= 5 && (double)(end - i) >= 0.01 * (double)n && parents >= min_parents &&
                    h->exact_count < RG_HEAD_MAX_EXACT;
        if (exact)
            h->exact[h->exact_count++] = pairs[i].value;
        else
            for (size_t k = i; k < end; k++)
                pairs[rest++] = pairs[k];
        i = end;
    }
    return rest;
}

/* The bin of edges[0..bins] a value falls in: the last whose lower edge is <= value. */
static size_t bin_among(const double *edges, size_t bins, double value)
{
    size_t low = 0, high = bins;
    while (high - low > 1) {
        size_t middle = (low + high) / 2;
        if (edges[middle] <= value)
            low = middle;
        else
            high = middle;
    }
    return low;
}

static size_t bin_of(const rg_head *h, double value)
{
    return bin_among(h->edges, h->bins, value);
}

/* Quantile edges of count sorted values, duplicates merged, and each bin's mean (values are
 * drawn within a bin around it: a skewed column's tail bin is not drawn flat); returns the
 * number of bins (edges has bins + 2 places, means bins + 1, zeroed). */
static size_t choose_bins(const valued *rest, size_t count, size_t bins, double *edges, double *means)
{
    if (count == 0)
        return 0;
    size_t wanted = bins < count ? bins : count, made = 0;
    edges[0] = rest[0].value;
    for (size_t b = 1; b <= wanted; b++) {
        double edge = b == wanted ? rest[count - 1].value : rest[(size_t)((double)b / wanted * (double)(count - 1))].value;
        if (edge > edges[made] || (b == wanted && made == 0))
            edges[++made] = edge;
    }
    size_t in[made + 1];
    memset(in, 0, sizeof in);
    for (size_t i = 0; i < count; i++) {
        size_t b = bin_among(edges, made, rest[i].value);
        means[b] += rest[i].value, in[b]++;
    }
    for (size_t b = 0; b < made; b++) { /* a sum's rounding can put the mean of equal values past them */
        means[b] = in[b] ? means[b] / (double)in[b] : (edges[b] + edges[b + 1]) / 2;
        means[b] = means[b] < edges[b] ? edges[b] : means[b] > edges[b + 1] ? edges[b + 1] : means[b];
    }
    return made;
}

riskgan_status rg_head_fit_number(rg_head *h, rg_head_kind kind, const char *column, const double *values,
                                  const size_t *parent, size_t n, size_t bins, size_t min_parents, int decimals,
                                  int integer)
{
    memset(h, 0, sizeof *h);
    h->kind = kind;
    h->decimals = decimals;
    h->integer = integer || kind != RG_HEAD_NUMBER;
    h->steps = 1;
    h->month_ends = kind != RG_HEAD_NUMBER;
    valued *pairs = rg_calloc(n + 1, sizeof *pairs);
    h->exact = rg_calloc(RG_HEAD_MAX_EXACT, sizeof *h->exact);
    h->edges = rg_calloc(bins + 2, sizeof *h->edges);
    h->means = rg_calloc(bins + 2, sizeof *h->means);
    if (!pairs || !h->exact || !h->edges || !h->means || !(h->column = rg_strdup(column))) {
        free(pairs);
        return RISKGAN_ERR_NO_MEMORY;
    }
    size_t present = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(values[i]))
            pairs[present++] = (valued){values[i], parent[i]};
    h->missing_seen = present < n;
    qsort(pairs, present, sizeof *pairs, by_value_parent);
    size_t rest = choose_exact(h, pairs, present, n, min_parents);
    h->bins = choose_bins(pairs, rest, bins, h->edges, h->means);
    free(pairs);
    rg_head_set_tokens(h);
    return RISKGAN_OK;
}

/* Whether x is a whole multiple of step (to a millionth of a step). */
static int multiple_of(double x, double step)
{
    double q = x / step;
    return fabs(q - nearbyint(q)) < 1e-6;
}

/* A value's roundness class: the coarsest whose step it is a multiple of; else the last. */
static size_t class_of(const rg_head *h, double value)
{
    for (size_t g = 0; g + 1 < h->steps; g++)
        if (multiple_of(value, h->step[g]))
            return g;
    return h->steps - 1;
}

static int is_exact(const rg_head *h, double value)
{
    for (size_t e = 0; e < h->exact_count; e++)
        if (value == h->exact[e])
            return 1;
    return 0;
}

enum { COARSEST_POWER = 6, POWERS = COARSEST_POWER + 31 };

void rg_head_learn_steps(rg_head *h, const double *values, size_t n)
{
    if (h->kind != RG_HEAD_NUMBER || h->bins == 0 || (h->decimals < 0 && !h->integer))
        return;
    int finest = h->integer ? 0 : -h->decimals;
    size_t count[POWERS] = {0}, binned = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(values[i]) || is_exact(h, values[i]))
            continue;
        int e = COARSEST_POWER;
        while (e > finest && !multiple_of(values[i], pow(10, e)))
            e--;
        count[COARSEST_POWER - e]++, binned++;
    }
    size_t steps = 0;
    double step[RG_MAX_STEPS];
    for (int e = COARSEST_POWER; e >= finest && steps < RG_MAX_STEPS; e--)
        if ((double)count[COARSEST_POWER - e] >= 0.02 * (double)binned)
            step[steps++] = pow(10, e);
    if (steps < 2)
        return;
    h->steps = steps;
    memcpy(h->step, step, steps * sizeof *step);
    rg_head_set_tokens(h);
}

enum { RATIO_BINS = 16 };

riskgan_status rg_head_learn_ratios(rg_head *h, const double *ratios, size_t n)
{
    valued *sorted = rg_calloc(n + 1, sizeof *sorted);
    h->ratio_edges = rg_calloc(RATIO_BINS + 2, sizeof *h->ratio_edges);
    h->ratio_means = rg_calloc(RATIO_BINS + 1, sizeof *h->ratio_means);
    if (!sorted || !h->ratio_edges || !h->ratio_means) {
        free(sorted);
        return RISKGAN_ERR_NO_MEMORY;
    }
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (ratios[i] > 0 && isfinite(ratios[i]))
            sorted[count++] = (valued){ratios[i], 0};
    qsort(sorted, count, sizeof *sorted, by_value_parent);
    h->ratio_bins = choose_bins(sorted, count, RATIO_BINS, h->ratio_edges, h->ratio_means);
    free(sorted);
    rg_head_set_tokens(h);
    return RISKGAN_OK;
}

uint16_t rg_head_ratio_token(const rg_head *h, double ratio)
{
    return (uint16_t)(h->first_ratio + bin_among(h->ratio_edges, h->ratio_bins, ratio));
}

int rg_head_is_ratio(const rg_head *h, uint16_t token)
{
    return h->ratio_bins > 0 && token >= h->first_ratio && token < h->first_ratio + h->ratio_bins;
}

/* A draw within [low, high] whose mean is `mean`: two flat pieces, [low, mean] and [mean, high],
 * weighted so that the draws average the mean. */
static double around_mean(double low, double high, double mean, rg_rng *rng)
{
    mean = mean < low ? low : mean > high ? high : mean;
    if (!(high > low))
        return low;
    double share_low = (high - mean) / (high - low), u = rg_rng_uniform(rng);
    return rg_rng_uniform(rng) < share_low ? low + (mean - low) * u : mean + (high - mean) * u;
}

/* A drawn value written as the column writes its values: whole, or at its decimals. */
static double in_format(const rg_head *h, double value)
{
    if (h->integer)
        return floor(value + 0.5);
    return h->decimals >= 0 ? rg_round_to_format(value, h->decimals) : value;
}

double rg_head_ratio_value(const rg_head *h, uint16_t token, double base, rg_rng *rng)
{
    size_t b = token - h->first_ratio;
    double value = base * around_mean(h->ratio_edges[b], h->ratio_edges[b + 1], h->ratio_means[b], rng);
    double finest = h->steps > 1 ? h->step[h->steps - 1] : 0;
    return in_format(h, finest > 0 ? nearbyint(value / finest) * finest : value);
}

uint16_t rg_head_category_token(const rg_head *h, const char *text)
{
    for (size_t l = 0; text && l < h->levels; l++)
        if (strcmp(h->level_names[l], text) == 0)
            return (uint16_t)l;
    return (uint16_t)h->missing;
}

uint16_t rg_head_number_token(const rg_head *h, double value, int repeats)
{
    if (isnan(value))
        return (uint16_t)h->missing;
    if (repeats && h->repeat != RG_NO_TOKEN)
        return (uint16_t)h->repeat;
    for (size_t e = 0; e < h->exact_count; e++)
        if (value == h->exact[e])
            return (uint16_t)e;
    if (h->bins == 0)
        return (uint16_t)h->missing;
    return (uint16_t)(h->exact_count + bin_of(h, value) * h->steps + class_of(h, value));
}

/* The multiple of class g's step nearest the value within [low, high] (high excluded unless
 * `inclusive`), moved one step off a coarser class's multiple; when the range holds no
 * multiple, the next finer class's. */
static double as_round_as(const rg_head *h, size_t g, double value, double low, double high, int inclusive)
{
    for (; g < h->steps; g++) {
        double s = h->step[g], first = ceil(low / s - 1e-9);
        double last = inclusive ? floor(high / s + 1e-9) : ceil(high / s - 1e-9) - 1;
        if (first > last)
            continue;
        double k = nearbyint(value / s);
        k = k < first ? first : k > last ? last : k;
        if (g > 0 && multiple_of(k * s, h->step[g - 1]))
            k = k + 1 <= last ? k + 1 : k - 1 >= first ? k - 1 : k;
        return k * s;
    }
    return value;
}

double rg_head_number_value(const rg_head *h, uint16_t token, rg_rng *rng)
{
    if (token < h->exact_count)
        return h->exact[token];
    if (token >= h->missing)
        return NAN;
    size_t b = (token - h->exact_count) / h->steps, g = (token - h->exact_count) % h->steps;
    double low = h->edges[b], high = h->edges[b + 1];
    if (h->integer) { /* the whole numbers of [low, high), the last bin's high included */
        low = ceil(low);
        high = b + 1 == h->bins ? floor(high) : ceil(high) - 1;
    }
    double value = around_mean(low, high, h->means[b], rng);
    if (h->steps > 1)
        value = as_round_as(h, g, value, low, high, h->integer || b + 1 == h->bins);
    return in_format(h, value);
}

/* Whether token k may be drawn: not the forbidden one, not missing unless the data had missing
 * values (nor under a limit), no value above the limit. */
static int allowed(const rg_head *h, size_t k, size_t forbidden, double limit)
{
    if (k == forbidden || (k == h->missing && (!h->missing_seen || limit < INFINITY)))
        return 0;
    if (limit == INFINITY || k >= h->missing)
        return 1;
    double lowest = k < h->exact_count ? h->exact[k] : h->edges[(k - h->exact_count) / h->steps];
    return (h->integer ? ceil(lowest) : lowest) <= limit;
}

uint16_t rg_head_draw(const rg_head *h, const float *logits, size_t forbidden, double limit, rg_rng *rng)
{
    size_t outputs = h->outputs, any = 0;
    unsigned char drawable[outputs];
    for (size_t k = 0; k < outputs; k++)
        any += drawable[k] = (unsigned char)allowed(h, k, forbidden, limit);
    if (!any) /* nothing fits under the limit: draw as if there were none */
        for (size_t k = 0; k < outputs; k++)
            drawable[k] = (unsigned char)allowed(h, k, forbidden, INFINITY);
    float top = -INFINITY;
    for (size_t k = 0; k < outputs; k++)
        if (drawable[k] && logits[k] > top)
            top = logits[k];
    double weight[outputs], total = 0;
    for (size_t k = 0; k < outputs; k++)
        total += weight[k] = drawable[k] ? exp((double)(logits[k] - top)) : 0;
    double u = rg_rng_uniform(rng) * total;
    size_t last = 0;
    for (size_t k = 0; k < outputs; k++) {
        if (!drawable[k])
            continue;
        u -= weight[k];
        last = k;
        if (u < 0)
            break;
    }
    return (uint16_t)last;
}

enum { GAP_REDRAWS = 3 };

double rg_head_gap_date(const rg_head *h, uint16_t token, double from, int dates, rg_rng *rng)
{
    double scale = dates ? RG_SECONDS_PER_DAY : 1.0, gap = 0;
    int month_ends = dates && h->month_end != RG_NO_TOKEN;
    for (int tries = 0; tries < GAP_REDRAWS; tries++) {
        gap = rg_head_number_value(h, token, rng);
        gap = gap > 0 ? gap : 0;
        if (!month_ends || gap == 0 || !rg_event_on_month_end(from + gap * scale))
            return from + gap * scale;
    }
    return from + (gap >= 2 ? gap - 1 : gap + 1) * scale;
}
