/* text.h — text built in memory by a writer function: every result object's summary
 * (evaluation, experiments, detection, market reports, backtests, portfolio risk) is made
 * this way. */
#ifndef RISKGAN_CORE_TEXT_H
#define RISKGAN_CORE_TEXT_H

#include <stdio.h>

typedef void (*rg_text_writer)(FILE *f, const void *object);

/* The text write(f, object) prints, numbers with '.' whatever the host's locale; the caller
 * frees it (riskgan_free); NULL when out of memory. */
char *rg_text_build(rg_text_writer write, const void *object);

#endif
