/* condition_sampler.h — CTGAN's conditional vector and training-by-sampling:
 * pick a discrete column uniformly, a category by log-frequency, and real rows
 * that hold that category. */
#ifndef RISKGAN_MODELS_CONDITION_SAMPLER_H
#define RISKGAN_MODELS_CONDITION_SAMPLER_H

#include <stddef.h>
#include <stdint.h>

#include "../core/rng.h"
#include "../transform/transformer.h"

typedef struct {
    size_t span;        /* index into transformer->spans */
    size_t condition_start, levels;
    double *log_cumulative;  /* cumulative log(1 + count) probabilities, for training */
    double *cumulative;      /* cumulative empirical probabilities, for generation */
    uint32_t *rows;          /* training rows grouped by level */
    size_t *level_offset;    /* levels + 1 offsets into rows */
} rg_discrete_column;

typedef struct {
    size_t count;            /* discrete columns */
    rg_discrete_column *column;
    size_t condition_width;
    double *column_cumulative; /* probability of choosing each discrete column (training) */
    /* where the training rows are when they are spread over the ranks of a data-parallel
     * run (rg_condition_sampler_share): each rank's rows, and its rows per level of each
     * discrete column (ranks x condition_width) */
    int ranks;
    double *rank_rows, *rank_levels;
} rg_condition_sampler;

/* Builds the sampler from the transformer and the encoded training rows. When
 * `target_weight` > 0 and target_column is a discrete column, that column is chosen
 * with probability target_weight and the others share the rest. */
riskgan_status rg_condition_sampler_init(rg_condition_sampler *sampler, const rg_transformer *transformer,
                                         const float *encoded, size_t rows, long target_column,
                                         double target_weight);
/* Same sampler without row lists, for generation from a loaded model. */
riskgan_status rg_condition_sampler_init_for_generation(rg_condition_sampler *sampler,
                                                        const rg_transformer *transformer);
void rg_condition_sampler_free(rg_condition_sampler *sampler);

/* For each of n rows: a column (index into sampler->column) and a level drawn for
 * training; writes the one-hot conditional vector (n x condition_width). */
void rg_condition_sample_training(const rg_condition_sampler *sampler, size_t n, rg_rng *rng,
                                  uint32_t *column, uint32_t *level, float *condition);
/* Conditional vectors for generation: a uniformly chosen column, a level by its
 * empirical frequency. */
void rg_condition_sample_generation(const rg_condition_sampler *sampler, size_t n, rg_rng *rng,
                                    float *condition);
/* The same, also returning each row's column and level (differentially private training,
 * where conditions follow the noisy frequencies instead of training-by-sampling). */
void rg_condition_sample_empirical(const rg_condition_sampler *sampler, size_t n, rg_rng *rng, uint32_t *column,
                                   uint32_t *level, float *condition);
/* Collective: learns how many training rows each rank holds, per level of every discrete
 * column, so that a row can be drawn from the rows of all ranks (one rank: its own). */
riskgan_status rg_condition_sampler_share(rg_condition_sampler *sampler, size_t rows);
/* Draws a training row uniformly among all ranks' rows holding `level` of discrete column
 * `column` (column < 0: among all rows): *owner is the rank that holds it and *position
 * its place among that rank's candidates, for rg_condition_local_row on the owner. Every
 * rank draws the same row from the same stream. When no rank's rows hold the level (a
 * streamed block may lack it), the row is drawn among all rows and *column is set to -1:
 * *column is what rg_condition_local_row must be given. */
void rg_condition_locate_row(const rg_condition_sampler *sampler, long *column, uint32_t level, rg_rng *rng,
                             int *owner, size_t *position);
uint32_t rg_condition_local_row(const rg_condition_sampler *sampler, long column, uint32_t level,
                                size_t position);

#endif
