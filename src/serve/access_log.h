/* access_log.h — one JSON line per answered request (time, client, method, path, model,
 * status, records, bytes, milliseconds), to a file appended to or to standard error. */
#ifndef RISKGAN_SERVE_ACCESS_LOG_H
#define RISKGAN_SERVE_ACCESS_LOG_H

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#include "riskgan.h"

typedef struct {
    FILE *stream;   /* NULL: no log */
    int owned;      /* a file riskgan opened */
    pthread_mutex_t lock;
} rg_access_log;

typedef struct {
    const char *client, *method, *path, *model; /* model may be NULL */
    unsigned status;
    size_t records, bytes_in;
    double seconds;
} rg_access_entry;

/* path: a file (appended to), "-" (standard error) or NULL (no log). */
riskgan_status rg_access_log_open(rg_access_log *log, const char *path);
void rg_access_log_close(rg_access_log *log);
void rg_access_log_write(rg_access_log *log, const rg_access_entry *entry);

#endif
