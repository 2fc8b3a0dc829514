/* serve.c — riskgan_serve: loads the models, starts the HTTP daemon, watches the stop and
 * reload flags, and on stop drains (stops accepting, lets begun requests end, at most 30 s)
 * before closing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/error.h"
#include "../core/message.h"
#include "http_daemon.h"
#include "routes.h"
#include "service.h"

enum { DRAIN_SECONDS = 30 };

void riskgan_serve_options_init(riskgan_serve_options *o)
{
    *o = (riskgan_serve_options){.listen = "127.0.0.1:8080", .threads = 2, .max_body_bytes = 1 << 20,
                                 .max_batch_records = 10000, .max_sample_rows = 1000000, .max_connections = 1000,
                                 .timeout_seconds = 10, .alert_rate = 0.01, .reasons = 3, .id_field = "id"};
}

static void pause_briefly(void)
{
    struct timespec wait = {0, 20 * 1000 * 1000};
    nanosleep(&wait, NULL);
}

static void reload_all(rg_service *s)
{
    size_t failed;
    char *report = rg_reload_models(s, &failed);
    rg_say(s->options.on_event, s->options.user, "reload: %zu of %zu models reloaded%s %s", s->models.count - failed,
           s->models.count, failed ? " (the others keep their old version):" : ":", report ? report : "");
    free(report);
}

/* Until stop: reloads when asked. Then drains. */
static void run(rg_service *s, rg_http_daemon *d)
{
    const riskgan_serve_options *o = &s->options;
    while (!(o->stop && *o->stop)) {
        if (o->reload && *o->reload) {
            *o->reload = 0;
            reload_all(s);
        }
        pause_briefly();
    }
    atomic_store(&s->draining, 1);
    rg_http_daemon_quiesce(d);
    rg_say(o->on_event, o->user, "draining: %u requests in progress", rg_http_daemon_active(d));
    for (int waited = 0; rg_http_daemon_active(d) > 0 && waited < DRAIN_SECONDS * 50; waited++)
        pause_briefly();
    rg_say(o->on_event, o->user, "stopped (%u requests cut short)", rg_http_daemon_active(d));
}

static riskgan_status check_options(const riskgan_serve_options *o)
{
    if (!o->listen || !o->names || !o->paths)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "riskgan_serve needs an address and models");
    if (o->max_body_bytes == 0 || o->max_batch_records == 0 || o->max_sample_rows == 0 || o->max_connections == 0 ||
        o->timeout_seconds == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "every limit must be at least 1");
    if (!(o->alert_rate >= 0 && o->alert_rate <= 1))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the alert rate must lie in [0, 1]");
    if (o->token && strlen(o->token) < 16)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the token must be at least 16 characters");
    return RISKGAN_OK;
}

riskgan_status riskgan_serve(const riskgan_serve_options *options)
{
    riskgan_status status = check_options(options);
    if (status != RISKGAN_OK)
        return status;
    rg_service s = {.options = *options};
    pthread_mutex_init(&s.reloading, NULL);
    status = rg_access_log_open(&s.log, options->access_log);
    if (status == RISKGAN_OK)
        status = rg_model_registry_open(&s.models, options->names, options->paths, options->models, options->alert_rate);
    if (status == RISKGAN_OK && !rg_serve_metrics_init(&s.metrics, (const char *const *)s.models.name, s.models.count))
        status = RISKGAN_ERR_NO_MEMORY;
    rg_http_daemon *d = NULL;
    if (status == RISKGAN_OK)
        status = rg_http_daemon_start(&s, &d);
    if (status == RISKGAN_OK) {
        rg_say(options->on_event, options->user, "listening on %s://%s (port %u), %zu models",
               options->tls_certificate ? "https" : "http", options->listen, rg_http_daemon_port(d), s.models.count);
        run(&s, d);
        rg_http_daemon_stop(d);
    }
    rg_access_log_close(&s.log);
    rg_serve_metrics_free(&s.metrics);
    rg_model_registry_close(&s.models);
    pthread_mutex_destroy(&s.reloading);
    return status;
}
