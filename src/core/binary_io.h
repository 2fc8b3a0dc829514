/* binary_io.h — little-endian serialization with a running checksum and bounds-checked
 * reading, used by the model file format. */
#ifndef RISKGAN_CORE_BINARY_IO_H
#define RISKGAN_CORE_BINARY_IO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "riskgan.h"

typedef struct {
    FILE *stream;
    uint64_t checksum; /* FNV-1a over every byte written */
    int failed;
} rg_writer;

void rg_writer_init(rg_writer *writer, FILE *stream);
void rg_write_bytes(rg_writer *writer, const void *bytes, size_t length);
void rg_write_u32(rg_writer *writer, uint32_t value);
void rg_write_u64(rg_writer *writer, uint64_t value);
void rg_write_f64(rg_writer *writer, double value);
void rg_write_string(rg_writer *writer, const char *text); /* NULL allowed */
void rg_write_floats(rg_writer *writer, const float *values, size_t count);

typedef struct {
    const unsigned char *data;
    size_t length, position;
    uint64_t checksum;
    const char *failure; /* first problem met; later reads return zeros */
} rg_reader;

void rg_reader_init(rg_reader *reader, const void *data, size_t length);
int rg_read_bytes(rg_reader *reader, void *out, size_t length);
uint32_t rg_read_u32(rg_reader *reader);
uint64_t rg_read_u64(rg_reader *reader);
double rg_read_f64(rg_reader *reader);
/* Returns a new string (NULL for a written NULL or on failure). */
char *rg_read_string(rg_reader *reader);
/* Reads a count, failing when it exceeds `limit` (guards allocations from corrupt files). */
/* A count of items that each take at least item_bytes of the rest of the file: larger
 * counts are refused before anything is allocated for them. */
uint64_t rg_read_items(rg_reader *reader, uint64_t limit, size_t item_bytes);
uint64_t rg_read_count(rg_reader *reader, uint64_t limit);
void rg_read_floats(rg_reader *reader, float *values, size_t count);
uint64_t rg_checksum_bytes(uint64_t checksum, const void *bytes, size_t length);

#define RG_CHECKSUM_START 1469598103934665603ULL

#endif
