/* sampling.c — rows from a fitted model: unconditioned, under a condition (--where), rows of
 * one class of the target drawn the way the class occurs, in chunks of their own random
 * streams, to a table or streamed to a CSV file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "../data/table_sink.h"
#include "../transform/transformer_decode.h"
#include "model.h"
#include "sampling.h"

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
enum { SAMPLE_CHUNK = RG_SAMPLE_CHUNK };

static uint64_t chunk_seed(uint64_t seed, size_t chunk)
{
    return chunk ? rg_hash64(seed ^ rg_hash64((uint64_t)chunk)) : seed;
}

riskgan_status rg_sample_chunk(const riskgan_model *m, size_t rows, uint64_t seed, const riskgan_condition *where,
                               size_t chunk, riskgan_table **out)
{
    *out = NULL;
    size_t done = chunk * SAMPLE_CHUNK;
    if (done >= rows)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "chunk %zu is past the %zu rows", chunk, rows);
    size_t n = rows - done < SAMPLE_CHUNK ? rows - done : SAMPLE_CHUNK;
    return sample_rows(m, n, chunk_seed(seed, chunk), where, done, out, NULL);
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

riskgan_status riskgan_sample_to(const riskgan_model *m, size_t rows, uint64_t seed, const riskgan_condition *where,
                                 int omit_identifiers, const char *location, int replace)
{
    if (rows == 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the number of rows to sample must be at least 1");
    unsigned char *skip = rg_calloc(m->transformer->columns, 1);
    if (!skip)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < m->transformer->columns; j++)
        skip[j] = omit_identifiers && m->transformer->column[j].encoding == RG_ENCODE_IDENTIFIER;
    rg_table_sink *sink;
    rg_sink_options options = {replace, NULL};
    riskgan_status status = rg_table_sink_open(location, &options, &sink);
    for (size_t done = 0, k = 0; done < rows && status == RISKGAN_OK; done += SAMPLE_CHUNK, k++) {
        riskgan_table *chunk = NULL;
        size_t n = rows - done < SAMPLE_CHUNK ? rows - done : SAMPLE_CHUNK;
        status = sample_rows(m, n, chunk_seed(seed, k), where, done, &chunk, NULL);
        if (status == RISKGAN_OK)
            status = sink->ops->write(sink, chunk, skip);
        riskgan_table_free(chunk);
        if (status != RISKGAN_OK)
            sink->ops->abort(sink);
    }
    free(skip);
    return status == RISKGAN_OK ? sink->ops->commit(sink) : status;
}

riskgan_status riskgan_sample_to_csv(const riskgan_model *m, size_t rows, uint64_t seed, const riskgan_condition *where,
                                     int omit_identifiers, const char *path)
{
    return riskgan_sample_to(m, rows, seed, where, omit_identifiers, path, 0);
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
