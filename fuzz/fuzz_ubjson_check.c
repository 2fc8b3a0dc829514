/* fuzz_ubjson_check.c — libFuzzer target: the UBJSON check that guards XGBoost's reader reads
 * any bytes without reading outside them, and a document it accepts ends where it says. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "learn/ubjson_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *copy = malloc(size ? size : 1); /* exactly sized: ASan sees any overread */
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    int whole = rg_ubjson_well_formed(copy, size);
    if (whole && size > 0 && rg_ubjson_well_formed(copy, size - 1) && copy[size - 1] != 'N')
        __builtin_trap(); /* a well-formed value cannot also end one byte earlier, unless padded */
    free(copy);
    return 0;
}
