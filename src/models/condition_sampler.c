/* condition_sampler.c — conditional vectors and training-by-sampling (Xu et al. 2019, 4.3). */
#include "condition_sampler.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../core/parallel.h"

static size_t draw(const double *cumulative, size_t n, double u)
{
    size_t low = 0, high = n - 1;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (cumulative[middle] > u)
            high = middle;
        else
            low = middle + 1;
    }
    return low;
}

static riskgan_status init_columns(rg_condition_sampler *s, const rg_transformer *t)
{
    memset(s, 0, sizeof *s);
    for (size_t k = 0; k < t->span_count; k++)
        s->count += t->spans[k].conditional;
    s->condition_width = t->condition_width;
    s->column = rg_calloc(s->count ? s->count : 1, sizeof *s->column);
    s->column_cumulative = rg_calloc(s->count ? s->count : 1, sizeof *s->column_cumulative);
    if (!s->column || !s->column_cumulative)
        return RISKGAN_ERR_NO_MEMORY;
    size_t d = 0;
    for (size_t k = 0; k < t->span_count; k++) {
        const rg_span *span = &t->spans[k];
        if (!span->conditional)
            continue;
        rg_discrete_column *c = &s->column[d++];
        const rg_column_encoder *e = &t->column[span->column];
        c->span = k;
        c->condition_start = span->condition_start;
        c->levels = span->width;
        c->log_cumulative = rg_calloc(c->levels, sizeof *c->log_cumulative);
        c->cumulative = rg_calloc(c->levels, sizeof *c->cumulative);
        if (!c->log_cumulative || !c->cumulative)
            return RISKGAN_ERR_NO_MEMORY;
        double log_total = 0, total = 0;
        for (size_t l = 0; l < c->levels; l++) {
            log_total += c->log_cumulative[l] = log1p(e->level_frequency[l]);
            total += c->cumulative[l] = e->level_frequency[l];
        }
        double log_running = 0, running = 0;
        for (size_t l = 0; l < c->levels; l++) {
            log_running += c->log_cumulative[l];
            running += c->cumulative[l];
            c->log_cumulative[l] = log_running / log_total;
            c->cumulative[l] = running / total;
        }
    }
    for (size_t i = 0; i < s->count; i++)
        s->column_cumulative[i] = (double)(i + 1) / (double)s->count;
    return RISKGAN_OK;
}

riskgan_status rg_condition_sampler_init_for_generation(rg_condition_sampler *s, const rg_transformer *t)
{
    riskgan_status status = init_columns(s, t);
    if (status != RISKGAN_OK)
        rg_condition_sampler_free(s);
    return status;
}

riskgan_status rg_condition_sampler_init(rg_condition_sampler *s, const rg_transformer *t,
                                         const float *encoded, size_t rows, long target_column,
                                         double target_weight)
{
    riskgan_status status = init_columns(s, t);
    for (size_t d = 0; d < s->count && status == RISKGAN_OK; d++) {
        rg_discrete_column *c = &s->column[d];
        size_t start = t->spans[c->span].start;
        c->rows = rg_calloc(rows, sizeof *c->rows);
        c->level_offset = rg_calloc(c->levels + 1, sizeof *c->level_offset);
        if (!c->rows || !c->level_offset) {
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        for (size_t r = 0; r < rows; r++) {
            const float *row = encoded + r * t->width + start;
            size_t l = 0;
            while (l + 1 < c->levels && row[l] < 0.5f)
                l++;
            c->level_offset[l + 1]++;
        }
        for (size_t l = 0; l < c->levels; l++)
            c->level_offset[l + 1] += c->level_offset[l];
        size_t *fill = rg_calloc(c->levels, sizeof *fill);
        if (!fill) {
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        for (size_t r = 0; r < rows; r++) {
            const float *row = encoded + r * t->width + start;
            size_t l = 0;
            while (l + 1 < c->levels && row[l] < 0.5f)
                l++;
            c->rows[c->level_offset[l] + fill[l]++] = (uint32_t)r;
        }
        free(fill);
    }
    if (status == RISKGAN_OK && target_weight > 0 && s->count > 1) {
        long target = -1;
        for (size_t d = 0; d < s->count; d++)
            if ((long)t->spans[s->column[d].span].column == target_column)
                target = (long)d;
        if (target >= 0) {
            double running = 0, other = (1 - target_weight) / (double)(s->count - 1);
            for (size_t d = 0; d < s->count; d++)
                s->column_cumulative[d] = running += (long)d == target ? target_weight : other;
            s->column_cumulative[s->count - 1] = 1;
        }
    }
    if (status != RISKGAN_OK)
        rg_condition_sampler_free(s);
    return status;
}

void rg_condition_sampler_free(rg_condition_sampler *s)
{
    for (size_t d = 0; s->column && d < s->count; d++) {
        free(s->column[d].log_cumulative);
        free(s->column[d].cumulative);
        free(s->column[d].rows);
        free(s->column[d].level_offset);
    }
    free(s->column);
    free(s->column_cumulative);
    free(s->rank_rows);
    free(s->rank_levels);
    memset(s, 0, sizeof *s);
}

void rg_condition_sample_training(const rg_condition_sampler *s, size_t n, rg_rng *rng,
                                  uint32_t *column, uint32_t *level, float *condition)
{
    memset(condition, 0, n * s->condition_width * sizeof *condition);
    for (size_t i = 0; i < n; i++) {
        size_t d = draw(s->column_cumulative, s->count, rg_rng_uniform(rng));
        const rg_discrete_column *c = &s->column[d];
        size_t l = draw(c->log_cumulative, c->levels, rg_rng_uniform(rng));
        column[i] = (uint32_t)d;
        level[i] = (uint32_t)l;
        condition[i * s->condition_width + c->condition_start + l] = 1;
    }
}

void rg_condition_sample_empirical(const rg_condition_sampler *s, size_t n, rg_rng *rng, uint32_t *column,
                                   uint32_t *level, float *condition)
{
    memset(condition, 0, n * s->condition_width * sizeof *condition);
    if (!s->count)
        return;
    for (size_t i = 0; i < n; i++) {
        size_t d = rg_rng_below(rng, s->count);
        const rg_discrete_column *c = &s->column[d];
        size_t l = draw(c->cumulative, c->levels, rg_rng_uniform(rng));
        if (column) {
            column[i] = (uint32_t)d;
            level[i] = (uint32_t)l;
        }
        condition[i * s->condition_width + c->condition_start + l] = 1;
    }
}

void rg_condition_sample_generation(const rg_condition_sampler *s, size_t n, rg_rng *rng, float *condition)
{
    rg_condition_sample_empirical(s, n, rng, NULL, NULL, condition);
}

riskgan_status rg_condition_sampler_share(rg_condition_sampler *s, size_t rows)
{
    int ranks = rg_parallel_size();
    size_t width = s->condition_width + 1; /* the rank's rows, then its level counts */
    double *mine = rg_calloc(width, sizeof *mine);
    s->rank_levels = rg_calloc((size_t)ranks * width, sizeof *s->rank_levels);
    s->rank_rows = rg_calloc((size_t)ranks, sizeof *s->rank_rows);
    if (!mine || !s->rank_levels || !s->rank_rows) {
        free(mine);
        return RISKGAN_ERR_NO_MEMORY;
    }
    mine[0] = (double)rows;
    for (size_t d = 0; d < s->count; d++) {
        const rg_discrete_column *c = &s->column[d];
        for (size_t l = 0; l < c->levels; l++)
            mine[1 + c->condition_start + l] = (double)(c->level_offset[l + 1] - c->level_offset[l]);
    }
    rg_parallel_gather_doubles(mine, width, s->rank_levels);
    for (int q = 0; q < ranks; q++) { /* keep the level counts contiguous per rank */
        s->rank_rows[q] = s->rank_levels[(size_t)q * width];
        memmove(s->rank_levels + (size_t)q * s->condition_width, s->rank_levels + (size_t)q * width + 1,
                s->condition_width * sizeof *s->rank_levels);
    }
    s->ranks = ranks;
    free(mine);
    return RISKGAN_OK;
}

void rg_condition_locate_row(const rg_condition_sampler *s, long *list, uint32_t level, rg_rng *rng, int *owner,
                             size_t *position)
{
    long column = *list;
    size_t offset = column >= 0 ? s->column[column].condition_start + level : 0;
    double total = 0;
    for (int q = 0; q < s->ranks; q++)
        total += column >= 0 ? s->rank_levels[(size_t)q * s->condition_width + offset] : s->rank_rows[q];
    if (total < 1 && column >= 0) { /* a level no row here holds (a block's, a noisy count's): any row */
        *list = -1;
        rg_condition_locate_row(s, list, 0, rng, owner, position);
        return;
    }
    uint64_t k = rg_rng_below(rng, (uint64_t)total);
    int q = 0;
    for (;; q++) {
        uint64_t here = (uint64_t)(column >= 0 ? s->rank_levels[(size_t)q * s->condition_width + offset]
                                               : s->rank_rows[q]);
        if (k < here || q + 1 == s->ranks)
            break;
        k -= here;
    }
    *owner = q;
    *position = (size_t)k;
}

uint32_t rg_condition_local_row(const rg_condition_sampler *s, long column, uint32_t level, size_t position)
{
    if (column < 0)
        return (uint32_t)position;
    const rg_discrete_column *c = &s->column[column];
    return c->rows[c->level_offset[level] + position];
}
