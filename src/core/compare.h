/* compare.h — the qsort / bsearch comparator for doubles, shared by every module that sorts. */
#ifndef RISKGAN_CORE_COMPARE_H
#define RISKGAN_CORE_COMPARE_H

/* Ascending order of doubles (NaN never reaches it: callers drop missing values first). */
static inline int rg_compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#endif
