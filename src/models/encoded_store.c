/* encoded_store.c — encoded training rows on disk for fits larger than memory. */
#include "encoded_store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"

riskgan_status rg_encoded_store_open(rg_encoded_store *s, size_t width, size_t block_rows)
{
    memset(s, 0, sizeof *s);
    s->width = width;
    s->block_rows = block_rows ? block_rows : 1;
    if (!(s->block = rg_calloc(s->block_rows * width, sizeof *s->block)))
        return RISKGAN_ERR_NO_MEMORY;
    if (!(s->file = tmpfile())) /* unlinked: nothing is left behind, whatever happens */
        return rg_fail(RISKGAN_ERR_IO, "cannot create a temporary file for the encoded rows: %s", strerror(errno));
    return RISKGAN_OK;
}

riskgan_status rg_encoded_store_append(rg_encoded_store *s, const float *rows, size_t count)
{
    if (fwrite(rows, sizeof *rows * s->width, count, s->file) != count)
        return rg_fail(RISKGAN_ERR_IO, "writing the encoded rows to a temporary file failed (disk full?): %s",
                       strerror(errno));
    s->rows += count;
    return RISKGAN_OK;
}

size_t rg_encoded_store_blocks(const rg_encoded_store *s)
{
    return (s->rows + s->block_rows - 1) / s->block_rows;
}

riskgan_status rg_encoded_store_load(rg_encoded_store *s, size_t index)
{
    size_t first = index * s->block_rows, count = s->rows - first < s->block_rows ? s->rows - first : s->block_rows;
    if (fflush(s->file) != 0 || fseeko(s->file, (off_t)(first * s->width * sizeof(float)), SEEK_SET) != 0 ||
        fread(s->block, sizeof(float) * s->width, count, s->file) != count)
        return rg_fail(RISKGAN_ERR_IO, "reading the encoded rows back from the temporary file failed: %s",
                       strerror(errno));
    s->loaded_rows = count;
    return RISKGAN_OK;
}

void rg_encoded_store_close(rg_encoded_store *s)
{
    if (s->file)
        fclose(s->file);
    free(s->block);
    memset(s, 0, sizeof *s);
}
