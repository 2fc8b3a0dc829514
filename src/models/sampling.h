/* sampling.h — a sample drawn one chunk at a time (the public riskgan_sample* functions are
 * in riskgan.h): for writers that pull rows as they send them, such as a service streaming
 * a sample over HTTP. Chunks 0, 1, ... together are the rows riskgan_sample returns. */
#ifndef RISKGAN_MODELS_SAMPLING_H
#define RISKGAN_MODELS_SAMPLING_H

#include <stddef.h>
#include <stdint.h>

#include "riskgan.h"

enum { RG_SAMPLE_CHUNK = 65536 }; /* rows per chunk */

/* Chunk `chunk` of a sample of `rows` rows (RG_SAMPLE_CHUNK rows, fewer for the last). */
riskgan_status rg_sample_chunk(const riskgan_model *model, size_t rows, uint64_t seed, const riskgan_condition *where,
                               size_t chunk, riskgan_table **out);

#endif
