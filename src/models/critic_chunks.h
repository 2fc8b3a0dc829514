/* critic_chunks.h — one critic update's packs split into chunks computed side by side, one
 * per thread, each with single-threaded matrix products and its own gradient buffer. */
#ifndef RISKGAN_MODELS_CRITIC_CHUNKS_H
#define RISKGAN_MODELS_CRITIC_CHUNKS_H

#include <stddef.h>

#include "../nn/layers.h"
#include "ctgan_critic.h"
#include "riskgan.h"

typedef struct {
    int first_pack, packs;
    rg_discriminator_workspace pairs, interpolated;
    float *input;        /* [the chunk's real packs; its generated packs], din wide */
    float *interpolates, *d_out;
    float *grad;         /* the chunk's critic gradient (the caller's buffer for one chunk) */
    double loss, penalty;
} rg_critic_chunk;

typedef struct {
    int count, din;
    size_t parameters;
    rg_critic_chunk *chunk;
} rg_critic_chunks;

/* The chunks for `packs` packs: one per thread, each of RG_PARALLEL_STREAMS packs or more. */
int rg_critic_chunk_count(int packs);

/* `packs` packs of din inputs split into `count` chunks (at most one per pack) for a critic
 * of `parameters` parameters and hidden width `hidden`. More than one chunk needs one random
 * stream a pack in the passes below. */
riskgan_status rg_critic_chunks_init(rg_critic_chunks *chunks, int packs, int din, int hidden, size_t parameters,
                                     int count);
void rg_critic_chunks_free(rg_critic_chunks *chunks);

/* The WGAN-GP critic loss of one batch: real and fake hold `packs` packs each; `groups` packs
 * in the whole batch (all ranks); pack g draws dropout masks and its penalty point from
 * streams.stream[g] (one stream a pack; a single chunk may draw all from one stream). grad
 * receives the gradient of loss + penalty (overwritten), summed over the chunks in order;
 * sums[0] the loss, sums[1] the penalty.
 * The draws of a pack do not depend on the chunks: only the summation order does. */
void rg_critic_chunks_step(rg_critic_chunks *chunks, const float *parameters, const float *real, const float *fake,
                           int groups, rg_streams streams, float dropout, float *grad, double sums[2]);

/* The generator's side of its update: the critic's scores of `packs` generated packs in
 * fake and the gradient of -sum(score) / groups with respect to them, written to d_input
 * (packs x din); no parameter gradient. Returns the sum of the scores. Pack g draws its
 * dropout masks from streams.stream[g]. */
double rg_critic_chunks_input_gradient(rg_critic_chunks *chunks, const float *parameters, const float *fake,
                                       int groups, rg_streams streams, float dropout, float *d_input);

#endif
