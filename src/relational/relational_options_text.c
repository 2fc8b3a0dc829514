/* relational_options_text.c — the fit options of linked tables set by name from text, for
 * bindings (the Python package): the event models' own names, else the root synthesizer's
 * (riskgan_fit_options_set). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "riskgan.h"

size_t riskgan_relational_fit_options_size(void)
{
    return sizeof(riskgan_relational_fit_options);
}

/* An integer option; 0 when value is not one in [minimum, maximum]. */
static int whole(const char *value, long long minimum, long long maximum, long long *out)
{
    char *end = NULL;
    long long v = strtoll(value, &end, 10);
    if (end == value || *end || v < minimum || v > maximum)
        return 0;
    *out = v;
    return 1;
}

riskgan_status riskgan_relational_fit_options_set(riskgan_relational_fit_options *o, const char *name,
                                                  const char *value)
{
    if (!name || !value)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "a fit option needs a name and a value");
    long long v = 0;
    int ok = 1;
    if (strcmp(name, "event_epochs") == 0)
        ok = whole(value, 0, 1000000, &v), o->epochs = (int)v;
    else if (strcmp(name, "event_hidden") == 0)
        ok = whole(value, 0, 65536, &v), o->hidden = (int)v;
    else if (strcmp(name, "event_batch") == 0)
        ok = whole(value, 0, 1 << 24, &v), o->batch = (int)v;
    else if (strcmp(name, "adversarial_rounds") == 0)
        ok = whole(value, 0, 1000, &v), o->adversarial_rounds = (int)v;
    else if (strcmp(name, "counts_only") == 0)
        ok = whole(value, 0, 1, &v), o->counts_only = (int)v;
    else if (strcmp(name, "monthly_echoes") == 0)
        ok = whole(value, 0, 1, &v), o->monthly_echoes = (int)v;
    else if (strcmp(name, "days_of_month") == 0)
        ok = whole(value, 0, 1, &v), o->days_of_month = (int)v;
    else if (strcmp(name, "monthly_kinds") == 0)
        ok = whole(value, 0, 1, &v), o->monthly_kinds = (int)v;
    else if (strcmp(name, "seed") == 0)
        ok = whole(value, 0, INT64_MAX, &v), o->seed = (uint64_t)v, o->root.seed = (uint64_t)v;
    else if (strcmp(name, "threads") == 0)
        ok = whole(value, 0, 4096, &v), o->threads = (int)v;
    else
        return riskgan_fit_options_set(&o->root, name, value);
    return ok ? RISKGAN_OK
              : rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "fit option '%s': '%s' is not a valid value", name, value);
}
