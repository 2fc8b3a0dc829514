/* market_data.h — portfolio weights and profit and loss over a price history's assets. */
#ifndef RISKGAN_MARKET_MARKET_DATA_H
#define RISKGAN_MARKET_MARKET_DATA_H

#include <stddef.h>

#include "riskgan.h"

/* Weights from "A=0.4,B=0.6" over the asset names (NULL or "": equal); they need not sum to 1. */
riskgan_status rg_market_parse_weights(const char *text, char *const *names, size_t assets, double *weights);
/* Profit and loss, as a share of the starting value, of a portfolio holding value shares
 * `weights` through log returns r: sum_a w_a (e^r_a - 1). */
double rg_portfolio_pnl(const double *r, const double *weights, size_t assets);

#endif
