/* text.c — text built in memory by a writer function, in the C locale. */
#include "text.h"

#include <stdlib.h>

#include "c_locale.h"

char *rg_text_build(rg_text_writer write, const void *object)
{
    char *text = NULL;
    size_t length = 0;
    FILE *f = open_memstream(&text, &length);
    if (!f)
        return NULL;
    locale_t previous = rg_use_c_locale();
    write(f, object);
    uselocale(previous);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}
