/* message.h — a formatted message handed to a caller's callback (progress lines, a
 * service's events). */
#ifndef RISKGAN_CORE_MESSAGE_H
#define RISKGAN_CORE_MESSAGE_H

typedef void (*rg_message_callback)(const char *message, void *user);

/* Formats the message (at most 2,047 bytes kept) and passes it to callback(message, user);
 * does nothing when callback is NULL. */
void rg_say(rg_message_callback callback, void *user, const char *format, ...) __attribute__((format(printf, 3, 4)));

#endif
