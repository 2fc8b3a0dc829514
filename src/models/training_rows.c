/* training_rows.c — encoding a rank's shard in memory or streamed to disk, level counts over
 * all ranks, and the block source the CTGAN trainer draws batches from. */
#include "training_rows.h"

#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../core/parallel.h"
#include "../core/rng.h"
#include "../data/table.h"
#include "../data/table_builder.h"
#include "../transform/transformer_encode.h"

/* Rows read from the file per streamed block (then encoded and written out). */
enum { READ_BLOCK_ROWS = 65536 };

typedef struct {
    rg_training_data *data;
    rg_transformer *transformer;
    int partial;
    uint64_t seed;
    size_t first;            /* the number of the shard's first row in the whole table */
    double *level_counts;    /* width: counts of the one-hot cells of kept rows */
    float *encoded;          /* READ_BLOCK_ROWS x width scratch (streaming) */
    unsigned char *unseen;
    const unsigned char *held; /* in memory: rows held out of training (may be NULL) */
} encoding;

static void add_level_counts(const rg_transformer *t, const float *encoded, size_t rows, double *counts)
{
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j < t->columns; j++) {
            const rg_column_encoder *e = &t->column[j];
            if (e->encoding != RG_ENCODE_ONE_HOT)
                continue;
            const float *cells = encoded + r * t->width + e->output_start;
            for (size_t l = 0; l < e->levels; l++)
                counts[e->output_start + l] += cells[l];
        }
}

/* Encodes `table` (rows first_row ... of the file) into out, drops the rows holding unseen
 * values and the rows held out, and counts the kept rows' levels; returns the rows kept in
 * *kept. */
static riskgan_status encode_rows(encoding *c, const riskgan_table *table, size_t first_row, float *out,
                                  unsigned char *unseen, size_t *kept)
{
    const rg_transformer *t = c->transformer;
    memset(unseen, 0, table->rows ? table->rows : 1);
    riskgan_status status = rg_transformer_encode(t, table, c->seed, first_row, out, c->partial ? unseen : NULL);
    *kept = 0;
    for (size_t r = 0; status == RISKGAN_OK && r < table->rows; r++)
        if (!unseen[r] && !(c->held && c->held[r]))
            memmove(out + (*kept)++ * t->width, out + r * t->width, t->width * sizeof(float));
    if (status == RISKGAN_OK)
        add_level_counts(t, out, *kept, c->level_counts);
    return status;
}

static riskgan_status stream_block(const riskgan_table *block, size_t first_row, void *context)
{
    encoding *c = context;
    size_t kept;
    riskgan_status status = encode_rows(c, block, c->first + first_row, c->encoded, c->unseen, &kept);
    c->data->left_out += block->rows - kept;
    c->data->rows += kept;
    return status == RISKGAN_OK ? rg_encoded_store_append(&c->data->store, c->encoded, kept) : status;
}

/* Marks `count` rows of `table` drawn without replacement (seeded) and copies them, in row
 * order, into data->held_out. */
static riskgan_status hold_out(rg_training_data *d, const riskgan_table *table, size_t count, uint64_t seed,
                               unsigned char **held)
{
    size_t rows = table->rows;
    uint32_t *order = rg_calloc(rows + 1, sizeof *order);
    *held = rg_calloc(rows + 1, 1);
    riskgan_status status = order && *held ? rg_table_new_like(table, count, &d->held_out) : RISKGAN_ERR_NO_MEMORY;
    rg_rng rng;
    rg_rng_seed(&rng, seed ^ 0x686f6c646f7574ULL); /* "holdout": its own stream */
    for (size_t r = 0; r < rows; r++)
        order[r] = (uint32_t)r;
    for (size_t k = 0; status == RISKGAN_OK && k < count && k < rows; k++) {
        size_t j = k + (size_t)rg_rng_below(&rng, rows - k);
        uint32_t swap = order[k];
        order[k] = order[j], order[j] = swap;
        (*held)[order[k]] = 1;
    }
    for (size_t r = 0; status == RISKGAN_OK && r < rows; r++)
        if ((*held)[r])
            status = rg_table_append_row(d->held_out, table, r);
    free(order);
    return status;
}

/* Training block rows: an eighth of the memory limit (and at least 1,000 rows). */
static size_t training_block_rows(size_t width, size_t memory_limit)
{
    size_t rows = memory_limit / 8 / (width * sizeof(float) + 64);
    return rows < 1000 ? 1000 : rows;
}

riskgan_status rg_training_data_load(rg_training_data *d, rg_transformer *t, const rg_shard *shard, int partial,
                                     uint64_t seed, size_t memory_limit, int count_levels, size_t held_out)
{
    memset(d, 0, sizeof *d);
    d->transformer = t;
    encoding c = {.data = d, .transformer = t, .partial = partial, .seed = seed,
                  .first = shard->number_offset + shard->first};
    c.level_counts = rg_calloc(t->width, sizeof *c.level_counts);
    if (!c.level_counts)
        return RISKGAN_ERR_NO_MEMORY;
    riskgan_status status = RISKGAN_OK;
    size_t shard_rows = shard->table ? shard->table->rows : shard->end - shard->first;
    size_t row_bytes = t->columns * sizeof(double) + t->width * sizeof(float);
    d->on_disk = !shard->table && shard_rows * row_bytes > memory_limit;
    riskgan_table *table = NULL;
    unsigned char *held = NULL;
    if (d->on_disk) {
        c.encoded = rg_calloc((size_t)READ_BLOCK_ROWS * t->width, sizeof(float));
        c.unseen = rg_calloc(READ_BLOCK_ROWS, 1);
        status = c.encoded && c.unseen ? rg_encoded_store_open(&d->store, t->width, training_block_rows(t->width, memory_limit))
                                       : RISKGAN_ERR_NO_MEMORY;
        rg_row_filter range = {.first = shard->first, .end = shard->end, .block_rows = READ_BLOCK_ROWS,
                               .on_block = stream_block, .context = &c};
        if (status == RISKGAN_OK)
            status = rg_table_build(shard->source, shard->read_options, shard->schema, &range, &table);
    } else {
        rg_row_filter range = {.first = shard->first, .end = shard->end};
        if (!shard->table)
            status = rg_table_build(shard->source, shard->read_options, shard->schema, &range, &table);
        const riskgan_table *rows = shard->table ? shard->table : table;
        if (status == RISKGAN_OK && held_out)
            status = hold_out(d, rows, held_out, seed, &held);
        c.held = held;
        if (status == RISKGAN_OK) {
            d->encoded = rg_calloc(rows->rows * t->width, sizeof(float));
            c.unseen = rg_calloc(rows->rows ? rows->rows : 1, 1);
            status = d->encoded && c.unseen ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
        }
        if (status == RISKGAN_OK)
            status = encode_rows(&c, rows, c.first, d->encoded, c.unseen, &d->rows);
        if (status == RISKGAN_OK)
            d->left_out = rows->rows - d->rows - (d->held_out ? d->held_out->rows : 0);
    }
    riskgan_table_free(table);
    free(held);
    free(c.encoded);
    free(c.unseen);
    status = rg_parallel_worst_status(status);
    double left_out = (double)d->left_out;
    rg_parallel_sum_doubles(&left_out, 1);
    d->left_out = (size_t)left_out;
    if (status == RISKGAN_OK && count_levels) {
        rg_parallel_sum_doubles(c.level_counts, t->width);
        for (size_t j = 0; j < t->columns; j++) {
            rg_column_encoder *e = &t->column[j];
            if (e->encoding == RG_ENCODE_ONE_HOT)
                memcpy(e->level_frequency, c.level_counts + e->output_start, e->levels * sizeof(double));
        }
    }
    free(c.level_counts);
    return status;
}

/* Block `block` of the epoch: in memory the rows themselves; on disk this rank's block
 * `block` modulo its own number of blocks. The sampler is rebuilt and shared each time. */
static riskgan_status load_block(void *context, size_t block, const float **rows, const rg_condition_sampler **sampler)
{
    rg_training_data *d = context;
    const float *encoded = d->encoded;
    size_t count = d->rows;
    riskgan_status status = RISKGAN_OK;
    if (d->on_disk) {
        size_t own = rg_encoded_store_blocks(&d->store);
        status = own ? rg_encoded_store_load(&d->store, block % own) : RISKGAN_OK;
        encoded = d->store.block;
        count = own ? d->store.loaded_rows : 0;
    }
    if (status == RISKGAN_OK && (d->on_disk || !d->sampler.column)) {
        rg_condition_sampler_free(&d->sampler);
        status = rg_condition_sampler_init(&d->sampler, d->transformer, encoded, count, d->target_column,
                                           d->target_weight);
        if (status == RISKGAN_OK)
            status = rg_condition_sampler_share(&d->sampler, count);
    }
    *rows = encoded;
    *sampler = &d->sampler;
    return rg_parallel_worst_status(status);
}

rg_training_rows rg_training_data_rows(rg_training_data *d)
{
    size_t blocks = d->on_disk ? rg_parallel_largest(rg_encoded_store_blocks(&d->store)) : 1;
    return (rg_training_rows){blocks ? blocks : 1, load_block, d};
}

void rg_training_data_free(rg_training_data *d)
{
    free(d->encoded);
    riskgan_table_free(d->held_out);
    rg_encoded_store_close(&d->store);
    rg_condition_sampler_free(&d->sampler);
    memset(d, 0, sizeof *d);
}
