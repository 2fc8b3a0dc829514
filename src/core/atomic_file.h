/* atomic_file.h — write an output: a regular file through a temporary and rename, so readers
 * never see half a file; a pipe, a device or an open stream directly. */
#ifndef RISKGAN_CORE_ATOMIC_FILE_H
#define RISKGAN_CORE_ATOMIC_FILE_H

#include <stdio.h>

#include "riskgan.h"

typedef struct {
    FILE *stream;
    char *final_path;
    char *temporary_path; /* NULL when writing directly (standard output, a pipe, a device) */
    int slot;             /* registry slot of the temporary (-1: none) */
} rg_atomic_file;

/* Opens the output `path`. A regular file (or a path naming none) is written through
 * "<file>.tmp.XXXXXX" in its directory, with the mode a new file gets under the process
 * umask, and renamed over it at the commit; a symbolic link is followed (through a chain, to
 * a target that need not exist yet), so the link stays and its target is replaced. A named
 * pipe, a device, /dev/stdout, /dev/fd/N and /proc/... paths are written directly, and "-"
 * writes standard output. */
riskgan_status rg_atomic_open(rg_atomic_file *file, const char *path);
/* Flushes, syncs and renames over the destination; removes the temporary on any failure. A
 * stream written directly is flushed and closed, and a write error (a full device, a reader
 * gone) is returned as RISKGAN_ERR_IO with the system's reason. */
riskgan_status rg_atomic_commit(rg_atomic_file *file);
/* Discards the temporary file (after an error while writing). */
void rg_atomic_abort(rg_atomic_file *file);

#endif
