/* test_tvae.c — TVAE's loss gradient (encoder, reparameterization, KL, decoder, sigmas)
 * against finite differences. */
#include "test_support.h"

#include "data/table.h"
#include "models/tvae.h"
#include "transform/transformer_fit.h"
#include "transform/transformer_encode.h"

typedef struct {
    rg_tvae *model;
    rg_transformer *transformer;
    float *batch, *eps;
    int rows;
} tvae_case;

static double tvae_loss(void *c)
{
    tvae_case *k = c;
    return rg_tvae_batch_loss(k->model, k->transformer, k->batch, k->rows, k->eps, NULL, NULL);
}

static void test_tvae_gradient(void **state)
{
    (void)state;
    char text[4096];
    size_t used = (size_t)sprintf(text, "amount,kind,flag\n");
    rg_rng rng;
    rg_rng_seed(&rng, 4);
    for (int r = 0; r < 50; r++)
        used += (size_t)sprintf(text + used, "%.2f,%s,%d\n", r % 2 ? 10 + rg_rng_normal(&rng) : 40 + 2 * rg_rng_normal(&rng),
                                r % 3 == 0 ? "x" : "y", r % 2);
    char *path = write_temporary(text, used);
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    rg_transformer_options options;
    rg_transformer_options_default(&options);
    rg_transformer *t;
    assert_int_equal(rg_transformer_fit(table, &options, &t), RISKGAN_OK);
    rg_tvae model;
    assert_int_equal(rg_tvae_init(&model, (int)t->width, 6, 3, &rng), RISKGAN_OK);
    tvae_case k = {.model = &model, .transformer = t, .rows = 7};
    k.batch = calloc(table->rows * t->width, sizeof(float));
    assert_int_equal(rg_transformer_encode(t, table, rg_rng_next(&rng), 0, k.batch, NULL), RISKGAN_OK);
    k.eps = calloc((size_t)k.rows * model.latent, sizeof(float));
    for (int i = 0; i < k.rows * model.latent; i++)
        k.eps[i] = (float)rg_rng_normal(&rng);
    float *grad = calloc(model.count, sizeof(float));
    double kl;
    double loss = rg_tvae_batch_loss(&model, t, k.batch, k.rows, k.eps, grad, &kl);
    assert_true(isfinite(loss) && kl > 0 && loss > kl);
    double error = gradient_relative_error(tvae_loss, &k, model.parameters, grad, model.count, 500, 1e-3);
    if (error > 1e-3)
        fail_msg("TVAE: relative error %.2e", error);
    free(grad);
    free(k.batch);
    free(k.eps);
    rg_tvae_free(&model);
    rg_transformer_free(t);
    riskgan_table_free(table);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tvae_gradient),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
