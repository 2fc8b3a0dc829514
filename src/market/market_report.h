/* market_report.h — the market evaluation report object: its JSON document, the summary
 * drawn from it, and the pieces its HTML page shares with the backtest page. */
#ifndef RISKGAN_MARKET_MARKET_REPORT_H
#define RISKGAN_MARKET_MARKET_REPORT_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "riskgan.h"

enum { RG_MARKET_HORIZONS = 3 }; /* 1, 5 and 20 days */

struct riskgan_market_report {
    cJSON *root;
};

/* Adds "summary": per asset and on average the scores the targets are stated in
 * (w1 at 1/5/20 days, ACF scores, leverage score, kurtosis and Hill within the real range),
 * and the correlation distances. */
void rg_market_report_summarize(riskgan_market_report *report);
/* A line chart of several curves (NULL-terminated arrays of y values sharing x = 1..n). */
void rg_svg_lines(FILE *f, const cJSON *const *curves, const char *const *colors, const char *const *labels, int count,
                  int width, int height, const char *x_label);

#endif
