/* test_scorecard.c — src/credit/scorecard.c, src/risk/stability.c, the monitoring pages and
 * the scorecard risk model: points scaled by hand (600 at 50:1, 20 points to double) from the fitted coefficients, the probability the points
 * imply equal to the logistic regression's on WoE, reason codes in the order of the points
 * lost, a copy of a feature dropped as correlated, the model file giving the same scores, and
 * clear errors for a target of one class and for features that separate nothing; PSI and CSI
 * zero on the same population and by hand on a shifted one; validation's Brier score,
 * Hosmer-Lemeshow statistic and gains recomputed here from the model's probabilities. */
#include "test_support.h"

#include "credit/scorecard.h"
#include "riskgan.h"

/* grade (A: 10 % bad, B: 30 %, C: 60 %), region (north 20 %, south 40 %), and twin = grade. */
static riskgan_table *credit_table(int with_twin, int one_class)
{
    static const char *const grades[] = {"A", "B", "C"};
    static const int bad_of_100[] = {10, 30, 60};
    size_t size = 64 * 1200 + 64;
    char *csv = malloc(size);
    size_t used = (size_t)snprintf(csv, size, with_twin ? "grade,region,twin,bad\n" : "grade,region,bad\n");
    for (int g = 0; g < 3; g++)
        for (int i = 0; i < 400; i++) {
            int north = i % 2, bad = one_class ? 0 : (i / 2) % 100 < bad_of_100[g] + (north ? -5 : 5);
            used += (size_t)snprintf(csv + used, size - used, "%s,%s,", grades[g], north ? "north" : "south");
            if (with_twin)
                used += (size_t)snprintf(csv + used, size - used, "%s,", grades[g]);
            used += (size_t)snprintf(csv + used, size - used, "%d\n", bad);
        }
    char *path = write_temporary(csv, used);
    riskgan_table *t = NULL;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &t), RISKGAN_OK);
    unlink(path), free(path), free(csv);
    return t;
}

static void points_follow_the_scaling_and_the_regression(void **state)
{
    (void)state;
    riskgan_table *t = credit_table(0, 0);
    riskgan_scorecard_options o;
    riskgan_scorecard_options_init(&o);
    rg_scorecard card;
    assert_int_equal(rg_scorecard_fit(t, "bad", "1", &o, &card), RISKGAN_OK);
    assert_int_equal(card.selected_count, 2);
    double factor = 20 / log(2.0), offset = 600 - factor * log(50.0);
    assert_true(fabs(card.base_points - (offset - factor * card.intercept)) < 1e-9);
    for (size_t k = 0; k < card.selected_count; k++) {
        const rg_feature_binning *f = &card.binning->feature[card.selected[k]];
        assert_true(card.coefficient[k] < 0);
        for (size_t j = 0; j < f->bin_count; j++)
            assert_true(fabs(card.points[k][j] - (-factor * card.coefficient[k] * f->bins[j].woe)) < 1e-9);
    }
    size_t rows = riskgan_table_rows(t);
    double *p = calloc(rows, sizeof *p), *score = calloc(rows, sizeof *score);
    assert_int_equal(rg_scorecard_score(&card, t, p, score, NULL, 0), RISKGAN_OK);
    for (size_t r = 0; r < rows; r += 97) { /* the regression's probability from the WoE, by hand */
        double logit = card.intercept;
        for (size_t k = 0; k < card.selected_count; k++) {
            const rg_feature_binning *f = &card.binning->feature[card.selected[k]];
            long bin = rg_binning_bin_of(f, t, (size_t)riskgan_table_find_column(t, f->feature), r);
            logit += card.coefficient[k] * f->bins[bin].woe;
        }
        assert_true(fabs(p[r] - 1 / (1 + exp(-logit))) < 1e-9);
        assert_true(fabs(score[r] - (offset - factor * logit)) < 1e-6);
    }
    assert_true(score[0] > score[rows - 1]); /* grade A scores above grade C */
    free(p), free(score);
    rg_scorecard_free(&card);
    riskgan_table_free(t);
}

static void reasons_name_the_features_that_lost_most(void **state)
{
    (void)state;
    riskgan_table *t = credit_table(0, 0);
    riskgan_scorecard_options o;
    riskgan_scorecard_options_init(&o);
    rg_scorecard card;
    assert_int_equal(rg_scorecard_fit(t, "bad", "1", &o, &card), RISKGAN_OK);
    size_t rows = riskgan_table_rows(t);
    long *reasons = calloc(rows * 2, sizeof *reasons);
    assert_int_equal(rg_scorecard_score(&card, t, NULL, NULL, reasons, 2), RISKGAN_OK);
    long grade = card.binning->feature[card.selected[0]].categorical &&
                         strcmp(card.binning->feature[card.selected[0]].feature, "grade") == 0 ? 0 : 1;
    /* row 0: grade A (the best grade), region south (the worse region): one reason, region */
    assert_int_equal(reasons[0], 1 - grade);
    assert_int_equal(reasons[1], -1);
    /* the last row: grade C, region north: grade lost more than region (which lost nothing) */
    assert_int_equal(reasons[2 * (rows - 1)], grade);
    assert_int_equal(reasons[2 * (rows - 1) + 1], -1);
    /* the row before: grade C, south: both, grade first (grade's spread is the wider) */
    assert_int_equal(reasons[2 * (rows - 2)], grade);
    assert_int_equal(reasons[2 * (rows - 2) + 1], 1 - grade);
    free(reasons);
    rg_scorecard_free(&card);
    riskgan_table_free(t);
}

static void a_copy_of_a_feature_is_dropped(void **state)
{
    (void)state;
    riskgan_table *t = credit_table(1, 0);
    riskgan_scorecard_options o;
    riskgan_scorecard_options_init(&o);
    rg_scorecard card;
    assert_int_equal(rg_scorecard_fit(t, "bad", "1", &o, &card), RISKGAN_OK);
    assert_int_equal(card.selected_count, 2); /* grade (or its twin) and region */
    rg_scorecard_free(&card);
    riskgan_table_free(t);
}

static void the_model_file_scores_the_same(void **state)
{
    (void)state;
    riskgan_table *t = credit_table(0, 0);
    riskgan_risk_model *m = NULL, *loaded = NULL;
    assert_int_equal(riskgan_risk_fit(t, "bad", "1", RISKGAN_RISK_SCORECARD, 1, 1, &m), RISKGAN_OK);
    char *path = temporary_path();
    assert_int_equal(riskgan_risk_model_save(m, path), RISKGAN_OK);
    assert_int_equal(riskgan_risk_model_load(path, &loaded), RISKGAN_OK);
    size_t rows = riskgan_table_rows(t);
    double *a = calloc(2 * rows, sizeof *a), *b = calloc(2 * rows, sizeof *b);
    assert_int_equal(riskgan_risk_score(m, t, a, a + rows), RISKGAN_OK);
    assert_int_equal(riskgan_risk_score(loaded, t, b, b + rows), RISKGAN_OK);
    assert_memory_equal(a, b, 2 * rows * sizeof *a);
    free(a), free(b);
    unlink(path), free(path);
    riskgan_risk_model_free(m), riskgan_risk_model_free(loaded);
    riskgan_table_free(t);
}

static void errors_say_why(void **state)
{
    (void)state;
    riskgan_table *t = credit_table(0, 1);
    riskgan_risk_model *m = NULL;
    assert_int_not_equal(riskgan_risk_fit_scorecard(t, "bad", NULL, NULL, &m), RISKGAN_OK);
    assert_null(m);
    assert_non_null(strstr(riskgan_last_error(), "bad"));
    riskgan_table_free(t);

    t = credit_table(0, 0);
    riskgan_scorecard_options o;
    riskgan_scorecard_options_init(&o);
    o.min_iv = 5; /* nothing is that strong */
    assert_int_equal(riskgan_risk_fit_scorecard(t, "bad", "1", &o, &m), RISKGAN_ERR_SCHEMA);
    assert_non_null(strstr(riskgan_last_error(), "no feature"));
    o.min_iv = 0.02, o.pdo = 0;
    assert_int_equal(riskgan_risk_fit_scorecard(t, "bad", "1", &o, &m), RISKGAN_ERR_INVALID_ARGUMENT);
    riskgan_table_free(t);
}

/* The current population holds grade C only: the grade's CSI by hand over its three bins
 * (baseline shares 1/3 each, current 0, 0, 1 with empty shares floored at 0.0001). */
static void stability_by_hand(void **state)
{
    (void)state;
    riskgan_table *t = credit_table(0, 0);
    riskgan_risk_model *m = NULL;
    assert_int_equal(riskgan_risk_fit(t, "bad", "1", RISKGAN_RISK_SCORECARD, 1, 1, &m), RISKGAN_OK);
    riskgan_stability same, shifted;
    assert_int_equal(riskgan_risk_stability(m, t, t, &same), RISKGAN_OK);
    assert_true(fabs(same.score_psi) < 1e-12);
    for (size_t f = 0; f < same.features; f++)
        assert_true(fabs(same.csi[f]) < 1e-12);
    assert_string_equal(riskgan_stability_light(same.score_psi), "stable");

    static const char csv[] = "grade,region,bad\nC,north,1\nC,south,0\n";
    char *path = write_temporary(csv, strlen(csv));
    riskgan_table *only_c = NULL;
    assert_int_equal(riskgan_risk_read_csv(m, path, NULL, &only_c), RISKGAN_OK);
    assert_int_equal(riskgan_risk_stability(m, t, only_c, &shifted), RISKGAN_OK);
    double third = 1.0 / 3, floor = 1e-4;
    double expected = 2 * (floor - third) * log(floor / third) + (1 - third) * log(1 / third);
    size_t grade = strcmp(shifted.feature[0], "grade") == 0 ? 0 : 1;
    assert_string_equal(shifted.feature[grade], "grade");
    assert_true(fabs(shifted.csi[grade] - expected) < 1e-9);
    assert_string_equal(riskgan_stability_light(shifted.csi[grade]), "act");
    assert_string_equal(riskgan_stability_light(0.1), "watch");
    riskgan_stability_free(&same), riskgan_stability_free(&shifted);
    unlink(path), free(path);
    riskgan_table_free(only_c), riskgan_table_free(t);
    riskgan_risk_model_free(m);
}

/* The pages say what the numbers say: the shifted grade's row red with "act", the unchanged
 * population's score card green; the validation page names each data set and flags a
 * Hosmer-Lemeshow p below 0.05. */
static void monitoring_pages(void **state)
{
    (void)state;
    riskgan_table *t = credit_table(0, 0);
    riskgan_risk_model *m = NULL;
    assert_int_equal(riskgan_risk_fit(t, "bad", "1", RISKGAN_RISK_SCORECARD, 1, 1, &m), RISKGAN_OK);
    static const char csv[] = "grade,region,bad\nC,north,1\nC,south,0\n";
    char *data = write_temporary(csv, strlen(csv)), *html = temporary_path();
    riskgan_table *only_c = NULL;
    assert_int_equal(riskgan_risk_read_csv(m, data, NULL, &only_c), RISKGAN_OK);
    riskgan_stability same, shifted;
    assert_int_equal(riskgan_risk_stability(m, t, t, &same), RISKGAN_OK);
    assert_int_equal(riskgan_risk_stability(m, t, only_c, &shifted), RISKGAN_OK);
    assert_int_equal(riskgan_stability_write_html(&shifted, html), RISKGAN_OK);
    char *page = read_whole_file(html, NULL);
    const char *grade = strstr(page, "<tr><td>grade</td>");
    assert_non_null(grade);
    assert_true(strstr(grade, "class='poor'>act</td>") < strstr(grade, "</tr>"));
    free(page);
    assert_int_equal(riskgan_stability_write_html(&same, html), RISKGAN_OK);
    page = read_whole_file(html, NULL);
    assert_non_null(strstr(page, "<div class='card good'><div class='title'>score PSI</div><div class='value'>0.0000"));
    free(page);
    riskgan_validation v[2];
    assert_int_equal(riskgan_risk_validate(m, t, &v[0]), RISKGAN_OK);
    v[1] = v[0];
    v[1].hosmer_lemeshow_p = 0.01;
    const char *names[2] = {"train", "oot<2019>"};
    assert_int_equal(riskgan_validation_write_html(names, v, 2, html), RISKGAN_OK);
    page = read_whole_file(html, NULL);
    assert_non_null(strstr(page, "<tr><td>train</td>"));
    assert_non_null(strstr(page, "<h2>oot&lt;2019&gt;</h2>")); /* escaped */
    assert_non_null(strstr(page, "<td class='poor'>0.010</td>"));
    assert_non_null(strstr(page, "Calibration"));
    free(page);
    assert_int_equal(riskgan_validation_write_html(names, v, 0, html), RISKGAN_ERR_INVALID_ARGUMENT);
    riskgan_stability_free(&same), riskgan_stability_free(&shifted);
    unlink(data), unlink(html), free(data), free(html);
    riskgan_table_free(only_c), riskgan_table_free(t);
    riskgan_risk_model_free(m);
}

static int by_probability_down(const void *a, const void *b)
{
    double x = ((const double *)a)[0], y = ((const double *)b)[0];
    return (x < y) - (x > y);
}

static void validation_by_hand(void **state)
{
    (void)state;
    riskgan_table *t = credit_table(0, 0);
    riskgan_risk_model *m = NULL;
    assert_int_equal(riskgan_risk_fit(t, "bad", "1", RISKGAN_RISK_SCORECARD, 1, 1, &m), RISKGAN_OK);
    riskgan_validation v;
    assert_int_equal(riskgan_risk_validate(m, t, &v), RISKGAN_OK);
    size_t n = riskgan_table_rows(t);
    double *p = calloc(n, sizeof *p), (*pair)[2] = calloc(n, sizeof *pair), brier = 0, events = 0;
    assert_int_equal(riskgan_risk_score(m, t, p, NULL), RISKGAN_OK);
    long bad = riskgan_table_find_column(t, "bad");
    for (size_t r = 0; r < n; r++) {
        double y = riskgan_table_number(t, r, (size_t)bad);
        brier += (p[r] - y) * (p[r] - y), events += y;
        pair[r][0] = p[r], pair[r][1] = y;
    }
    assert_int_equal(v.rows, n);
    assert_true((double)v.events == events);
    assert_true(fabs(v.brier - brier / (double)n) < 1e-12);
    assert_true(fabs(v.gini - (2 * v.auc - 1)) < 1e-12);
    qsort(pair, n, sizeof *pair, by_probability_down);
    double hl = 0, caught = 0;
    for (size_t g = 0; g < 10; g++) {
        double observed = 0, expected = 0, size = (double)((g + 1) * n / 10 - g * n / 10);
        for (size_t r = g * n / 10; r < (g + 1) * n / 10; r++)
            observed += pair[r][1], expected += pair[r][0];
        assert_true(fabs(v.gains[g].mean_probability - expected / size) < 1e-12);
        hl += (observed - expected) * (observed - expected) / (expected * (1 - expected / size));
        caught += observed;
        assert_true((double)v.gains[g].events == observed);
        assert_true(fabs(v.gains[g].cumulative_event_share - caught / events) < 1e-12);
    }
    assert_true(fabs(v.hosmer_lemeshow - hl) < 1e-9);
    /* chi-square with 8 degrees of freedom: P(X > x) = e^(-x/2) (1 + x/2 + (x/2)^2/2 + (x/2)^3/6) */
    double h = hl / 2, p_value = exp(-h) * (1 + h + h * h / 2 + h * h * h / 6);
    assert_true(fabs(v.hosmer_lemeshow_p - p_value) < 1e-9);
    assert_true(v.gains[0].event_rate >= v.gains[9].event_rate);
    free(p), free(pair);
    riskgan_risk_model_free(m);
    riskgan_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(points_follow_the_scaling_and_the_regression),
        cmocka_unit_test(reasons_name_the_features_that_lost_most),
        cmocka_unit_test(a_copy_of_a_feature_is_dropped),
        cmocka_unit_test(the_model_file_scores_the_same),
        cmocka_unit_test(errors_say_why),
        cmocka_unit_test(stability_by_hand),
        cmocka_unit_test(validation_by_hand),
        cmocka_unit_test(monitoring_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
