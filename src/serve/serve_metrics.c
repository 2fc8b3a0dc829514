/* serve_metrics.c — counting requests and writing them as Prometheus text. */
#include "serve_metrics.h"

#include <stdio.h>
#include <stdlib.h>

#include "../core/memory.h"
#include "../core/text.h"

static const unsigned codes[RG_METRIC_CODES - 1] = {200, 400, 401, 403, 404, 405, 408, 413, 415, 422, 500};
static const double bounds[RG_METRIC_BUCKETS - 1] = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                     0.025,  0.05,    0.1,    0.25,  0.5,    1};

int rg_serve_metrics_init(rg_serve_metrics *m, const char *const *names, size_t models)
{
    *m = (rg_serve_metrics){.models = models, .names = names};
    m->model = rg_calloc(models + 1, sizeof *m->model); /* zero is a valid atomic's value */
    return m->model != NULL;
}

void rg_serve_metrics_free(rg_serve_metrics *m)
{
    free(m->model);
    m->model = NULL;
}

void rg_serve_metrics_request(rg_serve_metrics *m, size_t model, unsigned status, double seconds, size_t scored,
                              size_t sampled)
{
    rg_model_metrics *c = &m->model[model < m->models ? model : m->models];
    size_t code = 0;
    while (code < RG_METRIC_CODES - 1 && codes[code] != status)
        code++;
    atomic_fetch_add(&c->requests[code], 1);
    size_t bucket = 0;
    while (bucket < RG_METRIC_BUCKETS - 1 && seconds > bounds[bucket])
        bucket++;
    atomic_fetch_add(&c->latency_bucket[bucket], 1);
    atomic_fetch_add(&c->latency_microseconds, (unsigned long)(seconds * 1e6));
    atomic_fetch_add(&c->rows_scored, scored);
    atomic_fetch_add(&c->rows_sampled, sampled);
}

static void write_requests(FILE *f, const rg_model_metrics *c, const char *name)
{
    for (size_t k = 0; k < RG_METRIC_CODES; k++) {
        unsigned long n = atomic_load(&c->requests[k]);
        if (!n)
            continue;
        if (k < RG_METRIC_CODES - 1)
            fprintf(f, "riskgan_requests_total{model=\"%s\",code=\"%u\"} %lu\n", name, codes[k], n);
        else
            fprintf(f, "riskgan_requests_total{model=\"%s\",code=\"other\"} %lu\n", name, n);
    }
}

static void write_latency(FILE *f, const rg_model_metrics *c, const char *name)
{
    unsigned long cumulative = 0;
    for (size_t b = 0; b < RG_METRIC_BUCKETS; b++) {
        cumulative += atomic_load(&c->latency_bucket[b]);
        if (b < RG_METRIC_BUCKETS - 1)
            fprintf(f, "riskgan_request_duration_seconds_bucket{model=\"%s\",le=\"%g\"} %lu\n", name, bounds[b],
                    cumulative);
        else
            fprintf(f, "riskgan_request_duration_seconds_bucket{model=\"%s\",le=\"+Inf\"} %lu\n", name, cumulative);
    }
    fprintf(f, "riskgan_request_duration_seconds_sum{model=\"%s\"} %.6f\n", name,
            (double)atomic_load(&c->latency_microseconds) / 1e6);
    fprintf(f, "riskgan_request_duration_seconds_count{model=\"%s\"} %lu\n", name, cumulative);
}

typedef struct {
    const rg_serve_metrics *metrics;
    unsigned open_connections;
} exposition;

static void write_all(FILE *f, const void *object)
{
    const exposition *e = object;
    const rg_serve_metrics *m = e->metrics;
    unsigned open_connections = e->open_connections;
    fputs("# HELP riskgan_requests_total Requests answered, by model and HTTP status.\n"
          "# TYPE riskgan_requests_total counter\n", f);
    for (size_t i = 0; i <= m->models; i++)
        write_requests(f, &m->model[i], i < m->models ? m->names[i] : "");
    fputs("# HELP riskgan_request_duration_seconds Time from the request's start to its answer.\n"
          "# TYPE riskgan_request_duration_seconds histogram\n", f);
    for (size_t i = 0; i <= m->models; i++)
        write_latency(f, &m->model[i], i < m->models ? m->names[i] : "");
    fputs("# HELP riskgan_rows_scored_total Records scored.\n# TYPE riskgan_rows_scored_total counter\n", f);
    for (size_t i = 0; i < m->models; i++)
        fprintf(f, "riskgan_rows_scored_total{model=\"%s\"} %lu\n", m->names[i], atomic_load(&m->model[i].rows_scored));
    fputs("# HELP riskgan_rows_sampled_total Synthetic rows sent.\n# TYPE riskgan_rows_sampled_total counter\n", f);
    for (size_t i = 0; i < m->models; i++)
        fprintf(f, "riskgan_rows_sampled_total{model=\"%s\"} %lu\n", m->names[i],
                atomic_load(&m->model[i].rows_sampled));
    fprintf(f, "# HELP riskgan_model_reloads_total Model files reloaded, by result.\n"
               "# TYPE riskgan_model_reloads_total counter\n"
               "riskgan_model_reloads_total{result=\"ok\"} %lu\nriskgan_model_reloads_total{result=\"failed\"} %lu\n",
            atomic_load(&m->reloads), atomic_load(&m->reload_failures));
    fprintf(f, "# HELP riskgan_open_connections Client connections open now.\n"
               "# TYPE riskgan_open_connections gauge\nriskgan_open_connections %u\n", open_connections);
}

char *rg_serve_metrics_text(const rg_serve_metrics *m, unsigned open_connections)
{
    exposition e = {m, open_connections};
    return rg_text_build(write_all, &e); /* numbers with '.', whatever the host's locale */
}
