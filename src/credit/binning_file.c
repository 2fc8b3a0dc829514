/* binning_file.c — writing and reading a binning's features, bins and categories. */
#include "binning_file.h"

#include <math.h>
#include <stdlib.h>

#include "../core/memory.h"

enum { MAX_FEATURES = 100000, MAX_BINS = 1000, MAX_CATEGORIES = 10000000 };

static void write_feature(const rg_feature_binning *f, size_t column, rg_writer *w)
{
    rg_write_string(w, f->feature);
    rg_write_u64(w, column);
    rg_write_u32(w, (uint32_t)f->categorical);
    rg_write_u32(w, (uint32_t)f->trend);
    rg_write_f64(w, f->iv), rg_write_f64(w, f->ks), rg_write_f64(w, f->gini);
    rg_write_u64(w, f->bin_count);
    for (size_t k = 0; k < f->bin_count; k++) {
        const rg_bin *b = &f->bins[k];
        rg_write_u32(w, (uint32_t)b->kind);
        rg_write_f64(w, b->low), rg_write_f64(w, b->high);
        rg_write_string(w, b->label);
        rg_write_f64(w, b->count), rg_write_f64(w, b->events), rg_write_f64(w, b->woe), rg_write_f64(w, b->iv);
    }
    rg_write_u64(w, f->category_count);
    for (size_t k = 0; k < f->category_count; k++) {
        rg_write_string(w, f->categories[k]);
        rg_write_u64(w, f->category_bin[k]);
    }
}

void rg_binning_write(const riskgan_binning *b, rg_writer *w)
{
    rg_write_string(w, b->target);
    rg_write_string(w, b->positive);
    rg_write_u64(w, b->count);
    for (size_t i = 0; i < b->count; i++)
        write_feature(&b->feature[i], b->column[i], w);
}

static void read_bin(rg_bin *b, rg_reader *r)
{
    uint32_t kind = rg_read_u32(r);
    b->low = rg_read_f64(r), b->high = rg_read_f64(r);
    b->label = rg_read_string(r);
    b->count = rg_read_f64(r), b->events = rg_read_f64(r), b->woe = rg_read_f64(r), b->iv = rg_read_f64(r);
    b->kind = (rg_bin_kind)kind;
    if (!r->failure && (kind > RG_BIN_SPECIAL || !b->label || !(b->count >= 0) || !(b->events >= 0) ||
                        b->events > b->count || !(fabs(b->woe) < 1e3) || !isfinite(b->iv)))
        r->failure = "a bin of the scorecard is invalid (corrupt file)";
    if (!r->failure && kind == RG_BIN_RANGE && !(b->low < b->high))
        r->failure = "a range bin of the scorecard is empty (corrupt file)";
}

static riskgan_status read_feature(rg_feature_binning *f, size_t *column, rg_reader *r)
{
    f->feature = rg_read_string(r);
    *column = (size_t)rg_read_u64(r);
    f->categorical = rg_read_u32(r) != 0;
    uint32_t trend = rg_read_u32(r);
    f->trend = (rg_trend)trend;
    f->iv = rg_read_f64(r), f->ks = rg_read_f64(r), f->gini = rg_read_f64(r);
    if (!r->failure && (!f->feature || trend > RG_TREND_NONE || *column > MAX_FEATURES))
        r->failure = "a feature of the scorecard is invalid (corrupt file)";
    f->bin_count = r->failure ? 0 : (size_t)rg_read_items(r, MAX_BINS, 8);
    if (!r->failure && !(f->bins = rg_calloc(f->bin_count + 1, sizeof *f->bins)))
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t k = 0; k < f->bin_count && !r->failure; k++)
        read_bin(&f->bins[k], r);
    f->category_count = r->failure ? 0 : (size_t)rg_read_items(r, MAX_CATEGORIES, 12);
    if (!r->failure && (!(f->categories = rg_calloc(f->category_count + 1, sizeof *f->categories)) ||
                        !(f->category_bin = rg_calloc(f->category_count + 1, sizeof *f->category_bin))))
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t k = 0; k < f->category_count && !r->failure; k++) {
        f->categories[k] = rg_read_string(r);
        f->category_bin[k] = (size_t)rg_read_u64(r);
        if (!r->failure && (!f->categories[k] || f->category_bin[k] >= f->bin_count))
            r->failure = "a category of the scorecard names no bin (corrupt file)";
    }
    return RISKGAN_OK;
}

riskgan_status rg_binning_read(rg_reader *r, riskgan_binning **out)
{
    *out = NULL;
    riskgan_binning *b = rg_calloc(1, sizeof *b);
    if (!b)
        return RISKGAN_ERR_NO_MEMORY;
    b->target = rg_read_string(r);
    b->positive = rg_read_string(r);
    size_t count = r->failure ? 0 : (size_t)rg_read_items(r, MAX_FEATURES, 32);
    riskgan_status status = RISKGAN_OK;
    if (!r->failure && (!b->target || !b->positive))
        r->failure = "the scorecard's target is missing (corrupt file)";
    if (!r->failure && (!(b->feature = rg_calloc(count + 1, sizeof *b->feature)) ||
                        !(b->column = rg_calloc(count + 1, sizeof *b->column))))
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; i < count && !r->failure && status == RISKGAN_OK; i++, b->count++) /* counted: freed */
        status = read_feature(&b->feature[i], &b->column[i], r);
    if (status != RISKGAN_OK || r->failure) {
        riskgan_binning_free(b);
        return status;
    }
    *out = b;
    return RISKGAN_OK;
}
