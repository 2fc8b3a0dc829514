/* service.h — what every request of a running service shares: the models, the counters, the
 * access log and the limits (types only; server.c makes it, routes.c reads it). */
#ifndef RISKGAN_SERVE_SERVICE_H
#define RISKGAN_SERVE_SERVICE_H

#include <pthread.h>
#include <stdatomic.h>

#include "access_log.h"
#include "model_registry.h"
#include "riskgan.h"
#include "serve_metrics.h"

typedef struct {
    riskgan_serve_options options;
    rg_model_registry models;
    rg_serve_metrics metrics;
    rg_access_log log;
    pthread_mutex_t reloading;  /* one reload at a time */
    atomic_int draining;        /* 1: shutting down (/readyz says 503) */
    atomic_uint connections;    /* open client connections */
} rg_service;

#endif
