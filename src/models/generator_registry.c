/* generator_registry.c — the list of generators: one line each. */
#include "generator_registry.h"

#include <string.h>

#include "ctgan_generator.h"
#include "tvae_generator.h"

static const rg_generator *const generators[] = {
    &rg_ctgan_generator,
    &rg_ctgan_private_generator,
    &rg_tvae_generator,
};
enum { GENERATORS = sizeof generators / sizeof *generators };

const rg_generator *rg_generator_for_fit(const riskgan_fit_options *options)
{
    for (size_t i = 0; i < GENERATORS; i++)
        if (generators[i]->kind == options->model && generators[i]->private_fit == (options->epsilon > 0))
            return generators[i];
    return NULL;
}

const rg_generator *rg_generator_for_kind(riskgan_model_kind kind)
{
    for (size_t i = 0; i < GENERATORS; i++)
        if (generators[i]->kind == kind && !generators[i]->private_fit)
            return generators[i];
    return NULL;
}

const char *riskgan_model_kind_name(riskgan_model_kind kind)
{
    const rg_generator *generator = rg_generator_for_kind(kind);
    return generator ? generator->name : NULL;
}

riskgan_status riskgan_model_kind_from_name(const char *name, riskgan_model_kind *kind)
{
    for (size_t i = 0; i < GENERATORS; i++)
        if (strcmp(generators[i]->name, name) == 0) {
            *kind = generators[i]->kind;
            return RISKGAN_OK;
        }
    return RISKGAN_ERR_INVALID_ARGUMENT;
}
