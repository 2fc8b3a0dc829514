/* fuzz_model_loader.c — libFuzzer target: loading arbitrary bytes as a model must either
 * succeed (and then sampling works) or fail with RISKGAN_ERR_FORMAT, never crash. */
#include <stddef.h>
#include <stdint.h>

#include "riskgan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    riskgan_model *model = NULL;
    riskgan_status status = riskgan_model_load_memory(data, size, &model);
    if (status == RISKGAN_OK) {
        riskgan_table *rows = NULL;
        if (riskgan_sample(model, 3, 1, NULL, &rows) == RISKGAN_OK)
            riskgan_table_free(rows);
        riskgan_model_free(model);
    } else if (model != NULL) {
        __builtin_trap();
    }
    return 0;
}
