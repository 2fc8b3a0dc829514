/* cli_args.c — option parsing and error printing shared by every subcommand. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"

int cli_is_help(const char *argument)
{
    return strcmp(argument, "--help") == 0 || strcmp(argument, "-h") == 0;
}

int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *argument = argv[*i];
    size_t length = strlen(name);
    if (strncmp(argument, name, length) != 0)
        return 0;
    if (argument[length] == '=') {
        *value = argument + length + 1;
        return 1;
    }
    if (argument[length] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, "riskgan: option %s needs a value\n", name);
        exit(EXIT_USAGE);
    }
    *value = argv[++*i];
    return 1;
}

int cli_usage_error(const char *command, const char *format, ...)
{
    fprintf(stderr, "riskgan %s: ", command);
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fprintf(stderr, "\n(see 'riskgan %s --help')\n", command);
    return EXIT_USAGE;
}

int cli_library_error(riskgan_status status)
{
    /* under mpirun every rank fails alike: rank 0 says why */
    if (riskgan_parallel_rank() == 0)
        fprintf(stderr, "riskgan: error: %s\n", riskgan_last_error()[0] ? riskgan_last_error()
                                                                        : riskgan_status_string(status));
    return status == RISKGAN_ERR_INVALID_ARGUMENT ? EXIT_USAGE : EXIT_RUNTIME;
}

int cli_parse_long(const char *option, const char *text, long minimum, long maximum, long *out)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno || end == text || *end || value < minimum || value > maximum) {
        fprintf(stderr, "riskgan: %s expects a whole number from %ld to %ld, got '%s'\n", option,
                minimum, maximum, text);
        return 0;
    }
    *out = value;
    return 1;
}

int cli_parse_u64(const char *option, const char *text, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-') {
        fprintf(stderr, "riskgan: %s expects a non-negative whole number, got '%s'\n", option, text);
        return 0;
    }
    *out = value;
    return 1;
}

int cli_parse_double(const char *option, const char *text, double minimum, double maximum,
                     double *out)
{
    char *end;
    errno = 0;
    double value = strtod(text, &end);
    if (errno || end == text || *end || !(value >= minimum && value <= maximum)) {
        fprintf(stderr, "riskgan: %s expects a number from %g to %g, got '%s'\n", option, minimum,
                maximum, text);
        return 0;
    }
    *out = value;
    return 1;
}

void cli_common_init(cli_common_options *options)
{
    riskgan_read_options_init(&options->read);
    options->seed = 0;
    options->threads = 0;
}

int cli_common_option(int argc, char **argv, int *i, int accepted, cli_common_options *options)
{
    const char *value;
    if (accepted & CLI_READ) {
        if (cli_option_value(argc, argv, i, "--discrete", &value)) {
            options->read.discrete_columns = value;
            return 1;
        }
        if (cli_option_value(argc, argv, i, "--continuous", &value)) {
            options->read.continuous_columns = value;
            return 1;
        }
        if (cli_option_value(argc, argv, i, "--missing", &value)) {
            options->read.missing_tokens = value;
            return 1;
        }
        if (cli_option_value(argc, argv, i, "--id", &value)) {
            options->read.identifier_columns = value;
            return 1;
        }
        if (cli_option_value(argc, argv, i, "--query", &value)) {
            options->read.query = value;
            return 1;
        }
        if (cli_option_value(argc, argv, i, "--datetime", &value)) {
            options->read.datetime_columns = value;
            return 1;
        }
        if (strcmp(argv[*i], "--no-detect-roles") == 0) {
            options->read.detect_roles = 0;
            return 1;
        }
        if (cli_option_value(argc, argv, i, "--delimiter", &value)) {
            char c = strcmp(value, "tab") == 0 || strcmp(value, "\\t") == 0 ? '\t' : value[0];
            if (strlen(value) > 1 && c != '\t')
                c = 0;
            if (!c || !strchr(",;\t|", c)) {
                fprintf(stderr, "riskgan: --delimiter expects ',', ';', 'tab' or '|', got '%s'\n", value);
                exit(EXIT_USAGE);
            }
            options->read.delimiter = c;
            return 1;
        }
        if (cli_option_value(argc, argv, i, "--decimal", &value)) {
            if (strcmp(value, ".") != 0 && strcmp(value, ",") != 0) {
                fprintf(stderr, "riskgan: --decimal expects '.' or ',', got '%s'\n", value);
                exit(EXIT_USAGE);
            }
            options->read.decimal_mark = value[0];
            return 1;
        }
    }
    if ((accepted & CLI_SEED) && cli_option_value(argc, argv, i, "--seed", &value)) {
        if (!cli_parse_u64("--seed", value, &options->seed))
            exit(EXIT_USAGE);
        return 1;
    }
    if ((accepted & CLI_THREADS) && cli_option_value(argc, argv, i, "--threads", &value)) {
        if (!cli_parse_long("--threads", value, 1, 1024, &options->threads))
            exit(EXIT_USAGE);
        return 1;
    }
    return 0;
}

char *cli_read_text_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    char *text = NULL;
    size_t length = 0;
    if (file) {
        FILE *out = open_memstream(&text, &length);
        char buffer[4096];
        size_t n;
        while (out && (n = fread(buffer, 1, sizeof buffer, file)) > 0)
            fwrite(buffer, 1, n, out);
        int failed = ferror(file);
        fclose(file);
        if (out)
            fclose(out);
        if (!failed && text)
            return text;
        free(text);
    }
    fprintf(stderr, "riskgan: error: cannot read '%s': %s\n", path, strerror(errno));
    return NULL;
}

/* Stores an option's value (or a flag) in its target; returns -1, or the exit code after a
 * bad value (reported). */
static int store_option(const cli_option *o, const char *value)
{
    switch (o->kind) {
    case CLI_CALL:
        return o->call(o->target, value);
    case CLI_FLAG:
        *(int *)o->target = 1;
        return -1;
    case CLI_TEXT:
        *(const char **)o->target = value;
        return -1;
    case CLI_LONG:
        return cli_parse_long(o->name, value, (long)o->minimum, (long)o->maximum, o->target) ? -1 : EXIT_USAGE;
    case CLI_U64:
        return cli_parse_u64(o->name, value, o->target) ? -1 : EXIT_USAGE;
    case CLI_DOUBLE:
        return cli_parse_double(o->name, value, o->minimum, o->maximum, o->target) ? -1 : EXIT_USAGE;
    }
    return EXIT_USAGE;
}

/* Whether argv[*i] is option `o` (advancing *i past its value); *code: -1, or the exit code
 * after a bad value. */
static int matches(const cli_option *o, int argc, char **argv, int *i, int *code)
{
    const char *value = NULL;
    *code = -1;
    if (o->kind == CLI_FLAG) {
        if (strcmp(argv[*i], o->name) != 0 && !(o->alias && strcmp(argv[*i], o->alias) == 0))
            return 0;
    } else if (!cli_option_value(argc, argv, i, o->name, &value) &&
               !(o->alias && cli_option_value(argc, argv, i, o->alias, &value))) {
        return 0;
    }
    *code = store_option(o, value);
    return 1;
}

int cli_parse(const char *command, const char *help, int argc, char **argv, const cli_option *table, int accepted,
              cli_common_options *common, const char **positional, int *count)
{
    *count = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            fputs(help, stdout);
            return EXIT_OK;
        }
        int found = 0, code = -1;
        for (const cli_option *o = table; o->name && !found; o++)
            found = matches(o, argc, argv, &i, &code);
        if (code >= 0)
            return code;
        if (found || (common && cli_common_option(argc, argv, &i, accepted, common)))
            continue;
        if (a[0] == '-' && a[1])
            return cli_usage_error(command, (accepted & CLI_UNEXPECTED) ? "unexpected argument '%s'"
                                                                        : "unknown option '%s'", a);
        if (*count == CLI_MAX_ARGUMENTS)
            return cli_usage_error(command, "too many arguments");
        positional[(*count)++] = a;
    }
    return -1;
}

int cli_dispatch(const char *command, const char *help, const char *choices, const cli_subcommand *table, size_t count,
                 int argc, char **argv)
{
    if (argc < 2 || cli_is_help(argv[1])) {
        fputs(help, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    for (size_t i = 0; i < count; i++)
        if (strcmp(argv[1], table[i].name) == 0)
            return table[i].run(argc - 1, argv + 1);
    return cli_usage_error(command, "unknown subcommand '%s' (%s)", argv[1], choices);
}

int cli_parse_single(const char *command, const char *help, const char *what, int argc, char **argv,
                     const cli_option *table, int accepted, cli_common_options *common, const char **argument)
{
    const char *positional[CLI_MAX_ARGUMENTS];
    int count, parsed = cli_parse(command, help, argc, argv, table, accepted, common, positional, &count);
    *argument = count ? positional[0] : NULL;
    if (parsed >= 0)
        return parsed;
    if (count > 1)
        return cli_usage_error(command, "one %s expected, got '%s' and '%s'", what, positional[0], positional[1]);
    return -1;
}
