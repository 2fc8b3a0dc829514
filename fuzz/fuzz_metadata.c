/* fuzz_metadata.c — libFuzzer target: the metadata reader of linked tables takes any bytes
 * without reading outside them or leaking, and metadata it accepts writes back to JSON that it
 * accepts again. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "relational/metadata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    rg_dataset_spec spec;
    if (rg_dataset_spec_parse(text, "fuzz", ".", &spec) == RISKGAN_OK) {
        char *json = rg_dataset_spec_to_json(&spec);
        rg_dataset_spec again;
        if (json && rg_dataset_spec_parse(json, "again", ".", &again) != RISKGAN_OK)
            __builtin_trap(); /* what was accepted must read back */
        if (json)
            rg_dataset_spec_free(&again);
        free(json);
        rg_dataset_spec_free(&spec);
    }
    free(text);
    return 0;
}
