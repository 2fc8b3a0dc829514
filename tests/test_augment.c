/* test_augment.c — oversamplers against hand-checked examples, augmentation errors, the
 * experiment's folds (no held-out row ever reaches a generator), the risk model's points
 * and scorecard against a hand computation, and its file round trip. */
#include "test_support.h"

#include "data/table.h"
#include "learn/classes.h"
#include "learn/folds.h"
#include "learn/classifiers.h"
#include "riskgan.h"
#include <cjson/cJSON.h>

static riskgan_table *table_from(const char *text)
{
    char *path = write_temporary(text, strlen(text));
    riskgan_table *table = NULL;
    if (riskgan_table_read_csv(path, NULL, &table) != RISKGAN_OK)
        fail_msg("%s", riskgan_last_error());
    unlink(path);
    free(path);
    return table;
}

/* Minority points in two clusters; with k = 2 every synthetic point must lie on a segment
 * from a minority point to one of its two nearest minority neighbours (worked out by hand). */
static void test_smote_interpolates_towards_nearest_neighbours(void **state)
{
    (void)state;
    /* written with six decimals: interpolated values are rounded to their column's decimals
     * (integers to whole numbers), far below the 0.02 tolerance of the segment test */
    riskgan_table *table = table_from("x,y,label\n0.000000,0.000000,1\n1.000000,0.000000,1\n0.000000,1.500000,1\n"
                                      "10.000000,10.000000,1\n11.000000,10.000000,1\n10.000000,11.500000,1\n"
                                      "5,5,0\n5,6,0\n6,5,0\n6,6,0\n7,7,0\n8,8,0\n7,8,0\n8,7,0\n9,9,0\n4,4,0\n");
    const double points[6][2] = {{0, 0}, {1, 0}, {0, 1.5}, {10, 10}, {11, 10}, {10, 11.5}};
    /* nearest two of each: (0,0): (1,0) (0,1.5); (1,0): (0,0) (0,1.5); (0,1.5): (0,0) (1,0); same shape for the other cluster */
    const int neighbours[6][2] = {{1, 2}, {0, 2}, {0, 1}, {4, 5}, {3, 5}, {3, 4}};
    riskgan_augment_options options;
    riskgan_augment_options_init(&options);
    options.target = "label";
    options.method = RISKGAN_AUGMENT_SMOTE;
    options.neighbors = 2;
    options.seed = 4;
    riskgan_table *out;
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_OK);
    assert_int_equal(riskgan_table_rows(out), 16 + 4); /* 10 majority: 6 + 4 = 10 minority */
    for (size_t r = 16; r < 20; r++) {
        double x = riskgan_table_number(out, r, 0), y = riskgan_table_number(out, r, 1);
        assert_true(riskgan_table_number(out, r, 2) == 1);
        int on_a_segment = 0;
        for (int a = 0; a < 6; a++)
            for (int k = 0; k < 2; k++) {
                const double *p = points[a], *q = points[neighbours[a][k]];
                double cross = (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
                double dot = (x - p[0]) * (q[0] - p[0]) + (y - p[1]) * (q[1] - p[1]);
                double length2 = (q[0] - p[0]) * (q[0] - p[0]) + (q[1] - p[1]) * (q[1] - p[1]);
                on_a_segment |= fabs(cross) < 0.02 && dot >= -1e-6 && dot <= length2 + 1e-6;
            }
        if (!on_a_segment)
            fail_msg("synthetic point (%g, %g) is on no neighbour segment", x, y);
    }
    for (size_t r = 0; r < 16; r++) /* the input rows come first, unchanged */
        assert_true(riskgan_table_number(out, r, 0) == riskgan_table_number(table, r, 0));
    riskgan_table_free(out);
    riskgan_table_free(table);
}

static void test_smotenc_takes_the_neighbours_category(void **state)
{
    (void)state;
    /* every minority row's neighbours are 'red' except the far-away 'blue' one, so with k = 2
     * rows built from the close cluster are red; integers stay integers */
    riskgan_table *table = table_from("amount,colour,bad\n10,red,1\n11,red,1\n12,red,1\n13,red,1\n500,blue,1\n"
                                      "1,red,0\n2,blue,0\n3,red,0\n4,blue,0\n5,red,0\n6,blue,0\n7,red,0\n8,blue,0\n"
                                      "9,red,0\n10,blue,0\n11,red,0\n12,blue,0\n");
    riskgan_augment_options options;
    riskgan_augment_options_init(&options);
    options.target = "bad";
    options.method = RISKGAN_AUGMENT_SMOTENC;
    options.neighbors = 2;
    options.mark_column = "added";
    riskgan_table *out;
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_OK);
    assert_int_equal(riskgan_table_rows(out), 17 + 7);
    assert_int_equal(riskgan_table_columns(out), 4);
    for (size_t r = 17; r < 24; r++) {
        double amount = riskgan_table_number(out, r, 0);
        assert_true(amount == floor(amount));
        assert_true(riskgan_table_number(out, r, 3) == 1); /* the mark column */
        if (amount <= 13)
            assert_string_equal(riskgan_table_category(out, r, 1), "red");
    }
    assert_true(riskgan_table_number(out, 0, 3) == 0);
    riskgan_table_free(out);
    riskgan_table_free(table);
}

static riskgan_table *traced_table(int rows);

/* ADASYN draws its base rows where other classes are near: minority rows 100..103 sit far
 * from every majority row (all their k = 2 nearest rows are minority rows: weight 0), rows
 * 10, 11, 12 border the majority (0..9). Every added row lies between border rows. */
static void test_adasyn_samples_near_the_border(void **state)
{
    (void)state;
    riskgan_table *table = table_from("x,label\n0,0\n1,0\n2,0\n3,0\n4,0\n5,0\n6,0\n7,0\n8,0\n9,0\n"
                                      "10,1\n11,1\n12,1\n100,1\n101,1\n102,1\n103,1\n");
    riskgan_augment_options options;
    riskgan_augment_options_init(&options);
    options.target = "label";
    options.method = RISKGAN_AUGMENT_ADASYN;
    options.neighbors = 2;
    options.seed = 3;
    riskgan_table *out;
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_OK);
    assert_int_equal(riskgan_table_rows(out), 17 + 3);
    for (size_t r = 17; r < 20; r++) {
        double x = riskgan_table_number(out, r, 0);
        if (!(x >= 10 && x <= 12))
            fail_msg("ADASYN row at x = %g, away from the border rows 10..12", x);
        assert_true(riskgan_table_number(out, r, 1) == 1);
    }
    riskgan_table_free(out);
    /* with k = 2, 10 sees 11 and 9 (majority): weight 1/2; 11 sees 10 and 12: 0; 12: 0.
     * So every base row is 10 and every new row lies on 10 -> 11 or 10 -> 12 */
    riskgan_table_free(table);
    /* classes that never meet: no border, a clear error */
    table = table_from("x,label\n0,0\n1,0\n2,0\n3,0\n4,0\n100,1\n101,1\n102,1\n");
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_ERR_SCHEMA);
    assert_non_null(strstr(riskgan_last_error(), "border"));
    riskgan_table_free(table);
}

/* Class weights: the minority's weight moves the fitted probabilities up, for both families. */
static void test_class_weights_raise_minority_scores(void **state)
{
    (void)state;
    enum { ROWS = 200 };
    float x[ROWS];
    int y[ROWS];
    for (int r = 0; r < ROWS; r++) {
        x[r] = (float)((r * 37) % 100) / 100.0f;
        y[r] = r % 10 == 0 ? 1 : x[r] > 0.9f && r % 3 == 0; /* about 13 % positives, weakly tied to x */
    }
    for (int kind = 0; kind < 2; kind++) {
        rg_classifier_options o;
        rg_classifier_options_default(&o, kind ? RG_CLASSIFIER_LOGISTIC : RG_CLASSIFIER_XGBOOST);
        o.trees = 20;
        double plain[ROWS], weighted[ROWS], mean_plain = 0, mean_weighted = 0;
        assert_int_equal(rg_classifier_fit_predict(&o, x, y, ROWS, 1, x, ROWS, NULL, plain), RISKGAN_OK);
        o.positive_weight = 7;
        assert_int_equal(rg_classifier_fit_predict(&o, x, y, ROWS, 1, x, ROWS, NULL, weighted), RISKGAN_OK);
        for (int r = 0; r < ROWS; r++)
            mean_plain += plain[r] / ROWS, mean_weighted += weighted[r] / ROWS;
        /* weighting the positives 7 times over makes them about half the weight: mean near 0.5 */
        if (!(mean_plain < 0.2 && mean_weighted > 0.35))
            fail_msg("%s: mean probability %.3f unweighted, %.3f weighted", kind ? "logreg" : "xgboost", mean_plain,
                     mean_weighted);
    }
}

/* --ratio auto with a GAN: every inner fold's rows come from a GAN fitted on that fold's
 * training part. A model fitted on all rows has seen the inner validation rows, and taking
 * rows from it made the inner estimate optimistic (in the study, gan-auto then added rows in
 * 77 of 80 choices and lost PR-AUC); so the curve must not depend on the model given. */
static void test_ratio_auto_ignores_a_model_that_saw_the_validation_rows(void **state)
{
    (void)state;
    riskgan_table *table = traced_table(150);
    riskgan_fit_options fit;
    riskgan_fit_options_init(&fit, RISKGAN_PRESET_DEFAULT);
    fit.epochs = 2;
    fit.target = "bad";
    fit.seed = 99; /* not the GAN --ratio auto would fit itself */
    riskgan_model *seen_everything;
    assert_int_equal(riskgan_fit(table, &fit, &seen_everything), RISKGAN_OK);
    riskgan_ratio_curve curves[2];
    for (int given = 0; given < 2; given++) {
        riskgan_augment_options options;
        riskgan_augment_options_init(&options);
        options.target = "bad";
        options.method = RISKGAN_AUGMENT_GAN;
        options.fit = &fit;
        options.auto_ratio = 1;
        options.ratio_model = RISKGAN_RISK_LOGREG;
        options.curve = &curves[given];
        options.model = given ? seen_everything : NULL;
        riskgan_table *out;
        assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_OK);
        riskgan_table_free(out);
    }
    for (size_t g = 0; g < RISKGAN_RATIO_GRID; g++)
        if (curves[0].pr_auc[g] != curves[1].pr_auc[g])
            fail_msg("grid point %zu: inner PR-AUC %.4f with inner GANs, %.4f with the given model", g,
                     curves[0].pr_auc[g], curves[1].pr_auc[g]);
    riskgan_model_free(seen_everything);
    riskgan_table_free(table);
}

static void test_augmentation_errors(void **state)
{
    (void)state;
    riskgan_table *table = table_from("amount,colour,bad\n1,red,1\n2,red,1\n3,blue,0\n4,red,0\n5,red,0\n6,blue,0\n");
    riskgan_augment_options options;
    riskgan_augment_options_init(&options);
    options.target = "bad";
    riskgan_table *out = NULL;
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_ERR_SCHEMA); /* 2 rows < k + 1 */
    assert_non_null(strstr(riskgan_last_error(), "at least"));
    options.method = RISKGAN_AUGMENT_SMOTE;
    options.neighbors = 1;
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_ERR_SCHEMA);
    assert_non_null(strstr(riskgan_last_error(), "smotenc"));
    options.method = RISKGAN_AUGMENT_RANDOM;
    options.ratio = 0.5; /* asks for 2 of 4: already there, fine; 0.4 would need fewer */
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_OK);
    assert_int_equal(riskgan_table_rows(out), 6);
    riskgan_table_free(out);
    options.ratio = 0.25;
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "never removes"));
    options.ratio = 1;
    options.minority = "7";
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_ERR_INVALID_ARGUMENT);
    /* a model of another schema */
    riskgan_table *other = table_from("a,b\n1,0\n2,1\n3,0\n4,1\n5,0\n6,1\n");
    riskgan_fit_options fit;
    riskgan_fit_options_init(&fit, RISKGAN_PRESET_DEFAULT);
    fit.epochs = 1;
    fit.batch_size = 10;
    fit.calibrate_marginals = 0;
    riskgan_model *model;
    assert_int_equal(riskgan_fit(other, &fit, &model), RISKGAN_OK);
    options.minority = NULL;
    options.method = RISKGAN_AUGMENT_GAN;
    options.model = model;
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_ERR_SCHEMA);
    assert_non_null(strstr(riskgan_last_error(), "columns"));
    riskgan_model_free(model);
    riskgan_table_free(other);
    riskgan_table_free(table);
}

/* Would catch leakage: with unique ids, no fold's training part (nor what random
 * oversampling adds to it) may hold a held-out id. */
static void test_experiment_folds_never_leak(void **state)
{
    (void)state;
    char *text = malloc(64 * 200);
    size_t used = (size_t)sprintf(text, "id,score,bad\n");
    for (int r = 0; r < 150; r++)
        used += (size_t)sprintf(text + used, "%d,%d,%d\n", r, (r * 37) % 101, r % 5 == 0);
    /* "id" traces every row through the folds, so it is read as a plain column here (as an
     * identifier, the rows augmentation adds would carry none) */
    char *path = write_temporary(text, used);
    free(text);
    riskgan_read_options read;
    riskgan_read_options_init(&read);
    read.detect_roles = 0;
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, &read, &table), RISKGAN_OK);
    unlink(path);
    free(path);
    rg_classes classes;
    assert_int_equal(rg_classes_find(table, "bad", &classes), RISKGAN_OK);
    int fold_of_row[150];
    rg_rng rng;
    rg_rng_seed(&rng, 9);
    assert_int_equal(rg_stratified_folds(&rng, classes.of_row, 150, classes.count, 5, fold_of_row), RISKGAN_OK);
    for (int fold = 0; fold < 5; fold++) {
        riskgan_table *train, *test, *augmented;
        assert_int_equal(rg_fold_tables(table, fold_of_row, fold, &train, &test), RISKGAN_OK);
        assert_int_equal(riskgan_table_rows(train) + riskgan_table_rows(test), 150);
        size_t bad = 0;
        for (size_t r = 0; r < riskgan_table_rows(test); r++)
            bad += riskgan_table_number(test, r, 2) == 1;
        assert_int_equal(bad, 6); /* stratified: 30 bad rows / 5 folds */
        int held_out[150] = {0};
        for (size_t r = 0; r < riskgan_table_rows(test); r++)
            held_out[(int)riskgan_table_number(test, r, 0)] = 1;
        riskgan_augment_options options;
        riskgan_augment_options_init(&options);
        options.target = "bad";
        options.method = RISKGAN_AUGMENT_RANDOM;
        assert_int_equal(riskgan_augment(train, &options, &augmented), RISKGAN_OK);
        for (size_t r = 0; r < riskgan_table_rows(augmented); r++)
            assert_false(held_out[(int)riskgan_table_number(augmented, r, 0)]);
        riskgan_table_free(augmented);
        riskgan_table_free(train);
        riskgan_table_free(test);
    }
    rg_classes_free(&classes);
    /* the whole experiment runs and reports paired tests */
    riskgan_experiment_options options;
    riskgan_experiment_options_init(&options);
    options.target = "bad";
    options.methods = "none,random,smote";
    options.algorithms = "logreg";
    options.folds = 3;
    options.repeats = 1;
    riskgan_experiment *experiment;
    assert_int_equal(riskgan_experiment_run(table, &options, &experiment), RISKGAN_OK);
    char *summary = riskgan_experiment_summary(experiment);
    assert_non_null(strstr(summary, "smote"));
    assert_non_null(strstr(summary, "p = "));
    free(summary);
    riskgan_experiment_free(experiment);
    options.methods = "none,magic";
    assert_int_equal(riskgan_experiment_run(table, &options, &experiment), RISKGAN_ERR_INVALID_ARGUMENT);
    riskgan_table_free(table);
}

/* Every table the experiment hands to a generator, an oversampler or gan-auto's ratio search
 * is checked against its fold's held-out rows (by the traced id). */
static size_t observed_tables;

static void no_held_out_row(const riskgan_table *training, const riskgan_table *held_out, void *user)
{
    (void)user;
    observed_tables++;
    for (size_t r = 0; r < riskgan_table_rows(training); r++)
        for (size_t q = 0; q < riskgan_table_rows(held_out); q++)
            if (riskgan_table_number(training, r, 0) == riskgan_table_number(held_out, q, 0))
                fail_msg("held-out row %g reached a generator", riskgan_table_number(held_out, q, 0));
}

static riskgan_table *traced_table(int rows)
{
    char *text = malloc(64 * (size_t)rows + 64);
    size_t used = (size_t)sprintf(text, "id,score,band,bad\n");
    for (int r = 0; r < rows; r++)
        used += (size_t)sprintf(text + used, "%d,%d,%c,%d\n", r, (r * 37) % 101 + 10 * (r % 5 == 0), 'a' + r % 3,
                                r % 5 == 0);
    char *path = write_temporary(text, used);
    free(text);
    riskgan_read_options read;
    riskgan_read_options_init(&read);
    read.detect_roles = 0; /* the id traces rows (as an identifier, added rows would carry none) */
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, &read, &table), RISKGAN_OK);
    unlink(path);
    free(path);
    return table;
}

static double json_number(const cJSON *root, const char *a, const char *b)
{
    const cJSON *item = cJSON_GetObjectItem(cJSON_GetObjectItem(root, a), b);
    return cJSON_IsNumber(item) ? item->valuedouble : NAN;
}

static cJSON *experiment_json(const riskgan_table *table, const riskgan_experiment_options *options)
{
    riskgan_experiment *experiment;
    if (riskgan_experiment_run(table, options, &experiment) != RISKGAN_OK)
        fail_msg("%s", riskgan_last_error());
    char *path = temporary_path();
    assert_int_equal(riskgan_experiment_write_json(experiment, path), RISKGAN_OK);
    riskgan_experiment_free(experiment);
    char *text = read_whole_file(path, NULL);
    unlink(path);
    free(path);
    cJSON *root = cJSON_Parse(text);
    free(text);
    assert_non_null(root);
    return root;
}

static void test_auto_ratio_and_regimes_never_see_held_out_rows(void **state)
{
    (void)state;
    riskgan_table *table = traced_table(150);
    riskgan_experiment_options options;
    riskgan_experiment_options_init(&options);
    options.target = "bad";
    options.methods = "none,weight,adasyn,gan,gan-auto";
    options.algorithms = "logreg";
    options.folds = 3;
    options.repeats = 1;
    options.gan_epochs = 2;
    options.minority_share = 0.1; /* 30 bad of 150: a training part of 80 good + 20 bad -> 9 bad */
    options.on_training_part = no_held_out_row;
    observed_tables = 0;
    cJSON *root = experiment_json(table, &options);
    assert_true(observed_tables >= 3 * 4); /* adasyn, the fold GAN, gan, gan-auto's search per fold */
    assert_true(json_number(root, "settings", "mean_training_rows") == 89);
    const cJSON *auto_rows = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "methods"), "gan-auto"),
                                                 "logreg");
    const cJSON *shares = cJSON_GetObjectItem(auto_rows, "chosen_gap_share");
    assert_int_equal(cJSON_GetArraySize(shares), 3);
    const cJSON *share;
    cJSON_ArrayForEach(share, shares) /* a point of the grid */
        assert_true(share->valuedouble == 0 || share->valuedouble == 0.1 || share->valuedouble == 0.25 ||
                    share->valuedouble == 0.5 || share->valuedouble == 1);
    const cJSON *pr = cJSON_GetObjectItem(cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(root, "methods"), "weight"), "logreg"), "pr_auc");
    assert_true(cJSON_IsNumber(cJSON_GetObjectItem(pr, "corrected_p")));
    assert_true(cJSON_GetNumberValue(cJSON_GetObjectItem(pr, "difference_low")) <=
                cJSON_GetNumberValue(cJSON_GetObjectItem(pr, "difference_vs_none")));
    cJSON_Delete(root);
    /* scarce data: 100 training rows (80 good, 20 bad) subsampled to 50, stratified */
    options.minority_share = 0;
    options.train_rows = 50;
    options.methods = "none,random";
    root = experiment_json(table, &options);
    assert_true(json_number(root, "settings", "mean_training_rows") == 50);
    cJSON_Delete(root);
    riskgan_table_free(table);
}

/* Balanced classes leave gan-auto nothing to add: it adds none instead of failing the whole
 * experiment (the card-fraud sample, 473 frauds and 473 genuine rows, stopped the study). */
static void test_gan_auto_on_balanced_classes_adds_none(void **state)
{
    (void)state;
    char text[64 * 100];
    size_t used = (size_t)sprintf(text, "score,band,bad\n");
    for (int r = 0; r < 80; r++)
        used += (size_t)sprintf(text + used, "%d,%c,%d\n", (r * 37) % 101 + 20 * (r % 2), 'a' + r % 3, r % 2);
    riskgan_table *table = table_from(text);
    riskgan_experiment_options options;
    riskgan_experiment_options_init(&options);
    options.target = "bad";
    options.methods = "none,gan-auto";
    options.algorithms = "logreg";
    options.folds = 2;
    options.repeats = 1;
    options.gan_epochs = 1;
    cJSON *root = experiment_json(table, &options);
    const cJSON *shares = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "methods"), "gan-auto"), "logreg"),
        "chosen_gap_share");
    const cJSON *share;
    cJSON_ArrayForEach(share, shares)
        assert_true(share->valuedouble == 0);
    cJSON_Delete(root);
    riskgan_table_free(table);
}

/* The scorecard is a model family of the experiment, gan-auto's ratio search included (its
 * curves once overran a table sized for two families); class weights leave it as it is: WoE
 * compares shares within each class, which weighting a class does not change. */
static void test_experiment_trains_the_scorecard_family(void **state)
{
    (void)state;
    char text[32 * 200];
    size_t used = (size_t)sprintf(text, "score,band,bad\n");
    for (int r = 0; r < 200; r++) /* risk rises with the score; a few bad rows anywhere */
        used += (size_t)sprintf(text + used, "%d,%c,%d\n", (r * 37) % 100, 'a' + r % 3,
                                (r * 37) % 100 >= 75 || r % 9 == 0);
    riskgan_table *table = table_from(text);
    riskgan_experiment_options options;
    riskgan_experiment_options_init(&options);
    options.target = "bad";
    options.methods = "none,weight,gan-auto";
    options.algorithms = "logreg,scorecard";
    options.folds = 2;
    options.repeats = 1;
    options.gan_epochs = 1;
    cJSON *root = experiment_json(table, &options);
    const cJSON *methods = cJSON_GetObjectItem(root, "methods");
    const cJSON *none = cJSON_GetObjectItem(cJSON_GetObjectItem(methods, "none"), "scorecard");
    const cJSON *weight = cJSON_GetObjectItem(cJSON_GetObjectItem(methods, "weight"), "scorecard");
    assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(methods, "none"), "xgboost"));
    double auc = cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(none, "roc_auc"), "mean"));
    assert_true(auc > 0.75 && auc <= 1);
    assert_true(auc == cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(weight, "roc_auc"), "mean")));
    const cJSON *shares = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(methods, "gan-auto"), "scorecard"), "chosen_gap_share");
    assert_int_equal(cJSON_GetArraySize(shares), 2);
    cJSON_Delete(root);
    riskgan_table_free(table);
}

/* --ratio auto through riskgan_augment: the curve covers the grid, none included, and the
 * rows added are those of the chosen point. */
static void test_ratio_auto_adds_the_chosen_rows(void **state)
{
    (void)state;
    riskgan_table *table = traced_table(150);
    riskgan_augment_options options;
    riskgan_augment_options_init(&options);
    options.target = "bad";
    options.method = RISKGAN_AUGMENT_RANDOM;
    options.auto_ratio = 1;
    options.ratio_model = RISKGAN_RISK_LOGREG;
    riskgan_ratio_curve curve;
    options.curve = &curve;
    riskgan_table *out;
    assert_int_equal(riskgan_augment(table, &options, &out), RISKGAN_OK);
    assert_int_equal(curve.points, RISKGAN_RATIO_GRID);
    assert_true(curve.gap_share[0] == 0 && curve.added_rows[0] == 0);
    assert_true(curve.added_rows[RISKGAN_RATIO_GRID - 1] == 120 - 30); /* 120 good, 30 bad */
    assert_true(curve.chosen < RISKGAN_RATIO_GRID);
    for (size_t g = 0; g < curve.points; g++)
        assert_true(curve.pr_auc[g] > 0 && curve.pr_auc[g] <= 1);
    assert_true(curve.pr_auc[curve.chosen] >= curve.pr_auc[0]);
    assert_int_equal(riskgan_table_rows(out), 150 + (size_t)curve.added_rows[curve.chosen]);
    riskgan_table_free(out);
    riskgan_table_free(table);
}

static void test_scorecard_points_by_hand(void **state)
{
    (void)state;
    riskgan_table *table = table_from("income,bad\n10,1\n20,1\n30,0\n40,1\n50,0\n60,0\n70,0\n80,1\n90,0\n100,0\n");
    riskgan_risk_model *model;
    assert_int_equal(riskgan_risk_fit(table, "bad", NULL, RISKGAN_RISK_LOGREG, 0, 1, &model), RISKGAN_OK);
    double p[10], points[10];
    assert_int_equal(riskgan_risk_score(model, table, p, points), RISKGAN_OK);
    for (int r = 0; r < 10; r++) /* 600 at even odds, 20 points per doubling of the good:bad odds */
        assert_true(fabs(points[r] - (600 + 20 / log(2.0) * log((1 - p[r]) / p[r]))) < 1e-9);
    assert_true(p[0] > p[9]); /* more income, less risk */
    /* the scorecard adds up to the same points: base + per-unit points x standardized income */
    char *card = temporary_path();
    assert_int_equal(riskgan_risk_write_scorecard(model, card), RISKGAN_OK);
    FILE *f = fopen(card, "r");
    char line[256];
    double base = NAN, per_unit = NAN;
    while (fgets(line, sizeof line, f)) {
        char *comma = strrchr(line, ',');
        if (strstr(line, "base points"))
            base = atof(comma + 1);
        else if (strstr(line, "income"))
            per_unit = atof(comma + 1);
    }
    fclose(f);
    double mean = 55, deviation = sqrt(8250.0 / 9); /* incomes 10..100: sum of squares 8250 */
    for (int r = 0; r < 10; r++) {
        double income = 10.0 * (r + 1);
        assert_true(fabs(base + per_unit * (income - mean) / deviation - points[r]) < 1e-3);
    }
    /* the model file round trip scores identically; xgboost cannot make a scorecard */
    assert_int_equal(riskgan_risk_model_save(model, card), RISKGAN_OK);
    riskgan_risk_model *loaded;
    assert_int_equal(riskgan_risk_model_load(card, &loaded), RISKGAN_OK);
    double q[10];
    assert_int_equal(riskgan_risk_score(loaded, table, q, NULL), RISKGAN_OK);
    assert_memory_equal(p, q, sizeof p);
    riskgan_risk_model_free(loaded);
    riskgan_risk_model *trees;
    assert_int_equal(riskgan_risk_fit(table, "bad", NULL, RISKGAN_RISK_XGBOOST, 0, 1, &trees), RISKGAN_OK);
    assert_int_equal(riskgan_risk_write_scorecard(trees, card), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_int_equal(riskgan_risk_model_save(trees, card), RISKGAN_OK);
    assert_int_equal(riskgan_risk_model_load(card, &loaded), RISKGAN_OK);
    assert_int_equal(riskgan_risk_score(loaded, table, q, NULL), RISKGAN_OK);
    riskgan_risk_score(trees, table, p, NULL);
    assert_memory_equal(p, q, sizeof p);
    riskgan_risk_model_free(loaded);
    f = fopen(card, "r+b");
    fseek(f, 40, SEEK_SET);
    fputc('#', f);
    fclose(f);
    assert_int_equal(riskgan_risk_model_load(card, &loaded), RISKGAN_ERR_FORMAT);
    riskgan_risk_model_free(trees);
    unlink(card);
    free(card);
    riskgan_risk_model_free(model);
    riskgan_table_free(table);
}

/* Rows added by oversampling are no customers: they carry no identifier (real ids must not
 * be copied or interpolated into them), and interpolated numbers keep their column's
 * decimals. */
static void test_added_rows_carry_no_identifier(void **state)
{
    (void)state;
    riskgan_table *table, *augmented;
    assert_int_equal(riskgan_table_read_csv(RISKGAN_TEST_DATA "/loans_with_ids.csv", NULL, &table), RISKGAN_OK);
    static const riskgan_augment_method methods[] = {RISKGAN_AUGMENT_SMOTENC, RISKGAN_AUGMENT_RANDOM};
    for (int m = 0; m < 2; m++) {
        riskgan_augment_options options;
        riskgan_augment_options_init(&options);
        options.target = "default";
        options.method = methods[m];
        assert_int_equal(riskgan_augment(table, &options, &augmented), RISKGAN_OK);
        size_t real = riskgan_table_rows(table), rows = riskgan_table_rows(augmented);
        assert_true(rows > real);
        long text_id = riskgan_table_find_column(augmented, "cust_id"), number_id = riskgan_table_find_column(augmented, "account");
        long rate = riskgan_table_find_column(augmented, "rate");
        for (size_t r = real; r < rows; r++) {
            assert_null(riskgan_table_category(augmented, r, (size_t)text_id));
            assert_true(isnan(riskgan_table_number(augmented, r, (size_t)number_id)));
            double v = riskgan_table_number(augmented, r, (size_t)rate);
            if (nearbyint(v * 100) / 100 != v)
                fail_msg("added rate %.17g has more than two decimals", v);
        }
        riskgan_table_free(augmented);
    }
    riskgan_table_free(table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_smote_interpolates_towards_nearest_neighbours),
        cmocka_unit_test(test_smotenc_takes_the_neighbours_category),
        cmocka_unit_test(test_augmentation_errors),
        cmocka_unit_test(test_experiment_folds_never_leak),
        cmocka_unit_test(test_adasyn_samples_near_the_border),
        cmocka_unit_test(test_class_weights_raise_minority_scores),
        cmocka_unit_test(test_auto_ratio_and_regimes_never_see_held_out_rows),
        cmocka_unit_test(test_experiment_trains_the_scorecard_family),
        cmocka_unit_test(test_ratio_auto_adds_the_chosen_rows),
        cmocka_unit_test(test_gan_auto_on_balanced_classes_adds_none),
        cmocka_unit_test(test_ratio_auto_ignores_a_model_that_saw_the_validation_rows),
        cmocka_unit_test(test_scorecard_points_by_hand),
        cmocka_unit_test(test_added_rows_carry_no_identifier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
