/* test_critic_chunks.c — the critic update computed in chunks of packs side by side gives
 * what one pass over all packs gives: the same draws for every pack (dropout masks, penalty
 * points), so the loss, the penalty and the gradients agree to float rounding; and one chunk
 * is exactly the sequential pass of ctgan_critic.c. */
#include "test_support.h"

#include "core/rng.h"
#include "models/critic_chunks.h"
#include "models/ctgan_critic.h"

enum { PACKS = 7, DIN = 12, HIDDEN = 10 };

typedef struct {
    float *parameters, real[PACKS * DIN], fake[PACKS * DIN];
    size_t count;
    rg_rng streams[PACKS];
} critic_case;

static void setup(critic_case *k)
{
    rg_discriminator_layout d = rg_ctgan_discriminator_offsets(DIN, HIDDEN);
    k->count = d.total;
    k->parameters = malloc(k->count * sizeof(float));
    rg_rng rng;
    rg_rng_seed(&rng, 5);
    for (size_t i = 0; i < k->count; i++)
        k->parameters[i] = (float)(rg_rng_normal(&rng) * 0.4);
    for (int i = 0; i < PACKS * DIN; i++)
        k->real[i] = (float)rg_rng_normal(&rng), k->fake[i] = (float)rg_rng_normal(&rng);
}

static void reseed(critic_case *k)
{
    for (int g = 0; g < PACKS; g++)
        rg_rng_seed(&k->streams[g], 100 + (uint64_t)g);
}

static void step(critic_case *k, int chunks_wanted, float *grad, double sums[2], float *d_input, double *score)
{
    rg_critic_chunks chunks;
    assert_int_equal(rg_critic_chunks_init(&chunks, PACKS, DIN, HIDDEN, k->count, chunks_wanted), RISKGAN_OK);
    assert_int_equal(chunks.count, chunks_wanted);
    rg_streams streams = {k->streams, 1, PACKS};
    reseed(k);
    rg_critic_chunks_step(&chunks, k->parameters, k->real, k->fake, 20, streams, 0.5f, grad, sums);
    reseed(k);
    *score = rg_critic_chunks_input_gradient(&chunks, k->parameters, k->fake, 20, streams, 0.5f, d_input);
    rg_critic_chunks_free(&chunks);
}

static void expect_close(const float *a, const float *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fabsf(a[i] - b[i]) > 1e-5f * (1 + fabsf(b[i])))
            fail_msg("element %zu: %g vs %g", i, (double)a[i], (double)b[i]);
}

static void test_chunks_agree_with_one_pass(void **state)
{
    (void)state;
    critic_case k;
    setup(&k);
    float *grad[3], d_input[3][PACKS * DIN];
    double sums[3][2], score[3];
    for (int c = 0; c < 3; c++) {
        grad[c] = calloc(k.count, sizeof(float));
        step(&k, c + 1, grad[c], sums[c], d_input[c], &score[c]);
    }
    assert_true(sums[0][1] > 0); /* a penalty far from 0: the check below means something */
    for (int c = 1; c < 3; c++) {
        assert_true(fabs(sums[c][0] - sums[0][0]) < 1e-6 && fabs(sums[c][1] - sums[0][1]) < 1e-6 * sums[0][1]);
        assert_true(fabs(score[c] - score[0]) < 1e-6);
        expect_close(grad[c], grad[0], k.count);
        expect_close(d_input[c], d_input[0], PACKS * DIN);
    }
    for (int c = 0; c < 3; c++)
        free(grad[c]);
    free(k.parameters);
}

/* One chunk is the sequential pass: forward over [real; fake] packs, backward, the penalty at
 * the points drawn after the masks, each pack's draws from its own stream. */
static void test_one_chunk_is_the_sequential_pass(void **state)
{
    (void)state;
    critic_case k;
    setup(&k);
    float *grad = calloc(k.count, sizeof(float)), *expected = calloc(k.count, sizeof(float));
    float d_input[PACKS * DIN];
    double sums[2], score;
    step(&k, 1, grad, sums, d_input, &score);
    rg_discriminator_workspace pairs, mixed;
    assert_int_equal(rg_discriminator_workspace_init(&pairs, 2 * PACKS, DIN, HIDDEN), RISKGAN_OK);
    assert_int_equal(rg_discriminator_workspace_init(&mixed, PACKS, DIN, HIDDEN), RISKGAN_OK);
    float both[2 * PACKS * DIN], d_out[2 * PACKS], points[PACKS * DIN];
    memcpy(both, k.real, sizeof k.real);
    memcpy(both + PACKS * DIN, k.fake, sizeof k.fake);
    rg_streams streams = {k.streams, 1, PACKS};
    reseed(&k);
    rg_discriminator_forward(k.parameters, &pairs, both, 2 * PACKS, 0.5f, streams);
    double loss = 0;
    for (int r = 0; r < PACKS; r++) {
        loss += pairs.out[PACKS + r] - pairs.out[r];
        d_out[r] = -1.0f / 20, d_out[PACKS + r] = 1.0f / 20;
    }
    rg_discriminator_backward(k.parameters, expected, &pairs, both, d_out, 2 * PACKS, NULL);
    for (int r = 0; r < PACKS; r++) {
        float alpha = (float)rg_rng_uniform(&k.streams[r]);
        for (int c = 0; c < DIN; c++)
            points[r * DIN + c] = alpha * k.real[r * DIN + c] + (1 - alpha) * k.fake[r * DIN + c];
    }
    rg_discriminator_forward(k.parameters, &mixed, points, PACKS, 0.5f, streams);
    double penalty = rg_discriminator_gradient_penalty(k.parameters, expected, &mixed, PACKS, 10.0f * PACKS / 20);
    assert_true(sums[0] == loss / 20 && sums[1] == penalty);
    assert_memory_equal(grad, expected, k.count * sizeof(float));
    rg_discriminator_workspace_free(&pairs);
    rg_discriminator_workspace_free(&mixed);
    free(grad), free(expected), free(k.parameters);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chunks_agree_with_one_pass),
        cmocka_unit_test(test_one_chunk_is_the_sequential_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
