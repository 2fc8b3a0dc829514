/* market_var.c — the market-scenario API embedded in a program: fit a model on a price
 * history, draw 10,000 one-day scenarios from the most recent state, and print the 99 %
 * one-day VaR and ES of an equally weighted portfolio.
 *   usage: riskgan_market_var PRICES.csv [gan|garch|bootstrap] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <riskgan.h>

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PRICES.csv [gan|garch|bootstrap]\n", argv[0]);
        return 2;
    }
    riskgan_market_data *data = NULL;
    riskgan_market_model *model = NULL;
    riskgan_market_fit_options fit;
    riskgan_market_fit_options_init(&fit);
    if (argc > 2)
        fit.method = strcmp(argv[2], "garch") == 0 ? RISKGAN_MARKET_GARCH
                   : strcmp(argv[2], "bootstrap") == 0 ? RISKGAN_MARKET_BOOTSTRAP : RISKGAN_MARKET_GAN;
    riskgan_market_sample_options sample;
    riskgan_market_sample_options_init(&sample);
    sample.paths = 10000;
    sample.days = 1;
    sample.from_history = 1;
    sample.seed = 7;
    double *returns = NULL, *pnl = NULL;
    riskgan_status status = riskgan_market_data_read(argv[1], NULL, &data);
    if (status == RISKGAN_OK)
        status = riskgan_market_fit(data, &fit, &model);
    size_t assets = status == RISKGAN_OK ? riskgan_market_data_assets(data) : 0;
    if (status == RISKGAN_OK && (!(returns = malloc(sample.paths * assets * sizeof *returns)) ||
                                 !(pnl = malloc(sample.paths * sizeof *pnl))))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = riskgan_market_sample(model, &sample, returns);
    if (status == RISKGAN_OK) {
        for (size_t p = 0; p < sample.paths; p++) {
            pnl[p] = 0;
            for (size_t a = 0; a < assets; a++)
                pnl[p] += expm1(returns[p * assets + a]) / assets;
        }
        qsort(pnl, sample.paths, sizeof *pnl, compare);
        size_t tail = sample.paths / 100;
        double es = 0;
        for (size_t i = 0; i < tail; i++)
            es -= pnl[i] / tail;
        printf("one-day 99%% VaR %.4f, ES %.4f of the portfolio's value (%zu assets, %zu scenarios)\n", -pnl[tail],
               es, assets, sample.paths);
    } else {
        fprintf(stderr, "error: %s\n", riskgan_last_error());
    }
    free(returns);
    free(pnl);
    riskgan_market_model_free(model);
    riskgan_market_data_free(data);
    return status == RISKGAN_OK ? 0 : 1;
}
