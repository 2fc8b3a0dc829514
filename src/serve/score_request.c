/* score_request.c — scoring decoded request rows with the library's own table functions (the
 * ones `riskgan detect score` and `risk score` use) and writing the answer. */
#include "score_request.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "exact_number.h"
#include "request_table.h"

enum { HTTP_UNPROCESSABLE = 422, HTTP_INTERNAL = 500 };

/* The record's result object, with its passthrough id. */
static cJSON *new_result(const rg_request_rows *rows, size_t r)
{
    cJSON *result = cJSON_CreateObject();
    if (rows->id[r])
        cJSON_AddItemToObject(result, "id", cJSON_Parse(rows->id[r]));
    return result;
}

static riskgan_status score_detector(const rg_served_model *m, size_t k, const riskgan_table *table,
                                     const rg_request_rows *rows, cJSON **results)
{
    size_t n = rows->rows;
    double *scores = rg_calloc(n, sizeof *scores), *shares = rg_calloc(n * k + 1, sizeof *shares);
    size_t *columns = rg_calloc(n * k + 1, sizeof *columns);
    riskgan_status status = scores && shares && columns ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = riskgan_detect_score_table(m->detector, table, scores, k, columns, shares);
    for (size_t r = 0; status == RISKGAN_OK && r < n; r++) {
        cJSON *result = results[r] = new_result(rows, r);
        rg_add_exact_number(result, "score", scores[r]);
        cJSON_AddBoolToObject(result, "alert", scores[r] > m->threshold);
        cJSON *reasons = cJSON_AddArrayToObject(result, "reasons");
        for (size_t i = 0; i < k && shares[r * k + i] > 0; i++) {
            cJSON *reason = cJSON_CreateObject();
            cJSON_AddStringToObject(reason, "column", riskgan_detector_column_name(m->detector, columns[r * k + i]));
            rg_add_exact_number(reason, "share", shares[r * k + i]);
            cJSON_AddItemToArray(reasons, reason);
        }
    }
    free(scores), free(shares), free(columns);
    return status;
}

static riskgan_status score_risk(const rg_served_model *m, size_t k, const riskgan_table *table,
                                 const rg_request_rows *rows, cJSON **results)
{
    size_t n = rows->rows;
    if (riskgan_risk_model_algorithm(m->risk) != RISKGAN_RISK_SCORECARD)
        k = 0;
    double *probability = rg_calloc(n, sizeof *probability), *points = rg_calloc(n, sizeof *points);
    const char **reasons = rg_calloc(n * k + 1, sizeof *reasons);
    riskgan_status status = probability && points && reasons ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = riskgan_risk_score_with_reasons(m->risk, table, probability, points, k, reasons);
    for (size_t r = 0; status == RISKGAN_OK && r < n; r++) {
        cJSON *result = results[r] = new_result(rows, r);
        rg_add_exact_number(result, "probability", probability[r]);
        rg_add_exact_number(result, "points", points[r]);
        if (k) {
            cJSON *codes = cJSON_AddArrayToObject(result, "reasons");
            for (size_t i = 0; i < k && reasons[r * k + i]; i++)
                cJSON_AddItemToArray(codes, cJSON_CreateString(reasons[r * k + i]));
        }
    }
    free(probability), free(points), free(reasons);
    return status;
}

/* One object for a single record, else {"results": [...]}; both with the model's name and
 * version. */
static char *answer_text(const rg_served_model *m, const char *name, cJSON **results, const rg_request_rows *rows)
{
    char version[17];
    rg_served_model_version(m, version);
    cJSON *root = rows->single ? results[0] : cJSON_CreateObject();
    cJSON_AddStringToObject(root, "model", name);
    cJSON_AddStringToObject(root, "version", version);
    if (!rows->single) {
        cJSON *list = cJSON_AddArrayToObject(root, "results");
        for (size_t r = 0; r < rows->rows; r++)
            cJSON_AddItemToArray(list, results[r]);
    }
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return text;
}

int rg_score_request(const rg_served_model *m, const rg_score_settings *settings, const rg_request_rows *rows,
                     char **answer)
{
    *answer = NULL;
    riskgan_table *table = NULL;
    cJSON **results = rg_calloc(rows->rows + 1, sizeof *results);
    if (!results)
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory"), HTTP_INTERNAL;
    riskgan_status status = rg_request_table(rows, &m->fields, m->schema, &table);
    if (status != RISKGAN_OK) {
        free(results);
        return status == RISKGAN_ERR_NO_MEMORY ? HTTP_INTERNAL : HTTP_UNPROCESSABLE;
    }
    status = m->kind == RG_SERVED_DETECTOR ? score_detector(m, settings->reasons, table, rows, results)
                                           : score_risk(m, settings->reasons, table, rows, results);
    riskgan_table_free(table);
    if (status == RISKGAN_OK)
        *answer = answer_text(m, settings->model_name, results, rows);
    else
        for (size_t r = 0; r < rows->rows; r++)
            cJSON_Delete(results[r]);
    free(results);
    if (status == RISKGAN_OK && !*answer)
        status = rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory");
    return status == RISKGAN_OK ? 0 : status == RISKGAN_ERR_NO_MEMORY ? HTTP_INTERNAL : HTTP_UNPROCESSABLE;
}
