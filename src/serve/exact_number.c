/* exact_number.c — exact numbers as raw JSON text. */
#include "exact_number.h"

#include <math.h>

#include "../data/number_text.h"

void rg_add_exact_number(cJSON *object, const char *name, double value)
{
    if (!isfinite(value)) {
        cJSON_AddNullToObject(object, name);
        return;
    }
    char text[64];
    rg_format_number(text, sizeof text, value, -1);
    cJSON_AddRawToObject(object, name, text);
}
