/* fuzz_csv_reader.c — libFuzzer target: the CSV tokenizer must never crash or read out of
 * bounds, and every field it returns must lie inside the input or its scratch copy. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "data/csv_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rg_csv_reader *reader;
    if (rg_csv_open_memory((const char *)data, size, "fuzz.csv", &reader) != RISKGAN_OK)
        return 0;
    const rg_csv_field *fields;
    size_t count, total = 0;
    while (rg_csv_next(reader, &fields, &count) == RISKGAN_OK && count > 0) {
        for (size_t i = 0; i < count; i++) {
            volatile char sink = 0;
            for (size_t k = 0; k < fields[i].length; k++)
                sink ^= fields[i].text[k];
            (void)sink;
            total += fields[i].length;
        }
        if (total > size * 2 + 16)
            __builtin_trap(); /* fields can never hold more text than the input */
    }
    rg_csv_close(reader);
    return 0;
}
