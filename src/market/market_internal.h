/* market_internal.h — the objects behind the market handles of riskgan.h, and the scenario
 * engine shared by sampling and backtesting. */
#ifndef RISKGAN_MARKET_MARKET_INTERNAL_H
#define RISKGAN_MARKET_MARKET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../core/rng.h"
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

/* Rolls `paths` paths forward one day at a time with any of the models. */
typedef struct {
    const riskgan_market_model *model;
    size_t paths, width;      /* state values per path */
    double *state;            /* paths x width */
    double *start_states;     /* (days + 1) x width: the state after each number of learned days */
    size_t *position;         /* bootstrap */
    rg_market_gan_scratch scratch;
} rg_market_engine;

riskgan_status rg_market_engine_init(rg_market_engine *e, const riskgan_market_model *model, size_t paths);
void rg_market_engine_free(rg_market_engine *e);
/* Every path starts from the state of a random learned day (the bootstrap: a random day). */
void rg_market_engine_start_random(rg_market_engine *e, rg_rng *rng);
/* Every path starts from the state after history[0..n) (days x assets returns; the
 * bootstrap cannot condition and starts at random days). */
void rg_market_engine_start_after(rg_market_engine *e, const double *history, size_t n);
/* r: paths x assets returns of the next day. */
void rg_market_engine_step(rg_market_engine *e, double *r, rg_rng *rng);

/* Fits a model on returns[0..days) (days x assets) of the data. */
riskgan_status rg_market_fit_returns(const riskgan_market_data *data, size_t days, const riskgan_market_fit_options *o,
                                     riskgan_market_model **out);
/* Weights from "A=0.4,B=0.6" over the asset names (NULL or "": equal); they need not sum to 1. */
riskgan_status rg_market_parse_weights(const char *text, char *const *names, size_t assets, double *weights);
/* Profit and loss, as a share of the starting value, of a portfolio holding value shares
 * `weights` through log returns r: sum_a w_a (e^r_a - 1). */
double rg_portfolio_pnl(const double *r, const double *weights, size_t assets);

#endif
