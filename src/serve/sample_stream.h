/* sample_stream.h — POST /v1/models/{name}/sample: synthetic rows drawn a chunk at a time as
 * the client reads them, as CSV (the bytes `riskgan sample` writes) or JSON lines; memory
 * stays at one chunk whatever n is. */
#ifndef RISKGAN_SERVE_SAMPLE_STREAM_H
#define RISKGAN_SERVE_SAMPLE_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "served_model.h"

typedef struct rg_sample_stream rg_sample_stream;

/* Draws the first chunk (so that a bad `where`, "column=value", is refused before anything is
 * sent). Takes over the caller's reference to `model`. Returns 0, or the HTTP status with the
 * reason in riskgan_last_error() (the reference is then released). */
int rg_sample_stream_open(rg_served_model *model, size_t rows, uint64_t seed, const char *where, int json_lines,
                          rg_sample_stream **out);
/* Copies the next bytes (at most `size`) into out: their count, 0 at the end, -1 after an
 * error. */
long rg_sample_stream_read(rg_sample_stream *stream, char *out, size_t size);
/* Rows handed out so far. */
size_t rg_sample_stream_rows(const rg_sample_stream *stream);
void rg_sample_stream_close(rg_sample_stream *stream);

#endif
