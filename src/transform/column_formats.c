/* column_formats.c — parsing the per-column format overrides. */
#include "column_formats.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/number_text.h"

static riskgan_status apply(const char *column, const char *key, const char *value, rg_column_format_override *o)
{
    double number;
    int decimals;
    int numeric = rg_parse_number(value, strlen(value), &number, &decimals);
    if (strcmp(key, "decimals") == 0) {
        if (strcmp(value, "any") == 0)
            o->decimals = -1;
        else if (numeric && number >= 0 && number <= 18 && number == (int)number)
            o->decimals = (int)number;
        else
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column format of '%s': decimals must be 0..18 or 'any', got '%s'",
                           column, value);
    } else if (strcmp(key, "step") == 0) {
        if (strcmp(value, "none") == 0)
            o->step = -1;
        else if (numeric && number > 0)
            o->step = number;
        else
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column format of '%s': step must be a positive number or 'none', got '%s'",
                           column, value);
    } else if (strcmp(key, "range") == 0) {
        if (strcmp(value, "observed") && strcmp(value, "free"))
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column format of '%s': range must be 'observed' or 'free', got '%s'",
                           column, value);
        o->range = strcmp(value, "free") == 0;
    } else if (strcmp(key, "values") == 0) {
        if (strcmp(value, "observed") && strcmp(value, "any"))
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column format of '%s': values must be 'observed' or 'any', got '%s'",
                           column, value);
        o->values = strcmp(value, "observed") == 0;
    } else {
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT,
                       "column format of '%s': unknown key '%s' (known: decimals, step, range, values)", column, key);
    }
    return RISKGAN_OK;
}

riskgan_status rg_column_formats_parse(const char *text, const riskgan_table *table, rg_column_format_override *overrides)
{
    for (size_t j = 0; j < table->columns; j++)
        overrides[j] = (rg_column_format_override){RG_UNSET, 0, RG_UNSET, RG_UNSET};
    if (!text || !*text)
        return RISKGAN_OK;
    char *copy = rg_strdup(text);
    if (!copy)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = RISKGAN_OK;
    char *save_entry = NULL;
    for (char *entry = strtok_r(copy, ";", &save_entry); entry && status == RISKGAN_OK;
         entry = strtok_r(NULL, ";", &save_entry)) {
        while (*entry == ' ')
            entry++;
        char *colon = strrchr(entry, ':');
        if (!colon) {
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column format '%s' is not 'column:key=value'", entry);
            break;
        }
        *colon = '\0';
        long j = riskgan_table_find_column(table, entry);
        if (j < 0) {
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column format names column '%s', which the table does not have",
                             entry);
            break;
        }
        if (!rg_column_is_numeric(&table->column[j])) {
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column format of '%s': it is not a numeric column", entry);
            break;
        }
        char *save_pair = NULL;
        for (char *pair = strtok_r(colon + 1, ",", &save_pair); pair && status == RISKGAN_OK;
             pair = strtok_r(NULL, ",", &save_pair)) {
            char *equals = strchr(pair, '=');
            if (!equals) {
                status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column format of '%s': '%s' is not key=value", entry, pair);
                break;
            }
            *equals = '\0';
            status = apply(entry, pair, equals + 1, &overrides[j]);
        }
    }
    free(copy);
    return status;
}
