/* ctgan_generation.c — rows from a trained CTGAN generator, conditioned or not. */
#include "ctgan_generation.h"

#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "ctgan_generator_network.h"

riskgan_status rg_ctgan_generate(const rg_ctgan *m, const rg_transformer *t, const rg_condition_sampler *sampler,
                                 size_t rows, long condition_column, long condition_level, const float *logit_bias,
                                 rg_rng *rng, float *out, size_t *agreeing)
{
    if (agreeing)
        *agreeing = 0;
    enum { CHUNK = 1000 };
    int cond = m->condition_dim;
    generator_layout g = rg_ctgan_generator_offsets(m->noise_dim + cond, m->hidden, m->data_dim);
    generator_workspace w;
    riskgan_status status = rg_generator_workspace_init(&w, &g, CHUNK);
    float *condition = rg_calloc((size_t)CHUNK * (cond ? cond : 1), sizeof(float));
    if (status != RISKGAN_OK || !condition) {
        rg_generator_workspace_free(&w);
        free(condition);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t done = 0; done < rows; done += CHUNK) {
        int n = rows - done < CHUNK ? (int)(rows - done) : CHUNK;
        w.rows = n;
        rg_rng_fill_normal(rng, w.x0, (size_t)n * g.input);
        if (condition_column >= 0) {
            memset(condition, 0, (size_t)n * cond * sizeof(float));
            size_t offset = sampler->column[condition_column].condition_start + (size_t)condition_level;
            for (int r = 0; r < n; r++)
                condition[(size_t)r * cond + offset] = 1;
        } else if (cond) {
            rg_condition_sample_generation(sampler, (size_t)n, rng, condition);
        }
        for (int r = 0; r < n; r++)
            memcpy(w.x0 + (size_t)r * g.input + m->noise_dim, condition + (size_t)r * cond, (size_t)cond * sizeof(float));
        rg_ctgan_generator_forward(&g, m->generator, m->running, &w, t, 0, logit_bias, rg_one_stream(rng), NULL);
        memcpy(out + done * m->data_dim, w.act, (size_t)n * m->data_dim * sizeof(float));
        if (condition_column >= 0) { /* the conditioned value is exact, not just likely */
            const rg_span *span = &t->spans[sampler->column[condition_column].span];
            for (int r = 0; r < n; r++) {
                float *row = out + (done + (size_t)r) * m->data_dim + span->start;
                size_t generated = 0;
                for (size_t c = 1; c < span->width; c++)
                    generated = row[c] > row[generated] ? c : generated;
                if (agreeing)
                    *agreeing += (long)generated == condition_level;
                for (size_t c = 0; c < span->width; c++)
                    row[c] = (long)c == condition_level ? 1.0f : 0.0f;
            }
        }
    }
    rg_generator_workspace_free(&w);
    free(condition);
    return RISKGAN_OK;
}
