/* cmd_inspect.c — `riskgan inspect`: the summary a user checks before training. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_inspect.h"

#include "cli_args.h"


static const char help[] =
    "Usage: riskgan inspect FILE.csv [OPTIONS]\n"
    "       riskgan inspect --relational DIR [-o METADATA.json]\n"
    "       riskgan inspect --metadata METADATA.json\n"
    "\n"
    "Reads a CSV file and prints the dialect it was read in and, per column, the inferred\n"
    "type (continuous, integer, categorical, date with its format), its role (identifier\n"
    "columns are never modelled nor copied into generated rows), the number of missing\n"
    "values, the number of distinct values and the range (numbers, dates) or the most\n"
    "frequent values (categories).\n"
    "\n"
    "Options:\n"
    CLI_READ_HELP
    "  --drop-missing      drop rows with any missing value (their count is reported)\n"
    "  --target NAME       also check that NAME is a usable class label (>= 2 classes)\n"
    "  --json              print the summary as JSON on standard output\n"
    "  --relational DIR    draft the metadata of the linked tables in the folder's CSV files\n"
    "                      (keys, relationships, sequence indexes, rules; docs/relational.md)\n"
    "                      to review and save in DIR; what it decided goes to standard error\n"
    "  -o FILE             with --relational: write the draft to FILE (default: standard output)\n"
    "  --metadata FILE     read the linked tables FILE describes, check their keys, and print\n"
    "                      the tables, children per parent and the rules that hold across rows\n"
    "  -h, --help          show this help\n";

/* --relational DIR: the draft metadata to a file or standard output, the notes to stderr. */
static int draft_metadata(const char *directory, const char *output)
{
    char *json = NULL, *notes = NULL;
    riskgan_status status = riskgan_dataset_draft_metadata(directory, &json, &notes);
    if (status != RISKGAN_OK)
        return cli_library_error(status);
    fputs(notes, stderr);
    size_t length = strlen(json);
    json[length] = '\n';
    status = riskgan_write_file(output ? output : "-", json, length + 1);
    riskgan_free(json);
    riskgan_free(notes);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}

/* --metadata FILE: the linked tables read and checked, described. */
static int describe_dataset(const char *path)
{
    riskgan_dataset *dataset;
    riskgan_status status = riskgan_dataset_read(path, &dataset);
    if (status != RISKGAN_OK)
        return cli_library_error(status);
    char *text = riskgan_dataset_describe(dataset);
    fputs(text ? text : "", stdout);
    riskgan_free(text);
    riskgan_dataset_free(dataset);
    return EXIT_OK;
}

static const char *type_name(riskgan_column_type type)
{
    switch (type) {
    case RISKGAN_COLUMN_CONTINUOUS: return "continuous";
    case RISKGAN_COLUMN_INTEGER: return "integer";
    case RISKGAN_COLUMN_CATEGORICAL: return "categorical";
    case RISKGAN_COLUMN_DATETIME: return "date";
    }
    return "?";
}

/* What a column is for: the target named with --target, an identifier, or a feature. */
static const char *role_name(const riskgan_column_summary *s, const char *target)
{
    if (target && strcmp(s->name, target) == 0)
        return "target";
    return s->role == RISKGAN_ROLE_IDENTIFIER ? "identifier" : "feature";
}

/* "target", "identifier (detected)", "dd/mm/yyyy (detected)", "feature". */
static void describe_role(const riskgan_column_summary *s, const char *target, char *out, size_t size)
{
    const char *how = s->role_detected ? " (detected)" : "";
    if (target && strcmp(s->name, target) == 0)
        snprintf(out, size, "target");
    else if (s->role == RISKGAN_ROLE_IDENTIFIER)
        snprintf(out, size, "identifier%s", how);
    else if (s->type == RISKGAN_COLUMN_DATETIME)
        snprintf(out, size, "%s%s", s->datetime_format, how);
    else
        snprintf(out, size, "feature");
}

static const char *separator_name(char c)
{
    return c == ',' ? "','" : c == ';' ? "';'" : c == '\t' ? "tab" : c == '|' ? "'|'" : "?";
}

static void print_text(const char *path, const riskgan_table *table, const char *target)
{
    size_t columns = riskgan_table_columns(table);
    char delimiter, decimal_mark;
    riskgan_table_dialect(table, &delimiter, &decimal_mark);
    printf("%s: %zu rows, %zu columns", path, riskgan_table_rows(table), columns);
    if (riskgan_table_dropped_rows(table))
        printf(" (%zu rows with missing values dropped)", riskgan_table_dropped_rows(table));
    printf("\nread as: separator %s, decimal mark '%c'\n", separator_name(delimiter), decimal_mark);
    printf("\n%4s  %-26s %-12s %-24s %8s %9s  %s\n", "#", "column", "type", "role / format", "missing", "distinct",
           "range / most frequent values");
    for (size_t j = 0; j < columns; j++) {
        riskgan_column_summary s;
        riskgan_table_column_summary(table, j, &s);
        char distinct[32];
        snprintf(distinct, sizeof distinct, "%s%zu", s.distinct_capped ? ">" : "", s.distinct);
        char role[64];
        describe_role(&s, target, role, sizeof role);
        printf("%4zu  %-26s %-12s %-24s %8zu %9s  ", j + 1, s.name, type_name(s.type), role, s.missing, distinct);
        if (s.type == RISKGAN_COLUMN_CATEGORICAL) {
            const char *names[4];
            size_t counts[4];
            size_t shown = riskgan_table_top_categories(table, j, 4, names, counts);
            for (size_t k = 0; k < shown; k++)
                printf("%s%s (%zu)", k ? ", " : "", names[k], counts[k]);
            if (s.distinct > shown)
                printf(", ...");
        } else if (!isnan(s.minimum)) {
            char low[64], high[64];
            riskgan_table_format_value(table, j, s.minimum, low, sizeof low);
            riskgan_table_format_value(table, j, s.maximum, high, sizeof high);
            printf("%s .. %s", low, high);
            if (s.type != RISKGAN_COLUMN_DATETIME)
                printf(" (mean %.4g)", s.mean);
        } else {
            printf("(all missing)");
        }
        printf("\n");
    }
}

static int print_json(const char *path, const riskgan_table *table, const char *target)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "file", path);
    cJSON_AddNumberToObject(root, "rows", (double)riskgan_table_rows(table));
    cJSON_AddNumberToObject(root, "dropped_rows", (double)riskgan_table_dropped_rows(table));
    char delimiter, decimal_mark, text_of[2][2] = {{0}};
    riskgan_table_dialect(table, &delimiter, &decimal_mark);
    text_of[0][0] = delimiter;
    text_of[1][0] = decimal_mark;
    cJSON_AddStringToObject(root, "separator", text_of[0]);
    cJSON_AddStringToObject(root, "decimal_mark", text_of[1]);
    cJSON *list = cJSON_AddArrayToObject(root, "columns");
    for (size_t j = 0; j < riskgan_table_columns(table); j++) {
        riskgan_column_summary s;
        riskgan_table_column_summary(table, j, &s);
        cJSON *column = cJSON_CreateObject();
        cJSON_AddStringToObject(column, "name", s.name);
        cJSON_AddStringToObject(column, "type", type_name(s.type));
        cJSON_AddStringToObject(column, "role", role_name(&s, target));
        cJSON_AddBoolToObject(column, "role_detected", s.role_detected);
        if (s.datetime_format)
            cJSON_AddStringToObject(column, "datetime_format", s.datetime_format);
        cJSON_AddNumberToObject(column, "missing", (double)s.missing);
        cJSON_AddNumberToObject(column, "distinct", (double)s.distinct);
        cJSON_AddBoolToObject(column, "distinct_capped", s.distinct_capped);
        if (s.type == RISKGAN_COLUMN_CATEGORICAL) {
            const char *names[10];
            size_t counts[10];
            size_t shown = riskgan_table_top_categories(table, j, 10, names, counts);
            cJSON *top = cJSON_AddArrayToObject(column, "top_values");
            for (size_t k = 0; k < shown; k++) {
                cJSON *entry = cJSON_CreateObject();
                cJSON_AddStringToObject(entry, "value", names[k]);
                cJSON_AddNumberToObject(entry, "count", (double)counts[k]);
                cJSON_AddItemToArray(top, entry);
            }
        } else if (!isnan(s.minimum) && s.type == RISKGAN_COLUMN_DATETIME) {
            char low[64], high[64];
            riskgan_table_format_value(table, j, s.minimum, low, sizeof low);
            riskgan_table_format_value(table, j, s.maximum, high, sizeof high);
            cJSON_AddStringToObject(column, "min", low);
            cJSON_AddStringToObject(column, "max", high);
        } else if (!isnan(s.minimum)) {
            cJSON_AddNumberToObject(column, "min", s.minimum);
            cJSON_AddNumberToObject(column, "max", s.maximum);
            cJSON_AddNumberToObject(column, "mean", s.mean);
            cJSON_AddNumberToObject(column, "decimals", s.decimals);
        }
        cJSON_AddItemToArray(list, column);
    }
    char *text = cJSON_Print(root);
    int ok = text && puts(text) >= 0;
    free(text);
    cJSON_Delete(root);
    return ok ? EXIT_OK : EXIT_RUNTIME;
}

int command_inspect(int argc, char **argv)
{
    cli_common_options common;
    cli_common_init(&common);
    const char *path = NULL, *target = NULL, *relational = NULL, *metadata = NULL, *output = NULL;
    int json = 0;
    const cli_option accepted_options[] = {
        CLI_OPTION_TEXT("--relational", NULL, &relational),
        CLI_OPTION_TEXT("--metadata", NULL, &metadata),
        CLI_OPTION_TEXT("--output", "-o", &output),
        CLI_OPTION_TEXT("--target", NULL, &target),
        CLI_OPTION_FLAG("--drop-missing", NULL, &common.read.drop_missing_rows),
        CLI_OPTION_FLAG("--json", NULL, &json),
        CLI_OPTION_END,
    };
    int parsed = cli_parse_single("inspect", help, "CSV file", argc, argv, accepted_options, CLI_READ,
                                  &common, &path);
    if (parsed >= 0)
        return parsed;
    if (relational || metadata)
        return path ? cli_usage_error("inspect", "--relational and --metadata take no CSV file, got '%s'", path)
                    : relational ? draft_metadata(relational, output) : describe_dataset(metadata);
    if (!path)
        return cli_usage_error("inspect", "missing the CSV file to inspect");
    riskgan_table *table;
    riskgan_status status = riskgan_table_read_csv(path, &common.read, &table);
    if (status != RISKGAN_OK)
        return cli_library_error(status);
    if (target && (status = riskgan_table_check_target(table, target)) != RISKGAN_OK) {
        riskgan_table_free(table);
        return cli_library_error(status);
    }
    int code = EXIT_OK;
    if (json)
        code = print_json(strcmp(path, "-") == 0 ? "standard input" : path, table, target);
    else
        print_text(strcmp(path, "-") == 0 ? "standard input" : path, table, target);
    riskgan_table_free(table);
    return code;
}
