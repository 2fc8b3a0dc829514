/* fit_options_text.c — fit options set by name from text, for bindings (the Python package)
 * that pass options as keyword arguments instead of laying out the C struct. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "riskgan.h"

typedef enum { INT_FIELD, SIZE_FIELD, LONG_FIELD, DOUBLE_FIELD, TEXT_FIELD, SEED_FIELD } field_kind;

typedef struct {
    const char *name;
    field_kind kind;
    size_t offset;
} field;

#define FIELD(name, kind) {#name, kind, offsetof(riskgan_fit_options, name)}
static const field fields[] = {
    FIELD(target, TEXT_FIELD), FIELD(epochs, INT_FIELD), FIELD(batch_size, INT_FIELD),
    FIELD(discriminator_steps, INT_FIELD), FIELD(hidden, INT_FIELD), FIELD(pac, INT_FIELD),
    FIELD(generator_lr, DOUBLE_FIELD), FIELD(discriminator_lr, DOUBLE_FIELD),
    FIELD(generator_decay, DOUBLE_FIELD), FIELD(discriminator_decay, DOUBLE_FIELD),
    FIELD(target_condition_weight, DOUBLE_FIELD), FIELD(max_categories, SIZE_FIELD),
    FIELD(min_category_count, SIZE_FIELD), FIELD(extrapolate, INT_FIELD), FIELD(column_formats, TEXT_FIELD),
    FIELD(calibrate_marginals, INT_FIELD), FIELD(label_model, INT_FIELD), FIELD(epsilon, DOUBLE_FIELD),
    FIELD(delta, DOUBLE_FIELD), FIELD(metadata, TEXT_FIELD), FIELD(fit_sample_rows, SIZE_FIELD),
    FIELD(memory_limit_mb, SIZE_FIELD), FIELD(max_steps, LONG_FIELD), FIELD(early_stopping, INT_FIELD), FIELD(seed, SEED_FIELD),
    FIELD(threads, INT_FIELD),
};

size_t riskgan_fit_options_size(void)
{
    return sizeof(riskgan_fit_options);
}

void riskgan_fit_options_set_stop(riskgan_fit_options *options, volatile int *stop)
{
    options->stop = stop;
}

void riskgan_fit_options_set_progress(riskgan_fit_options *options, riskgan_progress_fn progress, void *user)
{
    options->progress = progress, options->progress_user = user;
}

/* Parses value into the field; 0 when it is not a number of that kind. */
static int parse_into(const field *f, const char *value, void *slot)
{
    char *end = NULL;
    errno = 0;
    if (f->kind == DOUBLE_FIELD) {
        double v = strtod(value, &end);
        return end != value && !*end && !errno ? (*(double *)slot = v, 1) : 0;
    }
    long long v = strtoll(value, &end, 10);
    if (end == value || *end || errno || (f->kind != LONG_FIELD && v < 0 && f->kind != INT_FIELD))
        return 0;
    if (f->kind == INT_FIELD && (v < -2147483647LL || v > 2147483647LL))
        return 0;
    if (f->kind == INT_FIELD)
        *(int *)slot = (int)v;
    else if (f->kind == SIZE_FIELD)
        *(size_t *)slot = (size_t)v;
    else if (f->kind == LONG_FIELD)
        *(long *)slot = (long)v;
    else
        *(uint64_t *)slot = (uint64_t)v;
    return 1;
}

riskgan_status riskgan_fit_options_set(riskgan_fit_options *options, const char *name, const char *value)
{
    if (!name || !value)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "a fit option needs a name and a value");
    if (strcmp(name, "model") == 0 && riskgan_model_kind_from_name(value, &options->model) != RISKGAN_OK)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "fit option 'model': '%s' is not a model (ctgan, tvae)", value);
    if (strcmp(name, "model") == 0)
        return RISKGAN_OK;
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        if (strcmp(fields[i].name, name) != 0)
            continue;
        void *slot = (char *)options + fields[i].offset;
        if (fields[i].kind == TEXT_FIELD) {
            *(const char **)slot = value;
            return RISKGAN_OK;
        }
        if (parse_into(&fields[i], value, slot))
            return RISKGAN_OK;
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "fit option '%s': '%s' is not a valid value", name, value);
    }
    return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "unknown fit option '%s'", name);
}
