/* http_daemon.h — the HTTP/1.1 server (libmicrohttpd, a pool of request threads on poll):
 * bodies gathered up to the limit, each finished request handed to routes.c, answers and
 * sample streams sent, every request counted and logged when it ends. */
#ifndef RISKGAN_SERVE_HTTP_DAEMON_H
#define RISKGAN_SERVE_HTTP_DAEMON_H

#include <stddef.h>

#include "service.h"

typedef struct rg_http_daemon rg_http_daemon;

/* Binds options.listen and starts serving `service` (which must outlive the daemon). */
riskgan_status rg_http_daemon_start(rg_service *service, rg_http_daemon **out);
/* The port bound (the one chosen when the address said port 0). */
unsigned rg_http_daemon_port(const rg_http_daemon *daemon);
/* Stops accepting new connections; requests already begun go on. */
void rg_http_daemon_quiesce(rg_http_daemon *daemon);
/* Requests begun and not yet ended. */
unsigned rg_http_daemon_active(const rg_http_daemon *daemon);
/* Closes every connection and frees the daemon. */
void rg_http_daemon_stop(rg_http_daemon *daemon);

#endif
