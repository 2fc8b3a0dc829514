/* column_marks.c — the declared facts of columns (options, source hints, a schema) and the
 * missing-value tokens, before any value is read. */
#include "column_marks.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "table.h"

void rg_token_list_free(rg_token_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->tokens[i]);
    free(list->tokens);
    free(list->lengths);
    memset(list, 0, sizeof *list);
}

/* Appends the text between a and b, trimmed of blanks, unless nothing is left. */
static riskgan_status add_token(rg_token_list *list, const char *a, const char *b)
{
    while (a < b && (*a == ' ' || *a == '\t'))
        a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
        b--;
    if (b == a)
        return RISKGAN_OK;
    if (!(list->tokens[list->count] = rg_strndup(a, (size_t)(b - a))))
        return RISKGAN_ERR_NO_MEMORY;
    list->lengths[list->count] = (size_t)(b - a);
    if (list->lengths[list->count] > list->longest)
        list->longest = list->lengths[list->count];
    list->count++;
    return RISKGAN_OK;
}

riskgan_status rg_token_list_parse(const char *text, rg_token_list *list)
{
    memset(list, 0, sizeof *list);
    if (!text)
        return RISKGAN_OK;
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == ',';
    list->tokens = rg_calloc(n, sizeof *list->tokens);
    list->lengths = rg_calloc(n, sizeof *list->lengths);
    riskgan_status status = list->tokens && list->lengths ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (const char *start = text; status == RISKGAN_OK;) {
        const char *end = strchr(start, ',');
        status = add_token(list, start, end ? end : start + strlen(start));
        if (!end)
            break;
        start = end + 1;
    }
    if (status != RISKGAN_OK)
        rg_token_list_free(list);
    return status;
}

int rg_field_is_missing(const rg_field *field, const rg_token_list *missing, int empty_is_missing)
{
    if (field->null)
        return 1;
    if (field->length == 0)
        return empty_is_missing;
    if (field->length > missing->longest) /* the common case: no token is that long */
        return 0;
    for (size_t i = 0; i < missing->count; i++)
        if (missing->lengths[i] == field->length && strncasecmp(missing->tokens[i], field->text, field->length) == 0)
            return 1;
    return 0;
}

/* What an option says of each column it names; `argument` is the text after a ':' in the
 * name ("birth:dd/mm/yyyy"), NULL when there is none. */
typedef riskgan_status (*column_marker)(rg_column_inference *info, const char *argument);

static riskgan_status mark_categorical(rg_column_inference *info, const char *argument)
{
    (void)argument;
    info->forced = RG_FORCED_CATEGORICAL;
    return RISKGAN_OK;
}

static riskgan_status mark_continuous(rg_column_inference *info, const char *argument)
{
    (void)argument;
    info->forced = RG_FORCED_CONTINUOUS;
    return RISKGAN_OK;
}

static riskgan_status mark_identifier(rg_column_inference *info, const char *argument)
{
    (void)argument;
    info->role = RISKGAN_ROLE_IDENTIFIER; /* the type stays as read: numbers or text */
    return RISKGAN_OK;
}

/* --datetime: the column is read as text, then converted (in the given or detected format). */
static riskgan_status mark_datetime(rg_column_inference *info, const char *argument)
{
    rg_datetime_format format = {0};
    if (argument && !rg_datetime_format_from_name(argument, &format))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT,
                       "--datetime: '%s' is not a known date format (yyyy-mm-dd, dd/mm/yyyy, mm/dd/yyyy, d/m/yyyy, "
                       "dd.mm.yyyy, ... optionally with ' hh:mm', ' hh:mm:ss', 'Thh:mm:ss', 'Thh:mm:ssZ')",
                       argument);
    info->forced = RG_FORCED_CATEGORICAL;
    info->datetime_declared = 1;
    info->datetime = format;
    return RISKGAN_OK;
}

/* Applies `mark` to each column named in `names` (comma-separated; with `arguments`, each
 * name may carry ":argument"); an unknown name is an error naming the option. */
static riskgan_status mark_named(const char *source, const char *option, const char *names, int arguments,
                                 const riskgan_table *table, rg_column_inference *inference, column_marker mark)
{
    rg_token_list list;
    riskgan_status status = rg_token_list_parse(names, &list);
    for (size_t i = 0; i < list.count && status == RISKGAN_OK; i++) {
        char *colon = arguments ? strchr(list.tokens[i], ':') : NULL;
        if (colon)
            *colon = '\0';
        long j = riskgan_table_find_column(table, list.tokens[i]);
        if (j < 0)
            status = rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "%s names column '%s', which is not in the header of %s",
                             option, list.tokens[i], source);
        else
            status = mark(&inference[j], colon ? colon + 1 : NULL);
    }
    rg_token_list_free(&list);
    return status;
}

/* The source's declared types, taken as the user's options would be. */
static riskgan_status mark_from_hints(const rg_row_source *source, size_t columns, rg_column_inference *inference)
{
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; source->hints && j < columns && status == RISKGAN_OK; j++) {
        const rg_column_hint *hint = &source->hints[j];
        if (hint->categorical)
            mark_categorical(&inference[j], NULL);
        if (hint->continuous) {
            mark_continuous(&inference[j], NULL);
            inference[j].declared_decimals = hint->decimals;
        }
        if (hint->identifier)
            mark_identifier(&inference[j], NULL);
        if (hint->datetime_format)
            status = mark_datetime(&inference[j], hint->datetime_format);
    }
    return status;
}

/* Types every column of the schema as the schema does; a schema column absent from the
 * source is an error naming it. */
static riskgan_status mark_like_schema(const char *source, const riskgan_table *schema, const riskgan_table *table,
                                       rg_column_inference *inference)
{
    for (size_t k = 0; k < schema->columns; k++) {
        const rg_column *like = &schema->column[k];
        long j = riskgan_table_find_column(table, like->name);
        if (j < 0 && like->role == RISKGAN_ROLE_IDENTIFIER)
            continue; /* generated files may omit identifiers */
        if (j < 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "%s has no column '%s' (the training data has it)", source,
                           like->name);
        inference[j].role = like->role;
        if (like->role == RISKGAN_ROLE_IDENTIFIER)
            continue; /* identifiers keep their own type: generated ones may be text (SYN-DP-...) */
        inference[j].forced = like->type == RISKGAN_COLUMN_CATEGORICAL || like->type == RISKGAN_COLUMN_DATETIME
                                  ? RG_FORCED_CATEGORICAL
                                  : RG_FORCED_CONTINUOUS;
        if (like->type == RISKGAN_COLUMN_DATETIME) {
            inference[j].datetime_declared = 1;
            inference[j].datetime = like->datetime;
        }
    }
    return RISKGAN_OK;
}

riskgan_status rg_mark_columns(const rg_row_source *source, const riskgan_read_options *options,
                               const riskgan_table *schema, const riskgan_table *table,
                               rg_column_inference *inference)
{
    const char *name = source->name;
    riskgan_status status = mark_from_hints(source, table->columns, inference);
    if (status == RISKGAN_OK)
        status = mark_named(name, "--discrete", options->discrete_columns, 0, table, inference, mark_categorical);
    if (status == RISKGAN_OK)
        status = mark_named(name, "--continuous", options->continuous_columns, 0, table, inference, mark_continuous);
    if (status == RISKGAN_OK)
        status = mark_named(name, "--id", options->identifier_columns, 0, table, inference, mark_identifier);
    if (status == RISKGAN_OK)
        status = mark_named(name, "--datetime", options->datetime_columns, 1, table, inference, mark_datetime);
    if (status == RISKGAN_OK && schema)
        status = mark_like_schema(name, schema, table, inference);
    return status;
}
