/* error.c — status names and the per-thread last-error message. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last_error[1024];

const char *riskgan_status_string(riskgan_status status)
{
    switch (status) {
    case RISKGAN_OK: return "ok";
    case RISKGAN_ERR_INVALID_ARGUMENT: return "invalid argument";
    case RISKGAN_ERR_IO: return "input/output error";
    case RISKGAN_ERR_PARSE: return "malformed CSV";
    case RISKGAN_ERR_SCHEMA: return "schema error";
    case RISKGAN_ERR_FORMAT: return "bad model file";
    case RISKGAN_ERR_NUMERIC: return "numerical failure";
    case RISKGAN_ERR_NO_MEMORY: return "out of memory";
    case RISKGAN_ERR_INTERRUPTED: return "interrupted";
    }
    return "unknown status";
}

const char *riskgan_last_error(void) { return last_error; }

const char *riskgan_version(void) { return RISKGAN_VERSION; }

void rg_clear_error(void) { last_error[0] = '\0'; }

riskgan_status rg_fail(riskgan_status status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(last_error, sizeof last_error, format, args);
    va_end(args);
    return status;
}

riskgan_status rg_fail_context(riskgan_status status, const char *format, ...)
{
    char previous[sizeof last_error];
    memcpy(previous, last_error, sizeof previous);
    va_list args;
    va_start(args, format);
    int used = vsnprintf(last_error, sizeof last_error, format, args);
    va_end(args);
    if (used >= 0 && (size_t)used < sizeof last_error && previous[0])
        snprintf(last_error + used, sizeof last_error - (size_t)used, ": %s", previous);
    return status;
}
