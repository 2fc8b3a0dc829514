/* rng.h — the seeded random number generator used everywhere (xoshiro256**). */
#ifndef RISKGAN_CORE_RNG_H
#define RISKGAN_CORE_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t state[4];
} rg_rng;

/* splitmix64's output function: a well-mixed 64-bit value for each key, for draws that
 * must depend only on what they are for (a row's index), not on what was drawn before. */
uint64_t rg_hash64(uint64_t key);
/* Seeds through splitmix64 so that nearby seeds give unrelated streams. */
void rg_rng_seed(rg_rng *rng, uint64_t seed);
uint64_t rg_rng_next(rg_rng *rng);
/* Uniform in [0, 1) with 53 random bits. */
double rg_rng_uniform(rg_rng *rng);
/* Uniform in (0, 1): safe to take the logarithm of. */
double rg_rng_uniform_open(rg_rng *rng);
/* Uniform integer in [0, bound), bound > 0, without modulo bias. */
uint64_t rg_rng_below(rg_rng *rng, uint64_t bound);
/* Standard normal (Box-Muller, one value per call, no cached state). */
double rg_rng_normal(rg_rng *rng);
/* Fills out[0..n) with standard normals (Marsaglia's polar method, both values of
 * each pair used): the fast path for noise vectors. */
void rg_rng_fill_normal(rg_rng *rng, float *out, size_t n);
/* Standard Gumbel: -log(-log(U)). */
double rg_rng_gumbel(rg_rng *rng);
/* In-place Fisher-Yates shuffle of n indices. */
void rg_rng_shuffle(rg_rng *rng, uint32_t *values, uint32_t n);

#endif
