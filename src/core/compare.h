/* compare.h — the qsort / bsearch comparators, shared by every module that sorts. */
#ifndef RISKGAN_CORE_COMPARE_H
#define RISKGAN_CORE_COMPARE_H

#include <stdint.h>

/* Ascending order of doubles (NaN never reaches it: callers drop missing values first). */
static inline int rg_compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Ascending order of 32-bit unsigned indices. */
static inline int rg_compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

#endif
