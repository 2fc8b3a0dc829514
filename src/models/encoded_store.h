/* encoded_store.h — the encoded training rows of a table larger than memory: written once
 * to an unlinked temporary file (rows x width floats), read back a block at a time. */
#ifndef RISKGAN_MODELS_ENCODED_STORE_H
#define RISKGAN_MODELS_ENCODED_STORE_H

#include <stddef.h>
#include <stdio.h>

#include "riskgan.h"

typedef struct {
    FILE *file;
    size_t rows, width;
    size_t block_rows;   /* rows per block read back */
    float *block;        /* the block last loaded */
    size_t loaded_rows;
} rg_encoded_store;

/* An empty store in $TMPDIR (default /tmp), blocks of block_rows rows. */
riskgan_status rg_encoded_store_open(rg_encoded_store *store, size_t width, size_t block_rows);
riskgan_status rg_encoded_store_append(rg_encoded_store *store, const float *rows, size_t count);
size_t rg_encoded_store_blocks(const rg_encoded_store *store);
/* Reads block `index` into store->block (store->loaded_rows rows). */
riskgan_status rg_encoded_store_load(rg_encoded_store *store, size_t index);
void rg_encoded_store_close(rg_encoded_store *store);

#endif
