/* c_locale.c — the "C" locale, made once. */
#include "c_locale.h"

#include <pthread.h>

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

locale_t rg_c_locale(void)
{
    pthread_once(&c_locale_once, make_c_locale);
    return c_locale ? c_locale : LC_GLOBAL_LOCALE;
}

locale_t rg_use_c_locale(void)
{
    return uselocale(rg_c_locale());
}

riskgan_status rg_write_in_c_locale(rg_file_writer write, const void *object, const char *path)
{
    locale_t previous = rg_use_c_locale();
    riskgan_status status = write(object, path);
    uselocale(previous);
    return status;
}
