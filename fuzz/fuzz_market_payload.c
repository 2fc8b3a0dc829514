/* fuzz_market_payload.c — libFuzzer target: the input is a market model file's payload, framed
 * with the right magic, version, length and a valid checksum so that every mutation reaches
 * the payload's validation. Loading must succeed (and then a few paths are generated, all
 * finite) or fail with RISKGAN_ERR_FORMAT, never crash. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_frame.h"
#include "riskgan.h"

enum { FORMAT_VERSION = 1, MAX_ASSETS = 64 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char magic[8] = {'R', 'G', 'M', 'A', 'R', 'K', 'T', 0x1a};
    size_t total;
    unsigned char *file = fuzz_frame(magic, FORMAT_VERSION, data, size, &total);
    if (!file)
        return 0;
    riskgan_market_model *model = NULL;
    riskgan_status status = riskgan_market_model_load_memory(file, total, &model);
    free(file);
    if (status == RISKGAN_OK) {
        riskgan_market_model_info info;
        riskgan_market_model_get_info(model, &info);
        riskgan_market_sample_options options;
        riskgan_market_sample_options_init(&options);
        options.paths = 3;
        options.days = 5;
        double r[3 * 5 * MAX_ASSETS];
        if (info.assets <= MAX_ASSETS && riskgan_market_sample(model, &options, r) == RISKGAN_OK)
            for (size_t i = 0; i < 15 * info.assets; i++)
                if (!isfinite(r[i]))
                    __builtin_trap();
        riskgan_market_model_free(model);
    } else if (model != NULL || (status != RISKGAN_ERR_FORMAT && status != RISKGAN_ERR_NO_MEMORY)) {
        __builtin_trap();
    }
    return 0;
}
