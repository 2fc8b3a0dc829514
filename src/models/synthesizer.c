/* synthesizer.c — the public fit / sample API over the transformer, CTGAN and TVAE. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/atomic_file.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../core/parallel.h"
#include "../data/csv_source.h"
#include "../data/fit_sample.h"
#include "../data/table.h"
#include "../data/table_builder.h"
#include "../data/table_writer.h"
#include "generator_registry.h"
#include "model.h"
#include "synthesizer.h"
#include "label_model_private.h"
#include "privacy_plan.h"
#include "training_rows.h"
#include "../transform/transformer_fit.h"
#include "../transform/transformer_encode.h"
#include "../transform/transformer_decode.h"

void openblas_set_num_threads(int threads);

/* The transformer, label model and calibration learn from the whole table up to twice this
 * many rows, else from a seeded sample of that size (rg_row_filter); the default of
 * riskgan_fit_options.fit_sample_rows. */
enum { FIT_SAMPLE_ROWS = 100000 };

static size_t fit_sample_rows(const riskgan_fit_options *o)
{
    return o->fit_sample_rows ? o->fit_sample_rows : FIT_SAMPLE_ROWS;
}

void riskgan_set_threads(int threads)
{
    if (threads <= 0)
        return;
    omp_set_num_threads(threads);
    openblas_set_num_threads(threads);
}

void riskgan_fit_options_init(riskgan_fit_options *o, riskgan_preset preset)
{
    memset(o, 0, sizeof *o);
    o->model = RISKGAN_MODEL_CTGAN;
    o->epochs = 300;
    o->batch_size = 500;
    o->discriminator_steps = 1;
    o->pac = 10;
    o->generator_lr = o->discriminator_lr = 0;            /* the model's published default */
    o->generator_decay = o->discriminator_decay = -1;      /* likewise */
    o->max_categories = 50;
    o->min_category_count = 5;
    if (preset == RISKGAN_PRESET_DEFAULT) {
        /* each departure from CTGAN is measured in docs/synthesizer.md */
        o->batch_size = 0; /* scaled to the data: see choose_batch_size */
        o->discriminator_steps = 5;
        o->calibrate_marginals = 1;
        o->label_model = 1;
    }
}

const char *riskgan_fit_options_check(const riskgan_fit_options *o)
{
    if (o->model != RISKGAN_MODEL_CTGAN && o->model != RISKGAN_MODEL_TVAE)
        return "unknown model kind";
    if (o->epochs < 1 || o->epochs > 1000000)
        return "epochs must be between 1 and 1000000";
    if (o->batch_size < 0 || o->batch_size > 1000000)
        return "batch size must be between 1 and 1000000 (0 = automatic)";
    if (o->pac < 1 || o->pac > 100)
        return "pac must be between 1 and 100";
    if (o->model == RISKGAN_MODEL_CTGAN && o->batch_size && o->batch_size % o->pac)
        return "batch size must be a multiple of pac";
    if (o->discriminator_steps < 1 || o->discriminator_steps > 100)
        return "discriminator steps must be between 1 and 100";
    if (!(o->generator_lr >= 0 && o->generator_lr < 1) || !(o->discriminator_lr >= 0 && o->discriminator_lr < 1))
        return "learning rates must be in (0, 1) (0 = the model's published default)";
    if (isnan(o->generator_decay) || isnan(o->discriminator_decay))
        return "weight decay must be >= 0 (negative = the model's published default)";
    if (!(o->target_condition_weight >= 0 && o->target_condition_weight <= 1))
        return "target condition weight must be in [0, 1]";
    if (o->max_categories < 2)
        return "max categories must be at least 2";
    if (o->hidden < 0 || o->hidden > 4096)
        return "hidden width must be between 1 and 4096 (0 = the published width)";
    if (o->min_category_count < 1)
        return "min category count must be at least 1";
    if (!(o->epsilon >= 0 && o->epsilon < 1e6))
        return "epsilon must be a positive number (0 = no differential privacy)";
    if (!(o->delta >= 0 && o->delta < 1))
        return "delta must be in (0, 1) (0 = below 1 / (10 rows))";
    if (o->epsilon > 0 && o->model != RISKGAN_MODEL_CTGAN)
        return "differential privacy (epsilon) is available for the ctgan model only";
    if ((o->metadata || o->delta > 0) && o->epsilon == 0)
        return "metadata and delta only apply to a differentially private fit: set epsilon";
    return NULL;
}

/* The options with the published optimizer settings of the chosen model filled in where the
 * caller left the default: CTGAN lr 2e-4 and decay 1e-6 for both networks; TVAE lr 1e-3
 * and decay 1e-5 (Xu et al. 2019, and the reference implementation's defaults). */
static riskgan_fit_options resolve_defaults(const riskgan_fit_options *o)
{
    riskgan_fit_options r = *o;
    int tvae = o->model == RISKGAN_MODEL_TVAE;
    if (r.generator_lr == 0)
        r.generator_lr = tvae ? 1e-3 : 2e-4;
    if (r.discriminator_lr == 0)
        r.discriminator_lr = 2e-4;
    if (r.generator_decay < 0)
        r.generator_decay = tvae ? 1e-5 : 1e-6;
    if (r.discriminator_decay < 0)
        r.discriminator_decay = 1e-6;
    if (r.epsilon > 0) { /* see ctgan_private.c and docs/privacy.md */
        r.pac = 1;
    }
    return r;
}

/* Ten or more optimizer steps per epoch on small tables; CTGAN's 500 on large ones. Under
 * differential privacy `rows` is the noisy count and packs are single rows. */
static int choose_batch_size(const riskgan_fit_options *o, size_t rows)
{
    if (o->batch_size)
        return o->batch_size;
    if (o->epsilon > 0)
        return rows / 10 < 50 ? (int)(rows < 50 ? (rows ? rows : 1) : 50) : rows / 10 > 500 ? 500 : (int)(rows / 10);
    if (o->model == RISKGAN_MODEL_TVAE)
        return 500;
    size_t batch = rows / 10;
    batch = batch / (size_t)o->pac * (size_t)o->pac;
    size_t low = 5 * (size_t)o->pac, high = 500;
    batch = batch < low ? low : batch > high ? high : batch;
    return (int)batch;
}

void riskgan_model_free(riskgan_model *m)
{
    if (!m)
        return;
    free(m->target);
    rg_transformer_free(m->transformer);
    rg_condition_sampler_free(&m->sampler);
    if (m->network)
        m->generator->free(m->network);
    free(m->network);
    rg_calibration_free(&m->calibration);
    rg_label_model_free(&m->label_model);
    free(m);
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
    m->epochs = o->epochs;
    m->batch_size = choose_batch_size(o, total_rows);
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
    const riskgan_fit_options *options; /* resolved */
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
            m->batch_size = choose_batch_size(o, m->training_rows);
            status = rg_privacy_plan_training(o, &f->privacy, f->label_rho, m->batch_size, &f->sgd, &m->privacy);
        }
    } else {
        status = rg_transformer_fit(f->sample, &transform_options, &m->transformer);
    }
    if (status == RISKGAN_OK && m->transformer->width == 0)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "nothing to model: every column is an identifier");
    return rg_parallel_worst_status(status);
}

/* Encodes this rank's rows (streamed from the source only for the ctgan trainer, which reads
 * blocks) and trains the network through its generator. */
static riskgan_status train_network(riskgan_model *m, size_t total_rows, fit_state *f)
{
    const riskgan_fit_options *o = f->options;
    size_t limit = o->model == RISKGAN_MODEL_CTGAN && o->epsilon == 0 ? memory_limit(o) : SIZE_MAX;
    riskgan_status status = rg_training_data_load(&f->training, m->transformer, f->shard,
                                                  f->sample != f->shard->table, f->encode_seed, limit,
                                                  o->epsilon == 0);
    if (status == RISKGAN_OK && o->epsilon == 0) {
        m->rows_left_out = f->training.left_out;
        m->training_rows = total_rows - m->rows_left_out;
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
    rg_generator_fit fit = {.transformer = m->transformer, .training = &f->training, .sampler = &m->sampler,
                            .options = o, .batch_size = m->batch_size, .dp = &f->sgd, .rng = &f->rng,
                            .epochs_completed = &m->epochs_completed, .training_blocks = &m->training_blocks};
    return m->generator->train(m->network, &fit);
}

/* The label model and the marginal calibration, from the fit sample alike on every rank. */
static riskgan_status fit_label_model_and_calibration(riskgan_model *m, fit_state *f)
{
    const riskgan_fit_options *o = f->options;
    const riskgan_table *sample = f->sample;
    float *encoded_sample = NULL;
    riskgan_status status = RISKGAN_OK;
    if (sample == f->shard->table) {
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
static riskgan_status fit_model(const riskgan_table *sample, const rg_shard *shard, size_t total_rows,
                                const riskgan_fit_options *options, riskgan_model **out)
{
    *out = NULL;
    const char *problem = riskgan_fit_options_check(options);
    if (problem)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s", problem);
    const riskgan_fit_options resolved = resolve_defaults(options);
    riskgan_status status = check_fit(sample, total_rows, &resolved);
    if (status != RISKGAN_OK)
        return status;
    riskgan_set_threads(resolved.threads);
    riskgan_model *m = new_model(&resolved, total_rows);
    if (!m)
        return RISKGAN_ERR_NO_MEMORY;
    fit_state f = {.options = &resolved, .sample = sample, .shard = shard};
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

riskgan_status riskgan_fit_csv(const char *path, const riskgan_read_options *read_options,
                               const riskgan_fit_options *options, riskgan_model **out)
{
    *out = NULL;
    riskgan_read_options defaults;
    if (!read_options) {
        riskgan_read_options_init(&defaults);
        read_options = &defaults;
    }
    rg_row_source source;
    riskgan_status status = rg_csv_source_open(path, read_options, &source);
    if (status != RISKGAN_OK)
        return status;
    status = rg_fit_source(&source, read_options, options, out);
    rg_csv_source_close(&source);
    return status;
}

/* Resolves --where to a sampler column and level; *exact_code >= 0 when the value is a
 * grouped rare category that must be written in after decoding. */
static riskgan_status resolve_condition(const riskgan_model *m, const riskgan_condition *where, long *column,
                                        long *level, long *table_column, const char **rare_value)
{
    const rg_transformer *t = m->transformer;
    *rare_value = NULL;
    long j = -1;
    for (size_t k = 0; k < t->columns; k++)
        if (strcmp(t->column[k].name, where->column) == 0)
            j = (long)k;
    if (j < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--where: the model has no column '%s'", where->column);
    const rg_column_encoder *e = &t->column[j];
    if (e->encoding == RG_ENCODE_IDENTIFIER)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--where: '%s' is an identifier column: generated rows carry "
                       "fresh identifiers, never a chosen one", where->column);
    if (!m->generator->conditional)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--where needs a conditional model (ctgan); this model is a %s",
                       m->generator->name);
    if (e->encoding != RG_ENCODE_ONE_HOT)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT,
                       "--where: column '%s' is continuous; conditions work on discrete columns", where->column);
    *level = rg_transformer_find_level(t, (size_t)j, where->value);
    if (*level < 0) {
        for (size_t k = 0; k < e->rare_count; k++)
            if (strcmp(e->rare_names[k], where->value) == 0) {
                *level = e->other_level;
                *rare_value = e->rare_names[k];
            }
    }
    if (*level < 0) {
        char known[512] = "";
        size_t used = 0;
        for (size_t l = 0; l < e->levels && used < sizeof known - 40; l++) {
            char value[64];
            if (e->level_names && e->level_names[l])
                snprintf(value, sizeof value, "%s", e->level_names[l]);
            else if (e->level_values && (long)l != e->missing_level)
                snprintf(value, sizeof value, "%g", e->level_values[l]);
            else
                continue;
            used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", used ? ", " : "", value);
        }
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--where: '%s' is not a value of column '%s' (values: %s)",
                       where->value, where->column, known);
    }
    *column = -1;
    for (size_t d = 0; d < m->sampler.count; d++)
        if ((long)t->spans[m->sampler.column[d].span].column == j)
            *column = (long)d;
    *table_column = j;
    return RISKGAN_OK;
}

/* Rows of one class of the target, drawn the way the class occurs among generated rows:
 * the generator draws rows (conditional vectors at their training frequencies), the label
 * model draws each row's class, and the rows that drew `level` are kept. Their features
 * follow p_G(x) p(level | x), the generator's estimate of p(x | level), instead of what the
 * conditional vector alone produces (docs/synthesizer.md, "Rows of one class"). */
static riskgan_status generate_class_rows(const riskgan_model *m, size_t rows, long level, const float *bias,
                                          rg_rng *rng, float *out, double *acceptance)
{
    const rg_transformer *t = m->transformer;
    const rg_span *target = &t->spans[m->label_model.span];
    size_t width = t->width, kept = 0, drawn = 0, limit = rows * 1000 + 100000, chunk = 4096;
    float *candidates = rg_calloc(chunk * width, sizeof *candidates);
    riskgan_status status = candidates ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    while (status == RISKGAN_OK && kept < rows && drawn < limit) {
        rg_generation request = {.transformer = t, .sampler = &m->sampler, .rows = chunk, .condition_column = -1,
                                 .condition_level = -1, .logit_bias = bias, .sample_categories = 1, .rng = rng};
        status = m->generator->generate(m->network, &request, candidates);
        if (status == RISKGAN_OK)
            status = rg_label_model_resample(&m->label_model, t, candidates, chunk, rng);
        for (size_t r = 0; status == RISKGAN_OK && r < chunk && kept < rows; r++)
            if (candidates[r * width + target->start + (size_t)level] == 1.0f)
                memcpy(out + kept++ * width, candidates + r * width, width * sizeof *out);
        drawn += chunk;
    }
    free(candidates);
    *acceptance = drawn ? (double)kept / (double)drawn : 0;
    if (status == RISKGAN_OK && kept < rows)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the label model gives the requested class to too few generated "
                       "rows (%zu of %zu drawn)", kept, drawn);
    return status;
}

/* Rows first_row ... first_row + rows - 1 of a sample drawn with this seed (one chunk of it);
 * agreeing (may be NULL) counts the conditioned rows the generator gave the condition itself. */
static riskgan_status sample_rows(const riskgan_model *m, size_t rows, uint64_t seed, const riskgan_condition *where,
                                  size_t first_row, riskgan_table **out, size_t *agreeing)
{
    *out = NULL;
    if (rows == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the number of rows to sample must be at least 1");
    long column = -1, level = -1, table_column = -1;
    const char *rare_value = NULL;
    riskgan_status status;
    if (where && (status = resolve_condition(m, where, &column, &level, &table_column, &rare_value)) != RISKGAN_OK)
        return status;
    float *encoded = rg_calloc(rows * m->transformer->width, sizeof(float));
    if (!encoded)
        return RISKGAN_ERR_NO_MEMORY;
    rg_rng rng;
    rg_rng_seed(&rng, seed);
    const float *bias = m->calibration.logit_bias;
    int target_fixed = where && m->target && strcmp(where->column, m->target) == 0;
    int by_label_model = target_fixed && !agreeing && !rare_value && m->label_model.classes >= 2;
    double acceptance = 1;
    if (by_label_model)
        status = generate_class_rows(m, rows, level, bias, &rng, encoded, &acceptance);
    else {
        rg_generation request = {.transformer = m->transformer, .sampler = &m->sampler, .rows = rows,
                                 .condition_column = column, .condition_level = level, .logit_bias = bias,
                                 .sample_categories = bias != NULL, .rng = &rng, .agreeing = agreeing};
        status = m->generator->generate(m->network, &request, encoded);
    }
    if (status == RISKGAN_OK && !target_fixed)
        status = rg_label_model_resample(&m->label_model, m->transformer, encoded, rows, &rng);
    if (status == RISKGAN_OK)
        status = rg_transformer_decode(m->transformer, encoded, rows, m->calibration.maps, &rng, first_row, out);
    free(encoded);
    if (status == RISKGAN_OK && rare_value) {
        rg_column *c = &(*out)->column[table_column];
        int32_t code = rg_dictionary_find(&c->categories, rare_value, strlen(rare_value));
        for (size_t r = 0; r < rows; r++)
            c->codes[r] = code;
    }
    return status;
}

/* Samples are drawn a chunk at a time, chunk k from its own stream (chunk 0 from the seed
 * itself), so that a sample written as it is drawn holds the rows riskgan_sample returns. */
enum { SAMPLE_CHUNK = 65536 };

static uint64_t chunk_seed(uint64_t seed, size_t chunk)
{
    return chunk ? rg_hash64(seed ^ rg_hash64((uint64_t)chunk)) : seed;
}

riskgan_status riskgan_sample(const riskgan_model *m, size_t rows, uint64_t seed, const riskgan_condition *where,
                              riskgan_table **out)
{
    if (rows <= SAMPLE_CHUNK)
        return sample_rows(m, rows, seed, where, 0, out, NULL);
    *out = NULL;
    riskgan_status status = RISKGAN_OK;
    for (size_t done = 0, k = 0; done < rows && status == RISKGAN_OK; done += SAMPLE_CHUNK, k++) {
        riskgan_table *chunk = NULL;
        size_t n = rows - done < SAMPLE_CHUNK ? rows - done : SAMPLE_CHUNK;
        status = sample_rows(m, n, chunk_seed(seed, k), where, done, &chunk, NULL);
        if (status == RISKGAN_OK && !*out)
            status = rg_table_new_like(chunk, rows, out);
        for (size_t r = 0; status == RISKGAN_OK && r < n; r++)
            status = rg_table_append_row(*out, chunk, r);
        riskgan_table_free(chunk);
    }
    if (status != RISKGAN_OK) {
        riskgan_table_free(*out);
        *out = NULL;
    }
    return status;
}

riskgan_status riskgan_sample_to_csv(const riskgan_model *m, size_t rows, uint64_t seed, const riskgan_condition *where,
                                     int omit_identifiers, const char *path)
{
    if (rows == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the number of rows to sample must be at least 1");
    rg_atomic_file file;
    riskgan_status status = rg_atomic_open(&file, path);
    if (status != RISKGAN_OK)
        return status;
    unsigned char *skip = rg_calloc(m->transformer->columns, 1);
    if (!skip)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; skip && j < m->transformer->columns; j++)
        skip[j] = omit_identifiers && m->transformer->column[j].encoding == RG_ENCODE_IDENTIFIER;
    for (size_t done = 0, k = 0; done < rows && status == RISKGAN_OK; done += SAMPLE_CHUNK, k++) {
        riskgan_table *chunk = NULL;
        size_t n = rows - done < SAMPLE_CHUNK ? rows - done : SAMPLE_CHUNK;
        status = sample_rows(m, n, chunk_seed(seed, k), where, done, &chunk, NULL);
        if (status == RISKGAN_OK && k == 0)
            rg_table_write_header(chunk, file.stream, skip);
        if (status == RISKGAN_OK)
            rg_table_write_rows(chunk, file.stream, skip);
        riskgan_table_free(chunk);
    }
    free(skip);
    if (status != RISKGAN_OK) {
        rg_atomic_abort(&file);
        return status;
    }
    return rg_atomic_commit(&file);
}

riskgan_status riskgan_condition_agreement(const riskgan_model *m, const riskgan_condition *where, size_t rows,
                                           uint64_t seed, double *share)
{
    *share = NAN;
    if (!where)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the agreement of a condition needs a condition");
    riskgan_table *table = NULL;
    size_t agreeing = 0;
    riskgan_status status = sample_rows(m, rows, seed, where, 0, &table, &agreeing);
    riskgan_table_free(table);
    if (status == RISKGAN_OK)
        *share = (double)agreeing / (double)rows;
    return status;
}

void riskgan_model_get_info(const riskgan_model *m, riskgan_model_info *info)
{
    memset(info, 0, sizeof *info);
    info->kind = m->kind;
    info->columns = m->transformer->columns;
    info->training_rows = m->training_rows;
    info->rows_left_out = m->rows_left_out;
    info->training_blocks = m->training_blocks;
    info->encoded_width = m->transformer->width;
    info->epochs = m->epochs;
    info->epochs_completed = m->epochs_completed;
    info->batch_size = m->batch_size;
    info->seed = m->seed;
    info->target = m->target;
}

void riskgan_model_privacy(const riskgan_model *m, riskgan_privacy_report *report)
{
    *report = m->privacy;
}

const char *riskgan_model_column_name(const riskgan_model *m, size_t column)
{
    return column < m->transformer->columns ? m->transformer->column[column].name : NULL;
}

int riskgan_model_column_role(const riskgan_model *m, size_t column, int *identifier, char *datetime_format,
                              size_t size)
{
    if (column >= m->transformer->columns)
        return -1;
    const rg_column_encoder *e = &m->transformer->column[column];
    *identifier = e->encoding == RG_ENCODE_IDENTIFIER;
    if (size)
        datetime_format[0] = 0;
    if (e->type == RISKGAN_COLUMN_DATETIME && size)
        rg_datetime_format_name(&e->datetime, datetime_format, size);
    return 0;
}
