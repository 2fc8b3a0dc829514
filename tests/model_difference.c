/* model_difference.c — how far two CTGAN model files are apart: the transformers (column
 * formats, modes, level counts) must match byte for byte, the generator's weights and
 * batch-norm statistics within a relative tolerance. For the data-parallel test: a fit on N
 * ranks against the same fit in one process.
 *
 * Usage: model_difference A.rgm B.rgm TOLERANCE
 * Prints the largest |a - b| / (max |a| over the weights) and exits 1 above TOLERANCE. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/ctgan.h"
#include "models/model.h"
#include "transform/transformer_file.h"

static char *transformer_bytes(const rg_transformer *t, size_t *length)
{
    char *bytes = NULL;
    FILE *stream = open_memstream(&bytes, length);
    if (!stream)
        return NULL;
    rg_writer writer;
    rg_writer_init(&writer, stream);
    rg_transformer_write(t, &writer);
    fclose(stream);
    return bytes;
}

static double largest_difference(const float *a, const float *b, size_t n, double *scale)
{
    double largest = 0;
    for (size_t i = 0; i < n; i++) {
        largest = fmax(largest, fabs((double)a[i] - b[i]));
        *scale = fmax(*scale, fabs((double)a[i]));
    }
    return largest;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: model_difference A.rgm B.rgm TOLERANCE\n");
        return 2;
    }
    riskgan_model *a = NULL, *b = NULL;
    if (riskgan_model_load(argv[1], &a) != RISKGAN_OK || riskgan_model_load(argv[2], &b) != RISKGAN_OK) {
        fprintf(stderr, "model_difference: %s\n", riskgan_last_error());
        return 1;
    }
    size_t length_a, length_b;
    char *bytes_a = transformer_bytes(a->transformer, &length_a), *bytes_b = transformer_bytes(b->transformer, &length_b);
    int same_transformer = bytes_a && bytes_b && length_a == length_b && memcmp(bytes_a, bytes_b, length_a) == 0;
    free(bytes_a);
    free(bytes_b);
    const rg_ctgan *ca = a->network, *cb = b->network;
    if (!same_transformer || a->kind != RISKGAN_MODEL_CTGAN || b->kind != RISKGAN_MODEL_CTGAN ||
        ca->generator_count != cb->generator_count || ca->hidden != cb->hidden) {
        printf("the transformers or network shapes differ\n");
        return 1;
    }
    double scale = 0;
    double weights = largest_difference(ca->generator, cb->generator, ca->generator_count, &scale);
    double running_scale = 0;
    double running = largest_difference(ca->running, cb->running, 4 * (size_t)ca->hidden,
                                        &running_scale);
    double relative = fmax(weights / scale, running / running_scale);
    printf("transformers identical; generator weights: largest difference %.3g (weights up to %.3g), batch-norm "
           "statistics: %.3g (up to %.3g); relative %.3g\n", weights, scale, running, running_scale, relative);
    riskgan_model_free(a);
    riskgan_model_free(b);
    return relative <= atof(argv[3]) ? 0 : 1;
}
