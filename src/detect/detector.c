/* detector.c — fitting a detector (features, then an Isolation Forest or the GAN, then the
 * deviation network of the few labels), and its file: magic, version, checksum. */
#include "detector.h"

#include "detect_score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/threads.h"
#include "../core/compare.h"
#include "../core/error.h"
#include "../core/framed_file.h"
#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"
#include "../models/training.h"
#include "deviation.h"

static const char magic[8] = {'R', 'G', 'D', 'E', 'T', 'E', 'C', 0x1a};
enum { FORMAT_VERSION = 1 };

void riskgan_detect_options_init(riskgan_detect_options *options)
{
    memset(options, 0, sizeof *options);
    rg_gan_detector_options gan;
    rg_gan_detector_options_default(&gan);
    options->method = RISKGAN_DETECT_GAN;
    options->trees = 100;
    options->subsample = 256;
    options->epochs = gan.epochs;
    options->batch_size = gan.batch_size;
    options->hidden = gan.hidden;
    options->latent = gan.latent;
    options->trim = gan.trim;
}

/* labelled: anomalies are known (a labels column, or flags given to rg_detect_fit). */
static riskgan_status check_options(const riskgan_detect_options *o, int labelled)
{
    if (o->method != RISKGAN_DETECT_GAN && o->method != RISKGAN_DETECT_IFOREST)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "unknown detection method");
    if (o->method == RISKGAN_DETECT_IFOREST && (o->trees < 1 || o->subsample < 2))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "an isolation forest needs at least 1 tree and a subsample of 2");
    if (o->method == RISKGAN_DETECT_GAN && (o->epochs < 1 || o->batch_size < 2 || o->hidden < 1 || o->latent < 1))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the GAN needs epochs >= 1, a batch of 2 or more and positive widths");
    if (!(o->trim >= 0 && o->trim < 0.5))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "trim is a share of each batch in [0, 0.5)");
    if (labelled && o->method != RISKGAN_DETECT_GAN)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "learning from labels needs the GAN method");
    return RISKGAN_OK;
}

/* Marks a named column in drop; an unknown name is an error naming it and `what`. */
static riskgan_status mark(const riskgan_table *table, const char *name, size_t length, const char *what,
                           unsigned char *drop)
{
    for (size_t j = 0; j < table->columns; j++)
        if (strlen(table->column[j].name) == length && strncmp(table->column[j].name, name, length) == 0) {
            drop[j] = 1;
            return RISKGAN_OK;
        }
    return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s column '%.*s' is not in the table", what, (int)length, name);
}

static riskgan_status mark_list(const riskgan_table *table, const char *list, const char *what, unsigned char *drop)
{
    for (const char *at = list; at && *at;) {
        size_t length = strcspn(at, ",");
        if (length > 0) {
            riskgan_status status = mark(table, at, length, what, drop);
            if (status != RISKGAN_OK)
                return status;
        }
        at += length + (at[length] == ',');
    }
    return RISKGAN_OK;
}

riskgan_status rg_detect_match_rows(const riskgan_table *table, const char *name, const char *value,
                                    unsigned char *flags, size_t *count)
{
    long j = riskgan_table_find_column(table, name);
    if (j < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column '%s' is not in the table", name);
    const rg_column *column = &table->column[j];
    double number = NAN;
    int decimals;
    if (rg_column_is_numeric(column) && !rg_parse_number(value, strlen(value), &number, &decimals))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column '%s' is numeric but the anomaly value '%s' is not a number",
                       name, value);
    *count = 0;
    for (size_t r = 0; r < table->rows; r++) {
        if (rg_column_is_numeric(column))
            flags[r] = column->numbers[r] == number;
        else
            flags[r] = column->codes[r] >= 0 &&
                       strcmp(rg_dictionary_string(&column->categories, column->codes[r]), value) == 0;
        *count += flags[r];
    }
    return RISKGAN_OK;
}

/* 1 where the labels column holds the positive value; none is an error. */
static riskgan_status labelled_anomalies(const riskgan_table *table, const char *labels, const char *positive,
                                         unsigned char *anomaly, size_t *count)
{
    riskgan_status status = rg_detect_match_rows(table, labels, positive, anomaly, count);
    if (status == RISKGAN_OK && *count == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "labels column '%s' marks no row as an anomaly ('%s')", labels,
                       positive);
    return status;
}

typedef struct {
    const riskgan_detect_options *options;
    double start;
    size_t rows;
} progress_context;

static void report_epoch(int epoch, int epochs, double generator_loss, double critic_loss, void *user)
{
    const progress_context *c = user;
    double elapsed = rg_seconds() - c->start;
    riskgan_progress p = {epoch, epochs, generator_loss, critic_loss, (double)c->rows * epoch / (elapsed > 0 ? elapsed : 1e-9),
                          elapsed, elapsed / epoch * (epochs - epoch), NAN};
    c->options->progress(&p, c->options->progress_user);
}

static riskgan_status fit_gan(riskgan_detector *d, const float *neural, size_t rows, const unsigned char *anomaly,
                              const riskgan_detect_options *o)
{
    const rg_detect_features *f = &d->features;
    rg_rng rng;
    rg_rng_seed(&rng, o->seed ^ 0x6465746563746f72ULL);
    riskgan_status status = rg_gan_detector_init(&d->gan, rg_detect_features_columns(f), f->offset, f->span, o->hidden,
                                                 o->latent, &rng);
    if (status != RISKGAN_OK)
        return status;
    const float *train = neural;
    float *kept = NULL;
    size_t train_rows = rows;
    if (anomaly) { /* the GAN learns ordinary rows: known anomalies are left out */
        kept = rg_calloc(rows * f->width, sizeof *kept);
        if (!kept)
            return RISKGAN_ERR_NO_MEMORY;
        train_rows = 0;
        for (size_t r = 0; r < rows; r++)
            if (!anomaly[r])
                memcpy(kept + train_rows++ * f->width, neural + r * f->width, f->width * sizeof *kept);
        train = kept;
    }
    rg_gan_detector_options g;
    rg_gan_detector_options_default(&g);
    g.epochs = o->epochs, g.batch_size = o->batch_size, g.hidden = o->hidden, g.latent = o->latent;
    g.trim = o->trim, g.seed = o->seed, g.stop = o->stop;
    progress_context context = {o, rg_seconds(), train_rows};
    if (o->progress) {
        g.progress = report_epoch;
        g.progress_user = &context;
    }
    status = rg_gan_detector_train(&d->gan, train, train_rows, &g);
    free(kept);
    return status;
}

/* The deviation network, trained on every row's inputs (rg_detect_deviation_inputs). */
static riskgan_status fit_deviation(riskgan_detector *d, const float *neural, size_t rows, const unsigned char *anomaly,
                                    uint64_t seed)
{
    size_t width = d->features.width, columns = d->gan.columns, inputs = width + 1;
    float *x = rg_calloc(rows * inputs, sizeof *x);
    struct riskgan_detect_scratch scratch;
    riskgan_status status = x ? rg_detect_scratch_init(&scratch, d, RG_DETECT_CHUNK) : RISKGAN_ERR_NO_MEMORY;
    if (status != RISKGAN_OK) {
        free(x);
        return status;
    }
    for (size_t start = 0; start < rows; start += RG_DETECT_CHUNK) {
        int n = (int)(rows - start < RG_DETECT_CHUNK ? rows - start : RG_DETECT_CHUNK);
        rg_gan_detector_errors(&d->gan, neural + start * width, n, &scratch.gan, scratch.errors, NULL);
        for (int i = 0; i < n; i++)
            rg_detect_deviation_inputs(neural + (start + i) * width, width,
                                       rg_gan_detector_relative_errors(&d->gan, scratch.errors + (size_t)i * columns,
                                                                       scratch.contribution),
                                       x + (start + i) * inputs);
    }
    rg_detect_scratch_release(&scratch);
    rg_deviation_options options;
    rg_deviation_options_default(&options);
    options.seed = seed;
    status = rg_deviation_train(&d->deviation, x, rows, (int)inputs, anomaly, &options);
    free(x);
    if (status == RISKGAN_OK)
        d->few_labels = 1;
    return status;
}

/* The training scores' quantiles at 0, 0.001, ..., 1 (thresholds for alert rates). */
static riskgan_status set_quantiles(riskgan_detector *d, const riskgan_table *table)
{
    double *scores = rg_calloc(table->rows, sizeof *scores);
    if (!scores)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = riskgan_detect_score_table(d, table, scores, 0, NULL, NULL);
    if (status == RISKGAN_OK) {
        qsort(scores, table->rows, sizeof *scores, rg_compare_doubles);
        for (size_t q = 0; q < RG_DETECT_QUANTILES; q++) {
            double at = (double)q / (RG_DETECT_QUANTILES - 1) * (double)(table->rows - 1);
            size_t low = (size_t)at;
            double fraction = at - (double)low;
            d->quantile[q] = low + 1 < table->rows ? scores[low] + fraction * (scores[low + 1] - scores[low]) : scores[low];
        }
    }
    free(scores);
    return status;
}

static riskgan_status encode_all(const rg_detect_features *f, const riskgan_table *table, float *neural, double *tree)
{
    size_t columns = rg_detect_features_columns(f);
    size_t *index = rg_calloc(columns, sizeof *index);
    rg_cell *cells = rg_calloc(columns, sizeof *cells);
    riskgan_status status = index && cells ? rg_detect_features_map(f, table, index) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        rg_detect_features_encode_rows(f, table, index, 0, table->rows, cells, neural, tree);
    free(index);
    free(cells);
    return status;
}

static riskgan_status rg_detect_fit_in_scope(const riskgan_table *table, const riskgan_detect_options *o, const unsigned char *known,
                             riskgan_detector **out)
{
    *out = NULL;
    riskgan_status status = check_options(o, o->labels || known);
    if (status != RISKGAN_OK)
        return status;
    if (table->rows < 2)
        return rg_fail(RISKGAN_ERR_SCHEMA, "a detector needs at least 2 rows, the table has %zu", table->rows);
    unsigned char *drop = rg_calloc(table->columns, 1), *anomaly = NULL;
    riskgan_detector *d = rg_calloc(1, sizeof *d);
    if (!drop || !d) {
        free(drop);
        free(d);
        return RISKGAN_ERR_NO_MEMORY;
    }
    d->method = o->method;
    d->latent_score = o->latent_score != 0;
    d->seed = o->seed;
    d->training_rows = table->rows;
    status = mark_list(table, o->exclude, "excluded", drop);
    if (status == RISKGAN_OK && o->target)
        status = mark(table, o->target, strlen(o->target), "target", drop);
    if (status == RISKGAN_OK && o->labels)
        status = mark(table, o->labels, strlen(o->labels), "labels", drop);
    if (status == RISKGAN_OK && (o->labels || known)) {
        anomaly = rg_calloc(table->rows, 1);
        if (!anomaly)
            status = RISKGAN_ERR_NO_MEMORY;
        else if (known) {
            memcpy(anomaly, known, table->rows);
            for (size_t r = 0; r < table->rows; r++)
                d->labelled_anomalies += anomaly[r] != 0;
        } else {
            status = labelled_anomalies(table, o->labels, o->positive ? o->positive : "1", anomaly,
                                        &d->labelled_anomalies);
        }
    }
    if (status == RISKGAN_OK)
        status = rg_detect_features_fit(&d->features, table, drop);
    size_t columns = status == RISKGAN_OK ? rg_detect_features_columns(&d->features) : 0;
    float *neural = NULL;
    double *tree = NULL;
    if (status == RISKGAN_OK) {
        neural = rg_calloc(table->rows * d->features.width, sizeof *neural);
        tree = rg_calloc(table->rows * columns, sizeof *tree);
        status = neural && tree ? encode_all(&d->features, table, neural, tree) : RISKGAN_ERR_NO_MEMORY;
    }
    if (status == RISKGAN_OK && o->method == RISKGAN_DETECT_IFOREST)
        status = rg_iforest_fit(tree, table->rows, columns, (size_t)o->trees, o->subsample, o->seed, &d->forest);
    if (status == RISKGAN_OK && o->method == RISKGAN_DETECT_GAN)
        status = fit_gan(d, neural, table->rows, anomaly, o);
    if (status == RISKGAN_OK && anomaly)
        status = fit_deviation(d, neural, table->rows, anomaly, o->seed);
    free(neural);
    free(tree);
    if (status == RISKGAN_OK)
        status = set_quantiles(d, table);
    free(drop);
    free(anomaly);
    if (status != RISKGAN_OK) {
        riskgan_detector_free(d);
        return status;
    }
    *out = d;
    return RISKGAN_OK;
}

riskgan_status rg_detect_fit(const riskgan_table *table, const riskgan_detect_options *o, const unsigned char *known,
                             riskgan_detector **out)
{
    rg_thread_counts previous = rg_threads_push(o->threads);
    riskgan_status status = rg_detect_fit_in_scope(table, o, known, out);
    rg_threads_pop(previous);
    return status;
}

riskgan_status riskgan_detect_fit(const riskgan_table *table, const riskgan_detect_options *options,
                                  riskgan_detector **out)
{
    return rg_detect_fit(table, options, NULL, out);
}

void riskgan_detector_free(riskgan_detector *d)
{
    if (!d)
        return;
    rg_detect_features_free(&d->features);
    rg_iforest_free(&d->forest);
    rg_gan_detector_free(&d->gan);
    rg_mlp_free(&d->deviation);
    free(d);
}

void riskgan_detector_get_info(const riskgan_detector *d, riskgan_detector_info *info)
{
    memset(info, 0, sizeof *info);
    info->method = d->method;
    info->columns = rg_detect_features_columns(&d->features);
    info->training_rows = d->training_rows;
    info->labelled_anomalies = d->labelled_anomalies;
    info->few_labels = d->few_labels;
    info->latent_score = d->latent_score;
    info->seed = d->seed;
}

const char *riskgan_detector_column_name(const riskgan_detector *d, size_t column)
{
    return rg_detect_features_name(&d->features, column);
}

double riskgan_detector_threshold(const riskgan_detector *d, double alert_rate)
{
    double at = (1 - (alert_rate < 0 ? 0 : alert_rate > 1 ? 1 : alert_rate)) * (RG_DETECT_QUANTILES - 1);
    size_t low = (size_t)at;
    if (low + 1 >= RG_DETECT_QUANTILES)
        return d->quantile[RG_DETECT_QUANTILES - 1];
    return d->quantile[low] + (at - (double)low) * (d->quantile[low + 1] - d->quantile[low]);
}

static void write_payload(const void *object, rg_writer *w)
{
    const riskgan_detector *d = object;
    rg_write_u32(w, (uint32_t)d->method);
    rg_write_u32(w, (uint32_t)d->latent_score);
    rg_write_u32(w, (uint32_t)d->few_labels);
    rg_write_u64(w, d->training_rows);
    rg_write_u64(w, d->labelled_anomalies);
    rg_write_u64(w, d->seed);
    rg_detect_features_write(&d->features, w);
    if (d->method == RISKGAN_DETECT_IFOREST)
        rg_iforest_write(&d->forest, w);
    else
        rg_gan_detector_write(&d->gan, w);
    if (d->few_labels)
        rg_mlp_write(&d->deviation, w);
    for (size_t q = 0; q < RG_DETECT_QUANTILES; q++)
        rg_write_f64(w, d->quantile[q]);
}

riskgan_status riskgan_detector_save(const riskgan_detector *d, const char *path)
{
    return rg_framed_write(path, magic, FORMAT_VERSION, write_payload, d);
}

/* The payload of a detector file; a corrupt field sets r->failure. */
static riskgan_status read_payload(rg_reader *r, uint32_t version, void *object)
{
    (void)version;
    riskgan_detector *d = object;
    riskgan_status status = RISKGAN_OK;
    uint32_t method = rg_read_u32(r), latent = rg_read_u32(r), few = rg_read_u32(r);
    d->training_rows = rg_read_u64(r);
    d->labelled_anomalies = rg_read_u64(r);
    d->seed = rg_read_u64(r);
    if (!r->failure && (method > RISKGAN_DETECT_IFOREST || latent > 1 || few > 1 ||
                       (few && method != RISKGAN_DETECT_GAN)))
        r->failure = "unknown detection method (corrupt file)";
    d->method = (riskgan_detect_method)method;
    d->latent_score = (int)latent;
    if (!r->failure)
        status = rg_detect_features_read(&d->features, r);
    size_t columns = !r->failure && status == RISKGAN_OK ? rg_detect_features_columns(&d->features) : 0;
    if (status == RISKGAN_OK && !r->failure && method == RISKGAN_DETECT_IFOREST)
        status = rg_iforest_read(&d->forest, r, columns);
    if (status == RISKGAN_OK && !r->failure && method == RISKGAN_DETECT_GAN)
        status = rg_gan_detector_read(&d->gan, r, columns, d->features.offset, d->features.span);
    if (status == RISKGAN_OK && !r->failure && few) {
        status = rg_mlp_read(&d->deviation, r, (int)(d->features.width + 1));
        if (status == RISKGAN_OK && d->deviation.dim[d->deviation.layers] != 1)
            r->failure = "the deviation network does not give one score (corrupt file)";
        d->few_labels = 1;
    }
    for (size_t q = 0; status == RISKGAN_OK && !r->failure && q < RG_DETECT_QUANTILES; q++) {
        d->quantile[q] = rg_read_f64(r);
        if (!r->failure && (!isfinite(d->quantile[q]) || (q > 0 && d->quantile[q] < d->quantile[q - 1])))
            r->failure = "the training score quantiles are invalid (corrupt file)";
    }
    if (status == RISKGAN_OK && !r->failure && r->position != r->length)
        r->failure = "unexpected bytes after the detector (corrupt file)";
    return status;
}

static void free_detector(void *object)
{
    riskgan_detector_free(object);
}

static const rg_framed_kind detector_kind = {"riskgan detector", magic, FORMAT_VERSION, FORMAT_VERSION,
                                             sizeof(riskgan_detector), read_payload, free_detector};

riskgan_status riskgan_detector_load_memory(const void *data, size_t length, riskgan_detector **out)
{
    return rg_framed_load(&detector_kind, data, length, "detector", (void **)out);
}

riskgan_status riskgan_detector_load(const char *path, riskgan_detector **out)
{
    return rg_framed_load_file(&detector_kind, path, (void **)out);
}
