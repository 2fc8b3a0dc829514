/* served_model.h — one model file loaded for serving: a detector, a risk model (scorecards
 * among them) or a synthesizer, told apart by the file's magic; its columns as a request
 * reads them; a reference count, so that a reload frees the old model after the last request
 * that holds it. */
#ifndef RISKGAN_SERVE_SERVED_MODEL_H
#define RISKGAN_SERVE_SERVED_MODEL_H

#include <cjson/cJSON.h>
#include <stdatomic.h>
#include <stdint.h>

#include "riskgan.h"
#include "request_rows.h"

typedef enum { RG_SERVED_DETECTOR, RG_SERVED_RISK, RG_SERVED_SYNTHESIZER } rg_served_kind;

typedef struct {
    rg_served_kind kind;
    riskgan_detector *detector;
    riskgan_risk_model *risk;
    riskgan_model *synthesizer;
    riskgan_table *schema;     /* the columns a record to score holds (not for synthesizers) */
    rg_request_schema fields;  /* the same, looked up by name */
    double threshold;          /* detectors: the alert threshold */
    uint64_t digest;           /* FNV-1a of the file: the version clients see */
    char loaded_at[32];        /* UTC, ISO 8601 */
    atomic_long references;
} rg_served_model;

/* Loads `path`; a detector's threshold is the one a share `alert_rate` of its training rows
 * exceed. Refuses a file of another kind (market, linked tables) with the reason. */
riskgan_status rg_served_model_load(const char *path, double alert_rate, rg_served_model **out);
/* Takes one more reference; drops one (the last frees the model). */
void rg_served_model_hold(rg_served_model *model);
void rg_served_model_release(rg_served_model *model);
/* The version clients see: the file digest as 16 hex digits. */
void rg_served_model_version(const rg_served_model *model, char out[17]);
/* "detector", "risk model", "scorecard", "synthesizer". */
const char *rg_served_kind_name(const rg_served_model *model);
/* Adds the model's kind, method, version, columns with their types, threshold to `object`. */
void rg_served_model_describe(const rg_served_model *model, cJSON *object);

#endif
