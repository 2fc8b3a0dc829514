/* fuzz_detector_payload.c — libFuzzer target: the input is a detector file's payload, framed
 * with the right magic, version, length and a valid checksum so that every mutation reaches
 * the payload's validation. Loading must succeed (and then scoring a row works and gives a
 * finite score) or fail with RISKGAN_ERR_FORMAT, never crash. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_frame.h"
#include "riskgan.h"

enum { FORMAT_VERSION = 1, MAX_COLUMNS = 256 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char magic[8] = {'R', 'G', 'D', 'E', 'T', 'E', 'C', 0x1a};
    size_t total;
    unsigned char *file = fuzz_frame(magic, FORMAT_VERSION, data, size, &total);
    if (!file)
        return 0;
    riskgan_detector *detector = NULL;
    riskgan_status status = riskgan_detector_load_memory(file, total, &detector);
    free(file);
    if (status == RISKGAN_OK) {
        riskgan_detector_info info;
        riskgan_detector_get_info(detector, &info);
        riskgan_detect_scratch *scratch;
        if (info.columns <= MAX_COLUMNS && riskgan_detect_scratch_new(detector, &scratch) == RISKGAN_OK) {
            const char *fields[MAX_COLUMNS];
            for (size_t j = 0; j < info.columns; j++)
                fields[j] = j % 3 == 0 ? "1" : j % 3 == 1 ? "" : "x";
            double score;
            size_t reason;
            if (riskgan_detect_score_row(detector, scratch, fields, info.columns, &score, 1, &reason, NULL) == RISKGAN_OK &&
                !isfinite(score))
                __builtin_trap();
            riskgan_detect_scratch_free(scratch);
        }
        riskgan_detector_free(detector);
    } else if (detector != NULL || (status != RISKGAN_ERR_FORMAT && status != RISKGAN_ERR_NO_MEMORY)) {
        __builtin_trap();
    }
    return 0;
}
