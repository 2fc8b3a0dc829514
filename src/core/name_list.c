/* name_list.c — comma lists of names from a fixed set (see name_list.h). */
#include "name_list.h"

#include <string.h>

#include "error.h"

riskgan_status rg_parse_name_list(const char *text, const char *const *names, size_t count, int *chosen,
                                  const char *what)
{
    memset(chosen, 0, count * sizeof *chosen);
    const char *p = text;
    while (*p) {
        size_t length = strcspn(p, ",");
        size_t i = 0;
        while (i < count && !(strlen(names[i]) == length && strncmp(names[i], p, length) == 0))
            i++;
        if (i == count)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "unknown %s '%.*s'", what, (int)length, p);
        chosen[i] = 1;
        p += length + (p[length] == ',');
    }
    return RISKGAN_OK;
}
