/* serve_metrics.h — the service's counters in Prometheus' text format (GET /metrics):
 * requests and errors per model and status code, latency histograms per model, rows scored
 * and sampled, model reloads. Lock-free: every counter is an atomic. */
#ifndef RISKGAN_SERVE_SERVE_METRICS_H
#define RISKGAN_SERVE_SERVE_METRICS_H

#include <stdatomic.h>
#include <stddef.h>

enum { RG_METRIC_CODES = 12, RG_METRIC_BUCKETS = 14 };

typedef struct {
    atomic_ulong requests[RG_METRIC_CODES];
    atomic_ulong latency_bucket[RG_METRIC_BUCKETS]; /* cumulative counts are made when written */
    atomic_ulong latency_microseconds, rows_scored, rows_sampled;
} rg_model_metrics;

typedef struct {
    size_t models;
    const char *const *names;
    rg_model_metrics *model;   /* models + 1: the last is requests naming no model */
    atomic_ulong reloads, reload_failures;
} rg_serve_metrics;

/* Counters for `models` names (the names must outlive the metrics). */
int rg_serve_metrics_init(rg_serve_metrics *metrics, const char *const *names, size_t models);
void rg_serve_metrics_free(rg_serve_metrics *metrics);
/* One finished request of model `model` (metrics->models: none). */
void rg_serve_metrics_request(rg_serve_metrics *metrics, size_t model, unsigned status, double seconds, size_t scored,
                              size_t sampled);
/* The exposition text (caller frees); open_connections is a gauge given by the server. */
char *rg_serve_metrics_text(const rg_serve_metrics *metrics, unsigned open_connections);

#endif
