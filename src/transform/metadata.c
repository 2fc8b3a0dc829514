/* metadata.c — parses the declared column facts of metadata.h with cJSON. */
#include "metadata.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"

static riskgan_status bad(const char *column, const char *reason)
{
    return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "metadata, column '%s': %s", column, reason);
}

static riskgan_status parse_values(const cJSON *list, const char *name, rg_column_metadata *c)
{
    if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) < 1)
        return bad(name, "\"values\" must be a non-empty list");
    size_t n = (size_t)cJSON_GetArraySize(list);
    c->values = rg_calloc(n, sizeof *c->values);
    if (!c->values)
        return RISKGAN_ERR_NO_MEMORY;
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        char text[64];
        const char *value = NULL;
        if (cJSON_IsString(item))
            value = item->valuestring;
        else if (cJSON_IsNumber(item) && snprintf(text, sizeof text, "%.17g", item->valuedouble) > 0)
            value = text;
        else
            return bad(name, "\"values\" must hold strings or numbers");
        for (size_t k = 0; k < c->value_count; k++)
            if (strcmp(c->values[k], value) == 0)
                return bad(name, "\"values\" lists a value twice");
        if (!(c->values[c->value_count] = rg_strdup(value)))
            return RISKGAN_ERR_NO_MEMORY;
        c->value_count++;
    }
    return RISKGAN_OK;
}

static riskgan_status parse_column(const cJSON *spec, const char *name, rg_column_metadata *c)
{
    if (!cJSON_IsObject(spec))
        return bad(name, "expected an object");
    const cJSON *field;
    cJSON_ArrayForEach(field, spec)
    {
        const char *key = field->string;
        riskgan_status status = RISKGAN_OK;
        if (strcmp(key, "min") == 0 || strcmp(key, "max") == 0) {
            if (!cJSON_IsNumber(field) || !isfinite(field->valuedouble))
                return bad(name, "\"min\" and \"max\" must be finite numbers");
            *(strcmp(key, "min") == 0 ? &c->minimum : &c->maximum) = field->valuedouble;
            c->has_bounds |= strcmp(key, "min") == 0 ? 1 : 2;
        } else if (strcmp(key, "decimals") == 0) {
            if (!cJSON_IsNumber(field) || field->valuedouble < 0 || field->valuedouble > 15 ||
                field->valuedouble != floor(field->valuedouble))
                return bad(name, "\"decimals\" must be a whole number from 0 to 15");
            c->decimals = (int)field->valuedouble;
        } else if (strcmp(key, "values") == 0) {
            status = parse_values(field, name, c);
        } else if (strcmp(key, "role") == 0) {
            if (!cJSON_IsString(field) || (strcmp(field->valuestring, "identifier") != 0 &&
                                           strcmp(field->valuestring, "feature") != 0))
                return bad(name, "\"role\" must be \"identifier\" or \"feature\"");
            c->identifier = strcmp(field->valuestring, "identifier") == 0;
        } else if (strcmp(key, "id_start") == 0) {
            if (!cJSON_IsNumber(field) || field->valuedouble < 0 || field->valuedouble >= RG_FRESH_LIMIT ||
                field->valuedouble != floor(field->valuedouble))
                return bad(name, "\"id_start\" must be a whole number >= 0 and below 2^52 (4503599627370496)");
            c->id_start = field->valuedouble;
        } else {
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT,
                           "metadata, column '%s': unknown key \"%s\" (known: min, max, decimals, values, role, "
                           "id_start)", name, key);
        }
        if (status != RISKGAN_OK)
            return status;
    }
    if (c->has_bounds && c->has_bounds != 3)
        return bad(name, "declare both \"min\" and \"max\"");
    if (c->has_bounds && !(c->minimum < c->maximum))
        return bad(name, "\"min\" must be below \"max\"");
    c->has_bounds = c->has_bounds == 3;
    return RISKGAN_OK;
}

riskgan_status rg_metadata_parse(const char *json, const riskgan_table *table, rg_column_metadata *columns)
{
    for (size_t j = 0; j < table->columns; j++) {
        memset(&columns[j], 0, sizeof columns[j]);
        columns[j].decimals = -1;
        columns[j].id_start = NAN;
    }
    if (!json)
        return RISKGAN_OK;
    cJSON *root = cJSON_Parse(json);
    if (!root)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "metadata: not valid JSON (near \"%.20s\")",
                       cJSON_GetErrorPtr() ? cJSON_GetErrorPtr() : "");
    riskgan_status status = RISKGAN_OK;
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "columns");
    if (!cJSON_IsObject(root) || !cJSON_IsObject(list) || cJSON_GetArraySize(root) != 1)
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "metadata: expected {\"columns\": {\"name\": {...}, ...}}");
    const cJSON *spec;
    if (status == RISKGAN_OK)
        cJSON_ArrayForEach(spec, list)
        {
            long j = riskgan_table_find_column(table, spec->string);
            if (j < 0) {
                status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "metadata: the table has no column '%s'", spec->string);
                break;
            }
            columns[j].declared = 1;
            if ((status = parse_column(spec, spec->string, &columns[j])) != RISKGAN_OK)
                break;
        }
    cJSON_Delete(root);
    if (status != RISKGAN_OK)
        rg_metadata_free(columns, table->columns);
    return status;
}

void rg_metadata_free(rg_column_metadata *columns, size_t count)
{
    for (size_t j = 0; j < count; j++) {
        for (size_t k = 0; k < columns[j].value_count; k++)
            free(columns[j].values[k]);
        free(columns[j].values);
        columns[j].values = NULL;
        columns[j].value_count = 0;
    }
}
