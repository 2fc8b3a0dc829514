/* atomic_file.c — temporary-file-and-rename writing. */
#define _POSIX_C_SOURCE 200809L
#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "memory.h"

riskgan_status rg_atomic_open(rg_atomic_file *file, const char *path)
{
    memset(file, 0, sizeof *file);
    size_t length = strlen(path);
    file->final_path = rg_strdup(path);
    file->temporary_path = rg_calloc(length + 16, 1);
    if (!file->final_path || !file->temporary_path) {
        rg_atomic_abort(file);
        return RISKGAN_ERR_NO_MEMORY;
    }
    snprintf(file->temporary_path, length + 16, "%s.tmp.XXXXXX", path);
    int descriptor = mkstemp(file->temporary_path);
    if (descriptor < 0) {
        riskgan_status status = rg_fail(RISKGAN_ERR_IO, "cannot create %s: %s", path, strerror(errno));
        free(file->temporary_path);
        file->temporary_path = NULL;
        rg_atomic_abort(file);
        return status;
    }
    fchmod(descriptor, 0644);
    file->stream = fdopen(descriptor, "wb");
    if (!file->stream) {
        close(descriptor);
        rg_atomic_abort(file);
        return rg_fail(RISKGAN_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    }
    setvbuf(file->stream, NULL, _IOFBF, 1 << 20);
    return RISKGAN_OK;
}

riskgan_status rg_atomic_commit(rg_atomic_file *file)
{
    int failed = ferror(file->stream) || fflush(file->stream) != 0 || fsync(fileno(file->stream)) != 0;
    int saved_errno = errno;
    if (fclose(file->stream) != 0 && !failed) {
        failed = 1;
        saved_errno = errno;
    }
    file->stream = NULL;
    if (!failed && rename(file->temporary_path, file->final_path) != 0) {
        failed = 1;
        saved_errno = errno;
    }
    riskgan_status status = RISKGAN_OK;
    if (failed)
        status = rg_fail(RISKGAN_ERR_IO, "cannot write %s: %s", file->final_path, strerror(saved_errno));
    else {
        free(file->temporary_path);
        file->temporary_path = NULL;
    }
    rg_atomic_abort(file);
    return status;
}

void rg_atomic_abort(rg_atomic_file *file)
{
    if (file->stream)
        fclose(file->stream);
    if (file->temporary_path)
        unlink(file->temporary_path);
    free(file->temporary_path);
    free(file->final_path);
    memset(file, 0, sizeof *file);
}
