/* json.h — small helpers over cJSON shared by every result writer (evaluation, risk,
 * detection and market reports). */
#ifndef RISKGAN_CORE_JSON_H
#define RISKGAN_CORE_JSON_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "riskgan.h"

/* Writes the document, indented, as an output file (core/atomic_file.h). */
riskgan_status rg_json_write_file(const cJSON *root, const char *path);
/* Adds an array of n doubles (NaN written as null). */
cJSON *rg_json_numbers(cJSON *object, const char *name, const double *values, size_t n);
/* Adds a number, or null when NaN/inf. */
void rg_json_number(cJSON *object, const char *name, double value);
/* The item at a dotted path of object keys and array indexes ("assets.0.w1"), or NULL. */
const cJSON *rg_json_at(const cJSON *item, const char *path);
/* The number at a dotted path, NaN when absent or not a number. */
double rg_json_get(const cJSON *item, const char *path);
/* Element i of an array of numbers, NaN when absent or not a number. */
double rg_json_array_number(const cJSON *array, int i);

#endif
