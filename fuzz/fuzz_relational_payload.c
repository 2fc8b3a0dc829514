/* fuzz_relational_payload.c — libFuzzer target: the input is the payload of a model file of
 * linked tables, framed with the right magic, version, length and a valid checksum so that
 * every mutation reaches the payload's validation (metadata, root synthesizers, event models
 * and their heads' networks). Loading must succeed (and then a small sample is drawn, which
 * must assemble: keys fresh and every foreign key naming a parent) or fail with
 * RISKGAN_ERR_FORMAT, never crash. The input's first byte chooses the format version (its
 * remainder by 9, plus 1: 2 adds the number heads' roundness, 3 the event models' clocks and
 * periods, 4 the amount heads' shares, 5 the rule that dated parents have events, 6 lengths per
 * month in the window and gap heads without a month-end token, 7 echoes of monthly events, 8
 * combinations, residuals and position flags, 9 category repeat tokens), the rest is the payload. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_frame.h"
#include "riskgan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char magic[8] = {'R', 'G', 'R', 'E', 'L', 'A', 'T', 0x1a};
    if (size == 0)
        return 0;
    size_t total;
    unsigned char *file = fuzz_frame(magic, (uint32_t)(data[0] % 9) + 1, data + 1, size - 1, &total);
    if (!file)
        return 0;
    riskgan_relational_model *model = NULL;
    riskgan_status status = riskgan_relational_model_load_memory(file, total, &model);
    free(file);
    if (status == RISKGAN_OK) {
        riskgan_relational_sample_options options;
        riskgan_relational_sample_options_init(&options);
        options.rows = 3;
        riskgan_dataset *sample = NULL;
        status = riskgan_relational_sample_with(model, &options, &sample);
        if (status != RISKGAN_OK && status != RISKGAN_ERR_NO_MEMORY) {
            fprintf(stderr, "loaded, but sampling failed: %s\n", riskgan_last_error());
            __builtin_trap(); /* a model that loads must sample */
        }
        riskgan_dataset_free(sample);
        riskgan_relational_model_free(model);
    } else if (model != NULL || (status != RISKGAN_ERR_FORMAT && status != RISKGAN_ERR_NO_MEMORY)) {
        __builtin_trap();
    }
    return 0;
}
