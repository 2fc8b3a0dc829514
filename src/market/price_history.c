/* price_history.c — reading a prices CSV into a panel of daily log returns. A missing
 * price (empty field or NA/NaN/null) removes the returns into and out of that day for
 * every asset, so the panel stays rectangular; nothing is forward-filled. */
#include "price_history.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/csv_reader.h"
#include "../data/number_text.h"

static int is_missing_token(const rg_csv_field *f)
{
    static const char *tokens[] = {"NA", "NaN", "null", "?", "#N/A", "nan"};
    size_t start = 0, end = f->length;
    while (start < end && isspace((unsigned char)f->text[start]))
        start++;
    while (end > start && isspace((unsigned char)f->text[end - 1]))
        end--;
    if (start == end)
        return 1;
    for (size_t i = 0; i < sizeof tokens / sizeof *tokens; i++)
        if (strlen(tokens[i]) == end - start && strncmp(tokens[i], f->text + start, end - start) == 0)
            return 1;
    return 0;
}

static int is_date_name(const char *name)
{
    static const char *names[] = {"date", "time", "t", "day", "timestamp", "period", "datetime"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(name, names[i]) == 0)
            return 1;
    return 0;
}

void rg_price_history_free(rg_price_history *h)
{
    for (size_t a = 0; h->names && a < h->assets; a++)
        free(h->names[a]);
    for (size_t d = 0; h->dates && d < h->days; d++)
        free(h->dates[d]);
    free(h->names);
    free(h->dates);
    free(h->date_column);
    free(h->prices);
    free(h->decimals);
    free(h->returns);
    free(h->return_row);
    memset(h, 0, sizeof *h);
}

typedef struct {
    size_t columns;
    char **header;
    long date_index;  /* -1: none */
    long *asset_of;   /* per column: asset index or -1 */
} layout;

static void layout_free(layout *l)
{
    for (size_t c = 0; l->header && c < l->columns; c++)
        free(l->header[c]);
    free(l->header);
    free(l->asset_of);
}

/* Decides which columns are the date and the assets from the header (and, when the date
 * column is not named, whether the first column's first value is a number). */
static riskgan_status choose_columns(const rg_price_history_options *o, const rg_csv_field *first_row, size_t first_count,
                                     layout *l, rg_price_history *h)
{
    l->date_index = -1;
    if (o->date_column) {
        for (size_t c = 0; c < l->columns; c++)
            if (strcmp(l->header[c], o->date_column) == 0)
                l->date_index = (long)c;
        if (l->date_index < 0)
            return rg_fail(RISKGAN_ERR_SCHEMA, "%s: no date column '%s' in the header", o->path, o->date_column);
    } else if (l->columns > 1) {
        double value;
        int decimals;
        int text_first = first_count > 0 && !is_missing_token(&first_row[0]) &&
                         !rg_parse_number(first_row[0].text, first_row[0].length, &value, &decimals);
        if (is_date_name(l->header[0]) || text_first) {
            l->date_index = 0;
            h->date_detected = 1;
        }
    }
    if (l->date_index >= 0 && !(h->date_column = rg_strdup(l->header[l->date_index])))
        return RISKGAN_ERR_NO_MEMORY;
    if (!(l->asset_of = rg_calloc(l->columns, sizeof *l->asset_of)))
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t c = 0; c < l->columns; c++)
        l->asset_of[c] = -1;
    if (o->assets) {
        const char *p = o->assets;
        while (*p) {
            size_t n = strcspn(p, ",");
            long found = -1;
            for (size_t c = 0; c < l->columns; c++)
                if (strlen(l->header[c]) == n && strncmp(l->header[c], p, n) == 0)
                    found = (long)c;
            if (found < 0 || found == l->date_index)
                return rg_fail(RISKGAN_ERR_SCHEMA, "%s: no asset column '%.*s' in the header", o->path, (int)n, p);
            if (l->asset_of[found] >= 0)
                return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "asset '%.*s' named twice", (int)n, p);
            l->asset_of[found] = (long)h->assets++;
            p += n + (p[n] == ',');
        }
    } else {
        for (size_t c = 0; c < l->columns; c++)
            if ((long)c != l->date_index)
                l->asset_of[c] = (long)h->assets++;
    }
    if (h->assets == 0)
        return rg_fail(RISKGAN_ERR_SCHEMA, "%s: no asset columns", o->path);
    if (!(h->names = rg_calloc(h->assets, sizeof *h->names)) || !(h->decimals = rg_calloc(h->assets, sizeof *h->decimals)))
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t c = 0; c < l->columns; c++)
        if (l->asset_of[c] >= 0 && !(h->names[l->asset_of[c]] = rg_strdup(l->header[c])))
            return RISKGAN_ERR_NO_MEMORY;
    return RISKGAN_OK;
}

static riskgan_status read_row(const rg_price_history_options *o, rg_csv_reader *reader, const rg_csv_field *fields,
                               size_t count, const layout *l, rg_price_history *h, size_t *capacity)
{
    if (count != l->columns)
        return rg_fail(RISKGAN_ERR_PARSE, "%s:%zu: %zu fields where the header has %zu", o->path,
                       rg_csv_record_line(reader), count, l->columns);
    if (h->days == *capacity) {
        size_t grown = *capacity ? 2 * *capacity : 1024;
        double *prices = rg_realloc_array(h->prices, grown, h->assets * sizeof *prices);
        if (!prices)
            return RISKGAN_ERR_NO_MEMORY;
        h->prices = prices;
        if (l->date_index >= 0) {
            char **dates = rg_realloc_array(h->dates, grown, sizeof *dates);
            if (!dates)
                return RISKGAN_ERR_NO_MEMORY;
            h->dates = dates;
        }
        *capacity = grown;
    }
    size_t day = h->days++; /* counted at once, so that freeing the history frees its date */
    double *row = h->prices + day * h->assets;
    if (h->dates)
        h->dates[day] = NULL;
    for (size_t c = 0; c < count; c++) {
        long a = l->asset_of[c];
        if ((long)c == l->date_index) {
            if (!(h->dates[day] = rg_strndup(fields[c].text, fields[c].length)))
                return RISKGAN_ERR_NO_MEMORY;
            continue;
        }
        if (a < 0)
            continue;
        double value;
        int decimals;
        if (is_missing_token(&fields[c])) {
            row[a] = NAN;
            h->missing_prices++;
            continue;
        }
        if (!rg_parse_number(fields[c].text, fields[c].length, &value, &decimals))
            return rg_fail(RISKGAN_ERR_PARSE, "%s:%zu: column '%s': '%.*s' is not a number", o->path,
                           rg_csv_record_line(reader), l->header[c], (int)(fields[c].length > 40 ? 40 : fields[c].length),
                           fields[c].text);
        if (!o->input_is_returns && !(value > 0))
            return rg_fail(RISKGAN_ERR_SCHEMA, "%s:%zu: column '%s': price %.*s is not positive (a log return needs "
                           "positive prices; give --returns if the file holds returns)", o->path, rg_csv_record_line(reader),
                           l->header[c], (int)fields[c].length, fields[c].text);
        row[a] = value;
        if (decimals > h->decimals[a])
            h->decimals[a] = decimals;
    }
    return RISKGAN_OK;
}

static riskgan_status make_returns(rg_price_history *h)
{
    size_t n = h->assets, *missing_per_asset = rg_calloc(n, sizeof *missing_per_asset);
    if (!missing_per_asset || !(h->returns = rg_calloc(h->days * n + 1, sizeof *h->returns)) ||
        !(h->return_row = rg_calloc(h->days + 1, sizeof *h->return_row))) {
        free(missing_per_asset);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (size_t d = 0; d < h->days; d++)
        for (size_t a = 0; a < n; a++)
            missing_per_asset[a] += isnan(h->prices[d * n + a]);
    for (size_t d = h->input_is_returns ? 0 : 1; d < h->days; d++) {
        const double *today = h->prices + d * n, *before = today - n;
        int complete = 1;
        for (size_t a = 0; a < n && complete; a++)
            complete = !isnan(today[a]) && (h->input_is_returns || !isnan(before[a]));
        if (!complete) {
            h->dropped_days++;
            continue;
        }
        double *out = h->returns + h->return_days * n;
        for (size_t a = 0; a < n; a++)
            out[a] = h->input_is_returns ? today[a] : log(today[a] / before[a]);
        h->return_row[h->return_days++] = d;
    }
    int length = 0;
    if (h->missing_prices) {
        length = snprintf(h->message, sizeof h->message, "%zu missing %s (", h->missing_prices,
                          h->input_is_returns ? "returns" : "prices");
        for (size_t a = 0, shown = 0; a < n && length < (int)sizeof h->message - 64; a++)
            if (missing_per_asset[a])
                length += snprintf(h->message + length, sizeof h->message - length, "%s%s %zu", shown++ ? ", " : "",
                                   h->names[a], missing_per_asset[a]);
        snprintf(h->message + length, sizeof h->message - length,
                 "): %zu days without a complete return left out for every asset, none filled in", h->dropped_days);
    }
    free(missing_per_asset);
    if (h->return_days < 30)
        return rg_fail(RISKGAN_ERR_SCHEMA, "only %zu days with a complete return (at least 30 needed)%s%s", h->return_days,
                       h->missing_prices ? ": " : "", h->message);
    return RISKGAN_OK;
}

riskgan_status rg_price_history_read(const rg_price_history_options *o, rg_price_history *h)
{
    memset(h, 0, sizeof *h);
    h->input_is_returns = o->input_is_returns;
    rg_csv_reader *reader = NULL;
    layout l = {0};
    riskgan_status status = o->text ? rg_csv_open_memory(o->text, o->length, o->path, &reader)
                                    : rg_csv_open_file(o->path, &reader);
    const rg_csv_field *fields;
    size_t count, capacity = 0;
    if (status == RISKGAN_OK)
        status = rg_csv_next(reader, &fields, &count);
    if (status == RISKGAN_OK && count == 0)
        status = rg_fail(RISKGAN_ERR_PARSE, "%s: the file is empty", o->path);
    if (status == RISKGAN_OK) {
        l.columns = count;
        if (!(l.header = rg_calloc(count, sizeof *l.header)))
            status = RISKGAN_ERR_NO_MEMORY;
        for (size_t c = 0; status == RISKGAN_OK && c < count; c++)
            if (!(l.header[c] = rg_strndup(fields[c].text, fields[c].length)))
                status = RISKGAN_ERR_NO_MEMORY;
    }
    if (status == RISKGAN_OK)
        status = rg_csv_next(reader, &fields, &count);
    if (status == RISKGAN_OK)
        status = choose_columns(o, fields, count, &l, h);
    while (status == RISKGAN_OK && count > 0) {
        status = read_row(o, reader, fields, count, &l, h, &capacity);
        if (status == RISKGAN_OK)
            status = rg_csv_next(reader, &fields, &count);
    }
    if (status == RISKGAN_OK && !o->rows_only)
        status = make_returns(h);
    rg_csv_close(reader);
    layout_free(&l);
    if (status != RISKGAN_OK)
        rg_price_history_free(h);
    return status;
}

static int is_iso_date(const char *text)
{
    return strlen(text) >= 10 && isdigit((unsigned char)text[0]) && isdigit((unsigned char)text[3]) && text[4] == '-' &&
           text[7] == '-';
}

riskgan_status rg_price_history_split(const rg_price_history *h, const char *until, size_t *train)
{
    long last_row = -1;
    char *end;
    for (size_t d = 0; h->dates && d < h->days; d++)
        if (strcmp(h->dates[d], until) == 0 || (is_iso_date(until) && is_iso_date(h->dates[d]) && strcmp(h->dates[d], until) <= 0))
            last_row = (long)d;
    if (last_row < 0) {
        long rows = strtol(until, &end, 10);
        if (*until && *end == '\0' && rows > 0 && (size_t)rows <= h->days)
            last_row = rows - 1;
    }
    if (last_row < 0)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--train-until '%s' is neither a date of the file%s nor a row count "
                       "in 1..%zu", until, h->dates ? "" : " (it has no date column)", h->days);
    size_t n = 0;
    while (n < h->return_days && h->return_row[n] <= (size_t)last_row)
        n++;
    if (n < 30 || h->return_days - n < 2)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "--train-until '%s' leaves %zu training and %zu later return days "
                       "(at least 30 and 2 needed)", until, n, h->return_days - n);
    *train = n;
    return RISKGAN_OK;
}
