/* rng.c — xoshiro256** (Blackman & Vigna) with splitmix64 seeding. */
#include "rng.h"

#include <math.h>

static uint64_t rotate_left(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t rg_hash64(uint64_t key)
{
    uint64_t z = key + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void rg_rng_seed(rg_rng *rng, uint64_t seed)
{
    for (int i = 0; i < 4; i++) {
        rng->state[i] = rg_hash64(seed);
        seed += 0x9e3779b97f4a7c15ULL;
    }
}

uint64_t rg_rng_next(rg_rng *rng)
{
    uint64_t *s = rng->state;
    uint64_t result = rotate_left(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotate_left(s[3], 45);
    return result;
}

double rg_rng_uniform(rg_rng *rng) { return (double)(rg_rng_next(rng) >> 11) * 0x1.0p-53; }

double rg_rng_uniform_open(rg_rng *rng)
{
    return ((double)(rg_rng_next(rng) >> 11) + 0.5) * 0x1.0p-53;
}

uint64_t rg_rng_below(rg_rng *rng, uint64_t bound)
{
    uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        uint64_t r = rg_rng_next(rng);
        if (r >= threshold)
            return r % bound;
    }
}

double rg_rng_normal(rg_rng *rng)
{
    double u1 = rg_rng_uniform_open(rng), u2 = rg_rng_uniform(rng);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

void rg_rng_fill_normal(rg_rng *rng, float *out, size_t n)
{
    size_t i = 0;
    while (i < n) {
        double u = 2 * rg_rng_uniform(rng) - 1, v = 2 * rg_rng_uniform(rng) - 1, s = u * u + v * v;
        if (s >= 1 || s == 0)
            continue;
        double scale = sqrt(-2 * log(s) / s);
        out[i++] = (float)(u * scale);
        if (i < n)
            out[i++] = (float)(v * scale);
    }
}

double rg_rng_gumbel(rg_rng *rng) { return -log(-log(rg_rng_uniform_open(rng))); }

void rg_rng_shuffle(rg_rng *rng, uint32_t *values, uint32_t n)
{
    for (uint32_t i = n; i > 1; i--) {
        uint32_t j = (uint32_t)rg_rng_below(rng, i);
        uint32_t t = values[i - 1];
        values[i - 1] = values[j];
        values[j] = t;
    }
}
