/* fuzz_risk_payload.c — libFuzzer target: the input is a risk model file's payload, framed with
 * the right magic, version, length and a valid checksum so that every mutation reaches the
 * payload's validation. Loading must succeed (and then a few rows are scored, every
 * probability in [0, 1]) or fail with RISKGAN_ERR_FORMAT, never crash.
 *
 * Payloads of XGBoost models are left out: their model bytes go, once riskgan has checked
 * their UBJSON structure (fuzz_ubjson_check.c), to XGBoost's own reader, which trusts the
 * sizes inside and asks for absurd allocations on forged ones (it then fails the load with
 * std::bad_alloc in a normal build; ASan aborts). Forged files are a trust boundary of
 * XGBoost's, stated at riskgan_risk_model_load in riskgan.h. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_frame.h"
#include "riskgan.h"

enum { FORMAT_VERSION = 3 }; /* reads every algorithm's payload (the others still write 2) */

/* Scores the rows of a small table holding the model's columns as text and numbers. */
static void score_some_rows(const riskgan_risk_model *model)
{
    riskgan_table *table = NULL;
    if (riskgan_risk_read_csv(model, RISKGAN_FUZZ_ROWS, NULL, &table) != RISKGAN_OK)
        return;
    double probability[64];
    size_t rows = riskgan_table_rows(table);
    if (rows <= 64 && riskgan_risk_score(model, table, probability, NULL) == RISKGAN_OK)
        for (size_t r = 0; r < rows; r++)
            if (!(probability[r] >= 0 && probability[r] <= 1))
                __builtin_trap();
    riskgan_table_free(table);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char magic[8] = {'R', 'G', 'R', 'I', 'S', 'K', 0, 0x1a};
    if (size < 4 || (data[0] | data[1] | data[2] | data[3]) == RISKGAN_RISK_XGBOOST)
        return 0; /* the algorithm field says XGBoost: see above */
    size_t total;
    unsigned char *file = fuzz_frame(magic, FORMAT_VERSION, data, size, &total);
    if (!file)
        return 0;
    riskgan_risk_model *model = NULL;
    riskgan_status status = riskgan_risk_model_load_memory(file, total, &model);
    free(file);
    if (status == RISKGAN_OK) {
        score_some_rows(model);
        riskgan_risk_model_free(model);
    } else if (model != NULL || (status != RISKGAN_ERR_FORMAT && status != RISKGAN_ERR_NO_MEMORY)) {
        __builtin_trap();
    }
    return 0;
}
