/* market_model.c — fitting a market model (GAN, GARCH-t-CCC or block bootstrap), its .rmkt
 * file, and the engine that rolls paths forward with any of them. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/threads.h"
#include "../core/error.h"
#include "../core/framed_file.h"
#include "../core/memory.h"
#include "../nn/layers.h"
#include "block_bootstrap.h"
#include "market_internal.h"
#include "market_model.h"

static const char market_magic[8] = {'R', 'G', 'M', 'A', 'R', 'K', 'T', 0x1a};
enum { MARKET_FORMAT_VERSION = 1 };

void riskgan_market_fit_options_init(riskgan_market_fit_options *o)
{
    memset(o, 0, sizeof *o);
    o->method = RISKGAN_MARKET_GAN;
}

void riskgan_market_model_free(riskgan_market_model *m)
{
    if (!m)
        return;
    for (size_t a = 0; m->names && a < m->assets; a++)
        free(m->names[a]);
    free(m->names);
    free(m->decimals);
    free(m->last_price);
    free(m->last_date);
    free(m->history);
    rg_garch_free(&m->garch);
    rg_market_gan_free(&m->gan);
    free(m);
}

static riskgan_status allocate_model(riskgan_market_model *m, size_t assets, size_t days)
{
    m->assets = assets;
    m->days = days;
    if (!(m->names = rg_calloc(assets, sizeof *m->names)) || !(m->decimals = rg_calloc(assets, sizeof *m->decimals)) ||
        !(m->last_price = rg_calloc(assets, sizeof *m->last_price)) ||
        !(m->history = rg_calloc(days * assets, sizeof *m->history)))
        return RISKGAN_ERR_NO_MEMORY;
    return RISKGAN_OK;
}

riskgan_status rg_market_fit_returns(const riskgan_market_data *data, size_t days, const riskgan_market_fit_options *o,
                                     riskgan_market_model **out)
{
    *out = NULL;
    const rg_price_history *h = &data->history;
    if (data->paths != 1)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "fit a market model on a history, not on generated paths");
    if (days == 0 || days > h->return_days)
        days = h->return_days;
    if (o->method > RISKGAN_MARKET_BOOTSTRAP)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "a market model is gan, garch or bootstrap");
    riskgan_market_model *m = rg_calloc(1, sizeof *m);
    if (!m)
        return RISKGAN_ERR_NO_MEMORY;
    m->method = o->method;
    m->seed = o->seed;
    m->mean_block = o->mean_block > 0 ? o->mean_block : 20;
    riskgan_status status = allocate_model(m, h->assets, days);
    size_t last_row = status == RISKGAN_OK ? h->return_row[days - 1] : 0;
    for (size_t a = 0; status == RISKGAN_OK && a < h->assets; a++) {
        if (!(m->names[a] = rg_strdup(h->names[a])))
            status = RISKGAN_ERR_NO_MEMORY;
        m->decimals[a] = h->decimals[a];
        m->last_price[a] = h->input_is_returns ? 1 : h->prices[last_row * h->assets + a];
    }
    if (status == RISKGAN_OK && h->dates && !(m->last_date = rg_strdup(h->dates[last_row])))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        memcpy(m->history, h->returns, days * h->assets * sizeof *m->history);
    rg_rng rng;
    rg_rng_seed(&rng, o->seed);
    if (status == RISKGAN_OK && m->method == RISKGAN_MARKET_GARCH)
        status = rg_garch_fit(m->history, days, m->assets, &m->garch);
    if (status == RISKGAN_OK && m->method == RISKGAN_MARKET_GAN) {
        rg_market_gan_options go;
        rg_market_gan_options_default(&go);
        if (o->epochs > 0)
            go.epochs = o->epochs;
        go.hidden = o->hidden;
        go.progress = o->progress;
        go.progress_user = o->progress_user;
        go.stop = o->stop;
        int blas_threads = rg_blas_set_threads(1); /* a small network: one BLAS thread is faster */
        status = rg_market_gan_fit(m->history, days, m->assets, &go, &rng, &m->gan);
        rg_blas_set_threads(blas_threads);
    }
    if (status != RISKGAN_OK) {
        riskgan_market_model_free(m);
        return status;
    }
    *out = m;
    return RISKGAN_OK;
}

riskgan_status riskgan_market_fit(const riskgan_market_data *data, const riskgan_market_fit_options *options,
                                  riskgan_market_model **out)
{
    return rg_market_fit_returns(data, options->train_days, options, out);
}

static void write_payload(const void *object, rg_writer *w)
{
    const riskgan_market_model *m = object;
    rg_write_u32(w, (uint32_t)m->method);
    rg_write_u64(w, m->assets);
    rg_write_u64(w, m->days);
    rg_write_u64(w, m->seed);
    rg_write_f64(w, m->mean_block);
    rg_write_string(w, m->last_date);
    for (size_t a = 0; a < m->assets; a++) {
        rg_write_string(w, m->names[a]);
        rg_write_u32(w, (uint32_t)(m->decimals[a] + 1));
        rg_write_f64(w, m->last_price[a]);
    }
    for (size_t i = 0; i < m->days * m->assets; i++)
        rg_write_f64(w, m->history[i]);
    if (m->method == RISKGAN_MARKET_GARCH)
        rg_garch_write(&m->garch, w);
    if (m->method == RISKGAN_MARKET_GAN)
        rg_market_gan_write(&m->gan, w);
}

riskgan_status riskgan_market_model_save(const riskgan_market_model *model, const char *path)
{
    return rg_framed_write(path, market_magic, MARKET_FORMAT_VERSION, write_payload, model);
}

static riskgan_status read_payload(rg_reader *r, riskgan_market_model *m)
{
    uint32_t method = rg_read_u32(r);
    uint64_t assets = rg_read_count(r, 100000), days;
    if (r->failure || method > RISKGAN_MARKET_BOOTSTRAP || assets == 0)
        return rg_fail(RISKGAN_ERR_FORMAT, "unknown method or no assets");
    days = rg_read_items(r, UINT64_MAX / 8 / assets, 8 * assets);
    if (r->failure || days < 2)
        return rg_fail(RISKGAN_ERR_FORMAT, "%s", r->failure ? r->failure : "fewer than 2 learned days");
    m->method = (riskgan_market_method)method;
    riskgan_status status = allocate_model(m, assets, days);
    if (status != RISKGAN_OK)
        return status;
    m->seed = rg_read_u64(r);
    m->mean_block = rg_read_f64(r);
    m->last_date = rg_read_string(r);
    if (!r->failure && !(m->mean_block >= 1 && m->mean_block <= 1e6))
        return rg_fail(RISKGAN_ERR_FORMAT, "mean block length out of range");
    for (size_t a = 0; a < assets && !r->failure; a++) {
        m->names[a] = rg_read_string(r);
        uint32_t decimals = rg_read_u32(r);
        m->last_price[a] = rg_read_f64(r);
        if (!r->failure && (!m->names[a] || decimals > 1001 || !(m->last_price[a] > 0 && isfinite(m->last_price[a]))))
            return rg_fail(RISKGAN_ERR_FORMAT, "asset %zu: name, decimals or last price invalid", a + 1);
        m->decimals[a] = (int)decimals - 1;
    }
    for (size_t i = 0; i < days * assets && !r->failure; i++) /* a daily log return beyond +-10: no market */
        if (!(fabs(m->history[i] = rg_read_f64(r)) <= 10))
            return rg_fail(RISKGAN_ERR_FORMAT, "a learned return is not a daily log return (%g)", m->history[i]);
    if (r->failure)
        return rg_fail(RISKGAN_ERR_FORMAT, "%s", r->failure);
    if (m->method == RISKGAN_MARKET_GARCH)
        status = rg_garch_read(&m->garch, r, assets);
    if (m->method == RISKGAN_MARKET_GAN)
        status = rg_market_gan_read(&m->gan, r, assets);
    if (status == RISKGAN_OK && r->position != r->length)
        status = rg_fail(RISKGAN_ERR_FORMAT, "%zu unexpected bytes after the model", r->length - r->position);
    return status;
}

static riskgan_status read_market_payload(rg_reader *r, uint32_t version, void *object)
{
    (void)version;
    return read_payload(r, object);
}

static void free_market_model(void *object)
{
    riskgan_market_model_free(object);
}

static const rg_framed_kind market_model_kind = {"riskgan market model", market_magic, MARKET_FORMAT_VERSION,
                                                 MARKET_FORMAT_VERSION, sizeof(riskgan_market_model),
                                                 read_market_payload, free_market_model};

riskgan_status riskgan_market_model_load_memory(const void *data, size_t length, riskgan_market_model **out)
{
    return rg_framed_load(&market_model_kind, data, length, "(memory)", (void **)out);
}

riskgan_status riskgan_market_model_load(const char *path, riskgan_market_model **out)
{
    return rg_framed_load_file(&market_model_kind, path, (void **)out);
}

void riskgan_market_model_get_info(const riskgan_market_model *m, riskgan_market_model_info *info)
{
    info->method = m->method;
    info->assets = m->assets;
    info->train_days = m->days;
    info->seed = m->seed;
    info->last_date = m->last_date;
}

const char *riskgan_market_model_asset_name(const riskgan_market_model *m, size_t asset)
{
    return asset < m->assets ? m->names[asset] : NULL;
}

/* ---------------------------------------------------------------- engine */

static size_t state_width(const riskgan_market_model *m)
{
    return m->method == RISKGAN_MARKET_GAN ? m->assets : m->method == RISKGAN_MARKET_GARCH ? 2 * m->assets : 0;
}

/* The state after history[0..n) into out. */
static void state_after(const riskgan_market_model *m, const double *history, size_t n, double *out)
{
    if (m->method == RISKGAN_MARKET_GAN) {
        rg_market_gan_state_start(&m->gan, out);
        for (size_t t = 0; t < n; t++)
            rg_market_gan_advance(&m->gan, out, history + t * m->assets);
    }
    else if (m->method == RISKGAN_MARKET_GARCH)
        rg_garch_filter(&m->garch, history, n, out, out + m->assets);
}

/* Moves a state past one more history day r; `seen` days came before it. */
static void advance(const riskgan_market_model *m, double *state, size_t seen, const double *r)
{
    if (m->method == RISKGAN_MARKET_GAN)
        rg_market_gan_advance(&m->gan, state, r);
    else if (m->method == RISKGAN_MARKET_GARCH)
        rg_garch_advance(&m->garch, seen, state, state + m->assets, r);
}

riskgan_status rg_market_engine_init(rg_market_engine *e, const riskgan_market_model *m, size_t paths)
{
    memset(e, 0, sizeof *e);
    e->model = m;
    e->paths = paths;
    e->width = state_width(m);
    riskgan_status status = RISKGAN_OK;
    if (!(e->state = rg_calloc(paths * e->width + 1, sizeof *e->state)) ||
        !(e->position = rg_calloc(paths, sizeof *e->position)) ||
        !(e->start_states = rg_calloc((m->days + 1) * e->width + 1, sizeof *e->start_states)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK && m->method == RISKGAN_MARKET_GAN)
        status = rg_market_gan_scratch_init(&e->scratch, &m->gan, (int)paths);
    if (status == RISKGAN_OK && e->width > 0) { /* the state after k learned days, k = 0..days */
        state_after(m, m->history, 0, e->start_states);
        for (size_t k = 1; k <= m->days; k++) {
            double *state = e->start_states + k * e->width;
            memcpy(state, state - e->width, e->width * sizeof *state);
            advance(m, state, k - 1, m->history + (k - 1) * m->assets);
        }
    }
    if (status != RISKGAN_OK)
        rg_market_engine_free(e);
    return status;
}

void rg_market_engine_free(rg_market_engine *e)
{
    free(e->state);
    free(e->start_states);
    free(e->position);
    rg_market_gan_scratch_free(&e->scratch);
    memset(e, 0, sizeof *e);
}

void rg_market_engine_start_random(rg_market_engine *e, rg_rng *rng)
{
    const riskgan_market_model *m = e->model;
    size_t first = m->days / 4 < 60 ? m->days / 4 : 60; /* past the warm-up of the filters */
    for (size_t p = 0; p < e->paths; p++) {
        e->position[p] = SIZE_MAX;
        if (e->width) {
            size_t k = first + (size_t)rg_rng_below(rng, m->days - first + 1);
            memcpy(e->state + p * e->width, e->start_states + k * e->width, e->width * sizeof *e->state);
        }
    }
}

void rg_market_engine_start_after(rg_market_engine *e, const double *history, size_t n)
{
    for (size_t p = 0; p < e->paths; p++)
        e->position[p] = SIZE_MAX;
    if (e->width == 0)
        return;
    state_after(e->model, history, n, e->state);
    for (size_t p = 1; p < e->paths; p++)
        memcpy(e->state + p * e->width, e->state, e->width * sizeof *e->state);
}

void rg_market_engine_step(rg_market_engine *e, double *r, rg_rng *rng)
{
    const riskgan_market_model *m = e->model;
    if (m->method == RISKGAN_MARKET_GAN) {
        rg_market_gan_step(&m->gan, e->paths, e->state, r, &e->scratch, rng);
    } else if (m->method == RISKGAN_MARKET_GARCH) {
        /* state per path: sigma2[assets], shock[assets]; the step wants them as two arrays */
        for (size_t p = 0; p < e->paths; p++)
            rg_garch_step(&m->garch, 1, e->state + p * e->width, e->state + p * e->width + m->assets, r + p * m->assets, rng);
    } else {
        rg_block_bootstrap_step(m->history, m->days, m->assets, m->mean_block, e->paths, e->position, r, rng);
    }
}
