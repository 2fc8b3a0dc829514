/* market_model.h — fitting a market model, and the scenario engine that rolls paths forward
 * with any of the models (shared by sampling and backtesting). */
#ifndef RISKGAN_MARKET_MARKET_MODEL_H
#define RISKGAN_MARKET_MARKET_MODEL_H

#include <stddef.h>

#include "../core/rng.h"
#include "market_internal.h"
#include "riskgan.h"

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

#endif
