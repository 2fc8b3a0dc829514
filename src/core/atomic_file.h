/* atomic_file.h — write a file through a temporary and rename, so readers never see half a file. */
#ifndef RISKGAN_CORE_ATOMIC_FILE_H
#define RISKGAN_CORE_ATOMIC_FILE_H

#include <stdio.h>

#include "riskgan.h"

typedef struct {
    FILE *stream;
    char *final_path;
    char *temporary_path; /* NULL when writing standard output */
    int slot;             /* registry slot of the temporary (-1: none) */
} rg_atomic_file;

/* Opens "<path>.tmp.XXXXXX" in the destination's directory for writing, with the mode a
 * new file gets under the process umask; path "-" writes standard output directly. */
riskgan_status rg_atomic_open(rg_atomic_file *file, const char *path);
/* Flushes, syncs and renames over the destination; removes the temporary on any failure. */
riskgan_status rg_atomic_commit(rg_atomic_file *file);
/* Discards the temporary file (after an error while writing). */
void rg_atomic_abort(rg_atomic_file *file);

#endif
