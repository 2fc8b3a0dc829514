/* binary_io.c — checksummed little-endian reading and writing. */
#include "binary_io.h"

#include <stdlib.h>
#include <string.h>

#include "memory.h"

uint64_t rg_checksum_bytes(uint64_t checksum, const void *bytes, size_t length)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < length; i++) {
        checksum ^= p[i];
        checksum *= 1099511628211ULL;
    }
    return checksum;
}

void rg_writer_init(rg_writer *writer, FILE *stream)
{
    writer->stream = stream;
    writer->checksum = RG_CHECKSUM_START;
    writer->failed = 0;
}

void rg_write_bytes(rg_writer *writer, const void *bytes, size_t length)
{
    if (length == 0)
        return;
    writer->checksum = rg_checksum_bytes(writer->checksum, bytes, length);
    if (fwrite(bytes, 1, length, writer->stream) != length)
        writer->failed = 1;
}

void rg_write_u32(rg_writer *writer, uint32_t value)
{
    unsigned char b[4];
    for (int i = 0; i < 4; i++)
        b[i] = (unsigned char)(value >> (8 * i));
    rg_write_bytes(writer, b, 4);
}

void rg_write_u64(rg_writer *writer, uint64_t value)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(value >> (8 * i));
    rg_write_bytes(writer, b, 8);
}

void rg_write_f64(rg_writer *writer, double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    rg_write_u64(writer, bits);
}

void rg_write_string(rg_writer *writer, const char *text)
{
    if (!text) {
        rg_write_u64(writer, UINT64_MAX);
        return;
    }
    size_t length = strlen(text);
    rg_write_u64(writer, length);
    rg_write_bytes(writer, text, length);
}

void rg_write_floats(rg_writer *writer, const float *values, size_t count)
{
    /* floats are stored in the machine's byte order, checked as little-endian at load */
    rg_write_bytes(writer, values, count * sizeof *values);
}

void rg_reader_init(rg_reader *reader, const void *data, size_t length)
{
    reader->data = data;
    reader->length = length;
    reader->position = 0;
    reader->checksum = RG_CHECKSUM_START;
    reader->failure = NULL;
}

int rg_read_bytes(rg_reader *reader, void *out, size_t length)
{
    if (reader->failure || length > reader->length - reader->position) {
        if (!reader->failure)
            reader->failure = "the file ends early (truncated)";
        memset(out, 0, length);
        return 0;
    }
    memcpy(out, reader->data + reader->position, length);
    reader->checksum = rg_checksum_bytes(reader->checksum, out, length);
    reader->position += length;
    return 1;
}

uint32_t rg_read_u32(rg_reader *reader)
{
    unsigned char b[4];
    rg_read_bytes(reader, b, 4);
    uint32_t value = 0;
    for (int i = 0; i < 4; i++)
        value |= (uint32_t)b[i] << (8 * i);
    return value;
}

uint64_t rg_read_u64(rg_reader *reader)
{
    unsigned char b[8];
    rg_read_bytes(reader, b, 8);
    uint64_t value = 0;
    for (int i = 0; i < 8; i++)
        value |= (uint64_t)b[i] << (8 * i);
    return value;
}

double rg_read_f64(rg_reader *reader)
{
    uint64_t bits = rg_read_u64(reader);
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

uint64_t rg_read_items(rg_reader *reader, uint64_t limit, size_t item_bytes)
{
    uint64_t count = rg_read_count(reader, limit);
    if (!reader->failure && item_bytes && count > (reader->length - reader->position) / item_bytes) {
        reader->failure = "a size field exceeds the rest of the file (corrupt file)";
        return 0;
    }
    return reader->failure ? 0 : count;
}

uint64_t rg_read_count(rg_reader *reader, uint64_t limit)
{
    uint64_t count = rg_read_u64(reader);
    if (!reader->failure && count > limit) {
        reader->failure = "a size field is out of range (corrupt file)";
        return 0;
    }
    return reader->failure ? 0 : count;
}

char *rg_read_string(rg_reader *reader)
{
    uint64_t length = rg_read_u64(reader);
    if (reader->failure || length == UINT64_MAX)
        return NULL;
    if (length > reader->length - reader->position) {
        reader->failure = "a string runs past the end of the file (truncated or corrupt)";
        return NULL;
    }
    char *text = rg_calloc(length + 1, 1);
    if (!text) {
        reader->failure = "out of memory";
        return NULL;
    }
    rg_read_bytes(reader, text, length);
    return text;
}

void rg_read_floats(rg_reader *reader, float *values, size_t count)
{
    rg_read_bytes(reader, values, count * sizeof *values);
}
