/* location.c — parsing the places tables live: CSV paths, sqlite: files, PostgreSQL URIs. */
#include "location.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"

static int starts_with(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

int rg_location_is_database(const char *text)
{
    return text && (starts_with(text, "sqlite:") || starts_with(text, "postgresql://") ||
                    starts_with(text, "postgres://") || starts_with(text, "postgresql:"));
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A copy of text[0, length) with %XX escapes decoded (and '+' kept: it is not a space in a
 * table name); NULL with *bad set on a malformed escape or a NUL byte. */
static char *decode(const char *text, size_t length, int *bad)
{
    char *out = rg_calloc(length + 1, 1);
    size_t n = 0;
    for (size_t i = 0; out && i < length; i++) {
        if (text[i] != '%') {
            out[n++] = text[i];
            continue;
        }
        int high = i + 2 < length ? hex_digit(text[i + 1]) : -1;
        int low = i + 2 < length ? hex_digit(text[i + 2]) : -1;
        if (high < 0 || low < 0 || (high == 0 && low == 0)) {
            *bad = 1;
            free(out);
            return NULL;
        }
        out[n++] = (char)(high * 16 + low);
        i += 2;
    }
    return out;
}

/* Takes riskgan's parameters out of the query string `query` (after the '?'), decoded into
 * out; the others are kept in `rest` (joined by '&') for libpq. */
static riskgan_status take_parameters(const char *where, const char *query, rg_location *out, char *rest,
                                      int others_allowed)
{
    size_t used = 0;
    while (*query) {
        size_t length = strcspn(query, "&");
        int bad = 0;
        char **slot = starts_with(query, "table=") ? &out->table : starts_with(query, "schema=") ? &out->schema : NULL;
        if (slot) {
            size_t skip = (size_t)(strchr(query, '=') - query) + 1;
            free(*slot);
            *slot = decode(query + skip, length - skip, &bad);
            if (bad)
                return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: a malformed %%-escape in '%.*s'", where, (int)length,
                               query);
            if (!*slot)
                return RISKGAN_ERR_NO_MEMORY;
        } else if (!others_allowed && length) {
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: unknown parameter '%.*s' (a sqlite: location takes "
                           "table=NAME)", where, (int)length, query);
        } else if (length) {
            if (used)
                rest[used++] = '&';
            memcpy(rest + used, query, length);
            used += length;
        }
        query += length + (query[length] == '&');
    }
    rest[used] = '\0';
    return RISKGAN_OK;
}

riskgan_status rg_location_parse(const char *text, rg_location *out)
{
    memset(out, 0, sizeof *out);
    if (!text || !*text)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "an empty location (a CSV path, sqlite:FILE or postgresql://...)");
    if (!rg_location_is_database(text))
        return (out->path = rg_strdup(text)) ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    int sqlite = starts_with(text, "sqlite:");
    out->kind = sqlite ? RG_LOCATION_SQLITE : RG_LOCATION_POSTGRES;
    const char *body = sqlite ? text + strlen("sqlite:") : text;
    if (!sqlite && starts_with(text, "postgresql:") && !starts_with(text, "postgresql://"))
        body = text + strlen("postgresql:"); /* a libpq conninfo: "postgresql:dbname=bank host=..." */
    const char *mark = strchr(body, '?');
    size_t head = mark ? (size_t)(mark - body) : strlen(body);
    char *rest = rg_calloc(strlen(body) + 2, 1);
    char *first = rg_calloc(head + 1, 1);
    riskgan_status status = rest && first ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        memcpy(first, body, head);
    if (status == RISKGAN_OK && mark)
        status = take_parameters(text, mark + 1, out, rest, !sqlite);
    if (status == RISKGAN_OK && sqlite && !first[0])
        status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s: no database file after 'sqlite:'", text);
    if (status == RISKGAN_OK && sqlite) {
        out->path = first, first = NULL;
    } else if (status == RISKGAN_OK) {
        size_t length = head + strlen(rest) + 2;
        out->conninfo = rg_calloc(length, 1);
        if (!out->conninfo)
            status = RISKGAN_ERR_NO_MEMORY;
        else
            snprintf(out->conninfo, length, "%s%s%s", first, rest[0] ? "?" : "", rest);
    }
    free(rest), free(first);
    if (status != RISKGAN_OK)
        rg_location_free(out);
    return status;
}

void rg_location_free(rg_location *location)
{
    free(location->path), free(location->conninfo), free(location->table), free(location->schema);
    memset(location, 0, sizeof *location);
}
