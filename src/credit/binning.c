/* binning.c — riskgan_binning: every feature of a table binned against a binary target (in
 * parallel over features), the trends asked for per feature, and the bins as CSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/atomic_file.h"
#include "../core/c_locale.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../core/threads.h"
#include "../data/table.h"
#include "../data/table_writer.h"
#include "../learn/classes.h"
#include "binning.h"

void riskgan_binning_options_init(riskgan_binning_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_bins = 10, o->min_bin_share = 0.05, o->max_prebins = 50, o->trends = "auto";
}

static int trend_named(const char *name, size_t length, rg_trend *out)
{
    static const char *const names[] = {"auto", "ascending", "descending", "peak", "valley"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strlen(names[k]) == length && strncmp(name, names[k], length) == 0) {
            *out = (rg_trend)k;
            return 1;
        }
    return 0;
}

/* The trend asked for `column` in the list (its COLUMN=TREND item, else the plain item, else
 * auto); every item checked, an unknown trend or column named. */
static riskgan_status trend_for(const riskgan_table *t, const char *list, const char *column, rg_trend *out)
{
    rg_trend fallback = RG_TREND_AUTO, named = RG_TREND_AUTO;
    int found = 0;
    for (const char *item = list ? list : ""; *item;) {
        size_t length = strcspn(item, ","), name_length = strcspn(item, "=");
        int with_name = name_length < length;
        const char *trend = with_name ? item + name_length + 1 : item;
        rg_trend parsed;
        if (!trend_named(trend, (size_t)(item + length - trend), &parsed))
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "unknown trend in '%.*s' (auto, ascending, descending, peak "
                           "or valley)", (int)length, item);
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(with_name ? name_length : 0), item);
        if (with_name && riskgan_table_find_column(t, name) < 0)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "trend for column '%s', which the table does not have", name);
        if (!with_name)
            fallback = parsed;
        else if (strcmp(name, column) == 0)
            named = parsed, found = 1;
        item += length + (item[length] == ',');
    }
    *out = found ? named : fallback;
    return RISKGAN_OK;
}

/* Is column j a feature to bin (not the target, an identifier or a date)? */
static int binnable(const riskgan_table *t, size_t j, long target)
{
    const rg_column *c = &t->column[j];
    return (long)j != target && c->role != RISKGAN_ROLE_IDENTIFIER && c->type != RISKGAN_COLUMN_DATETIME;
}

static riskgan_status check_options(const riskgan_binning_options *o)
{
    if (o->max_bins < 1 || o->max_bins > 100 || o->max_prebins < 2 || o->max_prebins > 500)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "max bins must be 1-100 and pre-bins 2-500");
    if (!(o->min_bin_share >= 0 && o->min_bin_share < 0.5))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the minimum bin share must be in [0, 0.5)");
    return RISKGAN_OK;
}

/* Each row's event flag (1: the positive class, 0: another, -1: no target). */
static riskgan_status events_of(const riskgan_table *t, const char *target, const char *positive, int8_t **out,
                                long *target_column, char **positive_name)
{
    rg_classes classes;
    riskgan_status status = rg_classes_find(t, target, &classes);
    if (status != RISKGAN_OK)
        return status;
    size_t chosen = 0;
    if (classes.count != 2)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "target '%s' has %zu classes; binning needs exactly two",
                         target, classes.count);
    if (status == RISKGAN_OK)
        status = rg_classes_positive(&classes, target, positive, &chosen, NULL);
    int8_t *e = status == RISKGAN_OK ? rg_calloc(t->rows + 1, sizeof *e) : NULL;
    if (status == RISKGAN_OK && (!e || !(*positive_name = rg_strdup(classes.name[chosen]))))
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t r = 0; status == RISKGAN_OK && r < t->rows; r++)
        e[r] = classes.of_row[r] < 0 ? -1 : classes.of_row[r] == (int32_t)chosen;
    *target_column = classes.column;
    rg_classes_free(&classes);
    if (status != RISKGAN_OK)
        free(e), e = NULL;
    *out = e;
    return status;
}

/* Bins every feature with its options (features[i].options filled), in parallel. */
static riskgan_status bin_all(riskgan_binning *b, const riskgan_table *t, const int8_t *events,
                              const rg_binning_options *options)
{
    riskgan_status status = RISKGAN_OK;
    long count = (long)b->count;
#pragma omp parallel for schedule(dynamic, 1)
    for (long i = 0; i < count; i++) {
        riskgan_status mine = rg_bin_feature(t, b->column[i], events, &options[i], &b->feature[i]);
        if (mine != RISKGAN_OK) {
#pragma omp critical
            status = mine;
        }
    }
    return status;
}

static riskgan_status bin_features(riskgan_binning *b, const riskgan_table *t, const int8_t *events, long target,
                                   const riskgan_binning_options *o)
{
    b->feature = rg_calloc(t->columns + 1, sizeof *b->feature);
    b->column = rg_calloc(t->columns + 1, sizeof *b->column);
    rg_binning_options *options = rg_calloc(t->columns + 1, sizeof *options);
    riskgan_status status = b->feature && b->column && options ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; status == RISKGAN_OK && j < t->columns; j++) {
        if (!binnable(t, j, target))
            continue;
        rg_binning_options *mine = &options[b->count];
        rg_binning_options_init(mine);
        mine->max_bins = o->max_bins, mine->min_share = o->min_bin_share, mine->max_prebins = o->max_prebins;
        mine->specials = o->specials, mine->special_count = o->special_count;
        status = trend_for(t, o->trends, t->column[j].name, &mine->trend);
        b->column[b->count++] = j;
    }
    if (status == RISKGAN_OK && b->count == 0)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "the table has no feature to bin besides the target");
    if (status == RISKGAN_OK)
        status = bin_all(b, t, events, options);
    free(options);
    return status;
}

riskgan_status riskgan_bin(const riskgan_table *t, const char *target, const char *positive,
                           const riskgan_binning_options *o, riskgan_binning **out)
{
    *out = NULL;
    riskgan_binning_options defaults;
    riskgan_binning_options_init(&defaults);
    o = o ? o : &defaults;
    riskgan_status status = check_options(o);
    if (status != RISKGAN_OK)
        return status;
    riskgan_binning *b = rg_calloc(1, sizeof *b);
    int8_t *events = NULL;
    long target_column = -1;
    if (!b || !(b->target = rg_strdup(target)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = events_of(t, target, positive, &events, &target_column, &b->positive);
    rg_thread_counts threads = rg_threads_push(o->threads);
    if (status == RISKGAN_OK)
        status = bin_features(b, t, events, target_column, o);
    rg_threads_pop(threads);
    free(events);
    if (status != RISKGAN_OK) {
        riskgan_binning_free(b);
        return status;
    }
    *out = b;
    return RISKGAN_OK;
}

size_t rg_binning_strongest_first(const riskgan_binning *b, double min_iv, size_t *order)
{
    size_t count = 0;
    for (size_t i = 0; i < b->count; i++) {
        if (!(b->feature[i].iv >= min_iv))
            continue;
        size_t k = count++;
        while (k > 0 && b->feature[order[k - 1]].iv < b->feature[i].iv)
            order[k] = order[k - 1], k--;
        order[k] = i;
    }
    return count;
}

size_t riskgan_binning_features(const riskgan_binning *b)
{
    return b->count;
}

riskgan_status riskgan_binning_feature(const riskgan_binning *b, size_t i, riskgan_binned_feature *out)
{
    if (i >= b->count)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "feature %zu of a binning of %zu", i, b->count);
    const rg_feature_binning *f = &b->feature[i];
    *out = (riskgan_binned_feature){.name = f->feature, .trend = (riskgan_trend)f->trend, .categorical = f->categorical,
                                    .bins = f->bin_count, .iv = f->iv, .ks = f->ks, .gini = f->gini};
    return RISKGAN_OK;
}

static riskgan_status write_csv(const void *object, const char *path)
{
    const riskgan_binning *b = object;
    rg_atomic_file out;
    riskgan_status status = rg_atomic_open(&out, path);
    if (status != RISKGAN_OK)
        return status;
    fputs("feature,bin,count,events,event_rate,woe,iv\n", out.stream);
    for (size_t i = 0; i < b->count; i++)
        for (size_t k = 0; k < b->feature[i].bin_count; k++) {
            const rg_bin *bin = &b->feature[i].bins[k];
            rg_csv_write_text(out.stream, b->feature[i].feature, ',');
            fputc(',', out.stream);
            rg_csv_write_text(out.stream, bin->label, ',');
            fprintf(out.stream, ",%.0f,%.0f,%.6f,%.6f,%.6f\n", bin->count, bin->events,
                    bin->count > 0 ? bin->events / bin->count : 0.0, bin->woe, bin->iv);
        }
    return rg_atomic_commit(&out);
}

riskgan_status riskgan_binning_write_csv(const riskgan_binning *b, const char *path)
{
    return rg_write_in_c_locale(write_csv, b, path);
}

void riskgan_binning_free(riskgan_binning *b)
{
    if (!b)
        return;
    for (size_t i = 0; b->feature && i < b->count; i++)
        rg_feature_binning_free(&b->feature[i]);
    free(b->feature), free(b->column), free(b->target), free(b->positive);
    free(b);
}
