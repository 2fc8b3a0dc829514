/* market_internal.h — the objects behind the market handles of riskgan.h. */
#ifndef RISKGAN_MARKET_MARKET_INTERNAL_H
#define RISKGAN_MARKET_MARKET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "garch.h"
#include "market_gan.h"
#include "price_history.h"
#include "riskgan.h"

struct riskgan_market_data {
    rg_price_history history; /* a paths file: returns hold paths x path_days rows */
    size_t paths, path_days;  /* a history: 1 and its return days */
};

struct riskgan_market_model {
    riskgan_market_method method;
    size_t assets, days;      /* days: learned return days */
    char **names;
    int *decimals;
    double *last_price;
    char *last_date;
    double *history;          /* days x assets learned returns */
    double mean_block;
    uint64_t seed;
    rg_garch garch;
    rg_market_gan gan;
};

#endif
