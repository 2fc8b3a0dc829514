/* oversample.c — random oversampling, SMOTE and SMOTE-NC.
 *
 * Both SMOTEs search neighbours among the minority rows in this space: numeric columns as
 * they are (missing values imputed with the minority mean for the search); for SMOTE-NC,
 * categorical columns one-hot with the value median(std of the numeric columns) / 2, so a
 * differing category costs as much as imbalanced-learn's SMOTENC makes it cost. A new row
 * takes base + u * (neighbour - base) in every numeric column (rounded for integer columns,
 * missing if the base row's value is missing) and, for SMOTE-NC, the most frequent value
 * among the base row's k neighbours in every categorical column (ties: first level).
 * ADASYN (He et al. 2008) is SMOTE-NC whose base rows are drawn with probability
 * proportional to the share of other-class rows among their k nearest neighbours. */
#include "oversample.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "../eval/nearest_neighbors.h"
#include "../core/compare.h"

/* A column that places rows in SMOTE's neighbour space: not the target, not an identifier. */
static int is_feature(const riskgan_table *table, const rg_classes *classes, size_t j)
{
    return (long)j != classes->column && table->column[j].role != RISKGAN_ROLE_IDENTIFIER;
}

/* An added row is no customer: its identifiers are missing, never a real one. */
static void forget_identifiers(riskgan_table *out, size_t row)
{
    for (size_t j = 0; j < out->columns; j++) {
        rg_column *c = &out->column[j];
        if (c->role != RISKGAN_ROLE_IDENTIFIER)
            continue;
        int present = rg_column_is_numeric(c) ? !isnan(c->numbers[row]) : c->codes[row] >= 0;
        if (rg_column_is_numeric(c))
            c->numbers[row] = NAN;
        else
            c->codes[row] = -1;
        c->missing += present;
    }
}

static riskgan_status append_copy(riskgan_table *out, const riskgan_table *table, size_t row)
{
    riskgan_status status = rg_table_append_row(out, table, row);
    if (status == RISKGAN_OK)
        forget_identifiers(out, out->rows - 1);
    return status;
}

/* ADASYN's density weights: the share of majority rows among the k nearest neighbours (in
 * all classes) of each minority row, normalized to sum to 1. space holds the n minority rows
 * first, then the other rows (all in total). */
static riskgan_status adasyn_weights(const float *space, size_t n, size_t all, size_t width, int k, double *weight)
{
    uint32_t *neighbors = rg_calloc(n * (size_t)k, sizeof *neighbors);
    if (!neighbors)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_nearest_k(space, n, space, all, width, (size_t)k, 1, neighbors);
    double total = 0;
    for (size_t i = 0; status == RISKGAN_OK && i < n; i++) {
        size_t majority = 0;
        for (int q = 0; q < k; q++)
            majority += neighbors[i * (size_t)k + (size_t)q] >= n;
        weight[i] = (double)majority / k;
        total += weight[i];
    }
    free(neighbors);
    if (status == RISKGAN_OK && total <= 0)
        return rg_fail(RISKGAN_ERR_SCHEMA, "ADASYN: no minority row has a row of another class among its %d nearest "
                       "neighbours, so there is no border to sample near (use smote or smotenc)", k);
    for (size_t i = 0; status == RISKGAN_OK && i < n; i++)
        weight[i] /= total;
    return status;
}

/* A minority row drawn with the given probabilities. */
static size_t weighted_draw(const double *weight, size_t n, rg_rng *rng)
{
    double u = rg_rng_uniform(rng);
    for (size_t i = 0; i < n; i++)
        if ((u -= weight[i]) < 0)
            return i;
    return n - 1;
}

/* The neighbour-search space of SMOTE-NC: numeric features as they are (a missing value at
 * the minority mean), each categorical feature one-hot with the value half the median
 * standard deviation of the numeric features (Chawla et al. 2002). */
typedef struct {
    size_t width;
    double *mean, *deviation; /* per column, over the minority rows */
    float *points;            /* all x width */
} smote_space;

static void smote_space_free(smote_space *space)
{
    free(space->mean), free(space->deviation), free(space->points);
}

/* Means, deviations and the width of the space; SMOTE refuses categorical features. */
static riskgan_status measure_features(const riskgan_table *table, const rg_classes *classes, const uint32_t *members,
                                       size_t n, riskgan_augment_method method, smote_space *space,
                                       double *median_deviation)
{
    size_t numeric = 0;
    for (size_t j = 0; j < table->columns; j++) {
        const rg_column *c = &table->column[j];
        if (!is_feature(table, classes, j))
            continue;
        if (!rg_column_is_numeric(c) && method == RISKGAN_AUGMENT_SMOTE) /* ADASYN takes them as SMOTE-NC does */
            return rg_fail(RISKGAN_ERR_SCHEMA, "SMOTE works on numeric features only, but '%s' is categorical: use "
                           "smotenc", c->name);
        if (!rg_column_is_numeric(c)) {
            space->width += c->categories.count + 1; /* + missing */
            continue;
        }
        double sum = 0, squares = 0;
        size_t present = 0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(c->numbers[members[i]]))
                sum += c->numbers[members[i]], present++;
        space->mean[j] = present ? sum / present : 0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(c->numbers[members[i]]))
                squares += (c->numbers[members[i]] - space->mean[j]) * (c->numbers[members[i]] - space->mean[j]);
        space->deviation[j] = present > 1 ? sqrt(squares / (present - 1)) : 0;
        space->width++, numeric++;
    }
    *median_deviation = 0;
    double *d = numeric ? rg_calloc(numeric, sizeof *d) : NULL;
    size_t m = 0;
    for (size_t j = 0; d && j < table->columns; j++)
        if (is_feature(table, classes, j) && rg_column_is_numeric(&table->column[j]))
            d[m++] = space->deviation[j];
    if (d) {
        qsort(d, m, sizeof *d, rg_compare_doubles);
        *median_deviation = m % 2 ? d[m / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
    }
    free(d);
    return RISKGAN_OK;
}

static riskgan_status build_space(const riskgan_table *table, const rg_classes *classes, const uint32_t *members,
                                  size_t n, size_t all, riskgan_augment_method method, smote_space *space)
{
    memset(space, 0, sizeof *space);
    space->mean = rg_calloc(table->columns, sizeof *space->mean);
    space->deviation = rg_calloc(table->columns, sizeof *space->deviation);
    if (!space->mean || !space->deviation)
        return RISKGAN_ERR_NO_MEMORY;
    double median_deviation = 0;
    riskgan_status status = measure_features(table, classes, members, n, method, space, &median_deviation);
    size_t width = space->width;
    if (status == RISKGAN_OK && !(space->points = rg_calloc(all * (width ? width : 1), sizeof *space->points)))
        status = RISKGAN_ERR_NO_MEMORY;
    float category_value = (float)(median_deviation > 0 ? median_deviation / 2 : 0.5);
    for (size_t i = 0; status == RISKGAN_OK && i < all; i++) {
        size_t offset = 0;
        for (size_t j = 0; j < table->columns; j++) {
            const rg_column *c = &table->column[j];
            if (!is_feature(table, classes, j))
                continue;
            if (rg_column_is_numeric(c)) {
                double v = c->numbers[members[i]];
                space->points[i * width + offset++] = (float)(isnan(v) ? space->mean[j] : v);
            } else {
                int32_t code = c->codes[members[i]];
                space->points[i * width + offset + (code < 0 ? c->categories.count : (size_t)code)] = category_value;
                offset += c->categories.count + 1;
            }
        }
    }
    return status;
}

/* The category of a synthetic row: the most frequent value among the base row's neighbours
 * (-1: missing); votes is scratch, grown as needed. */
static riskgan_status neighbour_vote(const rg_column *c, const uint32_t *members, const uint32_t *neighbors, int k,
                                    size_t base, size_t **votes, int32_t *code)
{
    size_t levels = c->categories.count + 1;
    size_t *grown = realloc(*votes, levels * sizeof **votes);
    if (!grown)
        return RISKGAN_ERR_NO_MEMORY;
    *votes = grown;
    memset(grown, 0, levels * sizeof *grown);
    for (int q = 0; q < k; q++) {
        int32_t v = c->codes[members[neighbors[base * (size_t)k + (size_t)q]]];
        grown[v < 0 ? levels - 1 : (size_t)v]++;
    }
    size_t best = 0;
    for (size_t l = 1; l < levels; l++)
        if (grown[l] > grown[best])
            best = l;
    *code = best == levels - 1 ? -1 : (int32_t)best;
    return RISKGAN_OK;
}

/* Appends the row `step` of the way from minority row `base` to its neighbour `neighbor`. */
static riskgan_status interpolate_row(const riskgan_table *table, const rg_classes *classes, const uint32_t *members,
                                      const uint32_t *neighbors, int k, size_t base, size_t neighbor, double step,
                                      const double *mean, size_t **votes, riskgan_table *out)
{
    riskgan_status status = rg_table_reserve(out, out->rows + 1);
    size_t r = out->rows, from = members[base], to = members[neighbor];
    for (size_t j = 0; j < table->columns && status == RISKGAN_OK; j++) {
        const rg_column *c = &table->column[j];
        rg_column *o = &out->column[j];
        if (rg_column_is_numeric(c)) {
            double a = c->numbers[from], b = isnan(c->numbers[to]) ? mean[j] : c->numbers[to];
            double v = rg_round_like_column(c->type, c->decimals, &c->datetime, isnan(a) ? NAN : a + step * (b - a));
            if ((long)j == classes->column)
                v = c->numbers[from]; /* the minority class itself */
            o->numbers[r] = v;
            o->missing += isnan(v);
            continue;
        }
        int32_t code = c->codes[from];
        if ((long)j != classes->column)
            status = neighbour_vote(c, members, neighbors, k, base, votes, &code);
        if (status == RISKGAN_OK && code >= 0) { /* out shares the dictionary order (rg_table_new_like) */
            const char *text = rg_dictionary_string(&c->categories, code);
            code = rg_dictionary_intern(&o->categories, text, strlen(text));
        } else if (status == RISKGAN_OK) {
            o->missing++;
        }
        o->codes[r] = code;
    }
    if (status == RISKGAN_OK)
        forget_identifiers(out, out->rows++);
    return status;
}

/* The minority rows first, then (ADASYN) the rows of the other classes. */
static uint32_t *class_members(const riskgan_table *table, const rg_classes *classes, size_t minority,
                               riskgan_augment_method method, size_t *all)
{
    size_t n = classes->size[minority];
    *all = n;
    if (method == RISKGAN_AUGMENT_ADASYN)
        for (size_t r = 0; r < table->rows; r++)
            *all += classes->of_row[r] >= 0 && classes->of_row[r] != (int32_t)minority;
    uint32_t *members = rg_calloc(*all ? *all : 1, sizeof *members);
    for (size_t r = 0, i = 0, j = n; members && r < table->rows; r++)
        if (classes->of_row[r] == (int32_t)minority)
            members[i++] = (uint32_t)r;
        else if (j < *all && classes->of_row[r] >= 0)
            members[j++] = (uint32_t)r;
    return members;
}

riskgan_status rg_oversample(const riskgan_table *table, const rg_classes *classes, size_t minority, size_t count,
                             riskgan_augment_method method, int k, rg_rng *rng, riskgan_table *out)
{
    size_t n = classes->size[minority], all;
    uint32_t *members = class_members(table, classes, minority, method, &all);
    if (!members)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = RISKGAN_OK;
    if (method == RISKGAN_AUGMENT_RANDOM) {
        for (size_t i = 0; i < count && status == RISKGAN_OK; i++)
            status = append_copy(out, table, members[rg_rng_below(rng, n)]);
        free(members);
        return status;
    }
    if (k < 1 || k > 50)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "SMOTE's k must be between 1 and 50, got %d", k);
    else if (n < (size_t)k + 1)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "SMOTE needs at least k + 1 = %d rows of the minority class '%s', found %zu",
                         k + 1, classes->name[minority], n);
    smote_space space = {0};
    if (status == RISKGAN_OK)
        status = build_space(table, classes, members, n, all, method, &space);
    uint32_t *neighbors = status == RISKGAN_OK ? rg_calloc(n * (size_t)k, sizeof *neighbors) : NULL;
    double *base_weight = method == RISKGAN_AUGMENT_ADASYN ? rg_calloc(n, sizeof *base_weight) : NULL;
    if (status == RISKGAN_OK && (!neighbors || (method == RISKGAN_AUGMENT_ADASYN && !base_weight)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = rg_nearest_k(space.points, n, space.points, n, space.width, (size_t)k, 1, neighbors);
    if (status == RISKGAN_OK && base_weight)
        status = adasyn_weights(space.points, n, all, space.width, k, base_weight);
    size_t *votes = NULL;
    for (size_t s = 0; s < count && status == RISKGAN_OK; s++) {
        size_t base, neighbor;
        if (base_weight) { /* ADASYN: base rows near the border more often */
            base = weighted_draw(base_weight, n, rng);
            neighbor = neighbors[base * (size_t)k + (size_t)rg_rng_below(rng, (uint64_t)k)];
        } else {
            size_t draw = (size_t)rg_rng_below(rng, (uint64_t)n * (uint64_t)k);
            base = draw / (size_t)k, neighbor = neighbors[base * (size_t)k + draw % (size_t)k];
        }
        double step = rg_rng_uniform(rng);
        status = interpolate_row(table, classes, members, neighbors, k, base, neighbor, step, space.mean, &votes, out);
    }
    free(votes), free(members), free(neighbors), free(base_weight);
    smote_space_free(&space);
    return status;
}
