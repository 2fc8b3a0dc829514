/* json.c — small helpers over cJSON shared by every result writer: numbers that may be NaN,
 * arrays of numbers, dotted-path look-ups, and writing a document as an output file. */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "error.h"

cJSON *rg_json_numbers(cJSON *object, const char *name, const double *values, size_t n)
{
    cJSON *array = cJSON_AddArrayToObject(object, name);
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(array, isfinite(values[i]) ? cJSON_CreateNumber(values[i]) : cJSON_CreateNull());
    return array;
}

void rg_json_number(cJSON *object, const char *name, double value)
{
    if (isfinite(value))
        cJSON_AddNumberToObject(object, name, value);
    else
        cJSON_AddNullToObject(object, name);
}

riskgan_status rg_json_write_file(const cJSON *root, const char *path)
{
    char *text = cJSON_Print(root);
    if (!text)
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory formatting JSON");
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status == RISKGAN_OK) {
        fputs(text, file.stream);
        fputc('\n', file.stream);
        status = rg_atomic_commit(&file);
    }
    free(text);
    return status;
}

const cJSON *rg_json_at(const cJSON *item, const char *path)
{
    char key[64];
    while (item && *path) {
        size_t n = strcspn(path, ".");
        snprintf(key, sizeof key, "%.*s", (int)n, path);
        item = cJSON_IsArray(item) ? cJSON_GetArrayItem(item, atoi(key)) : cJSON_GetObjectItemCaseSensitive(item, key);
        path += n + (path[n] == '.');
    }
    return item;
}

double rg_json_get(const cJSON *item, const char *path)
{
    const cJSON *found = rg_json_at(item, path);
    return cJSON_IsNumber(found) ? found->valuedouble : NAN;
}

double rg_json_array_number(const cJSON *array, int i)
{
    const cJSON *item = cJSON_GetArrayItem(array, i);
    return cJSON_IsNumber(item) ? item->valuedouble : NAN;
}
