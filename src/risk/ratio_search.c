/* ratio_search.c — chooses how many minority rows to add by inner cross-validation on
 * the training rows (grid in ratio_search.h, method in docs/augmentation.md). */
#include "ratio_search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "../learn/metrics.h"
#include "../learn/folds.h"
#include "augment_rows.h"
#include "fit_score.h"

static const double gap_shares[RISKGAN_RATIO_GRID] = {0, 0.1, 0.25, 0.5, 1};

/* The PR-AUC of each grid point in one inner fold, for each model family asked for
 * (pr_auc[family * RISKGAN_RATIO_GRID + point]). */
static riskgan_status score_inner_fold(const riskgan_table *train, const riskgan_table *validation,
                                       const riskgan_augment_options *o, const char *minority_name, uint64_t seed,
                                       const int families[RG_FAMILIES], double *pr_auc)
{
    rg_classes classes;
    riskgan_status status = rg_classes_find(train, o->target, &classes);
    if (status != RISKGAN_OK)
        return status;
    long minority = rg_classes_index(&classes, minority_name);
    size_t majority = minority >= 0 ? rg_classes_largest_other(&classes, (size_t)minority) : 0;
    size_t gap = minority >= 0 && classes.size[majority] > classes.size[minority]
                     ? classes.size[majority] - classes.size[minority] : 0;
    riskgan_table *augmented = NULL;
    riskgan_augment_options inner = *o;
    inner.model = NULL; /* a GAN is fitted on the inner training part: a given one has seen the validation rows */
    inner.seed = seed;
    status = rg_table_new_like(train, train->rows + gap, &augmented);
    for (size_t r = 0; status == RISKGAN_OK && r < train->rows; r++)
        status = rg_table_append_row(augmented, train, r);
    if (status == RISKGAN_OK && gap)
        status = rg_augment_rows(train, &inner, &classes, (size_t)minority, gap, augmented);
    size_t m = validation->rows, full = augmented ? augmented->rows : 0;
    double *scores = rg_calloc(m + 1, sizeof *scores);
    int *y = rg_calloc(m + 1, sizeof *y);
    if (status == RISKGAN_OK && (!scores || !y))
        status = RISKGAN_ERR_NO_MEMORY;
    for (int family = 0; family < RG_FAMILIES; family++) {
        if (!families[family])
            continue;
        rg_classifier_options classifier;
        rg_classifier_options_default(&classifier, family == RISKGAN_RISK_LOGREG ? RG_CLASSIFIER_LOGISTIC
                                                                                  : RG_CLASSIFIER_XGBOOST);
        classifier.seed = seed;
        classifier.threads = o->threads;
        for (int g = 0; status == RISKGAN_OK && g < RISKGAN_RATIO_GRID; g++) {
            augmented->rows = train->rows + (size_t)llround(gap_shares[g] * (double)gap); /* a prefix of the added rows */
            status = rg_fit_and_score(augmented, validation, o->target, minority_name, (riskgan_risk_algorithm)family,
                                      &classifier, NULL, NULL, scores, y);
            if (status == RISKGAN_OK)
                pr_auc[family * RISKGAN_RATIO_GRID + g] = rg_average_precision(scores, y, m);
        }
    }
    if (augmented)
        augmented->rows = full;
    riskgan_table_free(augmented);
    rg_classes_free(&classes);
    free(scores), free(y);
    return status;
}

/* The curves of the families asked for. */
static riskgan_status choose(const riskgan_table *table, const riskgan_augment_options *o, const rg_classes *classes,
                             size_t minority, size_t majority, const int families[RG_FAMILIES],
                             riskgan_ratio_curve curves[RG_FAMILIES])
{
    int folds = RG_RATIO_INNER_FOLDS;
    for (size_t c = 0; c < classes->count; c++)
        if (classes->size[c] < (size_t)folds)
            return rg_fail(RISKGAN_ERR_SCHEMA, "--ratio auto needs at least %d rows of class '%s' for its inner "
                           "cross-validation, found %zu", folds, classes->name[c], classes->size[c]);
    size_t stride = RG_FAMILIES * RISKGAN_RATIO_GRID;
    int *fold_of_row = rg_calloc(table->rows + 1, sizeof *fold_of_row);
    double *pr_auc = rg_calloc((size_t)folds * stride, sizeof *pr_auc);
    riskgan_status status = fold_of_row && pr_auc ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    uint64_t seed = o->seed ^ 0x726174696fULL;
    if (status == RISKGAN_OK) {
        rg_rng rng;
        rg_rng_seed(&rng, seed);
        status = rg_stratified_folds(&rng, classes->of_row, table->rows, classes->count, folds, fold_of_row);
    }
    for (int f = 0; f < folds && status == RISKGAN_OK; f++) {
        riskgan_table *train = NULL, *validation = NULL;
        status = rg_fold_tables(table, fold_of_row, f, &train, &validation);
        if (status == RISKGAN_OK)
            status = score_inner_fold(train, validation, o, classes->name[minority], seed + (uint64_t)f, families,
                                      pr_auc + (size_t)f * stride);
        riskgan_table_free(train);
        riskgan_table_free(validation);
    }
    double gap = (double)(classes->size[majority] - classes->size[minority]);
    for (int family = 0; status == RISKGAN_OK && family < RG_FAMILIES; family++) {
        riskgan_ratio_curve *curve = &curves[family];
        memset(curve, 0, sizeof *curve);
        if (!families[family])
            continue;
        curve->points = RISKGAN_RATIO_GRID;
        curve->inner_folds = folds;
        for (int g = 0; g < RISKGAN_RATIO_GRID; g++) {
            double sum = 0, squares = 0;
            const double *none = pr_auc + family * RISKGAN_RATIO_GRID, *v = none + g;
            for (int f = 0; f < folds; f++)
                sum += v[(size_t)f * stride];
            double mean = sum / folds;
            for (int f = 0; f < folds; f++)
                squares += (v[(size_t)f * stride] - mean) * (v[(size_t)f * stride] - mean);
            curve->gap_share[g] = gap_shares[g];
            curve->added_rows[g] = (double)llround(gap_shares[g] * gap);
            curve->ratio[g] = ((double)classes->size[minority] + curve->added_rows[g]) / (double)classes->size[majority];
            curve->pr_auc[g] = mean;
            curve->pr_auc_sd[g] = sqrt(squares / (folds - 1));
            /* adding rows must beat adding none by more than one standard error of the paired
             * fold differences: an inner CV on a few minority rows is noisy, and a choice made
             * on noise costs what a bad ratio costs */
            double gain = 0, spread = 0;
            for (int f = 0; f < folds; f++)
                gain += (v[(size_t)f * stride] - none[(size_t)f * stride]) / folds;
            for (int f = 0; f < folds; f++) {
                double d = v[(size_t)f * stride] - none[(size_t)f * stride] - gain;
                spread += d * d;
            }
            double standard_error = sqrt(spread / (folds - 1) / folds);
            if (g > 0 && gain > standard_error && mean > curve->pr_auc[curve->chosen])
                curve->chosen = (size_t)g;
        }
    }
    free(fold_of_row), free(pr_auc);
    return status;
}

riskgan_status rg_choose_ratio(const riskgan_table *table, const riskgan_augment_options *o, const rg_classes *classes,
                               size_t minority, size_t majority, riskgan_ratio_curve *curve)
{
    int family = (int)o->ratio_model, families[RG_FAMILIES] = {0};
    families[family] = 1;
    riskgan_ratio_curve curves[RG_FAMILIES];
    riskgan_status status = choose(table, o, classes, minority, majority, families, curves);
    *curve = curves[family];
    return status;
}

riskgan_status rg_choose_ratios(const riskgan_table *table, const riskgan_augment_options *o, const rg_classes *classes,
                                size_t minority, size_t majority, const int families[RG_FAMILIES],
                             riskgan_ratio_curve curves[RG_FAMILIES])
{
    return choose(table, o, classes, minority, majority, families, curves);
}
