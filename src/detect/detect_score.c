/* detect_score.c — scoring with a fitted detector: whole tables (in chunks), one row at a
 * time through a per-thread scratch (no allocation per call), explanations, score files. */
#include "detect_score.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/atomic_file.h"
#include "../data/table_writer.h"
#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"

riskgan_status rg_detect_scratch_init(struct riskgan_detect_scratch *s, const riskgan_detector *d, int capacity)
{
    memset(s, 0, sizeof *s);
    s->detector = d;
    s->capacity = capacity;
    size_t columns = rg_detect_features_columns(&d->features), width = d->features.width, n = (size_t)capacity;
    s->cells = rg_calloc(columns, sizeof *s->cells);
    s->neural = rg_calloc(n * width, sizeof *s->neural);
    s->tree = rg_calloc(n * columns, sizeof *s->tree);
    s->contribution = rg_calloc(n * columns, sizeof *s->contribution);
    s->errors = rg_calloc(n * columns, sizeof *s->errors);
    s->latent = rg_calloc(n, sizeof *s->latent);
    riskgan_status status = s->cells && s->neural && s->tree && s->contribution && s->errors && s->latent
                                ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK && d->method == RISKGAN_DETECT_GAN)
        status = rg_gan_scratch_init(&s->gan, &d->gan, capacity);
    if (status == RISKGAN_OK && d->few_labels) {
        s->deviation_in = rg_calloc(n * (width + 1), sizeof *s->deviation_in);
        status = s->deviation_in ? rg_mlp_trace_init(&s->deviation, &d->deviation, capacity) : RISKGAN_ERR_NO_MEMORY;
    }
    if (status != RISKGAN_OK)
        rg_detect_scratch_release(s);
    return status;
}

void rg_detect_scratch_release(struct riskgan_detect_scratch *s)
{
    free(s->cells);
    free(s->neural);
    free(s->tree);
    free(s->contribution);
    free(s->errors);
    free(s->latent);
    free(s->deviation_in);
    rg_gan_scratch_free(&s->gan);
    rg_mlp_trace_free(&s->deviation);
    memset(s, 0, sizeof *s);
}

static double finite_score(double score)
{
    if (isnan(score))
        return DBL_MAX; /* a row nothing could be computed for is as suspicious as can be */
    return score > DBL_MAX ? DBL_MAX : score < -DBL_MAX ? -DBL_MAX : score;
}

void rg_detect_deviation_inputs(const float *neural, size_t width, double gan_score, float *out)
{
    for (size_t k = 0; k < width; k++)
        out[k] = (float)asinh(neural[k]);
    out[width] = (float)log1p(gan_score);
}

void rg_detect_score_encoded(const riskgan_detector *d, struct riskgan_detect_scratch *s, int n, double *scores)
{
    size_t columns = rg_detect_features_columns(&d->features), width = d->features.width;
    if (d->method == RISKGAN_DETECT_IFOREST) {
#pragma omp parallel for if (n > 16)
        for (int i = 0; i < n; i++)
            scores[i] = finite_score(rg_iforest_score(&d->forest, s->tree + (size_t)i * columns,
                                                      s->contribution + (size_t)i * columns));
        return;
    }
    rg_gan_detector_errors(&d->gan, s->neural, n, &s->gan, s->errors, d->latent_score ? s->latent : NULL);
    for (int i = 0; i < n; i++) {
        double relative = rg_gan_detector_relative_errors(&d->gan, s->errors + (size_t)i * columns,
                                                          s->contribution + (size_t)i * columns);
        scores[i] = finite_score(d->latent_score ? s->latent[i] : relative);
        if (d->few_labels)
            rg_detect_deviation_inputs(s->neural + (size_t)i * width, width, relative,
                                       s->deviation_in + (size_t)i * (width + 1));
    }
    if (d->few_labels) {
        const float *phi = rg_mlp_forward(&d->deviation, s->deviation_in, n, &s->deviation);
        for (int i = 0; i < n; i++)
            scores[i] = finite_score(phi[i]);
    }
}

void rg_detect_explain(const riskgan_detector *d, const struct riskgan_detect_scratch *s, int r, size_t k,
                       size_t *columns_out, double *shares)
{
    size_t columns = rg_detect_features_columns(&d->features);
    const double *contribution = s->contribution + (size_t)r * columns;
    double total = 0;
    for (size_t j = 0; j < columns; j++)
        total += contribution[j] > 0 && isfinite(contribution[j]) ? contribution[j] : 0;
    for (size_t i = 0; i < k; i++) { /* selection of the k largest, ties to the first column */
        size_t best = SIZE_MAX;
        for (size_t j = 0; j < columns; j++) {
            int taken = 0;
            for (size_t p = 0; p < i && !taken; p++)
                taken = columns_out[p] == j;
            if (!taken && (best == SIZE_MAX || contribution[j] > contribution[best]))
                best = j;
        }
        columns_out[i] = best;
        if (shares)
            shares[i] = best != SIZE_MAX && total > 0 && isfinite(contribution[best]) ? contribution[best] / total : 0;
    }
}

riskgan_status riskgan_detect_score_table(const riskgan_detector *d, const riskgan_table *table, double *scores,
                                          size_t explain, size_t *columns_out, double *shares)
{
    size_t columns = rg_detect_features_columns(&d->features);
    if (explain > columns)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "cannot explain by %zu columns: the detector has %zu", explain, columns);
    size_t *index = rg_calloc(columns, sizeof *index);
    if (!index)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_detect_features_map(&d->features, table, index);
    struct riskgan_detect_scratch s;
    if (status == RISKGAN_OK)
        status = rg_detect_scratch_init(&s, d, RG_DETECT_CHUNK);
    if (status != RISKGAN_OK) {
        free(index);
        return status;
    }
    for (size_t start = 0; start < table->rows; start += RG_DETECT_CHUNK) {
        int n = (int)(table->rows - start < RG_DETECT_CHUNK ? table->rows - start : RG_DETECT_CHUNK);
        rg_detect_features_encode_rows(&d->features, table, index, start, (size_t)n, s.cells, s.neural, s.tree);
        rg_detect_score_encoded(d, &s, n, scores + start);
        for (int i = 0; explain > 0 && i < n; i++)
            rg_detect_explain(d, &s, i, explain, columns_out + (start + (size_t)i) * explain,
                              shares ? shares + (start + (size_t)i) * explain : NULL);
    }
    rg_detect_scratch_release(&s);
    free(index);
    return RISKGAN_OK;
}

riskgan_status riskgan_detector_schema(const riskgan_detector *d, riskgan_table **out)
{
    return rg_detect_features_schema(&d->features, out);
}

riskgan_status riskgan_detect_read_csv(const riskgan_detector *d, const char *path, const riskgan_read_options *options,
                                       riskgan_table **out)
{
    riskgan_table *schema;
    riskgan_status status = riskgan_detector_schema(d, &schema);
    if (status != RISKGAN_OK)
        return status;
    status = riskgan_table_read_csv_like(path, schema, options, out);
    riskgan_table_free(schema);
    return status;
}

riskgan_status riskgan_detect_write_scores(const riskgan_detector *d, const riskgan_table *table, double threshold,
                                           size_t explain, const char *keep, const char *path)
{
    size_t rows = table->rows;
    long kept = keep ? riskgan_table_find_column(table, keep) : -1;
    if (keep && kept < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "column '%s' to copy into the scores is not in the table", keep);
    double *scores = rg_calloc(rows ? rows : 1, sizeof *scores);
    size_t *reasons = rg_calloc(rows * explain > 0 ? rows * explain : 1, sizeof *reasons);
    riskgan_status status = scores && reasons ? riskgan_detect_score_table(d, table, scores, explain, reasons, NULL)
                                              : RISKGAN_ERR_NO_MEMORY;
    rg_atomic_file file;
    if (status == RISKGAN_OK)
        status = rg_atomic_open(&file, path);
    if (status == RISKGAN_OK) {
        FILE *f = file.stream;
        if (keep) {
            rg_csv_write_text(f, keep, ',');
            fputc(',', f);
        }
        fputs("row,score,flag", f);
        for (size_t k = 0; k < explain; k++)
            fprintf(f, ",reason_%zu", k + 1);
        fputc('\n', f);
        char value[64];
        for (size_t r = 0; r < rows; r++) {
            if (keep) {
                const rg_column *column = &table->column[kept];
                if (!rg_column_is_numeric(column) && column->codes[r] >= 0)
                    rg_csv_write_text(f, rg_dictionary_string(&column->categories, column->codes[r]), ',');
                else if (rg_column_is_numeric(column) && !isnan(column->numbers[r])) {
                    riskgan_table_format_value(table, (size_t)kept, column->numbers[r], value, sizeof value);
                    rg_csv_write_text(f, value, ',');
                }
                fputc(',', f);
            }
            fprintf(f, "%zu,%.17g,%d", r + 1, scores[r], scores[r] > threshold);
            for (size_t k = 0; k < explain; k++) {
                fputc(',', f);
                rg_csv_write_text(f, rg_detect_features_name(&d->features, reasons[r * explain + k]), ',');
            }
            fputc('\n', f);
        }
        status = rg_atomic_commit(&file);
    }
    free(scores);
    free(reasons);
    return status;
}

riskgan_status riskgan_detect_scratch_new(const riskgan_detector *d, riskgan_detect_scratch **out)
{
    *out = NULL;
    riskgan_detect_scratch *s = rg_calloc(1, sizeof *s);
    if (!s)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = rg_detect_scratch_init(s, d, 1);
    if (status != RISKGAN_OK) {
        free(s);
        return status;
    }
    *out = s;
    return RISKGAN_OK;
}

void riskgan_detect_scratch_free(riskgan_detect_scratch *s)
{
    if (!s)
        return;
    rg_detect_scratch_release(s);
    free(s);
}

riskgan_status riskgan_detect_score_row(const riskgan_detector *d, riskgan_detect_scratch *s, const char *const *fields,
                                        size_t count, double *score, size_t explain, size_t *columns_out, double *shares)
{
    size_t columns = rg_detect_features_columns(&d->features);
    if (s->detector != d)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the scratch was made for another detector");
    if (count != columns)
        return rg_fail(RISKGAN_ERR_SCHEMA, "the row has %zu fields, the detector expects %zu (%s, ...)", count, columns,
                       rg_detect_features_name(&d->features, 0));
    if (explain > columns)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "cannot explain by %zu columns: the detector has %zu", explain, columns);
    for (size_t j = 0; j < columns; j++) {
        riskgan_status status = rg_detect_features_parse(&d->features, j, fields[j], &s->cells[j]);
        if (status != RISKGAN_OK)
            return status;
    }
    rg_detect_features_encode(&d->features, s->cells, s->neural, s->tree);
    rg_detect_score_encoded(d, s, 1, score);
    if (explain > 0)
        rg_detect_explain(d, s, 0, explain, columns_out, shares);
    return RISKGAN_OK;
}
