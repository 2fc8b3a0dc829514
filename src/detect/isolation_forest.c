/* isolation_forest.c — growing, scoring, storing isolation trees (see isolation_forest.h). */
#include "isolation_forest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/rng.h"

static const double euler_gamma = 0.5772156649015329;

static double average_path(double n)
{
    if (n <= 1)
        return 0;
    if (n <= 2)
        return 1;
    return 2 * (log(n - 1) + euler_gamma) - 2 * (n - 1) / n;
}

/* Leaves hold at most a subsample's rows: their values are computed once (the same doubles). */
enum { TABULATED = 4097 };
static double tabulated[TABULATED];
static once_flag tabulated_once = ONCE_FLAG_INIT;

static void tabulate(void)
{
    for (size_t n = 0; n < TABULATED; n++)
        tabulated[n] = average_path((double)n);
}

double rg_iforest_average_path(double n)
{
    if (n >= 0 && n < TABULATED && n == (double)(size_t)n) {
        call_once(&tabulated_once, tabulate);
        return tabulated[(size_t)n];
    }
    return average_path(n);
}

typedef struct {
    const double *x;
    size_t features;
    int height_limit;
    rg_itree_node *nodes;
    size_t count;
    size_t *order; /* candidate features, shuffled per node */
    rg_rng rng;
} tree_builder;

/* Grows the node holding rows[0..n) at `depth`; returns its index. */
static uint32_t grow(tree_builder *b, size_t *rows, size_t n, int depth)
{
    uint32_t index = (uint32_t)b->count++;
    rg_itree_node *node = &b->nodes[index];
    node->feature = -1;
    node->size = (uint32_t)n;
    if (depth >= b->height_limit || n <= 1)
        return index;
    for (size_t k = b->features; k > 1; k--) { /* a random order of features */
        size_t pick = (size_t)rg_rng_below(&b->rng, k);
        size_t swap = b->order[k - 1];
        b->order[k - 1] = b->order[pick];
        b->order[pick] = swap;
    }
    for (size_t k = 0; k < b->features; k++) { /* the first one that is not constant here */
        size_t q = b->order[b->features - 1 - k];
        double low = b->x[rows[0] * b->features + q], high = low;
        for (size_t i = 1; i < n; i++) {
            double v = b->x[rows[i] * b->features + q];
            low = v < low ? v : low;
            high = v > high ? v : high;
        }
        if (!(high > low))
            continue;
        double cut = low + rg_rng_uniform(&b->rng) * (high - low);
        if (cut <= low)
            cut = nextafter(low, high);
        size_t left = 0;
        for (size_t i = 0; i < n; i++)
            if (b->x[rows[i] * b->features + q] < cut) {
                size_t swap = rows[i];
                rows[i] = rows[left];
                rows[left++] = swap;
            }
        uint32_t l = grow(b, rows, left, depth + 1);
        uint32_t r = grow(b, rows + left, n - left, depth + 1);
        node = &b->nodes[index];
        node->feature = (int32_t)q;
        node->cut = cut;
        node->left = l;
        node->right = r;
        return index;
    }
    return index; /* every feature constant: a leaf */
}

riskgan_status rg_iforest_fit(const double *x, size_t rows, size_t features, size_t trees, size_t subsample,
                              uint64_t seed, rg_iforest *out)
{
    memset(out, 0, sizeof *out);
    if (rows < 2 || features == 0 || trees == 0 || subsample < 2)
        return rg_fail(RISKGAN_ERR_INVALID_ARGUMENT, "an isolation forest needs at least 2 rows, a feature, a tree "
                       "and a subsample of 2");
    if (subsample > rows)
        subsample = rows;
    size_t per_tree = 2 * subsample - 1;
    out->trees = trees, out->subsample = subsample, out->features = features;
    out->first = rg_calloc(trees, sizeof *out->first);
    out->count = rg_calloc(trees, sizeof *out->count);
    out->nodes = rg_calloc(trees * per_tree, sizeof *out->nodes);
    if (!out->first || !out->count || !out->nodes) {
        rg_iforest_free(out);
        return RISKGAN_ERR_NO_MEMORY;
    }
    int height_limit = (int)ceil(log2((double)subsample));
    int failed = 0;
#pragma omp parallel for schedule(dynamic) reduction(| : failed)
    for (size_t t = 0; t < trees; t++) {
        tree_builder b = {.x = x, .features = features, .height_limit = height_limit,
                          .nodes = out->nodes + t * per_tree};
        size_t *sample = malloc(subsample * sizeof *sample);
        b.order = malloc(features * sizeof *b.order);
        uint32_t *all = malloc(rows * sizeof *all);
        if (!sample || !b.order || !all) {
            failed = 1;
        } else {
            rg_rng_seed(&b.rng, seed * 0x9E3779B97F4A7C15ULL + t + 1);
            for (size_t i = 0; i < rows; i++)
                all[i] = (uint32_t)i;
            for (size_t i = 0; i < subsample; i++) { /* partial Fisher-Yates: a sample without replacement */
                size_t pick = i + (size_t)rg_rng_below(&b.rng, rows - i);
                uint32_t swap = all[i];
                all[i] = all[pick];
                all[pick] = swap;
                sample[i] = all[i];
            }
            for (size_t q = 0; q < features; q++)
                b.order[q] = q;
            grow(&b, sample, subsample, 0);
            out->first[t] = t * per_tree;
            out->count[t] = b.count;
        }
        free(sample);
        free(b.order);
        free(all);
    }
    if (failed) {
        rg_iforest_free(out);
        return rg_fail(RISKGAN_ERR_NO_MEMORY, "out of memory growing the isolation forest");
    }
    return RISKGAN_OK;
}

void rg_iforest_free(rg_iforest *forest)
{
    free(forest->first);
    free(forest->count);
    free(forest->nodes);
    memset(forest, 0, sizeof *forest);
}

/* Path length of `row` in tree t, crediting attribution as it goes (may be NULL). */
static double tree_path(const rg_iforest *forest, size_t t, const double *row, double *attribution)
{
    const rg_itree_node *nodes = forest->nodes + forest->first[t];
    uint32_t at = 0;
    double edges = 0;
    while (nodes[at].feature >= 0) {
        const rg_itree_node *node = &nodes[at];
        uint32_t next = row[node->feature] < node->cut ? node->left : node->right;
        if (attribution)
            attribution[node->feature] += (double)(node->size - nodes[next].size) / (double)node->size;
        at = next;
        edges++;
    }
    return edges + rg_iforest_average_path((double)nodes[at].size);
}

double rg_iforest_path_length(const rg_iforest *forest, const double *row)
{
    double total = 0;
    for (size_t t = 0; t < forest->trees; t++)
        total += tree_path(forest, t, row, NULL);
    return total / (double)forest->trees;
}

double rg_iforest_score(const rg_iforest *forest, const double *row, double *attribution)
{
    if (attribution)
        memset(attribution, 0, forest->features * sizeof *attribution);
    double total = 0;
    for (size_t t = 0; t < forest->trees; t++)
        total += tree_path(forest, t, row, attribution);
    if (attribution)
        for (size_t q = 0; q < forest->features; q++)
            attribution[q] /= (double)forest->trees;
    double mean = total / (double)forest->trees;
    return pow(2.0, -mean / rg_iforest_average_path((double)forest->subsample));
}

void rg_iforest_write(const rg_iforest *forest, rg_writer *writer)
{
    rg_write_u64(writer, forest->trees);
    rg_write_u64(writer, forest->subsample);
    for (size_t t = 0; t < forest->trees; t++) {
        const rg_itree_node *nodes = forest->nodes + forest->first[t];
        rg_write_u64(writer, forest->count[t]);
        for (size_t i = 0; i < forest->count[t]; i++) {
            rg_write_u32(writer, (uint32_t)(nodes[i].feature + 1));
            rg_write_u32(writer, nodes[i].left);
            rg_write_u32(writer, nodes[i].right);
            rg_write_u32(writer, nodes[i].size);
            rg_write_f64(writer, nodes[i].cut);
        }
    }
}

/* A tree is valid when every split has two children after it (no cycles), features are in
 * range, and each node holds its children's rows. */
static int valid_tree(const rg_itree_node *nodes, size_t count, size_t features, size_t subsample)
{
    for (size_t i = 0; i < count; i++) {
        const rg_itree_node *n = &nodes[i];
        if (n->size > subsample || (i == 0 && n->size < 1) || n->feature < -1)
            return 0;
        if (n->feature < 0)
            continue;
        if ((size_t)n->feature >= features || n->left <= i || n->right <= i || n->left >= count ||
            n->right >= count || n->size < 1 || nodes[n->left].size + nodes[n->right].size != n->size ||
            isnan(n->cut))
            return 0;
    }
    return 1;
}

riskgan_status rg_iforest_read(rg_iforest *forest, rg_reader *reader, size_t features)
{
    memset(forest, 0, sizeof *forest);
    enum { node_bytes = 24 };
    uint64_t trees = rg_read_items(reader, 100000, 8), subsample = rg_read_u64(reader);
    if (reader->failure || trees == 0 || subsample < 2 || subsample > (1u << 24))
        return rg_fail(RISKGAN_ERR_FORMAT, "the isolation forest's shape is invalid");
    forest->trees = trees, forest->subsample = subsample, forest->features = features;
    forest->first = rg_calloc(trees, sizeof *forest->first);
    forest->count = rg_calloc(trees, sizeof *forest->count);
    if (!forest->first || !forest->count) {
        rg_iforest_free(forest);
        return RISKGAN_ERR_NO_MEMORY;
    }
    size_t total = 0;
    for (size_t t = 0; t < trees; t++) {
        uint64_t count = rg_read_items(reader, 2 * subsample - 1, node_bytes);
        if (reader->failure || count == 0)
            break;
        rg_itree_node *grown = rg_realloc_array(forest->nodes, total + count, sizeof *grown);
        if (!grown) {
            rg_iforest_free(forest);
            return RISKGAN_ERR_NO_MEMORY;
        }
        forest->nodes = grown;
        forest->first[t] = total;
        forest->count[t] = count;
        for (size_t i = 0; i < count; i++) {
            rg_itree_node *n = &forest->nodes[total + i];
            uint32_t stored = rg_read_u32(reader); /* the feature + 1; 0: a leaf */
            if (stored == 0)
                n->feature = -1;
            else if (stored > features)
                n->feature = -2; /* out of range: refused by valid_tree */
            else
                n->feature = (int32_t)(stored - 1);
            n->left = rg_read_u32(reader);
            n->right = rg_read_u32(reader);
            n->size = rg_read_u32(reader);
            n->cut = rg_read_f64(reader);
        }
        if (reader->failure || !valid_tree(forest->nodes + total, count, features, subsample)) {
            rg_iforest_free(forest);
            return rg_fail(RISKGAN_ERR_FORMAT, "isolation tree %zu is invalid%s%s", t + 1,
                           reader->failure ? ": " : "", reader->failure ? reader->failure : "");
        }
        total += count;
    }
    if (reader->failure) {
        rg_iforest_free(forest);
        return rg_fail(RISKGAN_ERR_FORMAT, "%s", reader->failure);
    }
    return RISKGAN_OK;
}
