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

/* Query rows are taken BLOCK at a time: one sgemm gives every q.r of the block, and with
 * the references' squared norms, |q - r|^2 up to the query's own (constant) norm. */
typedef struct {
    const float *queries, *references;
    size_t nr, width;
    float *products;       /* BLOCK x nr */
    float *reference_norm; /* nr */
} distance_blocks;

static int blocks_open(distance_blocks *b, const float *queries, const float *references, size_t nr, size_t width)
{
    *b = (distance_blocks){queries, references, nr, width, rg_calloc((size_t)BLOCK * nr, sizeof(float)),
                           rg_calloc(nr, sizeof(float))};
    if (!b->products || !b->reference_norm) {
        free(b->products), free(b->reference_norm);
        return 0;
    }
    squared_norms(references, nr, width, b->reference_norm);
    return 1;
}

/* Fills products for the queries [begin, begin + rows); returns rows. */
static size_t blocks_next(distance_blocks *b, size_t begin, size_t nq)
{
    size_t rows = nq - begin < BLOCK ? nq - begin : BLOCK;
    rg_matmul(0, 1, (int)rows, (int)b->nr, (int)b->width, 1.0f, b->queries + begin * b->width, (int)b->width,
              b->references, (int)b->width, 0.0f, b->products, (int)b->nr);
    return rows;
}

static void blocks_close(distance_blocks *b)
{
    free(b->products), free(b->reference_norm);
}

riskgan_status rg_nearest_two(const float *queries, size_t nq, const float *references, size_t nr, size_t width,
                              double *nearest, double *second)
{
    distance_blocks blocks;
    if (!blocks_open(&blocks, queries, references, nr, width))
        return RISKGAN_ERR_NO_MEMORY;
    const float *products = blocks.products, *reference_norm = blocks.reference_norm;
    for (size_t begin = 0; begin < nq; begin += BLOCK) {
        size_t rows = blocks_next(&blocks, begin, nq);
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
    blocks_close(&blocks);
    return RISKGAN_OK;
}

riskgan_status rg_nearest_k(const float *queries, size_t nq, const float *references, size_t nr, size_t width,
                            size_t k, int exclude_self, uint32_t *neighbors)
{
    distance_blocks blocks;
    if (!blocks_open(&blocks, queries, references, nr, width))
        return RISKGAN_ERR_NO_MEMORY;
    const float *products = blocks.products, *reference_norm = blocks.reference_norm;
    for (size_t begin = 0; begin < nq; begin += BLOCK) {
        size_t rows = blocks_next(&blocks, begin, nq);
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
    blocks_close(&blocks);
    return RISKGAN_OK;
}
