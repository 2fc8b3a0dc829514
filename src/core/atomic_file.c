/* atomic_file.c — temporary-file-and-rename writing, and the registry of temporaries that
 * riskgan_remove_temporary_files() empties from a signal handler. */
#define _POSIX_C_SOURCE 200809L
#include "atomic_file.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "memory.h"

/* Temporaries being written. A signal handler only reads `used` and `path`; slots are
 * claimed and released under the mutex. */
enum { SLOTS = 32, PATH_BYTES = 4096 };
static struct {
    volatile sig_atomic_t used;
    char path[PATH_BYTES];
} registry[SLOTS];
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

static int register_temporary(const char *path)
{
    if (strlen(path) >= PATH_BYTES)
        return -1;
    pthread_mutex_lock(&registry_lock);
    int slot = -1;
    for (int i = 0; i < SLOTS && slot < 0; i++)
        if (!registry[i].used) {
            memcpy(registry[i].path, path, strlen(path) + 1);
            registry[i].used = 1;
            slot = i;
        }
    pthread_mutex_unlock(&registry_lock);
    return slot;
}

static void release_temporary(int slot)
{
    if (slot < 0)
        return;
    pthread_mutex_lock(&registry_lock);
    registry[slot].used = 0;
    pthread_mutex_unlock(&registry_lock);
}

void riskgan_remove_temporary_files(void)
{
    for (int i = 0; i < SLOTS; i++)
        if (registry[i].used)
            unlink(registry[i].path); /* async-signal-safe */
}

static mode_t process_umask;
static pthread_once_t umask_once = PTHREAD_ONCE_INIT;

static void read_umask(void)
{
    process_umask = umask(022); /* umask has no read-only form: set and restore, once */
    umask(process_umask);
}

/* The permissions open(2) would give a new file: 0666 less the umask. */
static mode_t new_file_mode(void)
{
    pthread_once(&umask_once, read_umask);
    return 0666 & ~process_umask;
}

/* Paths that name an open stream rather than a place for a file (/dev/stdout, /dev/fd/3,
 * /proc/self/fd/1): always written directly. */
static int names_a_stream(const char *path)
{
    return strncmp(path, "/dev/fd/", 8) == 0 || strncmp(path, "/dev/std", 8) == 0 ||
           strncmp(path, "/proc/", 6) == 0;
}

/* The file a symbolic link leads to, following a chain of links (relative ones from their
 * own directory) even when the last one does not exist yet. NULL: a loop, or no memory. */
static char *follow_links(const char *path)
{
    char *current = rg_strdup(path);
    for (int hops = 0; current && hops < 40; hops++) {
        struct stat info;
        if (lstat(current, &info) != 0 || !S_ISLNK(info.st_mode))
            return current;
        char target[PATH_BYTES];
        ssize_t length = readlink(current, target, sizeof target - 1);
        if (length < 0) {
            free(current);
            return NULL;
        }
        target[length] = '\0';
        const char *slash = strrchr(current, '/');
        size_t directory = target[0] == '/' || !slash ? 0 : (size_t)(slash - current) + 1;
        char *next = rg_calloc(directory + (size_t)length + 1, 1);
        if (next) {
            memcpy(next, current, directory);
            memcpy(next + directory, target, (size_t)length + 1);
        }
        free(current);
        current = next;
    }
    free(current);
    errno = ELOOP;
    return NULL;
}

/* Opens the destination itself, for a named pipe, a device or an open stream: the bytes go
 * straight there, and the commit reports the first write error. */
static riskgan_status open_stream(rg_atomic_file *file, const char *path)
{
    if (!(file->stream = fopen(path, "wb"))) {
        riskgan_status status = rg_fail(RISKGAN_ERR_IO, "cannot open %s: %s", path, strerror(errno));
        rg_atomic_abort(file);
        return status;
    }
    return RISKGAN_OK;
}

/* Opens "<target>.tmp.XXXXXX" beside the file the path leads to, to be renamed over it. */
static riskgan_status open_temporary(rg_atomic_file *file, const char *path)
{
    char *target = follow_links(path);
    if (!target) {
        riskgan_status status = rg_fail(RISKGAN_ERR_IO, "cannot resolve %s: %s", path, strerror(errno));
        rg_atomic_abort(file);
        return status;
    }
    size_t length = strlen(target);
    file->temporary_path = rg_calloc(length + 16, 1);
    if (!file->temporary_path) {
        free(target);
        rg_atomic_abort(file);
        return RISKGAN_ERR_NO_MEMORY;
    }
    snprintf(file->temporary_path, length + 16, "%s.tmp.XXXXXX", target);
    free(file->final_path);
    file->final_path = target;
    int descriptor = mkstemp(file->temporary_path);
    if (descriptor < 0) {
        riskgan_status status = rg_fail(RISKGAN_ERR_IO, "cannot create %s: %s", path, strerror(errno));
        free(file->temporary_path);
        file->temporary_path = NULL;
        rg_atomic_abort(file);
        return status;
    }
    file->slot = register_temporary(file->temporary_path);
    if (fchmod(descriptor, new_file_mode()) != 0 || !(file->stream = fdopen(descriptor, "wb"))) {
        riskgan_status status = rg_fail(RISKGAN_ERR_IO, "cannot open %s: %s", path, strerror(errno));
        close(descriptor);
        rg_atomic_abort(file);
        return status;
    }
    setvbuf(file->stream, NULL, _IOFBF, 1 << 20);
    return RISKGAN_OK;
}

riskgan_status rg_atomic_open(rg_atomic_file *file, const char *path)
{
    memset(file, 0, sizeof *file);
    file->slot = -1;
    int standard_output = strcmp(path, "-") == 0;
    file->final_path = rg_strdup(standard_output ? "standard output" : path);
    if (!file->final_path)
        return RISKGAN_ERR_NO_MEMORY;
    if (standard_output) {
        file->stream = stdout;
        return RISKGAN_OK;
    }
    struct stat info;
    if (names_a_stream(path) || (stat(path, &info) == 0 && !S_ISREG(info.st_mode)))
        return open_stream(file, path);
    return open_temporary(file, path);
}

/* Flushes (and closes, unless it is standard output) a stream written directly. */
static riskgan_status commit_stream(rg_atomic_file *file)
{
    int failed = ferror(file->stream) || fflush(file->stream) != 0;
    int saved_errno = errno;
    if (file->stream != stdout && fclose(file->stream) != 0 && !failed) {
        failed = 1;
        saved_errno = errno;
    }
    file->stream = NULL;
    riskgan_status status = failed ? rg_fail(RISKGAN_ERR_IO, "cannot write %s: %s", file->final_path,
                                             strerror(saved_errno ? saved_errno : EIO))
                                   : RISKGAN_OK;
    rg_atomic_abort(file);
    return status;
}

riskgan_status rg_atomic_commit(rg_atomic_file *file)
{
    if (!file->temporary_path)
        return commit_stream(file);
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
        release_temporary(file->slot);
        file->slot = -1;
        free(file->temporary_path);
        file->temporary_path = NULL;
    }
    rg_atomic_abort(file);
    return status;
}

void rg_atomic_abort(rg_atomic_file *file)
{
    if (file->stream && file->stream != stdout)
        fclose(file->stream);
    if (file->temporary_path)
        unlink(file->temporary_path);
    release_temporary(file->slot);
    free(file->temporary_path);
    free(file->final_path);
    memset(file, 0, sizeof *file);
    file->slot = -1;
}

riskgan_status riskgan_write_file(const char *path, const void *data, size_t length)
{
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    if (length && fwrite(data, 1, length, file.stream) != length) {
        status = rg_fail(RISKGAN_ERR_IO, "cannot write %s: %s", path, strerror(errno));
        rg_atomic_abort(&file);
        return status;
    }
    return rg_atomic_commit(&file);
}
