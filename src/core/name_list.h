/* name_list.h — reading a comma list of names chosen from a fixed set (methods, model
 * families): an unknown name is an error naming it, never silently left out. */
#ifndef RISKGAN_CORE_NAME_LIST_H
#define RISKGAN_CORE_NAME_LIST_H

#include <stddef.h>

#include "riskgan.h"

/* Sets chosen[i] = 1 for each of the `count` names found in `text` (others 0); `what` names
 * the kind of name in the error ("unknown method 'x'"). */
riskgan_status rg_parse_name_list(const char *text, const char *const *names, size_t count, int *chosen,
                                  const char *what);

#endif
