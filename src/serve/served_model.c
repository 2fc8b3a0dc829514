/* served_model.c — loading a model file of any servable kind, its reference count and its
 * description for GET /v1/models. */
#include "served_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/binary_io.h"
#include "../core/error.h"
#include "../core/framed_file.h"
#include "../core/memory.h"
#include "../data/datetime.h"
#include "../data/table.h"
#include "json_text.h"

static void free_model(rg_served_model *m)
{
    riskgan_detector_free(m->detector);
    riskgan_risk_model_free(m->risk);
    riskgan_model_free(m->synthesizer);
    riskgan_table_free(m->schema);
    rg_request_schema_free(&m->fields);
    free(m);
}

/* Loads the bytes as the kind their magic names. */
static riskgan_status load_kind(rg_served_model *m, const unsigned char *data, size_t length, const char *path,
                                double alert_rate)
{
    if (length >= 8 && memcmp(data, "RGDETEC\x1a", 8) == 0) {
        m->kind = RG_SERVED_DETECTOR;
        riskgan_status status = riskgan_detector_load_memory(data, length, &m->detector);
        if (status == RISKGAN_OK)
            status = riskgan_detector_schema(m->detector, &m->schema);
        if (status == RISKGAN_OK)
            m->threshold = riskgan_detector_threshold(m->detector, alert_rate);
        return status;
    }
    if (length >= 8 && memcmp(data, "RGRISK\0\x1a", 8) == 0) {
        m->kind = RG_SERVED_RISK;
        riskgan_status status = riskgan_risk_model_load_memory(data, length, &m->risk);
        return status == RISKGAN_OK ? riskgan_risk_model_schema(m->risk, &m->schema) : status;
    }
    if (length >= 8 && memcmp(data, "RISKGAN\x1a", 8) == 0) {
        m->kind = RG_SERVED_SYNTHESIZER;
        return riskgan_model_load_memory(data, length, &m->synthesizer);
    }
    return rg_fail(RISKGAN_ERR_FORMAT, "%s: not a model riskgan serve can serve (a detector, a risk model or "
                   "scorecard, or a synthesizer)", path);
}

riskgan_status rg_served_model_load(const char *path, double alert_rate, rg_served_model **out)
{
    *out = NULL;
    unsigned char *data;
    size_t length;
    riskgan_status status = rg_read_whole_file(path, &data, &length);
    if (status != RISKGAN_OK)
        return status;
    rg_served_model *m = rg_calloc(1, sizeof *m);
    if (!m) {
        free(data);
        return RISKGAN_ERR_NO_MEMORY;
    }
    atomic_init(&m->references, 1);
    m->digest = rg_checksum_bytes(RG_CHECKSUM_START, data, length);
    time_t now = time(NULL);
    struct tm utc;
    strftime(m->loaded_at, sizeof m->loaded_at, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &utc));
    status = load_kind(m, data, length, path, alert_rate);
    free(data);
    if (status == RISKGAN_OK && m->schema)
        status = rg_request_schema_init(&m->fields, m->schema);
    if (status != RISKGAN_OK) {
        free_model(m);
        return status;
    }
    *out = m;
    return RISKGAN_OK;
}

void rg_served_model_hold(rg_served_model *m)
{
    atomic_fetch_add(&m->references, 1);
}

void rg_served_model_release(rg_served_model *m)
{
    if (m && atomic_fetch_sub(&m->references, 1) == 1)
        free_model(m);
}

void rg_served_model_version(const rg_served_model *m, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)m->digest);
}

const char *rg_served_kind_name(const rg_served_model *m)
{
    if (m->kind == RG_SERVED_DETECTOR)
        return "detector";
    if (m->kind == RG_SERVED_SYNTHESIZER)
        return "synthesizer";
    return riskgan_risk_model_algorithm(m->risk) == RISKGAN_RISK_SCORECARD ? "scorecard" : "risk model";
}

static const char *method_name(const rg_served_model *m)
{
    if (m->kind == RG_SERVED_DETECTOR) {
        riskgan_detector_info info;
        riskgan_detector_get_info(m->detector, &info);
        return info.few_labels ? "gan+deviation" : info.method == RISKGAN_DETECT_GAN ? "gan" : "iforest";
    }
    if (m->kind == RG_SERVED_SYNTHESIZER) {
        riskgan_model_info info;
        riskgan_model_get_info(m->synthesizer, &info);
        return riskgan_model_kind_name(info.kind);
    }
    riskgan_risk_algorithm a = riskgan_risk_model_algorithm(m->risk);
    return a == RISKGAN_RISK_XGBOOST ? "xgboost" : a == RISKGAN_RISK_LOGREG ? "logreg" : "scorecard";
}

/* A column as {"name", "type"[, "format"]}. */
static void add_column(cJSON *columns, const char *name, const char *type, const char *format)
{
    cJSON *column = cJSON_CreateObject();
    cJSON_AddStringToObject(column, "name", name);
    cJSON_AddStringToObject(column, "type", type);
    if (format)
        cJSON_AddStringToObject(column, "format", format);
    cJSON_AddItemToArray(columns, column);
}

static void describe_columns(const rg_served_model *m, cJSON *columns)
{
    static const char *const types[] = {"number", "integer", "category", "date"};
    for (size_t j = 0; m->schema && j < m->schema->columns; j++) {
        const rg_column *c = &m->schema->column[j];
        char format[64];
        if (c->type == RISKGAN_COLUMN_DATETIME)
            rg_datetime_format_name(&c->datetime, format, sizeof format);
        add_column(columns, c->name, types[c->type], c->type == RISKGAN_COLUMN_DATETIME ? format : NULL);
    }
    for (size_t j = 0; m->synthesizer && riskgan_model_column_name(m->synthesizer, j); j++) {
        int identifier = 0;
        char format[64] = "";
        riskgan_model_column_role(m->synthesizer, j, &identifier, format, sizeof format);
        add_column(columns, riskgan_model_column_name(m->synthesizer, j),
                   identifier ? "identifier" : format[0] ? "date" : "value", format[0] ? format : NULL);
    }
}

void rg_served_model_describe(const rg_served_model *m, cJSON *object)
{
    char version[17];
    rg_served_model_version(m, version);
    cJSON_AddStringToObject(object, "kind", rg_served_kind_name(m));
    cJSON_AddStringToObject(object, "method", method_name(m));
    cJSON_AddStringToObject(object, "version", version);
    cJSON_AddStringToObject(object, "loaded_at", m->loaded_at);
    if (m->kind == RG_SERVED_DETECTOR)
        rg_add_exact_number(object, "threshold", m->threshold);
    if (m->risk) {
        cJSON_AddStringToObject(object, "target", riskgan_risk_model_target(m->risk));
        cJSON_AddStringToObject(object, "positive", riskgan_risk_model_positive(m->risk));
    }
    describe_columns(m, cJSON_AddArrayToObject(object, "columns"));
}
