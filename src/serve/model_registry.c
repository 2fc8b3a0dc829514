/* model_registry.c — named models behind a lock held only to swap or take a pointer. */
#include "model_registry.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"

static int valid_name(const char *name)
{
    if (!*name || strlen(name) > 64)
        return 0;
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
              *c == '_' || *c == '.'))
            return 0;
    return 1;
}

static riskgan_status check_names(const char *const *names, size_t count)
{
    if (count == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "no model to serve (--model NAME=PATH)");
    for (size_t i = 0; i < count; i++) {
        if (!valid_name(names[i]))
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "model name '%s': use 1 to 64 letters, digits, '-', '_', '.'",
                           names[i]);
        for (size_t k = 0; k < i; k++)
            if (strcmp(names[i], names[k]) == 0)
                return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "model name '%s' is given twice", names[i]);
    }
    return RISKGAN_OK;
}

riskgan_status rg_model_registry_open(rg_model_registry *r, const char *const *names, const char *const *paths,
                                      size_t count, double alert_rate)
{
    memset(r, 0, sizeof *r);
    riskgan_status status = check_names(names, count);
    if (status != RISKGAN_OK)
        return status;
    pthread_mutex_init(&r->lock, NULL);
    r->alert_rate = alert_rate;
    r->name = rg_calloc(count, sizeof *r->name);
    r->path = rg_calloc(count, sizeof *r->path);
    r->current = rg_calloc(count, sizeof *r->current);
    if (!r->name || !r->path || !r->current)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; i < count && status == RISKGAN_OK; i++, r->count++) {
        if (!(r->name[i] = rg_strdup(names[i])) || !(r->path[i] = rg_strdup(paths[i])))
            status = RISKGAN_ERR_NO_MEMORY;
        else if ((status = rg_served_model_load(paths[i], alert_rate, &r->current[i])) != RISKGAN_OK)
            rg_fail_context(status, "model '%s'", names[i]);
    }
    if (status != RISKGAN_OK)
        rg_model_registry_close(r);
    return status;
}

void rg_model_registry_close(rg_model_registry *r)
{
    for (size_t i = 0; i < r->count; i++) {
        rg_served_model_release(r->current[i]);
        free(r->name[i]);
        free(r->path[i]);
    }
    free(r->name), free(r->path), free(r->current);
    if (r->name || r->count)
        pthread_mutex_destroy(&r->lock);
    memset(r, 0, sizeof *r);
}

rg_served_model *rg_model_registry_take_at(rg_model_registry *r, size_t index)
{
    pthread_mutex_lock(&r->lock);
    rg_served_model *m = r->current[index];
    rg_served_model_hold(m);
    pthread_mutex_unlock(&r->lock);
    return m;
}

rg_served_model *rg_model_registry_take(rg_model_registry *r, const char *name, size_t *index)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->name[i], name) == 0) {
            if (index)
                *index = i;
            return rg_model_registry_take_at(r, i);
        }
    return NULL;
}

riskgan_status rg_model_registry_reload(rg_model_registry *r, size_t index)
{
    rg_served_model *fresh;
    riskgan_status status = rg_served_model_load(r->path[index], r->alert_rate, &fresh);
    if (status != RISKGAN_OK)
        return rg_fail_context(status, "model '%s' kept as it was", r->name[index]);
    pthread_mutex_lock(&r->lock);
    rg_served_model *old = r->current[index];
    r->current[index] = fresh;
    pthread_mutex_unlock(&r->lock);
    rg_served_model_release(old);
    return RISKGAN_OK;
}
