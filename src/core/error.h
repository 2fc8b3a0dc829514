/* error.h — setting the thread-local "last error" message behind riskgan_last_error(). */
#ifndef RISKGAN_CORE_ERROR_H
#define RISKGAN_CORE_ERROR_H

#include "riskgan.h"

/* Records a printf-style message for riskgan_last_error() and returns status,
 * so that failures read `return rg_fail(RISKGAN_ERR_IO, "cannot open %s", p);`. */
riskgan_status rg_fail(riskgan_status status, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Prefixes the current message with more context ("reading model: ..."). */
riskgan_status rg_fail_context(riskgan_status status, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void rg_clear_error(void);

#endif
