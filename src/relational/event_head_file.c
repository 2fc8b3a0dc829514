/* event_head_file.c — an event head in a model file: its tokens' values and its network,
 * written and read back (older formats too), every field checked. */
#include "event_head_file.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"

void rg_head_write(const rg_head *h, rg_writer *w)
{
    rg_write_u32(w, (uint32_t)h->kind);
    rg_write_string(w, h->column);
    rg_write_u64(w, h->levels);
    for (size_t l = 0; l < h->levels; l++)
        rg_write_string(w, h->level_names[l]);
    rg_write_u64(w, h->exact_count);
    for (size_t e = 0; e < h->exact_count; e++)
        rg_write_f64(w, h->exact[e]);
    rg_write_u64(w, h->bins);
    for (size_t b = 0; h->bins && b <= h->bins; b++)
        rg_write_f64(w, h->edges[b]);
    for (size_t b = 0; b < h->bins; b++)
        rg_write_f64(w, h->means[b]);
    rg_write_u32(w, (uint32_t)(h->decimals + 1));
    rg_write_u32(w, (uint32_t)h->integer);
    rg_write_u32(w, (uint32_t)h->missing_seen);
    rg_write_u64(w, h->steps);
    for (size_t g = 0; g < h->steps; g++)
        rg_write_f64(w, h->step[g]);
    rg_write_f64(w, h->period);
    rg_write_u32(w, (uint32_t)h->month_ends);
    rg_write_u32(w, (uint32_t)h->echoes);
    rg_write_u32(w, (uint32_t)h->repeats);
    rg_write_u64(w, h->ratio_bins);
    for (size_t b = 0; h->ratio_bins && b <= h->ratio_bins; b++)
        rg_write_f64(w, h->ratio_edges[b]);
    for (size_t b = 0; b < h->ratio_bins; b++)
        rg_write_f64(w, h->ratio_means[b]);
    rg_mlp_write(&h->net, w);
}

/* The roundness classes (files of version 2 on: none, or steps that shrink), a gap head's
 * period (version 3 on), whether it has a month-end token (version 6 on; before: always), its
 * echo tokens (version 7 on; before: none) and a category's repeat token (version 9 on). */
static void read_steps_and_period(rg_head *h, rg_reader *r, uint32_t version)
{
    h->steps = version < 2 ? 1 : rg_read_count(r, RG_MAX_STEPS);
    for (size_t g = 0; version >= 2 && g < h->steps && !r->failure; g++)
        h->step[g] = rg_read_f64(r);
    int valid = h->steps >= 1 && (h->steps == 1 ? h->step[0] == 0 : h->kind == RG_HEAD_NUMBER);
    for (size_t g = 0; h->steps > 1 && g < h->steps; g++)
        valid &= isfinite(h->step[g]) && h->step[g] > 0 && (g == 0 || h->step[g] < h->step[g - 1]);
    if (!r->failure && !valid)
        r->failure = "an event column's roundness is invalid (corrupt file)";
    if (r->failure)
        h->steps = 1; /* never 0: token arithmetic divides by it */
    h->period = version < 3 ? 0 : rg_read_f64(r);
    if (!r->failure && !(h->period == 0 || (h->kind != RG_HEAD_NUMBER && h->kind != RG_HEAD_CATEGORY &&
                                            h->period >= 1 && h->period <= 3660)))
        r->failure = "an event column's period is invalid (corrupt file)";
    if (r->failure)
        h->period = 0;
    h->month_ends = version < 6 ? h->kind != RG_HEAD_NUMBER && h->kind != RG_HEAD_CATEGORY : (int)rg_read_u32(r);
    if (!r->failure && (h->month_ends > 1 || (h->month_ends && (h->kind == RG_HEAD_NUMBER || h->kind == RG_HEAD_CATEGORY))))
        r->failure = "an event column's month ends are invalid (corrupt file)";
    h->echoes = version < 7 ? 0 : rg_read_u32(r);
    if (!r->failure && h->echoes && (h->echoes > RG_MAX_CLOCKS || h->kind != RG_HEAD_GAP))
        r->failure = "an event column's echoes are invalid (corrupt file)";
    if (r->failure)
        h->echoes = 0;
    h->repeats = version < 9 ? 0 : (int)rg_read_u32(r);
    if (!r->failure && (h->repeats > 1 || (h->repeats && h->kind != RG_HEAD_CATEGORY)))
        r->failure = "an event column's repeat token is invalid (corrupt file)";
    if (r->failure)
        h->repeats = 0;
}

/* The shares of a ratio head (files of version 4 on): ascending positive edges, means inside. */
static void read_ratios(rg_head *h, rg_reader *r, uint32_t version)
{
    h->ratio_bins = version < 4 ? 0 : rg_read_count(r, 4096);
    if (!r->failure && h->ratio_bins && h->kind != RG_HEAD_NUMBER)
        r->failure = "an event column's shares are invalid (corrupt file)";
    if (r->failure)
        h->ratio_bins = 0;
    h->ratio_edges = rg_calloc(h->ratio_bins + 2, sizeof *h->ratio_edges);
    h->ratio_means = rg_calloc(h->ratio_bins + 1, sizeof *h->ratio_means);
    for (size_t b = 0; h->ratio_edges && !r->failure && h->ratio_bins && b <= h->ratio_bins; b++)
        if (!((h->ratio_edges[b] = rg_read_f64(r)) > 0) || !isfinite(h->ratio_edges[b]) ||
            (b > 0 && h->ratio_edges[b] < h->ratio_edges[b - 1]))
            r->failure = "an event column's shares are invalid (corrupt file)";
    for (size_t b = 0; h->ratio_means && !r->failure && b < h->ratio_bins; b++)
        if (!((h->ratio_means[b] = rg_read_f64(r)) >= h->ratio_edges[b] && h->ratio_means[b] <= h->ratio_edges[b + 1]))
            r->failure = "an event column's shares are invalid (corrupt file)";
    if (r->failure)
        h->ratio_bins = 0;
}

/* A head as rg_head_write wrote it; its token layout follows from what is read (levels, exact
 * values, bins, roundness classes, month ends, period, shares). */
riskgan_status rg_head_read(rg_head *h, rg_reader *r, int inputs, uint32_t version)
{
    memset(h, 0, sizeof *h);
    uint32_t kind = rg_read_u32(r);
    h->column = rg_read_string(r);
    h->levels = rg_read_count(r, RG_HEAD_MAX_LEVELS);
    if (!r->failure && (kind > RG_HEAD_NUMBER || !h->column))
        r->failure = "an event head is invalid (corrupt file)";
    h->kind = (rg_head_kind)kind;
    h->level_names = rg_calloc(h->levels + 1, sizeof *h->level_names);
    for (size_t l = 0; h->level_names && !r->failure && l < h->levels; l++)
        if (!(h->level_names[l] = rg_read_string(r)) && !r->failure)
            r->failure = "an event level is invalid (corrupt file)";
    h->exact_count = rg_read_count(r, RG_HEAD_MAX_EXACT);
    h->exact = rg_calloc(h->exact_count + 1, sizeof *h->exact);
    for (size_t e = 0; h->exact && !r->failure && e < h->exact_count; e++)
        if (!isfinite(h->exact[e] = rg_read_f64(r)))
            r->failure = "an exact event value is not finite (corrupt file)";
    h->bins = rg_read_count(r, 4096);
    h->edges = rg_calloc(h->bins + 2, sizeof *h->edges);
    for (size_t b = 0; h->edges && !r->failure && h->bins && b <= h->bins; b++)
        if (!isfinite(h->edges[b] = rg_read_f64(r)) || (b > 0 && h->edges[b] < h->edges[b - 1]))
            r->failure = "the bins of an event column are invalid (corrupt file)";
    h->means = rg_calloc(h->bins + 1, sizeof *h->means);
    for (size_t b = 0; h->means && !r->failure && b < h->bins; b++)
        if (!((h->means[b] = rg_read_f64(r)) >= h->edges[b] && h->means[b] <= h->edges[b + 1]))
            r->failure = "the bins of an event column are invalid (corrupt file)";
    h->decimals = (int)rg_read_u32(r) - 1;
    h->integer = (int)rg_read_u32(r);
    h->missing_seen = (int)rg_read_u32(r);
    if (!r->failure && (h->decimals < -1 || h->decimals > 30 || h->integer > 1 || h->missing_seen > 1))
        r->failure = "an event column's format is invalid (corrupt file)";
    read_steps_and_period(h, r, version);
    read_ratios(h, r, version);
    if (!h->level_names || !h->exact || !h->edges || !h->means || !h->ratio_edges || !h->ratio_means)
        return RISKGAN_ERR_NO_MEMORY;
    rg_head_set_tokens(h);
    riskgan_status status = r->failure ? RISKGAN_OK : rg_mlp_read(&h->net, r, inputs);
    if (status == RISKGAN_OK && !r->failure && h->net.layers != 2) /* the samplers' workspace is shaped for two */
        r->failure = "an event network has another number of layers than two (corrupt file)";
    else if (status == RISKGAN_OK && !r->failure && (size_t)h->net.dim[h->net.layers] != h->outputs)
        r->failure = "an event network does not match its tokens (corrupt file)";
    return status;
}
