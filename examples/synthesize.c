/* synthesize.c — a complete program on the public API: read a CSV, fit riskgan's default
 * synthesizer with a progress callback, save the model, sample rows conditioned on the
 * target, and evaluate plain samples against the training rows.
 *
 *   synthesize DATA.csv TARGET OUTPUT_PREFIX [EPOCHS]
 */
#include <riskgan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void report(const riskgan_progress *p, void *user)
{
    (void)user;
    if (p->epoch % 25 == 0 || p->epoch == p->epochs)
        fprintf(stderr, "epoch %d/%d  G %.3f  D %.3f\n", p->epoch, p->epochs, p->generator_loss, p->discriminator_loss);
}

static int fail(const char *what)
{
    fprintf(stderr, "%s: %s\n", what, riskgan_last_error());
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s DATA.csv TARGET OUTPUT_PREFIX [EPOCHS]\n", argv[0]);
        return 2;
    }
    const char *target = argv[2], *prefix = argv[3];
    char path[4096];
    riskgan_table *table, *train, *test, *bad, *synthetic;
    if (riskgan_table_read_csv(argv[1], NULL, &table) != RISKGAN_OK)
        return fail("read");
    if (riskgan_table_split(table, target, 0.3, 0, &train, &test) != RISKGAN_OK)
        return fail("split");

    riskgan_fit_options options;
    riskgan_fit_options_init(&options, RISKGAN_PRESET_DEFAULT);
    options.target = target;
    options.epochs = argc > 4 ? atoi(argv[4]) : 300;
    options.progress = report;
    riskgan_model *model;
    if (riskgan_fit(train, &options, &model) != RISKGAN_OK)
        return fail("fit");
    snprintf(path, sizeof path, "%s.rgan", prefix);
    if (riskgan_model_save(model, path) != RISKGAN_OK)
        return fail("save");

    /* rows of the minority class only, through the conditional vector */
    riskgan_condition where = {target, "1"};
    if (riskgan_sample(model, 100, 7, &where, &bad) == RISKGAN_OK) {
        snprintf(path, sizeof path, "%s.positive.csv", prefix);
        riskgan_table_write_csv(bad, path);
        riskgan_table_free(bad);
    }

    if (riskgan_sample(model, riskgan_table_rows(train), 1, NULL, &synthetic) != RISKGAN_OK)
        return fail("sample");
    riskgan_evaluate_options evaluate_options;
    riskgan_evaluate_options_init(&evaluate_options);
    evaluate_options.target = target;
    riskgan_evaluation *evaluation;
    if (riskgan_evaluate(train, test, synthetic, &evaluate_options, &evaluation) != RISKGAN_OK)
        return fail("evaluate");
    riskgan_evaluation_scores s;
    riskgan_evaluation_get_scores(evaluation, &s);
    printf("quality %.3f  detection AUC %.3f  TSTR %.3f  TRTR %.3f\n", s.quality, s.detection_auc, s.tstr_auc, s.trtr_auc);
    snprintf(path, sizeof path, "%s.report.html", prefix);
    riskgan_evaluation_write_html(evaluation, path);

    riskgan_evaluation_free(evaluation);
    riskgan_table_free(synthetic);
    riskgan_model_free(model);
    riskgan_table_free(train);
    riskgan_table_free(test);
    riskgan_table_free(table);
    return 0;
}
