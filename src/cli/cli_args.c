/* cli_args.c — option parsing and error printing shared by every subcommand. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

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
