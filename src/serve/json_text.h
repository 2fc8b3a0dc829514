/* json_text.h — JSON values written by the service exactly: numbers with 17 significant
 * digits, which read back as exactly the same double (cJSON's own printing settles for 15
 * digits when they come within an epsilon, which can move a score by one unit in the last
 * place), and strings with their escapes. */
#ifndef RISKGAN_SERVE_JSON_TEXT_H
#define RISKGAN_SERVE_JSON_TEXT_H

#include <cjson/cJSON.h>
#include <stdio.h>

/* Adds `name`: the number, or null when it is NaN or infinite. */
void rg_add_exact_number(cJSON *object, const char *name, double value);
/* The same written to a stream. */
void rg_json_write_number(FILE *stream, double value);
/* A JSON string: quotes, backslashes and control characters escaped. */
void rg_json_write_string(FILE *stream, const char *text);

#endif
