/* message.c — a formatted message handed to a caller's callback. */
#include "message.h"

#include <stdarg.h>
#include <stdio.h>

void rg_say(rg_message_callback callback, void *user, const char *format, ...)
{
    if (!callback)
        return;
    char message[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    callback(message, user);
}
