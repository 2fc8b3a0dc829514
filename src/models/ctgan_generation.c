/* ctgan_generation.c — rows from a trained CTGAN generator, conditioned or not. */
#include "ctgan_generation.h"

#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../core/threads.h"
#include "ctgan_generator_network.h"

enum { BLOCK = 1000 }; /* rows per block: each has its own random stream */

/* Rows [first, first + n) into out, drawn from the block's stream. */
static void generate_block(const rg_ctgan *m, const rg_transformer *t, const rg_condition_sampler *sampler,
                           const generator_layout *g, generator_workspace *w, float *condition, int n,
                           long condition_column, long condition_level, const float *logit_bias, rg_rng *rng,
                           float *out, size_t *agreeing)
{
    int cond = m->condition_dim;
    w->rows = n;
    rg_rng_fill_normal(rng, w->x0, (size_t)n * g->input);
    if (condition_column >= 0) {
        memset(condition, 0, (size_t)n * cond * sizeof(float));
        size_t offset = sampler->column[condition_column].condition_start + (size_t)condition_level;
        for (int r = 0; r < n; r++)
            condition[(size_t)r * cond + offset] = 1;
    } else if (cond) {
        rg_condition_sample_generation(sampler, (size_t)n, rng, condition);
    }
    for (int r = 0; r < n; r++)
        memcpy(w->x0 + (size_t)r * g->input + m->noise_dim, condition + (size_t)r * cond, (size_t)cond * sizeof(float));
    rg_ctgan_generator_forward(g, m->generator, m->running, w, t, 0, logit_bias, rg_one_stream(rng), NULL);
    memcpy(out, w->act, (size_t)n * m->data_dim * sizeof(float));
    if (condition_column < 0)
        return;
    const rg_span *span = &t->spans[sampler->column[condition_column].span]; /* the value exact, not just likely */
    for (int r = 0; r < n; r++) {
        float *row = out + (size_t)r * m->data_dim + span->start;
        size_t generated = 0;
        for (size_t c = 1; c < span->width; c++)
            generated = row[c] > row[generated] ? c : generated;
        *agreeing += (long)generated == condition_level;
        for (size_t c = 0; c < span->width; c++)
            row[c] = (long)c == condition_level ? 1.0f : 0.0f;
    }
}

/* Blocks are generated in parallel, each with single-threaded matrix products and its own
 * stream (from one draw of rng and the block's number): the rows do not depend on the
 * number of threads. */
riskgan_status rg_ctgan_generate(const rg_ctgan *m, const rg_transformer *t, const rg_condition_sampler *sampler,
                                 size_t rows, long condition_column, long condition_level, const float *logit_bias,
                                 rg_rng *rng, float *out, size_t *agreeing)
{
    size_t agreed = 0;
    long blocks = (long)((rows + BLOCK - 1) / BLOCK);
    uint64_t base = rg_rng_next(rng);
    int cond = m->condition_dim, failed = 0;
    generator_layout g = rg_ctgan_generator_offsets(m->noise_dim + cond, m->hidden, m->data_dim);
    int blas_threads = rg_blas_set_threads(1);
#pragma omp parallel reduction(+ : agreed) reduction(| : failed)
    {
        generator_workspace w;
        float *condition = rg_calloc((size_t)BLOCK * (cond ? cond : 1), sizeof(float));
        failed = rg_generator_workspace_init(&w, &g, BLOCK) != RISKGAN_OK || !condition;
#pragma omp for schedule(dynamic)
        for (long b = 0; b < blocks; b++) {
            if (failed)
                continue;
            rg_rng block_rng;
            rg_rng_seed(&block_rng, rg_hash64(base ^ rg_hash64((uint64_t)b + 1)));
            size_t first = (size_t)b * BLOCK;
            int n = rows - first < BLOCK ? (int)(rows - first) : BLOCK;
            generate_block(m, t, sampler, &g, &w, condition, n, condition_column, condition_level, logit_bias,
                           &block_rng, out + first * m->data_dim, &agreed);
        }
        rg_generator_workspace_free(&w);
        free(condition);
    }
    rg_blas_set_threads(blas_threads);
    if (agreeing)
        *agreeing = agreed;
    return failed ? RISKGAN_ERR_NO_MEMORY : RISKGAN_OK;
}
