/* model_registry.h — the named models a service holds, swapped whole on reload: a request
 * takes the model current when it starts and keeps it to its end; the old model is freed
 * after the last request that holds it. A file that fails to load keeps the old model. */
#ifndef RISKGAN_SERVE_MODEL_REGISTRY_H
#define RISKGAN_SERVE_MODEL_REGISTRY_H

#include <pthread.h>
#include <stddef.h>

#include "riskgan.h"
#include "served_model.h"

typedef struct {
    size_t count;
    char **name, **path;
    rg_served_model **current;
    double alert_rate;
    pthread_mutex_t lock;
} rg_model_registry;

/* Loads every model; the first that fails is the error (naming it). Names must be unique
 * and made of letters, digits, '-', '_' and '.'. */
riskgan_status rg_model_registry_open(rg_model_registry *registry, const char *const *names,
                                      const char *const *paths, size_t count, double alert_rate);
void rg_model_registry_close(rg_model_registry *registry);
/* The model named `name` with a reference the caller releases (rg_served_model_release), or
 * NULL; *index (may be NULL) receives its place. */
rg_served_model *rg_model_registry_take(rg_model_registry *registry, const char *name, size_t *index);
/* The same by place. */
rg_served_model *rg_model_registry_take_at(rg_model_registry *registry, size_t index);
/* Reloads model i from its file; on failure the old one stays and the status says why. */
riskgan_status rg_model_registry_reload(rg_model_registry *registry, size_t index);

#endif
