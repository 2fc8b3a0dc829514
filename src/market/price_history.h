/* price_history.h — a CSV of daily prices (or returns) as a panel of log returns: one
 * column per asset, an optional date column, missing prices reported and never filled. */
#ifndef RISKGAN_MARKET_PRICE_HISTORY_H
#define RISKGAN_MARKET_PRICE_HISTORY_H

#include <stddef.h>

#include "riskgan.h"

typedef struct {
    size_t assets, days;   /* price rows read */
    char **names;          /* asset column names */
    char *date_column;     /* NULL: the file has none */
    int date_detected;     /* the date column was recognized, not named */
    char **dates;          /* per row, NULL without a date column */
    double *prices;        /* days x assets; NaN where missing (returns input: the returns) */
    int *decimals;         /* per asset: most digits after the point seen */
    int input_is_returns;
    size_t missing_prices; /* cells missing */
    /* Log returns of the days whose every asset has a price that day and the day before
     * (returns input: every asset present); other days are dropped for all assets. */
    size_t return_days;
    double *returns;       /* return_days x assets */
    size_t *return_row;    /* price row of each return day */
    size_t dropped_days;   /* days without a complete return */
    char message[512];     /* what was dropped, per asset, for the user */
} rg_price_history;

typedef struct {
    const char *path;         /* the file, or (with text) the name used in messages */
    const char *date_column;  /* NULL: detected (a first column named date/time/t/day, or holding non-numbers) */
    const char *assets;       /* comma list; NULL: every other column */
    int input_is_returns;     /* the file holds daily log returns, not prices */
    int rows_only;            /* keep the rows as read (prices); no returns are made */
    const char *text;         /* not NULL: the CSV is these `length` bytes, not the file */
    size_t length;
} rg_price_history_options;

riskgan_status rg_price_history_read(const rg_price_history_options *options, rg_price_history *history);
void rg_price_history_free(rg_price_history *history);
/* Number of return days up to and including `until` (a date as written in the file, or,
 * without a date column or when `until` is a whole number, a count of price rows): the
 * training part. Fails when `until` matches no row or leaves fewer than 2 return days on either side. */
riskgan_status rg_price_history_split(const rg_price_history *history, const char *until, size_t *train_return_days);

#endif
