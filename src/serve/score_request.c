/* score_request.c — scoring decoded request rows with the library's own table functions (the
 * ones `riskgan detect score` and `risk score` use) and writing the answer straight into a
 * buffer (no tree of JSON objects per record). */
#include "score_request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "json_text.h"
#include "request_table.h"

enum { HTTP_UNPROCESSABLE = 422, HTTP_INTERNAL = 500 };

/* What a model gave the rows: detectors fill score/columns/shares, risk models
 * probability/points/reasons. */
typedef struct {
    size_t k;
    double *score, *share, *probability, *points;
    size_t *column;
    const char **reason;
} results;

static riskgan_status score_rows(const rg_served_model *m, const riskgan_table *table, size_t n, results *r)
{
    r->score = rg_calloc(n, sizeof *r->score), r->points = rg_calloc(n, sizeof *r->points);
    r->share = rg_calloc(n * r->k + 1, sizeof *r->share), r->column = rg_calloc(n * r->k + 1, sizeof *r->column);
    r->reason = rg_calloc(n * r->k + 1, sizeof *r->reason);
    r->probability = r->score;
    if (!r->score || !r->points || !r->share || !r->column || !r->reason)
        return RISKGAN_ERR_NO_MEMORY;
    if (m->kind == RG_SERVED_DETECTOR)
        return riskgan_detect_score_table(m->detector, table, r->score, r->k, r->column, r->share);
    return riskgan_risk_score_with_reasons(m->risk, table, r->probability, r->points, r->k, r->reason);
}

static void free_results(results *r)
{
    free(r->score), free(r->points), free(r->share), free(r->column), free(r->reason);
}

/* The fields of record i, without braces: "id":..,"score":..,... */
static void write_fields(FILE *f, const rg_served_model *m, const rg_request_rows *rows, const results *r, size_t i)
{
    if (rows->id[i])
        fprintf(f, "\"id\":%s,", rows->id[i]);
    if (m->kind == RG_SERVED_DETECTOR) {
        fputs("\"score\":", f);
        rg_json_write_number(f, r->score[i]);
        fprintf(f, ",\"alert\":%s,\"reasons\":[", r->score[i] > m->threshold ? "true" : "false");
        for (size_t j = 0; j < r->k && r->share[i * r->k + j] > 0; j++) {
            fputs(j ? ",{\"column\":" : "{\"column\":", f);
            rg_json_write_string(f, riskgan_detector_column_name(m->detector, r->column[i * r->k + j]));
            fputs(",\"share\":", f);
            rg_json_write_number(f, r->share[i * r->k + j]);
            fputc('}', f);
        }
        fputc(']', f);
        return;
    }
    fputs("\"probability\":", f);
    rg_json_write_number(f, r->probability[i]);
    fputs(",\"points\":", f);
    rg_json_write_number(f, r->points[i]);
    if (r->k) {
        fputs(",\"reasons\":[", f);
        for (size_t j = 0; j < r->k && r->reason[i * r->k + j]; j++) {
            if (j)
                fputc(',', f);
            rg_json_write_string(f, r->reason[i * r->k + j]);
        }
        fputc(']', f);
    }
}

/* One object for a single record, else {"model", "version", "results": [...]}. */
static char *answer_text(const rg_served_model *m, const char *name, const rg_request_rows *rows, const results *r)
{
    char *text = NULL, version[17];
    size_t length = 0;
    FILE *f = open_memstream(&text, &length);
    if (!f)
        return NULL;
    rg_served_model_version(m, version);
    fputs("{\"model\":", f);
    rg_json_write_string(f, name);
    fprintf(f, ",\"version\":\"%s\",", version);
    if (rows->single) {
        write_fields(f, m, rows, r, 0);
    } else {
        fputs("\"results\":[", f);
        for (size_t i = 0; i < rows->rows; i++) {
            fputs(i ? ",{" : "{", f);
            write_fields(f, m, rows, r, i);
            fputc('}', f);
        }
        fputc(']', f);
    }
    fputc('}', f);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int rg_score_request(const rg_served_model *m, const rg_score_settings *settings, const rg_request_rows *rows,
                     char **answer)
{
    *answer = NULL;
    riskgan_table *table = NULL;
    riskgan_status status = rg_request_table(rows, &m->fields, m->schema, &table);
    if (status != RISKGAN_OK)
        return status == RISKGAN_ERR_NO_MEMORY ? HTTP_INTERNAL : HTTP_UNPROCESSABLE;
    int scorecard = m->kind == RG_SERVED_RISK && riskgan_risk_model_algorithm(m->risk) == RISKGAN_RISK_SCORECARD;
    results r = {.k = m->kind == RG_SERVED_DETECTOR || scorecard ? settings->reasons : 0};
    status = score_rows(m, table, rows->rows, &r);
    riskgan_table_free(table);
    if (status == RISKGAN_OK && !(*answer = answer_text(m, settings->model_name, rows, &r)))
        status = rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory");
    free_results(&r);
    return status == RISKGAN_OK ? 0 : status == RISKGAN_ERR_NO_MEMORY ? HTTP_INTERNAL : HTTP_UNPROCESSABLE;
}
