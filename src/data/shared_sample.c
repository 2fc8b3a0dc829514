/* shared_sample.c — counting the ranks' shares, keeping each share's sample rows, agreeing
 * on the sample's level and exchanging the rows (shared_sample.h). */
#include "shared_sample.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/parallel.h"
#include "fit_sample.h"
#include "record_pack.h"
#include "table_builder.h"

enum { LEVELS = 64 };

/* The data rows of one pass over the source (the header excluded). */
static riskgan_status count_rows(const rg_row_source *source, size_t *rows)
{
    rg_row_cursor *cursor;
    riskgan_status status = source->ops->open(source->state, &cursor);
    const rg_field *fields;
    size_t count = 1;
    *rows = 0;
    for (size_t record = 0; status == RISKGAN_OK && count > 0; record++) {
        status = source->ops->next(cursor, &fields, &count);
        *rows += count > 0 && record > 0;
    }
    if (cursor && status != RISKGAN_ERR_NO_MEMORY)
        source->ops->close(cursor);
    return status;
}

/* The level of a row's key: the number of its leading zero bits (it is in every sample of a
 * level up to this). */
static int key_level(uint64_t key)
{
    return key ? __builtin_clzll(key) : LEVELS;
}

typedef struct {
    rg_record_pack header, rows;
    int *level;        /* per kept row */
    size_t kept, room;
    int sample_level;  /* this share's own level */
} kept_rows;

/* Keeps only the rows of at least `level` (the pack rebuilt). */
static riskgan_status keep_level(kept_rows *k, int level)
{
    rg_record_pack survivors = {0};
    rg_row_source like = {0};
    rg_row_source source;
    riskgan_status status = rg_record_source_init(k->rows.data, k->rows.length, &like, &source);
    rg_row_cursor *cursor = NULL;
    if (status == RISKGAN_OK)
        status = source.ops->open(source.state, &cursor);
    size_t count, survived = 0;
    const rg_field *fields;
    for (size_t r = 0; status == RISKGAN_OK && r < k->kept; r++) {
        status = source.ops->next(cursor, &fields, &count);
        if (status == RISKGAN_OK && k->level[r] >= level) {
            k->level[survived++] = k->level[r];
            if (!rg_record_pack_add(&survivors, fields, count))
                status = RISKGAN_ERR_NO_MEMORY;
        }
    }
    if (cursor)
        source.ops->close(cursor);
    if (source.release && status != RISKGAN_ERR_NO_MEMORY)
        source.release(&source);
    rg_record_pack_free(&k->rows);
    k->rows = survivors, k->kept = survived, k->sample_level = level;
    return status;
}

static riskgan_status keep_row(kept_rows *k, const rg_field *fields, size_t count, int level, size_t sample_rows)
{
    if (k->kept == k->room) {
        size_t room = k->room ? 2 * k->room : 1024;
        int *grown = realloc(k->level, room * sizeof *grown);
        if (!grown)
            return RISKGAN_ERR_NO_MEMORY;
        k->level = grown, k->room = room;
    }
    if (!rg_record_pack_add(&k->rows, fields, count))
        return RISKGAN_ERR_NO_MEMORY;
    k->level[k->kept++] = level;
    return k->kept > 2 * sample_rows ? keep_level(k, k->sample_level + 1) : RISKGAN_OK;
}

/* The share's rows in the sample under their global numbers, the level raised while more than
 * 2 x sample_rows are kept (as the table builder does for one reader). */
static riskgan_status keep_sample(const rg_row_source *source, size_t first_number, size_t sample_rows, uint64_t seed,
                                  kept_rows *k)
{
    rg_row_cursor *cursor;
    riskgan_status status = source->ops->open(source->state, &cursor);
    const rg_field *fields;
    size_t count = 1;
    for (size_t record = 0; status == RISKGAN_OK && count > 0; record++) {
        status = source->ops->next(cursor, &fields, &count);
        if (status != RISKGAN_OK || count == 0)
            break;
        if (record == 0) {
            status = rg_record_pack_add(&k->header, fields, count) ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
            continue;
        }
        int level = key_level(rg_fit_sample_key(seed, first_number + record - 1));
        if (level >= k->sample_level)
            status = keep_row(k, fields, count, level, sample_rows);
    }
    if (cursor && status != RISKGAN_ERR_NO_MEMORY)
        source->ops->close(cursor);
    return status;
}

/* The smallest level, at or above every share's own, at which all ranks keep at most
 * 2 x sample_rows rows together. */
static int agreed_level(const kept_rows *k, size_t sample_rows)
{
    double kept[LEVELS + 1];
    for (int l = 0; l <= LEVELS; l++)
        kept[l] = l < k->sample_level ? (double)(2 * sample_rows + 1) : 0;
    for (size_t r = 0; r < k->kept; r++)
        for (int l = k->sample_level; l <= k->level[r]; l++)
            kept[l]++;
    rg_parallel_sum_doubles(kept, LEVELS + 1);
    int level = 0;
    while (level < LEVELS && kept[level] > (double)(2 * sample_rows))
        level++;
    return level;
}

/* Every rank's sample rows, rank by rank, after the header, typed as the share would be. */
static riskgan_status build_sample(const rg_row_source *share, const riskgan_read_options *options, kept_rows *k,
                                   riskgan_table **sample)
{
    char *all;
    size_t total;
    if (!rg_parallel_gather_bytes(k->rows.data, k->rows.length, &all, &total))
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory gathering the fit sample from the ranks");
    char *records = rg_calloc(k->header.length + total + 1, 1);
    riskgan_status status = records ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        memcpy(records, k->header.data, k->header.length);
        memcpy(records + k->header.length, all, total);
        rg_row_source source;
        status = rg_record_source_init(records, k->header.length + total, share, &source);
        if (status == RISKGAN_OK) {
            status = rg_table_build(&source, options, NULL, NULL, sample);
            source.release(&source);
        }
    }
    free(records);
    free(all);
    return status;
}

riskgan_status rg_shared_sample_build(const rg_row_source *share, const riskgan_read_options *options,
                                      size_t sample_rows, uint64_t seed, riskgan_table **sample,
                                      rg_share_counts *counts)
{
    *sample = NULL;
    int ranks = rg_parallel_size(), rank = rg_parallel_rank();
    size_t rows = 0;
    riskgan_status status = (riskgan_status)rg_parallel_worst_status(count_rows(share, &rows));
    if (status != RISKGAN_OK)
        return status;
    double *per_rank = rg_calloc((size_t)ranks, sizeof *per_rank), mine = (double)rows;
    if (!per_rank)
        abort(); /* a double per rank: nothing sensible is left to do (the others wait) */
    rg_parallel_gather_doubles(&mine, 1, per_rank);
    *counts = (rg_share_counts){.rows = rows};
    for (int r = 0; r < ranks; r++) {
        counts->first_number += r < rank ? (size_t)per_rank[r] : 0;
        counts->total_rows += (size_t)per_rank[r];
    }
    free(per_rank);
    kept_rows k = {0};
    status = (riskgan_status)rg_parallel_worst_status(keep_sample(share, counts->first_number, sample_rows, seed, &k));
    if (status == RISKGAN_OK)
        status = (riskgan_status)rg_parallel_worst_status(keep_level(&k, agreed_level(&k, sample_rows)));
    if (status == RISKGAN_OK)
        status = build_sample(share, options, &k, sample);
    rg_record_pack_free(&k.header);
    rg_record_pack_free(&k.rows);
    free(k.level);
    return status;
}
