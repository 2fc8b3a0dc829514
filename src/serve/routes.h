/* routes.h — the service's endpoints, apart from the HTTP library: a whole request in, an
 * answer out (a JSON or text body, or a sample stream). Every refusal is a JSON error
 * {"error": {"status", "message"}} with the status that names the problem. */
#ifndef RISKGAN_SERVE_ROUTES_H
#define RISKGAN_SERVE_ROUTES_H

#include <stddef.h>

#include "sample_stream.h"
#include "service.h"

typedef struct {
    const char *method, *path;      /* path without the query */
    const char *content_type, *authorization;
    const char *(*argument)(void *context, const char *name); /* a query argument, or NULL */
    void *context;
    const char *body;
    size_t length;
    int body_too_large;             /* the body was over the limit and was not kept */
} rg_request;

typedef struct {
    unsigned status;
    const char *content_type;
    char *body;                     /* owned (malloc) */
    size_t length;
    rg_sample_stream *stream;       /* instead of a body */
    size_t model;                   /* the model's place (service->models.count: none) */
    const char *model_name;
    size_t records;                 /* records scored */
    int allow_post;                 /* a 405: the Allow header says POST (else GET) */
} rg_answer;

/* Answers the request. */
void rg_route(rg_service *service, const rg_request *request, rg_answer *answer);
/* Reloads every model; *failed receives how many kept their old version. The JSON report
 * (caller frees) lists each model with its version or the reason it was kept. */
char *rg_reload_models(rg_service *service, size_t *failed);

#endif
