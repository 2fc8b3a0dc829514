/* http_daemon.c — libmicrohttpd glue: the access handler gathers a request's body (refusing
 * one over the limit, and one that takes longer than the timeout to arrive), hands the whole
 * request to rg_route and queues its answer; the completion callback counts and logs it. */
#include "http_daemon.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/c_locale.h"
#include "../core/error.h"
#include "../core/framed_file.h"
#include "../core/memory.h"
#include "routes.h"

struct rg_http_daemon {
    struct MHD_Daemon *mhd;
    MHD_socket listening;     /* after quiesce: the listening socket, closed at the stop */
    rg_service *service;
    atomic_uint active;
    char *certificate, *key;
};

typedef struct {
    rg_http_daemon *daemon;
    double started;
    char *method, *path;
    char *body;
    size_t length, capacity, received;
    int too_large, answered, stream_model;
    unsigned status;
    size_t model, records;
} request_state;

typedef struct {
    rg_sample_stream *stream;
    rg_service *service;
    size_t model;
} stream_state;

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Scoring runs one thread per request: the pool of request threads is the parallelism. The
 * request threads write numbers in the "C" locale, whatever the host program set. */
static void use_one_thread(void)
{
    static _Thread_local int set;
    if (!set) {
        riskgan_set_threads(1);
        uselocale(rg_c_locale());
        set = 1;
    }
}

static ssize_t read_stream(void *context, uint64_t position, char *buffer, size_t size)
{
    (void)position;
    stream_state *s = context;
    use_one_thread();
    long n = rg_sample_stream_read(s->stream, buffer, size);
    return n > 0 ? (ssize_t)n : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void free_stream(void *context)
{
    stream_state *s = context;
    atomic_fetch_add(&s->service->metrics.model[s->model].rows_sampled, rg_sample_stream_rows(s->stream));
    rg_sample_stream_close(s->stream);
    free(s);
}

static struct MHD_Response *make_response(rg_service *service, rg_answer *a)
{
    if (!a->stream)
        return MHD_create_response_from_buffer(a->length, a->body, MHD_RESPMEM_MUST_FREE);
    stream_state *s = rg_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    *s = (stream_state){a->stream, service, a->model};
    struct MHD_Response *response = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1 << 16, read_stream, s,
                                                                      free_stream);
    if (!response)
        free_stream(s);
    a->stream = NULL;
    return response;
}

static const char *query_argument(void *context, const char *name)
{
    return MHD_lookup_connection_value(context, MHD_GET_ARGUMENT_KIND, name);
}

/* Routes the whole request and queues the answer. */
static enum MHD_Result answer(struct MHD_Connection *c, request_state *st)
{
    rg_service *service = st->daemon->service;
    rg_request request = {
        .method = st->method, .path = st->path, .argument = query_argument, .context = c, .body = st->body,
        .length = st->length, .body_too_large = st->too_large,
        .content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        .authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION)};
    rg_answer a;
    use_one_thread();
    rg_route(service, &request, &a);
    st->answered = 1, st->status = a.status, st->model = a.model, st->records = a.records;
    const char *content_type = a.content_type;
    unsigned status = a.status, allow_post = (unsigned)a.allow_post;
    struct MHD_Response *response = make_response(service, &a);
    if (!response)
        return MHD_NO;
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (status == 401)
        MHD_add_response_header(response, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
    if (status == 405)
        MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, allow_post ? "POST" : "GET, HEAD");
    if (atomic_load(&service->draining))
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result queued = MHD_queue_response(c, status, response);
    MHD_destroy_response(response);
    return queued;
}

/* The first call of a request: its state; a declared body over the limit is refused now. */
static enum MHD_Result begin(rg_http_daemon *d, struct MHD_Connection *c, const char *url, const char *method,
                             void **context)
{
    request_state *st = rg_calloc(1, sizeof *st);
    if (!st || !(st->method = rg_strdup(method)) || !(st->path = rg_strdup(url))) {
        if (st)
            free(st->method);
        free(st);
        return MHD_NO;
    }
    st->daemon = d;
    st->started = seconds_now();
    st->model = d->service->models.count;
    atomic_fetch_add(&d->active, 1);
    *context = st;
    const char *declared = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (declared && strtoull(declared, NULL, 10) > d->service->options.max_body_bytes) {
        st->too_large = 1;
        return answer(c, st);
    }
    return MHD_YES;
}

/* A piece of the body: kept while under the limit; a body still arriving after the timeout
 * closes the connection. */
static enum MHD_Result take_body(request_state *st, const char *data, size_t size)
{
    const riskgan_serve_options *o = &st->daemon->service->options;
    if (seconds_now() - st->started > o->timeout_seconds) {
        st->status = 408;
        return MHD_NO;
    }
    st->received += size;
    if (st->too_large || st->received > o->max_body_bytes) {
        st->too_large = 1;
        free(st->body);
        st->body = NULL, st->length = st->capacity = 0;
        return MHD_YES;
    }
    if (st->length + size + 1 > st->capacity) {
        size_t capacity = (st->length + size + 1) * 2;
        char *grown = realloc(st->body, capacity);
        if (!grown)
            return MHD_NO;
        st->body = grown, st->capacity = capacity;
    }
    memcpy(st->body + st->length, data, size);
    st->length += size;
    st->body[st->length] = 0;
    return MHD_YES;
}

static enum MHD_Result handle(void *context, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **request)
{
    (void)version;
    rg_http_daemon *d = context;
    request_state *st = *request;
    if (!st)
        return begin(d, c, url, method, request);
    if (st->answered)
        return *upload_size = 0, MHD_YES;
    if (*upload_size) {
        enum MHD_Result kept = take_body(st, upload, *upload_size);
        *upload_size = 0;
        return kept;
    }
    return answer(c, st);
}

static void client_address(struct MHD_Connection *c, char *out, size_t size)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    *out = 0;
    if (!info || !info->client_addr)
        return;
    const struct sockaddr *a = info->client_addr;
    if (a->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)a)->sin_addr, out, (socklen_t)size);
    else if (a->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)a)->sin6_addr, out, (socklen_t)size);
}

/* The end of a request, answered or not: counted, logged, freed. */
static void completed(void *context, struct MHD_Connection *c, void **request, enum MHD_RequestTerminationCode why)
{
    rg_http_daemon *d = context;
    request_state *st = *request;
    if (!st)
        return;
    rg_service *s = d->service;
    double seconds = seconds_now() - st->started;
    unsigned status = st->answered ? st->status : why == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? 408
                                              : st->status ? st->status : 499;
    rg_serve_metrics_request(&s->metrics, st->model, status, seconds,
                             st->answered && status == 200 ? st->records : 0, 0);
    char client[64];
    client_address(c, client, sizeof client);
    rg_access_entry entry = {client, st->method, st->path,
                             st->model < s->models.count ? s->models.name[st->model] : NULL,
                             status, st->records, st->received, seconds};
    rg_access_log_write(&s->log, &entry);
    atomic_fetch_sub(&d->active, 1);
    free(st->method), free(st->path), free(st->body), free(st);
    *request = NULL;
}

static void connection_event(void *context, struct MHD_Connection *c, void **socket, enum MHD_ConnectionNotificationCode e)
{
    (void)c, (void)socket;
    rg_http_daemon *d = context;
    if (e == MHD_CONNECTION_NOTIFY_STARTED)
        atomic_fetch_add(&d->service->connections, 1);
    else
        atomic_fetch_sub(&d->service->connections, 1);
}

/* "HOST:PORT", "[V6]:PORT" or "PORT" (loopback) to an address. */
static riskgan_status resolve(const char *listen, struct sockaddr_storage *address, int *ipv6)
{
    char host[256] = "127.0.0.1";
    const char *colon = strrchr(listen, ':'), *port = colon ? colon + 1 : listen;
    if (colon) {
        const char *start = listen[0] == '[' ? listen + 1 : listen;
        size_t length = (size_t)(colon - start) - (listen[0] == '[' && colon > listen && colon[-1] == ']');
        if (length >= sizeof host || length == 0)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--listen %s: write HOST:PORT", listen);
        memcpy(host, start, length);
        host[length] = 0;
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV};
    struct addrinfo *found;
    if (!*port || strspn(port, "0123456789") != strlen(port) || atol(port) > 65535 ||
        getaddrinfo(host, port, &hints, &found) != 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--listen %s: not an address and port this machine has", listen);
    memcpy(address, found->ai_addr, found->ai_addrlen);
    *ipv6 = found->ai_family == AF_INET6;
    freeaddrinfo(found);
    return RISKGAN_OK;
}

/* The TLS certificate and key, read into memory for the daemon. */
static riskgan_status read_tls(rg_http_daemon *d, const riskgan_serve_options *o)
{
    if (!o->tls_certificate && !o->tls_key)
        return RISKGAN_OK;
    if (!o->tls_certificate || !o->tls_key)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "HTTPS needs both a certificate and a key");
    if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "this libmicrohttpd was built without TLS");
    size_t length;
    riskgan_status status = rg_read_whole_file(o->tls_certificate, (unsigned char **)&d->certificate, &length);
    if (status == RISKGAN_OK)
        status = rg_read_whole_file(o->tls_key, (unsigned char **)&d->key, &length);
    return status;
}

riskgan_status rg_http_daemon_start(rg_service *service, rg_http_daemon **out)
{
    *out = NULL;
    const riskgan_serve_options *o = &service->options;
    struct sockaddr_storage address;
    int ipv6 = 0;
    rg_http_daemon *d = rg_calloc(1, sizeof *d);
    if (!d)
        return RISKGAN_ERR_NO_MEMORY;
    d->service = service;
    d->listening = MHD_INVALID_SOCKET;
    riskgan_status status = resolve(o->listen, &address, &ipv6);
    if (status == RISKGAN_OK)
        status = read_tls(d, o);
    unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | (ipv6 ? MHD_USE_IPv6 : 0) |
                     (d->certificate ? MHD_USE_TLS : 0);
    struct MHD_OptionItem options[] = {
        {MHD_OPTION_SOCK_ADDR, 0, &address},
        {MHD_OPTION_THREAD_POOL_SIZE, o->threads > 0 ? o->threads : 2, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, (intptr_t)o->max_connections, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)o->timeout_seconds, NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)completed, d},
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)connection_event, d},
        {d->certificate ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, d->certificate},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, d->key},
        {MHD_OPTION_END, 0, NULL}};
    if (status == RISKGAN_OK)
        d->mhd = MHD_start_daemon(flags, 0, NULL, NULL, handle, d, MHD_OPTION_ARRAY, options, MHD_OPTION_END);
    if (status == RISKGAN_OK && !d->mhd)
        status = rg_fail(RISKGAN_ERR_IO, "cannot serve on %s (in use, not this machine's, or a bad TLS key)", o->listen);
    if (status != RISKGAN_OK) {
        free(d->certificate), free(d->key), free(d);
        return status;
    }
    *out = d;
    return RISKGAN_OK;
}

unsigned rg_http_daemon_port(const rg_http_daemon *d)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d->mhd, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

/* The listening socket stops taking connections at once (shut down: a new client is refused,
 * not left waiting in the backlog) but stays open until the daemon stops, while the request
 * threads drop it from their poll sets. (The threads poll rather than use epoll: with epoll and
 * a thread pool, libmicrohttpd 0.9.75's quiesce races its own threads to remove the socket and
 * aborts the process — a test caught it, about one drain in three.) */
void rg_http_daemon_quiesce(rg_http_daemon *d)
{
    d->listening = MHD_quiesce_daemon(d->mhd);
    if (d->listening != MHD_INVALID_SOCKET)
        shutdown(d->listening, SHUT_RDWR);
}

unsigned rg_http_daemon_active(const rg_http_daemon *d)
{
    return atomic_load(&d->active);
}

void rg_http_daemon_stop(rg_http_daemon *d)
{
    if (!d)
        return;
    MHD_stop_daemon(d->mhd);
    if (d->listening != MHD_INVALID_SOCKET)
        close(d->listening);
    free(d->certificate), free(d->key), free(d);
}
