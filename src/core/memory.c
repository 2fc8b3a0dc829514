/* memory.c — checked allocation. */
#include "memory.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "riskgan.h"

void *rg_calloc(size_t count, size_t size)
{
    void *pointer = calloc(count ? count : 1, size ? size : 1);
    if (!pointer)
        rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory allocating %zu x %zu bytes", count, size);
    return pointer;
}

void *rg_realloc_array(void *pointer, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        rg_fail(RISKGAN_ERR_NO_MEMORY, "allocation of %zu x %zu bytes overflows", count, size);
        return NULL;
    }
    size_t bytes = count * size;
    void *grown = realloc(pointer, bytes ? bytes : 1);
    if (!grown)
        rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory allocating %zu x %zu bytes", count, size);
    return grown;
}

char *rg_strndup(const char *text, size_t length)
{
    char *copy = rg_calloc(length + 1, 1);
    if (copy)
        memcpy(copy, text, length);
    return copy;
}

char *rg_strdup(const char *text) { return rg_strndup(text, strlen(text)); }

void riskgan_free(void *text)
{
    free(text);
}
