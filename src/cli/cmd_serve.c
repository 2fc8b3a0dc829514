/* cmd_serve.c — `riskgan serve`: detectors, risk models, scorecards and synthesizers behind an
 * HTTP/1.1 JSON API (docs/serve.md); SIGHUP reloads the models, SIGTERM drains and exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_serve.h"

#include "cli_args.h"
#include "cli_signals.h"

static const char help[] =
    "Usage: riskgan serve --model NAME=PATH [--model NAME=PATH ...] [OPTIONS]\n"
    "\n"
    "Serves detectors (.rdet), risk models and scorecards, and synthesizers (.rgan) over HTTP\n"
    "(docs/serve.md, docs/serve-openapi.yaml):\n"
    "  POST /v1/models/NAME/score    one record (a JSON object keyed by column) or a batch (an\n"
    "                                array, or CSV with Content-Type: text/csv) -> scores\n"
    "  POST /v1/models/NAME/sample?n=N&seed=S&where=COLUMN=VALUE&format=csv|jsonl\n"
    "  GET  /v1/models, /v1/models/NAME, /healthz, /readyz, /metrics (Prometheus)\n"
    "  POST /v1/admin/reload         reload every model file (also: kill -HUP)\n"
    "SIGTERM or Ctrl-C stops accepting, lets the requests in progress finish, and exits 0.\n"
    "Example:\n"
    "  riskgan serve --model claims=claims.rdet --model pd=pd.rrisk\n"
    "  curl -s localhost:8080/v1/models/claims/score -d '{\"amount\": 1200, \"region\": \"N\"}'\n"
    "\n"
    "Options:\n"
    "  --model NAME=PATH      a model to serve under NAME (repeat for more)\n"
    "  --listen HOST:PORT     address (default 127.0.0.1:8080: this machine only; port 0:\n"
    "                         any free port, printed at start)\n"
    "  --threads N            request threads (default 2)\n"
    "  --token-file FILE      require 'Authorization: Bearer <token>' (the file's first line,\n"
    "                         16 characters or more) on all but /healthz and /readyz\n"
    "  --tls-cert FILE, --tls-key FILE   serve HTTPS with this PEM certificate and key\n"
    "  --max-body BYTES       larger bodies get 413 (default 1048576)\n"
    "  --max-batch N          more records in one request get 413 (default 10000)\n"
    "  --max-sample-rows N    largest n of a sample request (default 1000000)\n"
    "  --max-connections N    connections beyond are refused (default 1000)\n"
    "  --timeout SECONDS      a connection idle this long, or a body still arriving after it,\n"
    "                         is closed (default 10)\n"
    "  --alert-rate R         detectors flag scores above the share R of training rows (0.01)\n"
    "  --reasons K            reasons per record: columns (detectors), reason codes\n"
    "                         (scorecards) (default 3)\n"
    "  --id-field NAME        record field passed through to its result (default id)\n"
    "  --access-log FILE      a JSON line per request, appended ('-': standard error)\n"
    "  -h, --help             show this help\n";

enum { MAX_MODELS = 64 };

typedef struct {
    const char *names[MAX_MODELS], *paths[MAX_MODELS];
    char *texts[MAX_MODELS];
    size_t count;
} model_list;

static int add_model(void *context, const char *value)
{
    model_list *list = context;
    const char *equals = strchr(value, '=');
    if (!equals || equals == value || !equals[1])
        return cli_usage_error("serve", "--model %s: write NAME=PATH", value);
    if (list->count == MAX_MODELS)
        return cli_usage_error("serve", "at most %d models", MAX_MODELS);
    char *text = strdup(value);
    if (!text)
        return EXIT_RUNTIME;
    text[equals - value] = 0;
    list->texts[list->count] = text;
    list->names[list->count] = text;
    list->paths[list->count++] = text + (equals - value) + 1;
    return -1;
}

/* The token: the file's first line. */
static char *read_token(const char *path)
{
    char *text = cli_read_text_file(path);
    if (text)
        text[strcspn(text, "\r\n")] = 0;
    return text;
}

static void print_event(const char *message, void *user)
{
    (void)user;
    fprintf(stderr, "riskgan serve: %s\n", message);
}

static int serve(riskgan_serve_options *o, const char *token_file, model_list *models)
{
    char *token = token_file ? read_token(token_file) : NULL;
    if (token_file && !token)
        return EXIT_RUNTIME;
    o->token = token;
    o->names = models->names, o->paths = models->paths, o->models = models->count;
    o->stop = cli_stop_on_interrupt();
    o->reload = cli_reload_on_hangup();
    o->on_event = print_event;
    riskgan_status status = riskgan_serve(o);
    free(token);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

int command_serve(int argc, char **argv)
{
    riskgan_serve_options o;
    riskgan_serve_options_init(&o);
    model_list models = {0};
    const char *token_file = NULL;
    long threads = o.threads, max_body = (long)o.max_body_bytes, max_batch = (long)o.max_batch_records;
    long max_sample = (long)o.max_sample_rows, max_connections = o.max_connections, timeout = o.timeout_seconds;
    long reasons = (long)o.reasons;
    const cli_option table[] = {
        CLI_OPTION_CALL("--model", NULL, add_model, &models),
        CLI_OPTION_TEXT("--listen", NULL, &o.listen),
        CLI_OPTION_LONG("--threads", NULL, &threads, 1, 256),
        CLI_OPTION_TEXT("--token-file", NULL, &token_file),
        CLI_OPTION_TEXT("--tls-cert", NULL, &o.tls_certificate),
        CLI_OPTION_TEXT("--tls-key", NULL, &o.tls_key),
        CLI_OPTION_LONG("--max-body", NULL, &max_body, 1, 1L << 34),
        CLI_OPTION_LONG("--max-batch", NULL, &max_batch, 1, 100000000),
        CLI_OPTION_LONG("--max-sample-rows", NULL, &max_sample, 1, 1000000000000L),
        CLI_OPTION_LONG("--max-connections", NULL, &max_connections, 1, 1000000),
        CLI_OPTION_LONG("--timeout", NULL, &timeout, 1, 86400),
        CLI_OPTION_DOUBLE("--alert-rate", NULL, &o.alert_rate, 0, 1),
        CLI_OPTION_LONG("--reasons", NULL, &reasons, 0, 100),
        CLI_OPTION_TEXT("--id-field", NULL, &o.id_field),
        CLI_OPTION_TEXT("--access-log", NULL, &o.access_log),
        CLI_OPTION_END,
    };
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse("serve", help, argc, argv, table, CLI_UNEXPECTED, NULL, positional, &count);
    int result = parsed;
    if (parsed < 0 && (count > 0 || models.count == 0))
        result = cli_usage_error("serve", count > 0 ? "unexpected argument '%s'" : "give at least one --model NAME=PATH%s",
                                 count > 0 ? positional[0] : "");
    if (result < 0) {
        o.threads = (int)threads, o.max_body_bytes = (size_t)max_body, o.max_batch_records = (size_t)max_batch;
        o.max_sample_rows = (size_t)max_sample, o.max_connections = (unsigned)max_connections;
        o.timeout_seconds = (unsigned)timeout, o.reasons = (size_t)reasons;
        result = serve(&o, token_file, &models);
    }
    for (size_t i = 0; i < models.count; i++)
        free(models.texts[i]);
    return result;
}
