/* fuzz_model_payload.c — libFuzzer target: the input is a model file's payload; it is framed
 * with the right magic, version, length and a valid checksum, so every mutation reaches the
 * payload's validation (random bytes alone never pass the checksum). Loading must succeed
 * (and then sampling works) or fail with RISKGAN_ERR_FORMAT, never crash. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_frame.h"
#include "riskgan.h"

enum { FORMAT_VERSION = 3 }; /* the version riskgan writes */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char magic[8] = {'R', 'I', 'S', 'K', 'G', 'A', 'N', 0x1a};
    size_t total;
    unsigned char *file = fuzz_frame(magic, FORMAT_VERSION, data, size, &total);
    if (!file)
        return 0;
    riskgan_model *model = NULL;
    riskgan_status status = riskgan_model_load_memory(file, total, &model);
    free(file);
    if (status == RISKGAN_OK) {
        riskgan_table *rows = NULL;
        if (riskgan_sample(model, 3, 1, NULL, &rows) == RISKGAN_OK)
            riskgan_table_free(rows);
        riskgan_model_free(model);
    } else if (model != NULL || (status != RISKGAN_ERR_FORMAT && status != RISKGAN_ERR_NO_MEMORY)) {
        __builtin_trap();
    }
    return 0;
}
