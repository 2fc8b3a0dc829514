/* bench_csv_read.c — CSV ingestion throughput and memory: generates (once) a transaction-
 * like CSV of the requested size with 30 columns (20 continuous, 5 integer, 5 categorical,
 * about 1 % missing), then reads it with riskgan_table_read_csv and reports MB/s and the
 * peak resident memory against the table's float32 size.
 *
 *   bench_csv_read FILE.csv [SIZE_MB]      (default 1024; the file is reused if present)
 */
#include <riskgan.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static unsigned long long state = 88172645463325252ULL;
static unsigned long long next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static void generate(const char *path, long long bytes)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    static const char *merchants[] = {"grocery", "fuel", "travel", "online", "restaurant", "pharmacy", "electronics"};
    for (int c = 0; c < 20; c++)
        fprintf(f, "v%d,", c);
    fprintf(f, "amount_cents,hour,day,age,count,merchant,country,channel,card_type,\"status, final\"\n");
    char line[1024];
    long long written = 0;
    while (written < bytes) {
        int n = 0;
        for (int c = 0; c < 20; c++) {
            if (next() % 100 == 0)
                n += sprintf(line + n, ",");
            else
                n += sprintf(line + n, "%.*f,", 2 + c % 3, ((double)(next() % 2000000) - 1000000) / 1000.0);
        }
        n += sprintf(line + n, "%llu,%llu,%llu,%llu,%llu,", next() % 1000000, next() % 24, next() % 31, 18 + next() % 70,
                     next() % 50);
        n += sprintf(line + n, "%s,C%03llu,%s,%s,\"%s\"\n", merchants[next() % 7], next() % 200,
                     next() % 2 ? "pos" : "ecommerce", next() % 3 ? "debit" : "credit", next() % 10 ? "ok" : "charge, back");
        fwrite(line, 1, (size_t)n, f);
        written += n;
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE.csv [SIZE_MB]\n", argv[0]);
        return 2;
    }
    long long megabytes = argc > 2 ? atoll(argv[2]) : 1024;
    struct stat info;
    if (stat(argv[1], &info) != 0 || info.st_size < megabytes * 1000000LL * 99 / 100) {
        fprintf(stderr, "generating %s (%lld MB)...\n", argv[1], megabytes);
        generate(argv[1], megabytes * 1000000LL);
        stat(argv[1], &info);
    }
    riskgan_set_threads(1);
    double start = seconds();
    riskgan_table *table;
    if (riskgan_table_read_csv(argv[1], NULL, &table) != RISKGAN_OK) {
        fprintf(stderr, "%s\n", riskgan_last_error());
        return 1;
    }
    double elapsed = seconds() - start;
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    double table_mb = (double)riskgan_table_rows(table) * riskgan_table_columns(table) * 4 / 1e6;
    double peak_mb = (double)usage.ru_maxrss * 1024 / 1e6;
    printf("file %.1f MB, %zu rows x %zu columns, read in %.2f s: %.1f MB/s; peak RSS %.1f MB = %.2f x the float32 "
           "table (%.1f MB)\n",
           info.st_size / 1e6, riskgan_table_rows(table), riskgan_table_columns(table), elapsed,
           info.st_size / 1e6 / elapsed, peak_mb, peak_mb / table_mb, table_mb);
    riskgan_table_free(table);
    return 0;
}
