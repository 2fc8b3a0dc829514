/* c_locale.h — the "C" locale, so that a host program's LC_NUMERIC never reaches the numbers
 * riskgan reads or writes. */
#ifndef RISKGAN_CORE_C_LOCALE_H
#define RISKGAN_CORE_C_LOCALE_H

#include <locale.h>

#include "riskgan.h"

/* The "C" locale, for strtod_l / uselocale (the global one if it cannot be made). */
locale_t rg_c_locale(void);
/* Switches the calling thread to the "C" locale (numbers with '.') and returns the locale to
 * give back to uselocale() when done: every writer that formats numbers with printf runs
 * between the two, so a host program's LC_NUMERIC never reaches riskgan's files. */
locale_t rg_use_c_locale(void);

/* A writer of an object to a file. */
typedef riskgan_status (*rg_file_writer)(const void *object, const char *path);
/* Runs write(object, path) with the calling thread in the "C" locale, so that the numbers of
 * a report keep '.' whatever LC_NUMERIC the host program set. */
riskgan_status rg_write_in_c_locale(rg_file_writer write, const void *object, const char *path);

#endif
