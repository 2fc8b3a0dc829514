/* synthesizer.c — fitting a synthesizer: the transformer, the network (through its generator),
 * the label model and the marginal calibration, from a table in memory or any row source. */
#include "synthesizer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/threads.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../core/parallel.h"
#include "../data/table_source.h"
#include "../data/fit_sample.h"
#include "../data/location.h"
#include "../data/shared_sample.h"
#include "../data/table.h"
#include "../data/table_builder.h"
#include "../transform/transformer_encode.h"
#include "../transform/transformer_fit.h"
#include "fit_options.h"
#include "generator_registry.h"
#include "label_model_private.h"
#include "model.h"
#include "privacy_plan.h"
#include "training_rows.h"

/* The transformer, label model and calibration learn from the whole table up to twice this
 * many rows, else from a seeded sample of that size (rg_row_filter); the default of
 * riskgan_fit_options.fit_sample_rows. */
enum { FIT_SAMPLE_ROWS = 100000 };

static size_t fit_sample_rows(const riskgan_fit_options *o)
{
    return o->fit_sample_rows ? o->fit_sample_rows : FIT_SAMPLE_ROWS;
}

/* Generation for calibration: unconditional rows with the given logit biases. */
static riskgan_status generate_encoded(void *context, size_t rows, const float *logit_bias, rg_rng *rng, float *out)
{
    const riskgan_model *m = context;
    rg_generation request = {.transformer = m->transformer, .sampler = &m->sampler, .rows = rows,
                             .condition_column = -1, .condition_level = -1, .logit_bias = logit_bias,
                             .sample_categories = 1, .rng = rng};
    return m->generator->generate(m->network, &request, out);
}

/* Generates rows as sampling will and corrects the label model's base rate on them. */
static riskgan_status match_label_rate(riskgan_model *m, size_t training_rows, rg_rng *rng)
{
    size_t rows = training_rows < 20000 ? 20000 : training_rows > 200000 ? 200000 : training_rows;
    float *encoded = rg_calloc(rows * m->transformer->width, sizeof *encoded);
    if (!encoded)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = generate_encoded(m, rows, m->calibration.logit_bias, rng, encoded);
    if (status == RISKGAN_OK)
        rg_label_model_match_rate(&m->label_model, m->transformer, encoded, rows);
    free(encoded);
    return status;
}

/* The memory limit in bytes: the option's megabytes, else half the machine's memory. */
static size_t memory_limit(const riskgan_fit_options *o)
{
    if (o->memory_limit_mb)
        return o->memory_limit_mb << 20;
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && page > 0 ? (size_t)pages * (size_t)page / 2 : (size_t)4 << 30;
}

/* The checks a fit makes before any work. */
static riskgan_status check_fit(const riskgan_table *sample, size_t total_rows, const riskgan_fit_options *o)
{
    riskgan_status status;
    if (rg_parallel_size() > 1 && (o->model != RISKGAN_MODEL_CTGAN || o->epsilon > 0))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "data-parallel training (mpirun) is available for the ctgan "
                       "model without differential privacy; run this fit as one process");
    if (o->target && (status = riskgan_table_check_target(sample, o->target)) != RISKGAN_OK)
        return status;
    if (total_rows < 2)
        return rg_fail(RISKGAN_ERR_SCHEMA, "at least 2 rows are needed to fit a model, got %zu", total_rows);
    if (total_rows > UINT32_MAX)
        return rg_fail(RISKGAN_ERR_SCHEMA, "at most %u rows can be fitted", UINT32_MAX);
    return RISKGAN_OK;
}

/* A model holding the fit's settings, nothing fitted yet. */
static riskgan_model *new_model(const riskgan_fit_options *o, size_t total_rows)
{
    riskgan_model *m = rg_calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->kind = o->model;
    m->generator = rg_generator_for_fit(o);
    m->target = o->target ? rg_strdup(o->target) : NULL;
    m->batch_size = rg_choose_batch_size(o, total_rows);
    m->epochs = o->epochs ? o->epochs : rg_automatic_epochs(o, total_rows, m->batch_size);
    m->pac = o->pac;
    m->discriminator_steps = o->discriminator_steps;
    m->generator_lr = o->generator_lr;
    m->discriminator_lr = o->discriminator_lr;
    m->generator_decay = o->generator_decay;
    m->discriminator_decay = o->discriminator_decay;
    m->target_condition_weight = o->target ? o->target_condition_weight : 0;
    m->seed = o->seed;
    m->training_rows = total_rows;
    return m;
}
/* What the steps of one fit share. */
typedef struct {
    riskgan_fit_options *options;       /* resolved (the epochs chosen once the rows are known) */
    int automatic_epochs;               /* the caller left the epochs to the fit (0) */
    const riskgan_table *sample;        /* the fit sample */
    const rg_shard *shard;              /* this rank's training rows */
    rg_rng rng;
    uint64_t encode_seed;
    rg_private_fit privacy;             /* differentially private fits */
    rg_dp_sgd sgd;
    double label_rho;
    rg_training_data training;
} fit_state;

/* The transformer, from the fit sample (or its noisy statistics under differential privacy). */
static riskgan_status fit_transformer(riskgan_model *m, fit_state *f)
{
    const riskgan_fit_options *o = f->options;
    rg_transformer_options transform_options;
    rg_transformer_options_default(&transform_options);
    transform_options.max_categories = o->max_categories;
    transform_options.min_category_count = o->min_category_count;
    transform_options.extrapolate = o->extrapolate;
    transform_options.column_formats = o->column_formats;
    transform_options.target = o->target;
    transform_options.seed = o->seed;
    riskgan_status status;
    if (o->epsilon > 0) {
        rg_privacy_plan_statistics(o, f->sample->rows, &f->privacy, &f->label_rho, &m->privacy);
        status = rg_transformer_fit_private(f->sample, &transform_options, &f->privacy, &m->transformer);
        if (status == RISKGAN_OK) {
            m->training_rows = (size_t)llround(f->privacy.noisy_rows);
            m->batch_size = rg_choose_batch_size(o, m->training_rows);
            if (f->automatic_epochs) /* from the noisy count, as the batch */
                m->epochs = f->options->epochs = rg_automatic_epochs(o, m->training_rows, m->batch_size);
            status = rg_privacy_plan_training(o, &f->privacy, f->label_rho, m->batch_size, &f->sgd, &m->privacy);
        }
    } else {
        status = rg_transformer_fit(f->sample, &transform_options, &m->transformer);
    }
    if (status == RISKGAN_OK && m->transformer->width == 0)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "nothing to model: every column is an identifier");
    return rg_parallel_worst_status(status);
}

/* Early stopping watches a ctgan fit of one process in memory, without epsilon, whose epochs
 * the fit chose (fit_watch.h). */
static int watched(const fit_state *f)
{
    const riskgan_fit_options *o = f->options;
    return o->early_stopping && f->automatic_epochs && o->model == RISKGAN_MODEL_CTGAN && o->epsilon == 0 &&
           rg_parallel_size() == 1 && !o->max_steps;
}

/* Encodes this rank's rows (streamed from the source only for the ctgan trainer, which reads
 * blocks) and trains the network through its generator. */
static riskgan_status train_network(riskgan_model *m, size_t total_rows, fit_state *f)
{
    const riskgan_fit_options *o = f->options;
    size_t limit = o->model == RISKGAN_MODEL_CTGAN && o->epsilon == 0 ? memory_limit(o) : SIZE_MAX;
    size_t held_out = watched(f) ? rg_fit_watch_rows(total_rows) : 0;
    riskgan_status status = rg_training_data_load(&f->training, m->transformer, f->shard,
                                                  f->sample != f->shard->table, f->encode_seed, limit,
                                                  o->epsilon == 0, held_out);
    if (status == RISKGAN_OK && o->epsilon == 0) {
        m->rows_left_out = f->training.left_out;
        m->held_out_rows = f->training.held_out ? f->training.held_out->rows : 0;
        m->training_rows = total_rows - m->rows_left_out - m->held_out_rows;
    }
    if (status == RISKGAN_OK && m->training_rows < 2)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "fewer than 2 rows are left to train on");
    if (status == RISKGAN_OK)
        status = rg_condition_sampler_init_for_generation(&m->sampler, m->transformer);
    if (status == RISKGAN_OK && !(m->network = rg_calloc(1, m->generator->network_size)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status != RISKGAN_OK)
        return status;
    f->training.target_column = o->target ? riskgan_table_find_column(f->sample, o->target) : -1;
    f->training.target_weight = m->target_condition_weight;
    rg_fit_watch watch = {0};
    if (m->held_out_rows)
        status = rg_fit_watch_init(&watch, f->training.held_out, m->transformer,
                                   o->label_model ? f->training.target_column : -1, m->epochs, f->encode_seed);
    rg_generator_fit fit = {.transformer = m->transformer, .training = &f->training, .sampler = &m->sampler,
                            .options = o, .batch_size = m->batch_size, .dp = &f->sgd, .rng = &f->rng,
                            .watch = m->held_out_rows ? &watch : NULL, .epochs_completed = &m->epochs_completed,
                            .training_blocks = &m->training_blocks};
    if (status == RISKGAN_OK)
        status = m->generator->train(m->network, &fit);
    m->best_epoch = watch.best_epoch;
    m->held_out_detection = watch.best_epoch ? watch.best : NAN;
    rg_fit_watch_free(&watch);
    return status;
}

/* The label model and the marginal calibration, from the fit sample alike on every rank. */
static riskgan_status fit_label_model_and_calibration(riskgan_model *m, fit_state *f)
{
    const riskgan_fit_options *o = f->options;
    const riskgan_table *sample = f->sample;
    float *encoded_sample = NULL;
    riskgan_status status = RISKGAN_OK;
    if (sample == f->shard->table && !f->training.held_out) { /* the training rows are the sample's */
        encoded_sample = f->training.encoded;
    } else if (o->label_model || o->calibrate_marginals) {
        if (!(encoded_sample = rg_calloc(sample->rows * m->transformer->width, sizeof(float))))
            status = RISKGAN_ERR_NO_MEMORY;
        else
            status = rg_transformer_encode(m->transformer, sample, f->encode_seed, 0, encoded_sample, NULL);
    }
    size_t target_column = o->target ? (size_t)riskgan_table_find_column(sample, o->target) : 0;
    if (status == RISKGAN_OK && o->label_model && o->target && o->epsilon > 0)
        status = rg_label_model_fit_private(&m->label_model, m->transformer, target_column, encoded_sample,
                                            sample->rows, f->label_rho, f->privacy.noisy_rows, &f->rng);
    else if (status == RISKGAN_OK && o->label_model && o->target)
        status = rg_label_model_fit(&m->label_model, m->transformer, target_column, encoded_sample, sample->rows);
    if (status == RISKGAN_OK && o->calibrate_marginals && o->epsilon > 0)
        status = rg_calibration_fit_targets(&m->calibration, m->transformer, f->privacy.target_shares,
                                            f->privacy.target_quantiles, generate_encoded, m, &f->rng);
    else if (status == RISKGAN_OK && o->calibrate_marginals)
        status = rg_calibration_fit(&m->calibration, m->transformer, encoded_sample, sample, generate_encoded, m,
                                    &f->rng);
    if (status == RISKGAN_OK && m->label_model.classes == 2)
        status = match_label_rate(m, m->training_rows, &f->rng);
    if (encoded_sample != f->training.encoded)
        free(encoded_sample);
    return status;
}

/* The fit. The transformer, the label model and the marginal calibration learn from
 * `sample` (the whole table up to 2 x fit_sample_rows rows, else a seeded sample of it, the
 * same on every rank); the networks train on every rank's `shard` of a table of total_rows
 * (one process: the whole table), in memory or streamed (training_rows.h). Stopped by the
 * user after some epochs, the model is finished on the epochs done. */
static riskgan_status fit_model_in_scope(const riskgan_table *sample, const rg_shard *shard, size_t total_rows,
                                const riskgan_fit_options *options, riskgan_model **out)
{
    *out = NULL;
    const char *problem = riskgan_fit_options_check(options);
    if (problem)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s", problem);
    riskgan_fit_options resolved = rg_fit_options_resolve(options);
    riskgan_status status = check_fit(sample, total_rows, &resolved);
    if (status != RISKGAN_OK)
        return status;
    riskgan_model *m = new_model(&resolved, total_rows);
    if (!m)
        return RISKGAN_ERR_NO_MEMORY;
    resolved.epochs = m->epochs;
    fit_state f = {.options = &resolved, .automatic_epochs = options->epochs == 0, .sample = sample, .shard = shard};
    rg_rng_seed(&f.rng, resolved.seed);
    f.encode_seed = rg_rng_next(&f.rng);
    status = fit_transformer(m, &f);
    if (status == RISKGAN_OK)
        status = train_network(m, total_rows, &f);
    riskgan_status trained = status;
    if (trained == RISKGAN_ERR_INTERRUPTED && m->epochs_completed > 0)
        status = RISKGAN_OK;
    if (status == RISKGAN_OK)
        status = fit_label_model_and_calibration(m, &f);
    free(f.privacy.target_shares);
    free(f.privacy.target_quantiles);
    rg_training_data_free(&f.training);
    if (status == RISKGAN_OK && trained == RISKGAN_ERR_INTERRUPTED)
        status = rg_fail(RISKGAN_ERR_INTERRUPTED, "training stopped after %d of %d epochs", m->epochs_completed,
                         m->epochs);
    if (status == RISKGAN_ERR_INTERRUPTED && m->epochs_completed == 0)
        status = rg_fail(RISKGAN_ERR_INTERRUPTED, "training stopped before its first epoch ended: no model to keep");
    if (status == RISKGAN_OK || (status == RISKGAN_ERR_INTERRUPTED && m->epochs_completed > 0)) {
        *out = m;
        return status;
    }
    riskgan_model_free(m);
    return status;
}

static riskgan_status fit_model(const riskgan_table *sample, const rg_shard *shard, size_t total_rows,
                                const riskgan_fit_options *options, riskgan_model **out)
{
    rg_thread_counts previous = rg_threads_push(options->threads);
    riskgan_status status = fit_model_in_scope(sample, shard, total_rows, options, out);
    rg_threads_pop(previous);
    return status;
}

/* The fit sample of an in-memory table: the rows rg_row_filter's sample keeps. */
static riskgan_status fit_sample_of(const riskgan_table *table, uint64_t seed, size_t sample_rows,
                                    riskgan_table **sample)
{
    int level = 0;
    for (;; level++) {
        size_t kept = 0;
        for (size_t r = 0; r < table->rows; r++)
            kept += (size_t)rg_fit_sample_keeps(seed, r, level);
        if (kept <= 2 * sample_rows)
            break;
    }
    riskgan_status status = rg_table_new_like(table, 2 * sample_rows, sample);
    for (size_t r = 0; status == RISKGAN_OK && r < table->rows; r++)
        if (rg_fit_sample_keeps(seed, r, level))
            status = rg_table_append_row(*sample, table, r);
    return status;
}

riskgan_status riskgan_fit(const riskgan_table *table, const riskgan_fit_options *options, riskgan_model **out)
{
    *out = NULL;
    if (rg_parallel_size() > 1)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "riskgan_fit fits one process's table: under mpirun, "
                       "riskgan_fit_csv shares the file's rows out over the ranks");
    rg_shard shard = {.table = table, .end = table->rows};
    if (table->rows <= 2 * fit_sample_rows(options) || options->epsilon > 0)
        return fit_model(table, &shard, table->rows, options, out);
    riskgan_table *sample = NULL;
    riskgan_status status = fit_sample_of(table, options->seed, fit_sample_rows(options), &sample);
    if (status == RISKGAN_OK)
        status = fit_model(sample, &shard, table->rows, options, out);
    riskgan_table_free(sample);
    return status;
}

riskgan_status rg_fit_source(const rg_row_source *source, const riskgan_read_options *read_options,
                             const riskgan_fit_options *options, riskgan_model **out)
{
    *out = NULL;
    int rank = rg_parallel_rank(), ranks = rg_parallel_size();
    rg_row_filter sampling = {.sample_rows = fit_sample_rows(options), .sample_seed = options->seed};
    riskgan_table *sample = NULL;
    riskgan_status status = rg_table_build(source, read_options, NULL, &sampling, &sample);
    if (status != RISKGAN_OK)
        return status; /* every rank read the same source to the same end */
    size_t total = sampling.total_rows;
    rg_shard shard = {.source = source, .read_options = read_options, .schema = sample,
                      .first = total * (size_t)rank / (size_t)ranks, .end = total * (size_t)(rank + 1) / (size_t)ranks};
    if (ranks == 1 && sampling.sample_level == 0) /* the sample is the whole table: read once */
        shard.table = sample;
    status = fit_model(sample, &shard, total, options, out);
    riskgan_table_free(sample);
    return status;
}

/* Data-parallel ranks reading a database table: each reads its share only (shared_sample.h). */
static riskgan_status fit_shared_table(const rg_row_source *share, const riskgan_read_options *read_options,
                                       const riskgan_fit_options *options, riskgan_model **out)
{
    riskgan_table *sample;
    rg_share_counts counts;
    riskgan_status status = rg_shared_sample_build(share, read_options, fit_sample_rows(options), options->seed,
                                                   &sample, &counts);
    if (status != RISKGAN_OK)
        return status;
    rg_shard shard = {.source = share, .read_options = read_options, .schema = sample, .first = 0,
                      .end = counts.rows, .number_offset = counts.first_number};
    status = fit_model(sample, &shard, counts.total_rows, options, out);
    riskgan_table_free(sample);
    return status;
}

riskgan_status riskgan_fit_csv(const char *path, const riskgan_read_options *read_options,
                               const riskgan_fit_options *options, riskgan_model **out)
{
    *out = NULL;
    riskgan_read_options defaults;
    if (!read_options) {
        riskgan_read_options_init(&defaults);
        read_options = &defaults;
    }
    rg_row_share share = {rg_parallel_rank(), rg_parallel_size()};
    int shared = share.ranks > 1 && rg_location_is_database(path);
    rg_row_source source;
    riskgan_status opened = rg_table_source_open_share(path, read_options, shared ? &share : NULL, &source);
    riskgan_status status = shared ? (riskgan_status)rg_parallel_worst_status(opened) : opened;
    if (status != RISKGAN_OK) {
        if (opened == RISKGAN_OK) /* another rank failed */
            source.release(&source);
        return status;
    }
    status = shared ? fit_shared_table(&source, read_options, options, out)
                    : rg_fit_source(&source, read_options, options, out);
    source.release(&source);
    return status;
}
