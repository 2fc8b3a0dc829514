/* market_data.c — the riskgan_market_data handle: a price history, or the paths written by
 * `riskgan market sample` read back as returns; portfolio weights by asset name and a
 * portfolio's profit and loss. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/csv_reader.h"
#include "../data/number_text.h"
#include "market_data.h"
#include "market_internal.h"

void riskgan_market_read_options_init(riskgan_market_read_options *o)
{
    memset(o, 0, sizeof *o);
}

/* Reads the file, or `text` (length bytes) named `path` in messages. */
static riskgan_status read_history(const char *path, const char *text, size_t length,
                                   const riskgan_market_read_options *options, riskgan_market_data **out)
{
    *out = NULL;
    riskgan_market_read_options defaults;
    if (!options) {
        riskgan_market_read_options_init(&defaults);
        options = &defaults;
    }
    riskgan_market_data *data = rg_calloc(1, sizeof *data);
    if (!data)
        return RISKGAN_ERR_NO_MEMORY;
    rg_price_history_options o = {path, options->date_column, options->assets, options->returns, 0, text, length};
    riskgan_status status = rg_price_history_read(&o, &data->history);
    if (status != RISKGAN_OK) {
        free(data);
        return status;
    }
    data->paths = 1;
    data->path_days = data->history.return_days;
    *out = data;
    return RISKGAN_OK;
}

riskgan_status riskgan_market_data_read(const char *path, const riskgan_market_read_options *options,
                                        riskgan_market_data **out)
{
    return read_history(path, NULL, 0, options, out);
}

riskgan_status riskgan_market_data_read_text(const char *text, size_t length, const char *name,
                                             const riskgan_market_read_options *options, riskgan_market_data **out)
{
    return read_history(name ? name : "prices", text, length, options, out);
}

void riskgan_market_data_free(riskgan_market_data *data)
{
    if (!data)
        return;
    rg_price_history_free(&data->history);
    free(data);
}

size_t riskgan_market_data_assets(const riskgan_market_data *data) { return data->history.assets; }
size_t riskgan_market_data_return_days(const riskgan_market_data *data) { return data->path_days; }
size_t riskgan_market_data_paths(const riskgan_market_data *data) { return data->paths; }
const char *riskgan_market_data_message(const riskgan_market_data *data) { return data->history.message; }

const char *riskgan_market_data_asset_name(const riskgan_market_data *data, size_t asset)
{
    return asset < data->history.assets ? data->history.names[asset] : NULL;
}

const char *riskgan_market_data_date_column(const riskgan_market_data *data, int *detected)
{
    if (detected)
        *detected = data->history.date_detected;
    return data->history.date_column;
}

riskgan_status riskgan_market_data_split(const riskgan_market_data *data, const char *until, size_t *train)
{
    if (data->paths != 1)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "a file of generated paths cannot be split by date");
    return rg_price_history_split(&data->history, until, train);
}

/* A paths file: "path,day,<assets>", days 0..D (prices) or 1..D (returns), every path alike. */
riskgan_status riskgan_market_paths_read(const char *path, riskgan_market_data **out)
{
    *out = NULL;
    riskgan_market_data *data = rg_calloc(1, sizeof *data);
    if (!data)
        return RISKGAN_ERR_NO_MEMORY;
    /* read the rows as numbers (no date column), check the path/day columns, then turn the
     * rows into returns in place: row by row, each return is written at or before the
     * values it is computed from, so memory stays that of the file's numbers */
    rg_price_history_options o = {path, NULL, NULL, 1, 1, NULL, 0};
    riskgan_status status = rg_price_history_read(&o, &data->history);
    rg_price_history *h = &data->history;
    if (status == RISKGAN_OK && (h->assets < 3 || strcmp(h->names[0], "path") != 0 || strcmp(h->names[1], "day") != 0))
        status = rg_fail(RISKGAN_ERR_SCHEMA, "%s: not a paths file (its header must start with path,day)", path);
    if (status == RISKGAN_OK && h->missing_prices)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "%s: a paths file with missing values", path);
    if (status == RISKGAN_OK && h->days < 2)
        status = rg_fail(RISKGAN_ERR_SCHEMA, "%s: no paths (a header and %zu rows)", path, h->days);
    size_t assets = status == RISKGAN_OK ? h->assets - 2 : 0, first_day = 0, rows = h->days, per_path = 0;
    if (status == RISKGAN_OK) {
        if (h->prices[1] != 0 && h->prices[1] != 1)
            status = rg_fail(RISKGAN_ERR_SCHEMA, "%s: paths start at day %g (0: prices, 1: returns)", path, h->prices[1]);
        first_day = h->prices[1] == 1;
        while (per_path < rows && h->prices[per_path * h->assets] == h->prices[0])
            per_path++;
        if (status == RISKGAN_OK && (rows % per_path != 0 || per_path < 2 + (first_day == 0)))
            status = rg_fail(RISKGAN_ERR_SCHEMA, "%s: paths of unequal or too short length", path);
    }
    for (size_t i = 0; status == RISKGAN_OK && i < rows; i++)
        if (h->prices[i * h->assets + 1] != (double)(first_day + i % per_path) ||
            h->prices[i * h->assets] != h->prices[(i - i % per_path) * h->assets])
            status = rg_fail(RISKGAN_ERR_SCHEMA, "%s: row %zu: expected day %zu of the path (every path must list its "
                             "days in order, all paths equally long)", path, i + 2, first_day + i % per_path);
    if (status == RISKGAN_OK) {
        size_t paths = rows / per_path, days = per_path - (first_day == 0);
        double *values = h->prices;
        for (size_t p = 0; status == RISKGAN_OK && p < paths; p++)
            for (size_t t = 0; t < days; t++)
                for (size_t a = 0; a < assets; a++) {
                    const double *row = values + (p * per_path + t + (first_day == 0)) * h->assets + 2;
                    const double *before = first_day == 0 ? row - h->assets : row; /* the previous day (prices) */
                    double value = first_day == 0 ? log(row[a] / before[a]) : row[a];
                    if (!isfinite(value) || (first_day == 0 && !(row[a] > 0 && before[a] > 0)))
                        status = rg_fail(RISKGAN_ERR_SCHEMA, "%s: path %zu day %zu: price of %s is not positive", path,
                                         p, t + 1, h->names[a + 2]);
                    values[(p * days + t) * assets + a] = value;
                }
        if (status == RISKGAN_OK) {
            double *shrunk = realloc(values, (paths * days * assets + 1) * sizeof *values);
            free(h->names[0]);
            free(h->names[1]);
            memmove(h->names, h->names + 2, assets * sizeof *h->names);
            memmove(h->decimals, h->decimals + 2, assets * sizeof *h->decimals);
            h->assets = assets;
            h->returns = shrunk ? shrunk : values;
            h->prices = NULL;
            h->days = 0;
            h->return_days = paths * days;
            h->input_is_returns = first_day == 1;
            data->paths = paths;
            data->path_days = days;
        }
    }
    if (status != RISKGAN_OK) {
        riskgan_market_data_free(data);
        return status;
    }
    *out = data;
    return RISKGAN_OK;
}

riskgan_status rg_market_parse_weights(const char *text, char *const *names, size_t assets, double *weights)
{
    for (size_t a = 0; a < assets; a++)
        weights[a] = text && *text ? 0 : 1.0 / assets;
    for (const char *p = text; p && *p;) {
        size_t n = strcspn(p, ","), key = strcspn(p, "=");
        if (key >= n)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "weight '%.*s' is not NAME=VALUE", (int)n, p);
        long found = -1;
        for (size_t a = 0; a < assets; a++)
            if (strlen(names[a]) == key && strncmp(names[a], p, key) == 0)
                found = (long)a;
        double value;
        int decimals;
        if (found < 0)
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "weight for unknown asset '%.*s'", (int)key, p);
        if (!rg_parse_number(p + key + 1, n - key - 1, &value, &decimals))
            return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "weight of '%.*s' is not a number", (int)key, p);
        weights[found] = value;
        p += n + (p[n] == ',');
    }
    double total = 0;
    for (size_t a = 0; a < assets; a++)
        total += fabs(weights[a]);
    if (!(total > 0))
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "the portfolio weights are all zero");
    return RISKGAN_OK;
}

double rg_portfolio_pnl(const double *r, const double *weights, size_t assets)
{
    double total = 0;
    for (size_t a = 0; a < assets; a++)
        total += weights[a] * expm1(r[a]);
    return total;
}
