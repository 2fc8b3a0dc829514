/* fidelity.c — how closely the synthetic columns and column pairs follow the real ones
 * (definitions: docs/metrics.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "fidelity.h"
#include "../core/json.h"
#include "../learn/metrics.h"

enum { HISTOGRAM_BINS = 20, PAIR_BINS = 10, PAIR_MAX_LEVELS = 50, SHOWN_LEVELS = 30 };

static void level_shares(const rg_eval_column *c, int table, size_t rows, double *share)
{
    memset(share, 0, c->levels * sizeof *share);
    for (size_t r = 0; r < rows; r++)
        share[c->code[table][r]] += 1.0 / rows;
}

static double missing_share(const double *values, size_t n)
{
    size_t missing = 0;
    for (size_t i = 0; i < n; i++)
        missing += isnan(values[i]);
    return n ? (double)missing / n : 0;
}

static riskgan_status column_shape(const rg_eval_data *data, const rg_eval_column *c, cJSON *entry, double *score)
{
    size_t nr = data->rows[RG_TRAIN], ns = data->rows[RG_SYNTHETIC];
    cJSON_AddStringToObject(entry, "name", c->name);
    cJSON_AddStringToObject(entry, "type", c->discrete ? "discrete" : "continuous");
    cJSON *histogram = cJSON_AddObjectToObject(entry, "histogram");
    if (c->discrete) {
        double *real = rg_calloc(c->levels, sizeof *real), *synthetic = rg_calloc(c->levels, sizeof *synthetic);
        if (!real || !synthetic) {
            free(real), free(synthetic);
            return RISKGAN_ERR_NO_MEMORY;
        }
        level_shares(c, RG_TRAIN, nr, real);
        level_shares(c, RG_SYNTHETIC, ns, synthetic);
        *score = 1 - rg_total_variation(real, synthetic, c->levels);
        /* the chi-square test runs on counts, not shares */
        double statistic = NAN, p = NAN;
        double *real_counts = rg_calloc(c->levels, sizeof *real_counts), *synthetic_counts = rg_calloc(c->levels, sizeof *synthetic_counts);
        if (real_counts && synthetic_counts) {
            for (size_t l = 0; l < c->levels; l++)
                real_counts[l] = real[l] * nr, synthetic_counts[l] = synthetic[l] * ns;
            p = rg_chi_square_homogeneity(real_counts, synthetic_counts, c->levels, &statistic);
        }
        cJSON_AddStringToObject(entry, "metric", "tv_complement");
        rg_json_number(entry, "score", *score);
        cJSON_AddStringToObject(entry, "test", "chi_square");
        rg_json_number(entry, "statistic", statistic);
        rg_json_number(entry, "p_value", p);
        /* the most common real levels, in order */
        size_t shown = c->levels < SHOWN_LEVELS ? c->levels : SHOWN_LEVELS;
        size_t *order = rg_calloc(c->levels, sizeof *order);
        cJSON *labels = cJSON_AddArrayToObject(histogram, "labels");
        double *shown_real = rg_calloc(shown, sizeof *shown_real), *shown_synthetic = rg_calloc(shown, sizeof *shown_synthetic);
        if (order && shown_real && shown_synthetic) {
            for (size_t l = 0; l < c->levels; l++)
                order[l] = l;
            for (size_t a = 0; a < shown; a++)
                for (size_t b = a + 1; b < c->levels; b++)
                    if (real[order[b]] > real[order[a]]) {
                        size_t t = order[a];
                        order[a] = order[b], order[b] = t;
                    }
            for (size_t k = 0; k < shown; k++) {
                cJSON_AddItemToArray(labels, cJSON_CreateString(c->level_names[order[k]]));
                shown_real[k] = real[order[k]];
                shown_synthetic[k] = synthetic[order[k]];
            }
            rg_json_numbers(histogram, "real", shown_real, shown);
            rg_json_numbers(histogram, "synthetic", shown_synthetic, shown);
        }
        free(order), free(shown_real), free(shown_synthetic), free(real_counts), free(synthetic_counts);
        free(real), free(synthetic);
        return RISKGAN_OK;
    }
    double p;
    double ks = rg_ks_two_sample(c->value[RG_TRAIN], nr, c->value[RG_SYNTHETIC], ns, &p);
    *score = isnan(ks) ? 0 : 1 - ks;
    cJSON_AddStringToObject(entry, "metric", "ks_complement");
    rg_json_number(entry, "score", *score);
    cJSON_AddStringToObject(entry, "test", "kolmogorov_smirnov");
    rg_json_number(entry, "statistic", ks);
    rg_json_number(entry, "p_value", p);
    rg_json_number(entry, "missing_real", missing_share(c->value[RG_TRAIN], nr));
    rg_json_number(entry, "missing_synthetic", missing_share(c->value[RG_SYNTHETIC], ns));
    double real[HISTOGRAM_BINS] = {0}, synthetic[HISTOGRAM_BINS] = {0}, edges[HISTOGRAM_BINS + 1];
    double width = (c->maximum - c->minimum) / HISTOGRAM_BINS;
    for (int b = 0; b <= HISTOGRAM_BINS; b++)
        edges[b] = c->minimum + b * width;
    for (int t = 0; t < 2; t++) {
        int table = t ? RG_SYNTHETIC : RG_TRAIN;
        double *counts = t ? synthetic : real;
        size_t present = 0;
        for (size_t r = 0; r < data->rows[table]; r++) {
            double v = c->value[table][r];
            if (isnan(v))
                continue;
            long b = width > 0 ? (long)floor((v - c->minimum) / width) : 0;
            b = b < 0 ? 0 : b >= HISTOGRAM_BINS ? HISTOGRAM_BINS - 1 : b;
            counts[b]++;
            present++;
        }
        for (int b = 0; b < HISTOGRAM_BINS; b++)
            counts[b] = present ? counts[b] / present : 0;
    }
    rg_json_numbers(histogram, "edges", edges, HISTOGRAM_BINS + 1);
    /* the range as the column writes its values: dates as dates, amounts with their decimals */
    const riskgan_table *train = data->table[RG_TRAIN];
    long source = riskgan_table_find_column(train, c->name);
    char low[64], high[64];
    riskgan_table_format_value(train, (size_t)source, edges[0], low, sizeof low);
    riskgan_table_format_value(train, (size_t)source, edges[HISTOGRAM_BINS], high, sizeof high);
    cJSON *range = cJSON_AddArrayToObject(histogram, "range_text");
    cJSON_AddItemToArray(range, cJSON_CreateString(low));
    cJSON_AddItemToArray(range, cJSON_CreateString(high));
    rg_json_numbers(histogram, "real", real, HISTOGRAM_BINS);
    rg_json_numbers(histogram, "synthetic", synthetic, HISTOGRAM_BINS);
    return RISKGAN_OK;
}

/* Bins of a column for contingency tables: discrete levels (the most common
 * PAIR_MAX_LEVELS - 1 real levels, the rest pooled), or 10 real-quantile bins plus a
 * missing bin. */
typedef struct {
    size_t bins;
    int32_t *bin[2]; /* train, synthetic */
} binned_column;

static riskgan_status bin_column(const rg_eval_data *data, const rg_eval_column *c, binned_column *out)
{
    int tables[2] = {RG_TRAIN, RG_SYNTHETIC};
    for (int t = 0; t < 2; t++)
        if (!(out->bin[t] = rg_calloc(data->rows[tables[t]], sizeof(int32_t))))
            return RISKGAN_ERR_NO_MEMORY;
    if (c->discrete) {
        size_t *map = rg_calloc(c->levels, sizeof *map), *count = rg_calloc(c->levels, sizeof *count);
        if (!map || !count) {
            free(map), free(count);
            return RISKGAN_ERR_NO_MEMORY;
        }
        for (size_t r = 0; r < data->rows[RG_TRAIN]; r++)
            count[c->code[RG_TRAIN][r]]++;
        size_t kept = 0;
        for (size_t l = 0; l < c->levels; l++)
            map[l] = PAIR_MAX_LEVELS - 1; /* pooled */
        for (; kept < PAIR_MAX_LEVELS - 1 && kept < c->levels; kept++) {
            size_t best = 0;
            for (size_t l = 1; l < c->levels; l++)
                if (count[l] > count[best])
                    best = l;
            if (count[best] == 0)
                break;
            map[best] = kept;
            count[best] = 0;
        }
        out->bins = c->levels <= kept ? kept : PAIR_MAX_LEVELS;
        for (int t = 0; t < 2; t++)
            for (size_t r = 0; r < data->rows[tables[t]]; r++)
                out->bin[t][r] = (int32_t)map[c->code[tables[t]][r]];
        free(map), free(count);
        return RISKGAN_OK;
    }
    double edges[PAIR_BINS - 1];
    for (int b = 0; b < PAIR_BINS - 1; b++)
        edges[b] = rg_quantile(c->value[RG_TRAIN], data->rows[RG_TRAIN], (b + 1.0) / PAIR_BINS);
    out->bins = PAIR_BINS + 1;
    for (int t = 0; t < 2; t++)
        for (size_t r = 0; r < data->rows[tables[t]]; r++) {
            double v = c->value[tables[t]][r];
            int b = 0;
            if (isnan(v))
                b = PAIR_BINS;
            else
                while (b < PAIR_BINS - 1 && v > edges[b])
                    b++;
            out->bin[t][r] = b;
        }
    return RISKGAN_OK;
}

static double contingency_similarity(const rg_eval_data *data, const binned_column *a, const binned_column *b)
{
    size_t cells = a->bins * b->bins;
    double *real = calloc(cells, sizeof *real), *synthetic = calloc(cells, sizeof *synthetic);
    double score = NAN;
    if (real && synthetic) {
        for (size_t r = 0; r < data->rows[RG_TRAIN]; r++)
            real[(size_t)a->bin[0][r] * b->bins + (size_t)b->bin[0][r]]++;
        for (size_t r = 0; r < data->rows[RG_SYNTHETIC]; r++)
            synthetic[(size_t)a->bin[1][r] * b->bins + (size_t)b->bin[1][r]]++;
        score = 1 - rg_total_variation(real, synthetic, cells);
    }
    free(real), free(synthetic);
    return score;
}

/* Numeric value of a row for correlations: the number, or the parsed level name. */
static double numeric_value(const rg_eval_column *c, int table, size_t r)
{
    if (!c->discrete)
        return c->value[table][r];
    char *end;
    const char *name = c->level_names[c->code[table][r]];
    double v = strtod(name, &end);
    return *end == '\0' && end != name ? v : NAN;
}

static int is_numeric_column(const rg_eval_column *c)
{
    if (!c->discrete)
        return 1;
    for (size_t l = 0; l < c->levels; l++) {
        char *end;
        strtod(c->level_names[l], &end);
        if (*end != '\0' && strcmp(c->level_names[l], "(missing)") != 0)
            return 0;
    }
    return 1;
}

static riskgan_status correlation_matrices(const rg_eval_data *data, cJSON *section)
{
    size_t count = 0, *index = rg_calloc(data->columns, sizeof *index);
    if (!index)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < data->columns; j++)
        if (is_numeric_column(&data->column[j]))
            index[count++] = j;
    cJSON *matrices = cJSON_AddObjectToObject(section, "correlation");
    cJSON *names = cJSON_AddArrayToObject(matrices, "columns");
    for (size_t k = 0; k < count; k++)
        cJSON_AddItemToArray(names, cJSON_CreateString(data->column[index[k]].name));
    int tables[2] = {RG_TRAIN, RG_SYNTHETIC};
    const char *labels[2] = {"real", "synthetic"};
    riskgan_status status = RISKGAN_OK;
    for (int t = 0; t < 2 && status == RISKGAN_OK; t++) {
        size_t rows = data->rows[tables[t]];
        double *values = rg_calloc(count * rows + 1, sizeof *values), *row = rg_calloc(count + 1, sizeof *row);
        if (!values || !row) {
            free(values), free(row);
            status = RISKGAN_ERR_NO_MEMORY;
            break;
        }
        for (size_t k = 0; k < count; k++)
            for (size_t r = 0; r < rows; r++)
                values[k * rows + r] = numeric_value(&data->column[index[k]], tables[t], r);
        cJSON *matrix = cJSON_AddArrayToObject(matrices, labels[t]);
        for (size_t a = 0; a < count; a++) {
            for (size_t b = 0; b < count; b++)
                row[b] = a == b ? 1 : rg_pearson(values + a * rows, values + b * rows, rows);
            cJSON *line = cJSON_CreateArray();
            for (size_t b = 0; b < count; b++)
                cJSON_AddItemToArray(line, isfinite(row[b]) ? cJSON_CreateNumber(row[b]) : cJSON_CreateNull());
            cJSON_AddItemToArray(matrix, line);
        }
        free(values), free(row);
    }
    free(index);
    return status;
}

riskgan_status rg_eval_fidelity(const rg_eval_data *data, cJSON *section, double *shapes, double *trends)
{
    cJSON *columns = cJSON_AddArrayToObject(section, "columns");
    double shape_sum = 0;
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; j < data->columns && status == RISKGAN_OK; j++) {
        cJSON *entry = cJSON_CreateObject();
        cJSON_AddItemToArray(columns, entry);
        double score;
        status = column_shape(data, &data->column[j], entry, &score);
        shape_sum += score;
    }
    binned_column *binned = rg_calloc(data->columns, sizeof *binned);
    if (!binned)
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t j = 0; j < data->columns && status == RISKGAN_OK; j++)
        status = bin_column(data, &data->column[j], &binned[j]);
    cJSON *pairs = cJSON_AddArrayToObject(section, "pairs");
    double trend_sum = 0;
    size_t trend_count = 0;
    for (size_t a = 0; a < data->columns && status == RISKGAN_OK; a++)
        for (size_t b = a + 1; b < data->columns; b++) {
            const rg_eval_column *x = &data->column[a], *y = &data->column[b];
            double score;
            const char *metric;
            if (!x->discrete && !y->discrete) {
                double real = rg_pearson(x->value[RG_TRAIN], y->value[RG_TRAIN], data->rows[RG_TRAIN]);
                double synthetic = rg_pearson(x->value[RG_SYNTHETIC], y->value[RG_SYNTHETIC], data->rows[RG_SYNTHETIC]);
                metric = "correlation_similarity";
                if (isnan(real))
                    continue; /* undefined for the real data: nothing to match */
                score = isnan(synthetic) ? 0.5 : 1 - fabs(real - synthetic) / 2;
            } else {
                metric = "contingency_similarity";
                score = contingency_similarity(data, &binned[a], &binned[b]);
            }
            cJSON *entry = cJSON_CreateObject();
            cJSON_AddStringToObject(entry, "a", x->name);
            cJSON_AddStringToObject(entry, "b", y->name);
            cJSON_AddStringToObject(entry, "metric", metric);
            rg_json_number(entry, "score", score);
            cJSON_AddItemToArray(pairs, entry);
            trend_sum += score;
            trend_count++;
        }
    for (size_t j = 0; binned && j < data->columns; j++)
        free(binned[j].bin[0]), free(binned[j].bin[1]);
    free(binned);
    if (status == RISKGAN_OK)
        status = correlation_matrices(data, section);
    *shapes = shape_sum / data->columns;
    *trends = trend_count ? trend_sum / trend_count : NAN;
    rg_json_number(section, "column_shapes", *shapes);
    rg_json_number(section, "pair_trends", *trends);
    return status;
}
