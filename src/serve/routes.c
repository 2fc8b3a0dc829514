/* routes.c — the endpoints: health, readiness, metrics, the model list, scoring, sampling and
 * reloads, each answering JSON (or Prometheus text, or a CSV / JSON-lines stream). */
#include "routes.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/c_locale.h"
#include "../core/memory.h"
#include "score_request.h"

static const char json_type[] = "application/json";

static void answer_json(rg_answer *a, unsigned status, cJSON *root)
{
    locale_t previous = rg_use_c_locale();
    a->body = cJSON_PrintUnformatted(root);
    uselocale(previous);
    cJSON_Delete(root);
    a->status = a->body ? status : 500;
    a->length = a->body ? strlen(a->body) : 0;
    a->content_type = json_type;
}

static void answer_error(rg_answer *a, unsigned status, const char *format, ...) __attribute__((format(printf, 3, 4)));
static void answer_error(rg_answer *a, unsigned status, const char *format, ...)
{
    char message[1200];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    cJSON *root = cJSON_CreateObject(), *error = cJSON_AddObjectToObject(root, "error");
    cJSON_AddNumberToObject(error, "status", status);
    cJSON_AddStringToObject(error, "message", message);
    answer_json(a, status, root);
}

/* "Bearer <token>" against the token, in time that does not depend on where they differ. */
static int authorized(const rg_service *s, const rg_request *r)
{
    const char *token = s->options.token;
    if (!token)
        return 1;
    const char *given = r->authorization ? r->authorization : "";
    size_t expected = strlen(token), length = strlen(given);
    unsigned difference = strncmp(given, "Bearer ", 7) != 0 || length != expected + 7;
    const char *value = length >= 7 ? given + 7 : given;
    size_t value_length = length >= 7 ? length - 7 : length;
    for (size_t i = 0; i < expected; i++)
        difference |= (unsigned)(unsigned char)token[i] ^ (unsigned char)(i < value_length ? value[i] : 0);
    return difference == 0;
}

static void list_models(rg_service *s, rg_answer *a, const char *only)
{
    cJSON *root = cJSON_CreateObject(), *list = only ? NULL : cJSON_AddArrayToObject(root, "models");
    for (size_t i = 0; i < s->models.count; i++) {
        if (only && strcmp(only, s->models.name[i]) != 0)
            continue;
        rg_served_model *m = rg_model_registry_take_at(&s->models, i);
        cJSON *entry = only ? root : cJSON_CreateObject();
        cJSON_AddStringToObject(entry, "name", s->models.name[i]);
        rg_served_model_describe(m, entry);
        rg_served_model_release(m);
        if (!only)
            cJSON_AddItemToArray(list, entry);
        else
            { answer_json(a, 200, root); return; }
    }
    if (only) {
        cJSON_Delete(root);
        { answer_error(a, 404, "no model named '%s' (GET /v1/models lists them)", only); return; }
    }
    answer_json(a, 200, root);
}

static void score(rg_service *s, const rg_request *r, rg_answer *a, rg_served_model *m)
{
    if (m->kind == RG_SERVED_SYNTHESIZER)
        { answer_error(a, 400, "model '%s' is a synthesizer: it samples (POST .../sample), it does not score",
                            a->model_name); return; }
    const char *type = r->content_type ? r->content_type : json_type;
    int csv = strncmp(type, "text/csv", 8) == 0;
    int form = strncmp(type, "application/x-www-form-urlencoded", 33) == 0; /* curl -d: read as JSON */
    if (!csv && !form && strncmp(type, json_type, sizeof json_type - 1) != 0)
        { answer_error(a, 415, "Content-Type %s: send application/json or text/csv", type); return; }
    rg_request_limits limits = {s->options.id_field, s->options.max_batch_records};
    rg_request_rows rows;
    int status = rg_request_rows_decode(&m->fields, &limits, r->body ? r->body : "", r->length, csv, &rows);
    if (status)
        { answer_error(a, (unsigned)status, "%s", riskgan_last_error()); return; }
    rg_score_settings settings = {a->model_name, s->options.reasons};
    char *text;
    status = rg_score_request(m, &settings, &rows, &text);
    if (status)
        answer_error(a, (unsigned)status, "%s", riskgan_last_error());
    else
        *a = (rg_answer){.status = 200, .content_type = json_type, .body = text, .length = strlen(text),
                         .model = a->model, .model_name = a->model_name, .records = rows.rows};
    rg_request_rows_free(&rows);
}

/* A whole number in [minimum, maximum] from a query argument. */
static int read_count(const char *text, unsigned long long minimum, unsigned long long maximum,
                      unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!text || !*text || *text == '-')
        return 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (*end || errno || value < minimum || value > maximum)
        return 0;
    *out = value;
    return 1;
}

/* Takes over the reference to m. */
static void sample(rg_service *s, const rg_request *r, rg_answer *a, rg_served_model *m)
{
    if (m->kind != RG_SERVED_SYNTHESIZER) {
        answer_error(a, 400, "model '%s' is a %s: it scores (POST .../score), it does not sample", a->model_name,
                     rg_served_kind_name(m));
        { rg_served_model_release(m); return; }
    }
    unsigned long long n, seed = 0;
    const char *format = r->argument(r->context, "format");
    if (!read_count(r->argument(r->context, "n"), 1, s->options.max_sample_rows, &n)) {
        answer_error(a, 400, "n: give the number of rows, 1 to %zu", s->options.max_sample_rows);
        { rg_served_model_release(m); return; }
    }
    const char *seed_text = r->argument(r->context, "seed");
    if (seed_text && !read_count(seed_text, 0, UINT64_MAX, &seed)) {
        answer_error(a, 400, "seed: give a whole number from 0 to 2^64 - 1");
        { rg_served_model_release(m); return; }
    }
    if (format && strcmp(format, "csv") != 0 && strcmp(format, "jsonl") != 0) {
        answer_error(a, 400, "format=%s: csv or jsonl", format);
        { rg_served_model_release(m); return; }
    }
    int json_lines = format && strcmp(format, "jsonl") == 0;
    int status = rg_sample_stream_open(m, (size_t)n, seed, r->argument(r->context, "where"), json_lines, &a->stream);
    if (status)
        { answer_error(a, (unsigned)status, "%s", riskgan_last_error()); return; }
    a->status = 200;
    a->content_type = json_lines ? "application/x-ndjson" : "text/csv";
}

char *rg_reload_models(rg_service *s, size_t *failed)
{
    pthread_mutex_lock(&s->reloading);
    cJSON *root = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(root, "models");
    *failed = 0;
    for (size_t i = 0; i < s->models.count; i++) {
        cJSON *entry = cJSON_CreateObject();
        cJSON_AddStringToObject(entry, "name", s->models.name[i]);
        riskgan_status status = rg_model_registry_reload(&s->models, i);
        atomic_fetch_add(status == RISKGAN_OK ? &s->metrics.reloads : &s->metrics.reload_failures, 1);
        cJSON_AddBoolToObject(entry, "reloaded", status == RISKGAN_OK);
        if (status != RISKGAN_OK) {
            cJSON_AddStringToObject(entry, "error", riskgan_last_error());
            ++*failed;
        }
        rg_served_model *m = rg_model_registry_take_at(&s->models, i);
        char version[17];
        rg_served_model_version(m, version);
        cJSON_AddStringToObject(entry, "version", version);
        rg_served_model_release(m);
        cJSON_AddItemToArray(list, entry);
    }
    pthread_mutex_unlock(&s->reloading);
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return text;
}

static void reload(rg_service *s, rg_answer *a)
{
    size_t failed;
    char *text = rg_reload_models(s, &failed);
    if (!text)
        { answer_error(a, 500, "out of memory"); return; }
    *a = (rg_answer){.status = failed ? 500 : 200, .content_type = json_type, .body = text, .length = strlen(text),
                     .model = s->models.count};
}

/* /v1/models/{name}[/score|/sample]: the model and what is asked of it. */
static void model_route(rg_service *s, const rg_request *r, rg_answer *a, const char *rest)
{
    char name[80];
    size_t length = strcspn(rest, "/");
    const char *action = rest + length;
    if (length == 0 || length >= sizeof name)
        { answer_error(a, 404, "no such path: %s", r->path); return; }
    memcpy(name, rest, length);
    name[length] = 0;
    int get = strcmp(r->method, "GET") == 0, post = strcmp(r->method, "POST") == 0;
    if (!*action) {
        if (!get)
            { answer_error(a, 405, "%s %s: use GET", r->method, r->path); return; }
        { list_models(s, a, name); return; }
    }
    if (strcmp(action, "/score") != 0 && strcmp(action, "/sample") != 0)
        { answer_error(a, 404, "no such path: %s (a model has /score and /sample)", r->path); return; }
    a->allow_post = 1;
    if (!post)
        { answer_error(a, 405, "%s %s: use POST", r->method, r->path); return; }
    rg_served_model *m = rg_model_registry_take(&s->models, name, &a->model);
    if (!m)
        { answer_error(a, 404, "no model named '%s' (GET /v1/models lists them)", name); return; }
    a->model_name = s->models.name[a->model];
    if (r->body_too_large) {
        rg_served_model_release(m);
        { answer_error(a, 413, "the body is larger than %zu bytes (--max-body)", s->options.max_body_bytes); return; }
    }
    if (strcmp(action, "/sample") == 0)
        { sample(s, r, a, m); return; }
    score(s, r, a, m);
    rg_served_model_release(m);
}

/* GET-only endpoints without a model. */
static int plain_route(rg_service *s, const rg_request *r, rg_answer *a)
{
    const char *p = r->path;
    if (strcmp(p, "/healthz") != 0 && strcmp(p, "/readyz") != 0 && strcmp(p, "/metrics") != 0 &&
        strcmp(p, "/v1/models") != 0)
        return 0;
    if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
        answer_error(a, 405, "%s %s: use GET", r->method, p);
        return 1;
    }
    cJSON *root = cJSON_CreateObject();
    if (strcmp(p, "/healthz") == 0) {
        cJSON_AddStringToObject(root, "status", "ok");
        answer_json(a, 200, root);
    } else if (strcmp(p, "/readyz") == 0) {
        int draining = atomic_load(&s->draining);
        cJSON_AddStringToObject(root, "status", draining ? "draining" : "ready");
        answer_json(a, draining ? 503 : 200, root);
    } else if (strcmp(p, "/metrics") == 0) {
        cJSON_Delete(root);
        a->body = rg_serve_metrics_text(&s->metrics, atomic_load(&s->connections));
        a->status = a->body ? 200 : 500;
        a->length = a->body ? strlen(a->body) : 0;
        a->content_type = "text/plain; version=0.0.4";
    } else {
        cJSON_Delete(root);
        list_models(s, a, NULL);
    }
    return 1;
}

void rg_route(rg_service *s, const rg_request *r, rg_answer *a)
{
    *a = (rg_answer){.model = s->models.count};
    int open = strcmp(r->path, "/healthz") == 0 || strcmp(r->path, "/readyz") == 0;
    if (!open && !authorized(s, r))
        { answer_error(a, 401, "a valid 'Authorization: Bearer <token>' header is required"); return; }
    if (plain_route(s, r, a))
        return;
    if (strncmp(r->path, "/v1/models/", 11) == 0)
        { model_route(s, r, a, r->path + 11); return; }
    if (strcmp(r->path, "/v1/admin/reload") == 0) {
        a->allow_post = 1;
        if (strcmp(r->method, "POST") != 0)
            { answer_error(a, 405, "%s %s: use POST", r->method, r->path); return; }
        { reload(s, a); return; }
    }
    answer_error(a, 404, "no such path: %s", r->path);
}
