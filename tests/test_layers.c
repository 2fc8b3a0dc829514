/* test_layers.c — every layer's backward pass against Richardson-extrapolated central
 * differences, one Adam step against a hand computation, and an MLP's forward pass (whole,
 * and with its first inputs' share computed apart) against one in double precision. */
#include "test_support.h"

#include "nn/layers.h"
#include "nn/mlp.h"

enum { ROWS = 6, IN = 5, OUT = 4 };
static const double tolerance = 1e-3;

static void fill(float *x, size_t n, rg_rng *rng, float scale)
{
    for (size_t i = 0; i < n; i++)
        x[i] = (float)(rg_rng_normal(rng) * scale);
}

static double weighted_sum(const float *out, const float *r, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += (double)out[i] * r[i];
    return total;
}

/* ---- linear */
typedef struct {
    float in[ROWS * IN], weight[OUT * IN], bias[OUT], out[ROWS * OUT], r[ROWS * OUT];
} linear_case;

static double linear_loss(void *c)
{
    linear_case *k = c;
    rg_linear_forward(k->out, k->in, k->weight, k->bias, ROWS, IN, OUT);
    return weighted_sum(k->out, k->r, ROWS * OUT);
}

static void test_linear(void **state)
{
    (void)state;
    linear_case k;
    rg_rng rng;
    rg_rng_seed(&rng, 1);
    fill(k.in, ROWS * IN, &rng, 1), fill(k.weight, OUT * IN, &rng, 1), fill(k.bias, OUT, &rng, 1);
    fill(k.r, ROWS * OUT, &rng, 1);
    float d_in[ROWS * IN], d_weight[OUT * IN] = {0}, d_bias[OUT] = {0};
    linear_loss(&k);
    rg_linear_backward(d_in, d_weight, d_bias, k.r, k.in, k.weight, ROWS, IN, OUT, 0);
    assert_true(gradient_relative_error(linear_loss, &k, k.in, d_in, ROWS * IN, 100, 1e-2) < tolerance);
    assert_true(gradient_relative_error(linear_loss, &k, k.weight, d_weight, OUT * IN, 100, 1e-2) < tolerance);
    assert_true(gradient_relative_error(linear_loss, &k, k.bias, d_bias, OUT, 100, 1e-2) < tolerance);
}

/* ---- batch norm (training mode) */
typedef struct {
    float in[ROWS * IN], gamma[IN], beta[IN], out[ROWS * IN], normalized[ROWS * IN], inverse_std[IN], r[ROWS * IN];
} batchnorm_case;

static double batchnorm_loss(void *c)
{
    batchnorm_case *k = c;
    rg_batchnorm_forward_train(k->out, k->normalized, k->inverse_std, k->in, k->gamma, k->beta, NULL, NULL, ROWS, IN, NULL);
    return weighted_sum(k->out, k->r, ROWS * IN);
}

static void test_batchnorm(void **state)
{
    (void)state;
    batchnorm_case k;
    rg_rng rng;
    rg_rng_seed(&rng, 2);
    fill(k.in, ROWS * IN, &rng, 2), fill(k.gamma, IN, &rng, 1), fill(k.beta, IN, &rng, 1), fill(k.r, ROWS * IN, &rng, 1);
    float d_in[ROWS * IN], d_gamma[IN] = {0}, d_beta[IN] = {0};
    batchnorm_loss(&k);
    rg_batchnorm_backward(d_in, d_gamma, d_beta, k.r, k.normalized, k.inverse_std, k.gamma, ROWS, IN, NULL);
    double e_in = gradient_relative_error(batchnorm_loss, &k, k.in, d_in, ROWS * IN, 100, 1e-2);
    double e_gamma = gradient_relative_error(batchnorm_loss, &k, k.gamma, d_gamma, IN, 100, 1e-2);
    double e_beta = gradient_relative_error(batchnorm_loss, &k, k.beta, d_beta, IN, 100, 1e-2);
    if (e_in > tolerance || e_gamma > tolerance || e_beta > tolerance)
        fail_msg("batchnorm relative errors: in %.2e gamma %.2e beta %.2e", e_in, e_gamma, e_beta);
    /* evaluation mode with running statistics equal to the batch's is the same map */
    float running_mean[IN] = {0}, running_var[IN], eval_out[ROWS * IN];
    for (int d = 0; d < IN; d++)
        running_var[d] = 1;
    float out[ROWS * IN], normalized[ROWS * IN], inverse_std[IN];
    for (int i = 0; i < 200; i++)
        rg_batchnorm_forward_train(out, normalized, inverse_std, k.in, k.gamma, k.beta, running_mean, running_var, ROWS, IN, NULL);
    for (int d = 0; d < IN; d++) /* running variance is unbiased: rescale to the biased one */
        running_var[d] = running_var[d] * (ROWS - 1) / ROWS;
    rg_batchnorm_forward_eval(eval_out, k.in, k.gamma, k.beta, running_mean, running_var, ROWS, IN);
    for (int i = 0; i < ROWS * IN; i++)
        assert_true(fabsf(eval_out[i] - out[i]) < 1e-3f);
}

/* ---- elementwise activations */
typedef struct {
    int kind; /* 0 relu, 1 leaky, 2 tanh, 3 dropout */
    float in[ROWS * IN], out[ROWS * IN], mask[ROWS * IN], r[ROWS * IN];
} activation_case;

static double activation_loss(void *c)
{
    activation_case *k = c;
    size_t n = ROWS * IN;
    if (k->kind == 0)
        rg_relu_forward(k->out, k->in, n);
    else if (k->kind == 1)
        rg_leaky_relu_forward(k->out, k->in, 0.2f, n);
    else if (k->kind == 2)
        rg_tanh_forward(k->out, k->in, n);
    else {
        rg_rng rng;
        rg_rng_seed(&rng, 99); /* the same mask at every evaluation */
        rg_dropout_forward(k->out, k->mask, k->in, 0.5f, 1, (int)n, rg_one_stream(&rng));
    }
    return weighted_sum(k->out, k->r, n);
}

static void test_activations(void **state)
{
    (void)state;
    for (int kind = 0; kind < 4; kind++) {
        activation_case k = {.kind = kind};
        rg_rng rng;
        rg_rng_seed(&rng, 3 + (uint64_t)kind);
        fill(k.in, ROWS * IN, &rng, 1), fill(k.r, ROWS * IN, &rng, 1);
        for (int i = 0; i < ROWS * IN; i++) /* keep away from the kink at 0 */
            if (fabsf(k.in[i]) < 0.1f)
                k.in[i] += k.in[i] < 0 ? -0.2f : 0.2f;
        float d_in[ROWS * IN];
        activation_loss(&k);
        size_t n = ROWS * IN;
        if (kind == 0)
            rg_relu_backward(d_in, k.r, k.in, n);
        else if (kind == 1)
            rg_leaky_relu_backward(d_in, k.r, k.in, 0.2f, n);
        else if (kind == 2)
            rg_tanh_backward(d_in, k.r, k.out, n);
        else
            rg_dropout_backward(d_in, k.r, k.mask, n);
        double error = gradient_relative_error(activation_loss, &k, k.in, d_in, n, 100, 1e-2);
        if (error > tolerance)
            fail_msg("activation %d: relative error %.2e", kind, error);
    }
    /* dropout keeps about half the units, scaled by 2 */
    activation_case k = {.kind = 3};
    for (int i = 0; i < ROWS * IN; i++)
        k.in[i] = 1;
    activation_loss(&k);
    for (int i = 0; i < ROWS * IN; i++)
        assert_true(k.out[i] == 0.0f || k.out[i] == 2.0f);
}

/* ---- Gumbel-softmax (fixed noise) */
enum { WIDTH = 7, SPAN_START = 2, SPAN_WIDTH = 4 };
typedef struct {
    float logits[ROWS * WIDTH], out[ROWS * WIDTH], soft[ROWS * WIDTH], r[ROWS * WIDTH];
    int hard;
} gumbel_case;

static double gumbel_loss(void *c)
{
    gumbel_case *k = c;
    rg_rng rng;
    rg_rng_seed(&rng, 5);
    memset(k->out, 0, sizeof k->out);
    rg_gumbel_softmax_forward(k->out, k->soft, k->logits, ROWS, WIDTH, SPAN_START, SPAN_WIDTH, 0.2f, k->hard, rg_one_stream(&rng));
    double total = 0; /* the soft output is what the straight-through gradient follows */
    for (int r = 0; r < ROWS; r++)
        for (int c = SPAN_START; c < SPAN_START + SPAN_WIDTH; c++)
            total += (double)k->soft[r * WIDTH + c] * k->r[r * WIDTH + c];
    return total;
}

static void test_gumbel_softmax(void **state)
{
    (void)state;
    gumbel_case k = {.hard = 0};
    rg_rng rng;
    rg_rng_seed(&rng, 6);
    fill(k.logits, ROWS * WIDTH, &rng, 0.3f), fill(k.r, ROWS * WIDTH, &rng, 1);
    float d_logits[ROWS * WIDTH] = {0};
    gumbel_loss(&k);
    rg_gumbel_softmax_backward(d_logits, k.r, k.soft, ROWS, WIDTH, SPAN_START, SPAN_WIDTH, 0.2f);
    double error = 0, reference = 0;
    for (int r = 0; r < ROWS; r++)
        for (int c = SPAN_START; c < SPAN_START + SPAN_WIDTH; c++) {
            double numeric = numeric_derivative(gumbel_loss, &k, k.logits, (size_t)(r * WIDTH + c), 1e-3);
            error += pow(d_logits[r * WIDTH + c] - numeric, 2);
            reference += numeric * numeric;
        }
    if (sqrt(error / reference) > tolerance)
        fail_msg("gumbel-softmax relative error %.2e", sqrt(error / reference));
    /* each row's span sums to one; hard mode gives the soft argmax as a one-hot */
    k.hard = 1;
    gumbel_loss(&k);
    for (int r = 0; r < ROWS; r++) {
        double sum = 0;
        int best = 0, ones = 0;
        for (int c = 0; c < SPAN_WIDTH; c++) {
            sum += k.soft[r * WIDTH + SPAN_START + c];
            if (k.soft[r * WIDTH + SPAN_START + c] > k.soft[r * WIDTH + SPAN_START + best])
                best = c;
            ones += k.out[r * WIDTH + SPAN_START + c] == 1.0f;
        }
        assert_true(fabs(sum - 1) < 1e-5);
        assert_int_equal(ones, 1);
        assert_true(k.out[r * WIDTH + SPAN_START + best] == 1.0f);
        assert_true(k.out[r * WIDTH] == 0.0f); /* columns outside the span untouched */
    }
}

/* ---- Adam, by hand: two steps on one parameter */
static void test_adam_against_hand_computation(void **state)
{
    (void)state;
    rg_adam_options o = {.learning_rate = 0.1f, .beta1 = 0.5f, .beta2 = 0.9f, .epsilon = 1e-8f, .weight_decay = 0.01f};
    float p = 1.0f, m = 0, v = 0, g = 2.0f;
    rg_adam_step(&p, &g, &m, &v, 1, &o, 1);
    /* g' = 2 + 0.01*1 = 2.01; m = 1.005; v = 0.404010; m^ = 2.01; v^ = 4.0401; step = 0.1 */
    assert_true(fabsf(m - 1.005f) < 1e-6f);
    assert_true(fabsf(v - 0.404010f) < 1e-6f);
    assert_true(fabsf(p - 0.9f) < 1e-6f);
    g = -1.0f;
    rg_adam_step(&p, &g, &m, &v, 1, &o, 2);
    /* g' = -1 + 0.009 = -0.991; m = 0.5025 - 0.4955 = 0.007; v = 0.3636090 + 0.0982081 = 0.4618171;
     * m^ = 0.007/0.75 = 0.0093333; v^ = 0.4618171/0.19 = 2.4306163; step = 0.1*0.0093333/1.5590434 */
    assert_true(fabsf(p - (0.9f - 0.000598655f)) < 2e-6f);
}

/* The softmax cross-entropy's gradient against central finite differences of its loss, and
 * its loss against -log softmax computed by hand. */
static void test_softmax_cross_entropy(void **state)
{
    (void)state;
    float logits[2 * 4] = {0.3f, -1.2f, 2.0f, 0.5f, -0.7f, 0.1f, 0.4f, 1.5f};
    uint16_t targets[2] = {2, 0};
    float gradient[8];
    double loss = rg_softmax_cross_entropy(logits, targets, 2, 4, 2.0, gradient);
    double expected = 0;
    for (int r = 0; r < 2; r++) {
        double sum = 0;
        for (int k = 0; k < 4; k++)
            sum += exp(logits[r * 4 + k]);
        expected += log(sum) - logits[r * 4 + targets[r]];
    }
    assert_true(fabs(loss - expected) < 1e-6);
    for (int i = 0; i < 8; i++) {
        float saved = logits[i];
        logits[i] = saved + 1e-3f;
        double up = rg_softmax_cross_entropy(logits, targets, 2, 4, 2.0, NULL);
        logits[i] = saved - 1e-3f;
        double down = rg_softmax_cross_entropy(logits, targets, 2, 4, 2.0, NULL);
        logits[i] = saved;
        double numeric = (up - down) / 2e-3 / 2.0; /* the gradient is of the loss over the scale */
        assert_true(fabs(numeric - gradient[i]) < 1e-3);
    }
}

/* ---- MLP forward, whole and with the first inputs' share apart */
enum { MLP_ROWS = 7, MLP_IN = 9, MLP_SKIP = 4, MLP_HIDDEN = 6, MLP_OUT = 3 };

static void mlp_by_hand(const rg_mlp *mlp, const float *in, double *out)
{
    const float *w1 = mlp->parameters, *b1 = w1 + MLP_HIDDEN * MLP_IN;
    const float *w2 = b1 + MLP_HIDDEN, *b2 = w2 + MLP_OUT * MLP_HIDDEN;
    for (int r = 0; r < MLP_ROWS; r++)
        for (int o = 0; o < MLP_OUT; o++) {
            double sum = b2[o];
            for (int h = 0; h < MLP_HIDDEN; h++) {
                double z = b1[h];
                for (int i = 0; i < MLP_IN; i++)
                    z += (double)w1[h * MLP_IN + i] * in[r * MLP_IN + i];
                sum += (double)w2[o * MLP_HIDDEN + h] * (z > 0 ? z : 0);
            }
            out[r * MLP_OUT + o] = sum;
        }
}

static void test_mlp_forward_with_a_part(void **state)
{
    (void)state;
    rg_rng rng;
    rg_rng_seed(&rng, 11);
    rg_mlp mlp;
    int dims[3] = {MLP_IN, MLP_HIDDEN, MLP_OUT};
    assert_int_equal(rg_mlp_init(&mlp, 2, dims, RG_ACTIVATION_RELU, &rng), RISKGAN_OK);
    rg_mlp_trace trace = {0};
    assert_int_equal(rg_mlp_trace_init(&trace, &mlp, MLP_ROWS), RISKGAN_OK);
    float in[MLP_ROWS * MLP_IN], first[MLP_ROWS * MLP_SKIP], part[MLP_ROWS * MLP_HIDDEN];
    fill(in, MLP_ROWS * MLP_IN, &rng, 1.0f);
    for (int r = 0; r < MLP_ROWS; r++)
        memcpy(first + r * MLP_SKIP, in + r * MLP_IN, MLP_SKIP * sizeof *first);
    double want[MLP_ROWS * MLP_OUT];
    mlp_by_hand(&mlp, in, want);
    const float *whole = rg_mlp_forward(&mlp, in, MLP_ROWS, &trace);
    for (int k = 0; k < MLP_ROWS * MLP_OUT; k++)
        assert_true(fabs(whole[k] - want[k]) < 1e-5);
    rg_mlp_first_layer_part(&mlp, first, MLP_SKIP, MLP_ROWS, part);
    for (int r = 0; r < MLP_ROWS; r++) /* the part's inputs are not read again */
        for (int i = 0; i < MLP_SKIP; i++)
            in[r * MLP_IN + i] = NAN;
    uint32_t part_row[MLP_ROWS];
    for (int r = 0; r < MLP_ROWS; r++) /* rows in reverse: each reads its own part row */
        part_row[r] = (uint32_t)(MLP_ROWS - 1 - r);
    for (int r = 0; r < MLP_ROWS / 2; r++)
        for (int i = 0; i < MLP_IN; i++) {
            float t = in[r * MLP_IN + i];
            in[r * MLP_IN + i] = in[(MLP_ROWS - 1 - r) * MLP_IN + i], in[(MLP_ROWS - 1 - r) * MLP_IN + i] = t;
        }
    const float *split = rg_mlp_forward_with_part(&mlp, in, MLP_SKIP, part, part_row, MLP_ROWS, &trace);
    for (int r = 0; r < MLP_ROWS; r++)
        for (int o = 0; o < MLP_OUT; o++)
            assert_true(fabs(split[r * MLP_OUT + o] - want[(MLP_ROWS - 1 - r) * MLP_OUT + o]) < 1e-5);
    rg_mlp_trace_free(&trace);
    rg_mlp_free(&mlp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear),
        cmocka_unit_test(test_batchnorm),
        cmocka_unit_test(test_activations),
        cmocka_unit_test(test_gumbel_softmax),
        cmocka_unit_test(test_adam_against_hand_computation),
        cmocka_unit_test(test_softmax_cross_entropy),
        cmocka_unit_test(test_mlp_forward_with_a_part),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
