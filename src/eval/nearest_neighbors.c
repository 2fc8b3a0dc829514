/* nearest_neighbors.c — blocked brute-force nearest neighbours on top of sgemm. */
#include "nearest_neighbors.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "../core/memory.h"
#include "../nn/layers.h"

enum { BLOCK = 256 };

static void squared_norms(const float *rows, size_t n, size_t width, float *out)
{
    for (size_t r = 0; r < n; r++) {
        double sum = 0;
        for (size_t c = 0; c < width; c++)
            sum += (double)rows[r * width + c] * rows[r * width + c];
        out[r] = (float)sum;
    }
}

riskgan_status rg_nearest_two(const float *queries, size_t nq, const float *references, size_t nr, size_t width,
                              double *nearest, double *second)
{
    float *products = rg_calloc((size_t)BLOCK * nr, sizeof *products);
    float *reference_norm = rg_calloc(nr, sizeof *reference_norm);
    if (!products || !reference_norm) {
        free(products), free(reference_norm);
        return RISKGAN_ERR_NO_MEMORY;
    }
    squared_norms(references, nr, width, reference_norm);
    for (size_t begin = 0; begin < nq; begin += BLOCK) {
        size_t rows = nq - begin < BLOCK ? nq - begin : BLOCK;
        rg_matmul(0, 1, (int)rows, (int)nr, (int)width, 1.0f, queries + begin * width, (int)width, references,
                  (int)width, 0.0f, products, (int)nr);
#pragma omp parallel for schedule(static)
        for (size_t q = 0; q < rows; q++) {
            const float *query = queries + (begin + q) * width;
            double query_norm = 0;
            for (size_t c = 0; c < width; c++)
                query_norm += (double)query[c] * query[c];
            double best = DBL_MAX, next = DBL_MAX;
            size_t best_index = 0;
            const float *product = products + q * nr;
            for (size_t r = 0; r < nr; r++) {
                double d = query_norm + reference_norm[r] - 2.0 * product[r];
                if (d < best) {
                    next = best;
                    best = d;
                    best_index = r;
                } else if (d < next) {
                    next = d;
                }
            }
            double exact = 0; /* the winner's distance without cancellation error */
            for (size_t c = 0; c < width; c++) {
                double diff = (double)query[c] - references[best_index * width + c];
                exact += diff * diff;
            }
            nearest[begin + q] = sqrt(exact);
            if (second)
                second[begin + q] = nr > 1 ? sqrt(fmax(next, exact)) : NAN;
        }
    }
    free(products), free(reference_norm);
    return RISKGAN_OK;
}

riskgan_status rg_nearest_k(const float *queries, size_t nq, const float *references, size_t nr, size_t width,
                            size_t k, int exclude_self, uint32_t *neighbors)
{
    float *products = rg_calloc((size_t)BLOCK * nr, sizeof *products);
    float *reference_norm = rg_calloc(nr, sizeof *reference_norm);
    if (!products || !reference_norm) {
        free(products), free(reference_norm);
        return RISKGAN_ERR_NO_MEMORY;
    }
    squared_norms(references, nr, width, reference_norm);
    for (size_t begin = 0; begin < nq; begin += BLOCK) {
        size_t rows = nq - begin < BLOCK ? nq - begin : BLOCK;
        rg_matmul(0, 1, (int)rows, (int)nr, (int)width, 1.0f, queries + begin * width, (int)width, references,
                  (int)width, 0.0f, products, (int)nr);
        for (size_t q = 0; q < rows; q++) {
            /* insertion into a sorted list of the k best; ties keep the lower index */
            double best[64];
            uint32_t *out = neighbors + (begin + q) * k;
            size_t found = 0;
            const float *product = products + q * nr;
            for (size_t r = 0; r < nr; r++) {
                if (exclude_self && r == begin + q)
                    continue;
                double d = reference_norm[r] - 2.0 * product[r]; /* |q|^2 is the same for all r */
                if (found == k && d >= best[k - 1])
                    continue;
                size_t i = found < k ? found++ : k - 1;
                while (i > 0 && best[i - 1] > d) {
                    best[i] = best[i - 1];
                    out[i] = out[i - 1];
                    i--;
                }
                best[i] = d;
                out[i] = (uint32_t)r;
            }
        }
    }
    free(products), free(reference_norm);
    return RISKGAN_OK;
}
