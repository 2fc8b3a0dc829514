/* test_ctgan.c — CTGAN's gradients: discriminator backward, the gradient penalty's double
 * backpropagation and the generator's backward (residual blocks, batch norm, tanh and
 * Gumbel-softmax heads), all against finite differences. */
#include "test_support.h"

#include "data/table.h"
#include "models/ctgan.h"
#include "models/ctgan_critic.h"
#include "models/ctgan_generation.h"
#include "models/ctgan_generator_network.h"
#include "models/ctgan_probe.h"
#include "models/ctgan_training.h"
#include "transform/transformer.h"
#include "transform/transformer_fit.h"

static const double tolerance = 1e-3;
enum { GROUPS = 5, INPUT = 9, HIDDEN = 8 };

typedef struct {
    float *parameters;
    rg_discriminator_workspace w;
    float in[GROUPS * INPUT], r[GROUPS];
    int penalty; /* 0: sum(r * D(x)); 1: gradient penalty */
} discriminator_case;

static double discriminator_loss(void *c)
{
    discriminator_case *k = c;
    rg_rng rng;
    rg_rng_seed(&rng, 11); /* same dropout masks at every evaluation */
    rg_discriminator_forward(k->parameters, &k->w, k->in, GROUPS, 0.5f, rg_one_stream(&rng));
    if (k->penalty) {
        size_t count = (size_t)HIDDEN * INPUT + HIDDEN + (size_t)HIDDEN * HIDDEN + HIDDEN + HIDDEN + 1;
        float *scratch = calloc(count, sizeof(float));
        double p = rg_discriminator_gradient_penalty(k->parameters, scratch, &k->w, GROUPS, 10.0f);
        free(scratch);
        return p;
    }
    double total = 0;
    for (int r = 0; r < GROUPS; r++)
        total += (double)k->w.out[r] * k->r[r];
    return total;
}

static void setup_discriminator(discriminator_case *k, size_t *count)
{
    rg_ctgan model;
    rg_rng rng;
    rg_rng_seed(&rng, 3);
    /* data 7 + condition 2 = 9 = INPUT with pac 1 */
    assert_int_equal(rg_ctgan_init(&model, 7, 2, 4, HIDDEN, 1, &rng), RISKGAN_OK);
    *count = model.discriminator_count;
    k->parameters = malloc(*count * sizeof(float));
    for (size_t i = 0; i < *count; i++) /* larger than the init so the penalty is far from 0 */
        k->parameters[i] = model.discriminator[i] * 3;
    rg_ctgan_free(&model);
    assert_int_equal(rg_discriminator_workspace_init(&k->w, GROUPS, INPUT, HIDDEN), RISKGAN_OK);
    for (int i = 0; i < GROUPS * INPUT; i++)
        k->in[i] = (float)rg_rng_normal(&rng);
    for (int i = 0; i < GROUPS; i++)
        k->r[i] = (float)rg_rng_normal(&rng);
}

static void test_discriminator_backward(void **state)
{
    (void)state;
    discriminator_case k = {.penalty = 0};
    size_t count;
    setup_discriminator(&k, &count);
    float *grad = calloc(count, sizeof(float)), d_in[GROUPS * INPUT];
    discriminator_loss(&k);
    rg_discriminator_backward(k.parameters, grad, &k.w, k.in, k.r, GROUPS, d_in);
    double e_params = gradient_relative_error(discriminator_loss, &k, k.parameters, grad, count, 400, 1e-3);
    double e_input = gradient_relative_error(discriminator_loss, &k, k.in, d_in, GROUPS * INPUT, 400, 1e-3);
    if (e_params > tolerance || e_input > tolerance)
        fail_msg("discriminator: parameter error %.2e, input error %.2e", e_params, e_input);
    free(grad);
    free(k.parameters);
    rg_discriminator_workspace_free(&k.w);
}

static void test_gradient_penalty_double_backprop(void **state)
{
    (void)state;
    discriminator_case k = {.penalty = 1};
    size_t count;
    setup_discriminator(&k, &count);
    float *grad = calloc(count, sizeof(float));
    rg_rng rng;
    rg_rng_seed(&rng, 11);
    rg_discriminator_forward(k.parameters, &k.w, k.in, GROUPS, 0.5f, rg_one_stream(&rng));
    double penalty = rg_discriminator_gradient_penalty(k.parameters, grad, &k.w, GROUPS, 10.0f);
    assert_true(penalty > 0.1);
    /* the input gradient it penalizes equals the plain backward's input gradient */
    float ones[GROUPS], d_in[GROUPS * INPUT];
    for (int r = 0; r < GROUPS; r++)
        ones[r] = 1;
    rg_discriminator_backward(k.parameters, NULL, &k.w, k.in, ones, GROUPS, d_in);
    for (int i = 0; i < GROUPS * INPUT; i++)
        assert_true(fabsf(d_in[i] - k.w.g_x[i]) < 1e-5f);
    double error = gradient_relative_error(discriminator_loss, &k, k.parameters, grad, count, 400, 1e-3);
    if (error > tolerance)
        fail_msg("gradient penalty: relative error %.2e", error);
    free(grad);
    free(k.parameters);
    rg_discriminator_workspace_free(&k.w);
}

typedef struct {
    rg_ctgan *model;
    rg_transformer *transformer;
    float *x0, *weights;
    int rows;
} generator_case;

static double generator_loss(void *c)
{
    generator_case *k = c;
    return rg_ctgan_generator_probe(k->model, k->transformer, k->x0, k->rows, k->weights, 21, NULL);
}

static void test_generator_backward(void **state)
{
    (void)state;
    /* a small mixed table gives tanh, mode and category spans */
    char text[4096];
    size_t used = (size_t)sprintf(text, "amount,kind,flag\n");
    rg_rng rng;
    rg_rng_seed(&rng, 8);
    for (int r = 0; r < 60; r++)
        used += (size_t)sprintf(text + used, "%.2f,%s,%d\n", r % 2 ? 10 + rg_rng_normal(&rng) : 50 + 3 * rg_rng_normal(&rng),
                                r % 3 == 0 ? "a" : r % 3 == 1 ? "b" : "c", r % 2);
    char *path = write_temporary(text, used);
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    rg_transformer_options options;
    rg_transformer_options_default(&options);
    rg_transformer *t;
    assert_int_equal(rg_transformer_fit(table, &options, &t), RISKGAN_OK);
    rg_ctgan model;
    assert_int_equal(rg_ctgan_init(&model, (int)t->width, (int)t->condition_width, 3, 6, 1, &rng), RISKGAN_OK);
    generator_case k = {.model = &model, .transformer = t, .rows = 8};
    int input = model.noise_dim + model.condition_dim;
    k.x0 = calloc((size_t)k.rows * input, sizeof(float));
    k.weights = calloc((size_t)k.rows * t->width, sizeof(float));
    for (int i = 0; i < k.rows * input; i++)
        k.x0[i] = (float)rg_rng_normal(&rng);
    for (size_t i = 0; i < k.rows * t->width; i++)
        k.weights[i] = (float)rg_rng_normal(&rng);
    float *grad = calloc(model.generator_count, sizeof(float));
    rg_ctgan_generator_probe(&model, t, k.x0, k.rows, k.weights, 21, grad);
    double error = gradient_relative_error(generator_loss, &k, model.generator, grad, model.generator_count, 600, 1e-3);
    if (error > tolerance)
        fail_msg("generator: relative error %.2e over %zu parameters", error, model.generator_count);
    free(grad);
    free(k.x0);
    free(k.weights);
    rg_ctgan_free(&model);
    rg_transformer_free(t);
    riskgan_table_free(table);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_discriminator_backward),
        cmocka_unit_test(test_gradient_penalty_double_backprop),
        cmocka_unit_test(test_generator_backward),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
