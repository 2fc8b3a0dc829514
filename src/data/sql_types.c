/* sql_types.c — declared SQL types to riskgan's column kinds and back, and quoted names. */
#include "sql_types.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"

/* Case-insensitive search of an upper-case word in text. */
static const char *find_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && toupper((unsigned char)p[i]) == word[i])
            i++;
        if (i == n)
            return p;
    }
    return NULL;
}

void rg_sql_type_parse(const char *declared, rg_sql_type *out)
{
    *out = (rg_sql_type){RG_SQL_UNKNOWN, -1};
    if (!declared || !*declared || find_word(declared, "INTERVAL") || find_word(declared, "POINT"))
        return;
    if (find_word(declared, "TIMESTAMPTZ") || (find_word(declared, "TIMESTAMP") && find_word(declared, "WITH TIME")))
        out->kind = RG_SQL_TIMESTAMP_TZ;
    else if (find_word(declared, "TIMESTAMP") || find_word(declared, "DATETIME"))
        out->kind = RG_SQL_TIMESTAMP;
    else if (find_word(declared, "DATE"))
        out->kind = RG_SQL_DATE;
    else if (find_word(declared, "INT"))
        out->kind = RG_SQL_INTEGER;
    else if (find_word(declared, "BOOL"))
        out->kind = RG_SQL_BOOLEAN;
    else if (find_word(declared, "CHAR") || find_word(declared, "CLOB") || find_word(declared, "TEXT"))
        out->kind = RG_SQL_TEXT;
    else if (find_word(declared, "REAL") || find_word(declared, "FLOA") || find_word(declared, "DOUB"))
        out->kind = RG_SQL_FLOAT;
    else if (find_word(declared, "NUMERIC") || find_word(declared, "DECIMAL")) {
        out->kind = RG_SQL_DECIMAL;
        const char *comma = strchr(declared, ',');
        if (comma && strchr(declared, '('))
            out->scale = atoi(comma + 1);
    }
}

int rg_sql_type_hint(const rg_sql_type *type, rg_column_hint *hint, char **format)
{
    *hint = (rg_column_hint){0};
    *format = NULL;
    const char *date = type->kind == RG_SQL_DATE ? "yyyy-mm-dd"
                       : type->kind == RG_SQL_TIMESTAMP ? "yyyy-mm-dd hh:mm:ss" : NULL;
    if (date) {
        if (!(*format = rg_strdup(date)))
            return RISKGAN_ERR_NO_MEMORY;
        hint->datetime_format = *format;
    }
    hint->categorical = type->kind == RG_SQL_TEXT || type->kind == RG_SQL_BOOLEAN ||
                        type->kind == RG_SQL_TIMESTAMP_TZ; /* kept as written: the offset is part of the value */
    hint->continuous = type->kind == RG_SQL_DECIMAL && type->scale > 0;
    hint->decimals = hint->continuous ? type->scale : 0;
    return RISKGAN_OK;
}

void rg_sql_column_type(const rg_column *column, int postgres, char *out, size_t size)
{
    switch (column->type) {
    case RISKGAN_COLUMN_INTEGER:
        snprintf(out, size, postgres ? "BIGINT" : "INTEGER");
        break;
    case RISKGAN_COLUMN_CONTINUOUS:
        if (column->decimals >= 0)
            snprintf(out, size, "NUMERIC(%d,%d)", column->decimals > 18 ? 38 : 18 + column->decimals, column->decimals);
        else
            snprintf(out, size, postgres ? "DOUBLE PRECISION" : "REAL");
        break;
    case RISKGAN_COLUMN_DATETIME:
        snprintf(out, size, column->datetime.time ? "TIMESTAMP" : "DATE");
        break;
    default:
        snprintf(out, size, "TEXT");
    }
}

void rg_sql_quote_name(const char *name, char *out, size_t size)
{
    size_t n = 0;
    if (size < 3) {
        if (size)
            out[0] = '\0';
        return;
    }
    out[n++] = '"';
    for (const char *p = name; *p && n + 3 < size; p++) {
        if (*p == '"')
            out[n++] = '"';
        out[n++] = *p;
    }
    out[n++] = '"';
    out[n] = '\0';
}

void rg_sql_quote_qualified(const char *name, char *out, size_t size)
{
    const char *dot = strchr(name, '.');
    if (!dot || size < 8) {
        rg_sql_quote_name(name, out, size);
        return;
    }
    char *schema = rg_calloc((size_t)(dot - name) + 1, 1);
    if (!schema) {
        out[0] = '\0';
        return;
    }
    memcpy(schema, name, (size_t)(dot - name));
    rg_sql_quote_name(schema, out, size);
    size_t used = strlen(out);
    if (used + 2 < size) {
        out[used++] = '.';
        rg_sql_quote_name(dot + 1, out + used, size - used);
    }
    free(schema);
}
