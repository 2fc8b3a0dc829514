/* fit_sample.c — the key that decides whether a row belongs to the fit sample. */
#include "fit_sample.h"

#include "../core/rng.h"

uint64_t rg_fit_sample_key(uint64_t seed, size_t row)
{
    return rg_hash64(seed ^ rg_hash64(0x5A3D1E5ull + row));
}
