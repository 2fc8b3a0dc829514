/* fuzz_frame.h — wraps a fuzzer's input in a riskgan file frame (magic, version, byte-order
 * mark, length, payload, checksum) so that every mutation reaches a payload's validation:
 * random bytes alone never pass the checksum. */
#ifndef RISKGAN_FUZZ_FRAME_H
#define RISKGAN_FUZZ_FRAME_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/binary_io.h"

enum { FUZZ_FRAME_HEADER = 8 + 4 + 4 + 8 };

/* A new framed file of *total bytes around data[0..size) (NULL when out of memory). */
static inline unsigned char *fuzz_frame(const char magic[8], uint32_t version, const uint8_t *data, size_t size,
                                        size_t *total)
{
    unsigned char *file = malloc(FUZZ_FRAME_HEADER + size + 8);
    if (!file)
        return NULL;
    uint32_t mark = 0x01020304;
    uint64_t length = size, checksum = rg_checksum_bytes(RG_CHECKSUM_START, data, size);
    memcpy(file, magic, 8);
    memcpy(file + 8, &version, 4);
    memcpy(file + 12, &mark, 4);
    memcpy(file + 16, &length, 8);
    if (size)
        memcpy(file + FUZZ_FRAME_HEADER, data, size);
    memcpy(file + FUZZ_FRAME_HEADER + size, &checksum, 8);
    *total = FUZZ_FRAME_HEADER + size + 8;
    return file;
}

#endif
