/* exact_number.h — numbers in the service's JSON answers written as the shortest text that
 * reads back as exactly the same double (cJSON's own printing settles for 15 digits when they
 * come within an epsilon, which can move a score by one unit in the last place). */
#ifndef RISKGAN_SERVE_EXACT_NUMBER_H
#define RISKGAN_SERVE_EXACT_NUMBER_H

#include <cjson/cJSON.h>

/* Adds `name`: the number, or null when it is NaN or infinite. */
void rg_add_exact_number(cJSON *object, const char *name, double value);

#endif
