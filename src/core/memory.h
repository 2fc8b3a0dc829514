/* memory.h — allocation helpers that record an out-of-memory message on failure. */
#ifndef RISKGAN_CORE_MEMORY_H
#define RISKGAN_CORE_MEMORY_H

#include <stddef.h>

/* Like calloc/realloc, but on failure they set riskgan_last_error() and return
 * NULL; callers return RISKGAN_ERR_NO_MEMORY. Overflow of count*size is caught. */
void *rg_calloc(size_t count, size_t size);
void *rg_realloc_array(void *pointer, size_t count, size_t size);
char *rg_strdup(const char *text);
char *rg_strndup(const char *text, size_t length);

#endif
