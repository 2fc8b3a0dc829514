/* access_log.c — structured access log lines, written whole under a lock. */
#include "access_log.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "../core/c_locale.h"
#include "../core/error.h"

riskgan_status rg_access_log_open(rg_access_log *log, const char *path)
{
    memset(log, 0, sizeof *log);
    pthread_mutex_init(&log->lock, NULL);
    if (!path)
        return RISKGAN_OK;
    if (strcmp(path, "-") == 0) {
        log->stream = stderr;
        return RISKGAN_OK;
    }
    if (!(log->stream = fopen(path, "a")))
        return rg_fail(RISKGAN_ERR_IO, "%s: cannot open the access log: %s", path, strerror(errno));
    log->owned = 1;
    return RISKGAN_OK;
}

void rg_access_log_close(rg_access_log *log)
{
    if (log->owned)
        fclose(log->stream);
    pthread_mutex_destroy(&log->lock);
    memset(log, 0, sizeof *log);
}

void rg_access_log_write(rg_access_log *log, const rg_access_entry *e)
{
    if (!log->stream)
        return;
    struct timeval now;
    gettimeofday(&now, NULL);
    struct tm utc;
    char time_text[40];
    size_t used = strftime(time_text, sizeof time_text, "%Y-%m-%dT%H:%M:%S", gmtime_r(&now.tv_sec, &utc));
    snprintf(time_text + used, sizeof time_text - used, ".%03ldZ", (long)now.tv_usec / 1000);
    cJSON *line = cJSON_CreateObject();
    cJSON_AddStringToObject(line, "time", time_text);
    cJSON_AddStringToObject(line, "client", e->client ? e->client : "");
    cJSON_AddStringToObject(line, "method", e->method ? e->method : "");
    cJSON_AddStringToObject(line, "path", e->path ? e->path : "");
    if (e->model)
        cJSON_AddStringToObject(line, "model", e->model);
    cJSON_AddNumberToObject(line, "status", e->status);
    cJSON_AddNumberToObject(line, "records", (double)e->records);
    cJSON_AddNumberToObject(line, "bytes_in", (double)e->bytes_in);
    cJSON_AddNumberToObject(line, "ms", (double)(long)(e->seconds * 1e6) / 1e3);
    locale_t previous = rg_use_c_locale();
    char *text = cJSON_PrintUnformatted(line);
    uselocale(previous);
    cJSON_Delete(line);
    if (!text)
        return;
    pthread_mutex_lock(&log->lock);
    fputs(text, log->stream);
    fputc('\n', log->stream);
    fflush(log->stream);
    pthread_mutex_unlock(&log->lock);
    cJSON_free(text);
}
