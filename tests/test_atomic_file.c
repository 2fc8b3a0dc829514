/* test_atomic_file.c — outputs: regular files are replaced atomically; a symbolic link is
 * written through to its target; a named pipe and a device are streamed into, and their
 * write errors reported (src/core/atomic_file.c). */
#include "test_support.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "riskgan.h"

static const char payload[] = "a,b\n1,2\n3,4\n";

static char *temporary_directory(void)
{
    char *directory = strdup("/tmp/riskgan-atomic-XXXXXX");
    assert_non_null(mkdtemp(directory));
    return directory;
}

static char *join(const char *directory, const char *name)
{
    size_t size = strlen(directory) + strlen(name) + 2;
    char *path = malloc(size);
    snprintf(path, size, "%s/%s", directory, name);
    return path;
}

static size_t read_file(const char *path, char *buffer, size_t size)
{
    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    size_t got = fread(buffer, 1, size, file);
    fclose(file);
    return got;
}

/* Counts the directory's entries, to see that no temporary was left behind. */
static int entries(const char *directory)
{
    char command[512];
    snprintf(command, sizeof command, "ls -A %s | wc -l", directory);
    FILE *pipe = popen(command, "r");
    int count = -1;
    assert_int_equal(fscanf(pipe, "%d", &count), 1);
    pclose(pipe);
    return count;
}

static void test_regular_file_replaced(void **state)
{
    (void)state;
    char *directory = temporary_directory(), *path = join(directory, "out.csv");
    FILE *old = fopen(path, "w");
    fputs("old contents that are longer than the new ones\n", old);
    fclose(old);
    assert_int_equal(riskgan_write_file(path, payload, strlen(payload)), RISKGAN_OK);
    char buffer[256];
    size_t got = read_file(path, buffer, sizeof buffer);
    assert_int_equal(got, strlen(payload));
    assert_memory_equal(buffer, payload, got);
    assert_int_equal(entries(directory), 1);
    unlink(path);
    rmdir(directory);
    free(path);
    free(directory);
}

static void test_symbolic_link_written_through(void **state)
{
    (void)state;
    char *directory = temporary_directory();
    char *target = join(directory, "target.csv"), *link = join(directory, "link.csv");
    FILE *old = fopen(target, "w");
    fputs("old\n", old);
    fclose(old);
    assert_int_equal(symlink("target.csv", link), 0); /* relative, as users make them */
    assert_int_equal(riskgan_write_file(link, payload, strlen(payload)), RISKGAN_OK);
    struct stat info;
    assert_int_equal(lstat(link, &info), 0);
    assert_true(S_ISLNK(info.st_mode)); /* still the link */
    char buffer[256];
    size_t got = read_file(target, buffer, sizeof buffer);
    assert_int_equal(got, strlen(payload));
    assert_memory_equal(buffer, payload, got);
    assert_int_equal(entries(directory), 2);
    /* a link whose target does not exist yet creates the target */
    unlink(target);
    assert_int_equal(riskgan_write_file(link, payload, strlen(payload)), RISKGAN_OK);
    assert_int_equal(lstat(link, &info), 0);
    assert_true(S_ISLNK(info.st_mode));
    assert_int_equal(read_file(target, buffer, sizeof buffer), strlen(payload));
    unlink(link);
    unlink(target);
    rmdir(directory);
    free(target);
    free(link);
    free(directory);
}

/* The reader end is opened first (without blocking), so the write finds a reader and
 * the payload, smaller than a pipe's buffer, waits in the pipe: no second thread needed. */
static void test_named_pipe_streamed(void **state)
{
    (void)state;
    char *directory = temporary_directory(), *fifo = join(directory, "pipe");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    int reader = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_true(reader >= 0);
    assert_int_equal(riskgan_write_file(fifo, payload, strlen(payload)), RISKGAN_OK);
    char buffer[256];
    ssize_t got = read(reader, buffer, sizeof buffer);
    close(reader);
    assert_int_equal(got, (ssize_t)strlen(payload));
    assert_memory_equal(buffer, payload, (size_t)got);
    struct stat info;
    assert_int_equal(lstat(fifo, &info), 0);
    assert_true(S_ISFIFO(info.st_mode)); /* still the pipe */
    assert_int_equal(entries(directory), 1);
    unlink(fifo);
    rmdir(directory);
    free(fifo);
    free(directory);
}

/* A node of the "full" device (1, 7) of our own, so that a failure cannot replace the
 * system's /dev/full; skipped where nodes cannot be made (not root, nodev mounts). */
static void test_full_device_reports_error(void **state)
{
    (void)state;
    char *directory = temporary_directory(), *device = join(directory, "full");
    int made = mknod(device, S_IFCHR | 0666, makedev(1, 7)) == 0;
    int usable = 0;
    if (made) {
        int descriptor = open(device, O_WRONLY);
        usable = descriptor >= 0 && write(descriptor, "x", 1) < 0 && errno == ENOSPC;
        if (descriptor >= 0)
            close(descriptor);
    }
    if (usable) {
        assert_int_equal(riskgan_write_file(device, payload, strlen(payload)), RISKGAN_ERR_IO);
        assert_non_null(strstr(riskgan_last_error(), "No space left"));
        struct stat info;
        assert_int_equal(lstat(device, &info), 0);
        assert_true(S_ISCHR(info.st_mode)); /* still the device */
        assert_int_equal(entries(directory), 1);
    } else {
        fprintf(stderr, "(no device node of our own here: the /dev/full case is not run)\n");
    }
    unlink(device);
    rmdir(directory);
    free(device);
    free(directory);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regular_file_replaced),
        cmocka_unit_test(test_symbolic_link_written_through),
        cmocka_unit_test(test_named_pipe_streamed),
        cmocka_unit_test(test_full_device_reports_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
