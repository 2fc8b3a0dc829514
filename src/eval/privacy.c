/* privacy.c — do synthetic rows sit closer to real customers than unseen real rows do, and
 * can an attacker tell who was in the training data? Distances in one-hot + min-max space
 * (docs/metrics.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/compare.h"
#include "../core/memory.h"
#include "../core/rng.h"
#include "privacy.h"
#include "../core/json.h"
#include "../learn/metrics.h"
#include "nearest_neighbors.h"

enum { DCR_BINS = 30 };

/* Keeps a seeded sample of `cap` of the rows x width matrix x in place (all rows when there
 * are no more): nearest-neighbour statistics are estimated from these query rows, each
 * against every reference row (docs/metrics.md, "Large tables"). Returns the rows kept. */
static size_t sample_queries(float *x, size_t rows, size_t width, size_t cap, rg_rng *rng, uint32_t *order)
{
    if (rows <= cap)
        return rows;
    for (size_t i = 0; i < rows; i++)
        order[i] = (uint32_t)i;
    for (size_t i = 0; i < cap; i++) { /* a partial Fisher-Yates shuffle: the first cap of a permutation */
        size_t j = i + (size_t)rg_rng_below(rng, rows - i);
        uint32_t t = order[i];
        order[i] = order[j], order[j] = t;
    }
    /* ascending, so that moving rows down never overwrites one still to be moved */
    qsort(order, cap, sizeof *order, rg_compare_u32);
    for (size_t i = 0; i < cap; i++)
        memmove(x + i * width, x + (size_t)order[i] * width, width * sizeof *x);
    return cap;
}

/* How far an estimate from n sampled rows can be from the whole table's, with 95 %
 * confidence: a share or any quantile's level (Dvoretzky-Kiefer-Wolfowitz), and an AUC of n
 * rows per class (Hoeffding's bound for two-sample U-statistics). Zero when nothing was sampled. */
static double sampling_error(size_t n, size_t of)
{
    return n >= of ? 0 : sqrt(log(2 / 0.05) / (2.0 * (double)n));
}

static void distance_summary(cJSON *section, const char *name, const double *d, size_t n)
{
    cJSON *entry = cJSON_AddObjectToObject(section, name);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += d[i];
    rg_json_number(entry, "median", rg_quantile(d, n, 0.5));
    rg_json_number(entry, "p5", rg_quantile(d, n, 0.05));
    rg_json_number(entry, "mean", n ? sum / n : NAN);
}

static void histogram(cJSON *object, const char *name, const double *d, size_t n, double top)
{
    double counts[DCR_BINS] = {0};
    for (size_t i = 0; i < n; i++) {
        long b = top > 0 ? (long)(d[i] / top * DCR_BINS) : 0;
        counts[b < 0 ? 0 : b >= DCR_BINS ? DCR_BINS - 1 : b] += 1.0 / n;
    }
    rg_json_numbers(object, name, counts, DCR_BINS);
}

/* Density-ratio membership attack (after DOMIAS, van Breugel et al. 2023): a row is
 * likelier a member where the synthetic data are denser than the population. The test rows
 * are split in two: a reference half estimates the population's density, the other half are
 * the non-members; as many training rows are the members. Densities by the distance to the
 * nearest neighbour (k = 1, density ~ 1 / (N d^D)): score = log d_ref - log d_synthetic (the
 * dimension and the sample sizes only rescale or shift it). */
static riskgan_status density_ratio_attack(const float *train, size_t nr, const float *test, size_t nt,
                                           const float *synthetic, size_t ns, size_t width, size_t most_members,
                                           rg_rng *rng, cJSON *section)
{
    cJSON *attack = cJSON_AddObjectToObject(section, "density_ratio_attack");
    size_t reference = nt / 2, members = nt - reference < nr ? nt - reference : nr;
    members = members < most_members ? members : most_members;
    if (reference < 3 || members < 5 || ns < 2) {
        rg_json_number(attack, "auc", NAN);
        rg_json_number(attack, "tpr_at_1pct_fpr", NAN);
        cJSON_AddNumberToObject(attack, "rows_per_class", 0);
        return RISKGAN_OK;
    }
    float *ref = rg_calloc(reference * width, sizeof(float)), *probe = rg_calloc(2 * members * width, sizeof(float));
    double *d_ref = rg_calloc(2 * members, sizeof(double)), *d_syn = rg_calloc(2 * members, sizeof(double));
    double *score = rg_calloc(2 * members, sizeof(double));
    int *member = rg_calloc(2 * members, sizeof(int));
    uint32_t *order = rg_calloc(nr > nt ? nr : nt, sizeof(uint32_t));
    riskgan_status status = RISKGAN_OK;
    if (!ref || !probe || !d_ref || !d_syn || !score || !member || !order)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        for (size_t i = 0; i < nt; i++)
            order[i] = (uint32_t)i;
        rg_rng_shuffle(rng, order, (uint32_t)nt);
        for (size_t i = 0; i < reference; i++)
            memcpy(ref + i * width, test + (size_t)order[i] * width, width * sizeof(float));
        for (size_t i = 0; i < members; i++) { /* non-members: the other half of the test rows */
            memcpy(probe + (members + i) * width, test + (size_t)order[reference + i] * width, width * sizeof(float));
            member[members + i] = 0;
        }
        for (size_t i = 0; i < nr; i++)
            order[i] = (uint32_t)i;
        rg_rng_shuffle(rng, order, (uint32_t)nr);
        for (size_t i = 0; i < members; i++) {
            memcpy(probe + i * width, train + (size_t)order[i] * width, width * sizeof(float));
            member[i] = 1;
        }
        status = rg_nearest_two(probe, 2 * members, ref, reference, width, d_ref, NULL);
    }
    if (status == RISKGAN_OK)
        status = rg_nearest_two(probe, 2 * members, synthetic, ns, width, d_syn, NULL);
    if (status == RISKGAN_OK) {
        for (size_t i = 0; i < 2 * members; i++)
            score[i] = log(d_ref[i] + 1e-12) - log(d_syn[i] + 1e-12);
        rg_json_number(attack, "auc", rg_roc_auc(score, member, 2 * members));
        rg_json_number(attack, "tpr_at_1pct_fpr", rg_recall_at_fpr(score, member, 2 * members, 0.01));
        cJSON_AddNumberToObject(attack, "rows_per_class", (double)members);
        cJSON_AddNumberToObject(attack, "reference_rows", (double)reference);
    }
    free(ref), free(probe), free(d_ref), free(d_syn), free(score), free(member), free(order);
    return status;
}

riskgan_status rg_eval_privacy(const rg_eval_data *data, const riskgan_evaluate_options *options, cJSON *section)
{
    size_t width = rg_eval_distance_width(data);
    size_t nr = data->rows[RG_TRAIN], nt = data->rows[RG_TEST], ns = data->rows[RG_SYNTHETIC];
    size_t cap = options->neighbor_queries ? options->neighbor_queries : RG_NEIGHBOR_QUERIES;
    float *train = rg_calloc(nr * width, sizeof(float)), *test = rg_calloc(nt * width, sizeof(float));
    float *synthetic = rg_calloc(ns * width, sizeof(float));
    double *dcr_synthetic = rg_calloc(ns, sizeof(double)), *second = rg_calloc(ns, sizeof(double));
    double *dcr_test = rg_calloc(nt, sizeof(double));
    size_t members = nr < nt ? nr : nt;
    members = members < cap / 2 ? members : cap / 2;
    float *probe = rg_calloc(2 * members * width, sizeof(float));
    double *probe_distance = rg_calloc(2 * members, sizeof(double)), *ratio = rg_calloc(ns, sizeof(double));
    int *member = rg_calloc(2 * members, sizeof(int));
    riskgan_status status = RISKGAN_OK;
    if (!train || !test || !synthetic || !dcr_synthetic || !second || !dcr_test || !probe || !probe_distance ||
        !ratio || !member)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        rg_eval_distance_features(data, RG_TRAIN, train);
        rg_eval_distance_features(data, RG_TEST, test);
        rg_eval_distance_features(data, RG_SYNTHETIC, synthetic);
    }
    /* query rows: synthetic and test rows sampled (their copies, the synthetic matrix stays whole) */
    float *synthetic_queries = status == RISKGAN_OK ? rg_calloc(ns * width, sizeof(float)) : NULL;
    float *test_queries = status == RISKGAN_OK ? rg_calloc(nt * width, sizeof(float)) : NULL;
    uint32_t *order = rg_calloc((nr > nt ? nr : nt) > ns ? (nr > nt ? nr : nt) : ns, sizeof *order);
    size_t qs = 0, qt = 0;
    if (status == RISKGAN_OK && (!synthetic_queries || !test_queries || !order))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK) {
        rg_rng rng;
        rg_rng_seed(&rng, options->seed ^ 0x717565726965ULL);
        memcpy(synthetic_queries, synthetic, ns * width * sizeof(float));
        memcpy(test_queries, test, nt * width * sizeof(float));
        qs = sample_queries(synthetic_queries, ns, width, cap, &rng, order);
        qt = sample_queries(test_queries, nt, width, cap, &rng, order);
        status = rg_nearest_two(synthetic_queries, qs, train, nr, width, dcr_synthetic, second);
    }
    if (status == RISKGAN_OK)
        status = rg_nearest_two(test_queries, qt, train, nr, width, dcr_test, NULL);
    free(synthetic_queries);
    free(test_queries);
    ns = qs ? qs : ns, nt = qt ? qt : nt; /* the statistics below are over the query rows */
    if (status == RISKGAN_OK) {
        /* membership inference: equal numbers of training rows (members) and test rows
         * (non-members); the closer a row is to some synthetic row, the likelier a member */
        rg_rng rng;
        rg_rng_seed(&rng, options->seed ^ 0x6d656d626572ULL);
        for (int part = 0; part < 2; part++) {
            size_t available = part ? data->rows[RG_TEST] : nr;
            const float *source = part ? test : train;
            for (size_t i = 0; i < available; i++)
                order[i] = (uint32_t)i;
            rg_rng_shuffle(&rng, order, (uint32_t)available);
            for (size_t i = 0; i < members; i++) {
                memcpy(probe + (part * members + i) * width, source + (size_t)order[i] * width, width * sizeof(float));
                member[part * members + i] = !part;
            }
        }
        status = rg_nearest_two(probe, 2 * members, synthetic, data->rows[RG_SYNTHETIC], width, probe_distance, NULL);
    }
    if (status == RISKGAN_OK) {
        size_t copies = 0;
        for (size_t i = 0; i < ns; i++) {
            copies += dcr_synthetic[i] == 0;
            ratio[i] = second[i] > 0 ? dcr_synthetic[i] / second[i] : 0;
        }
        for (size_t i = 0; i < 2 * members; i++)
            probe_distance[i] = -probe_distance[i];
        distance_summary(section, "dcr_synthetic_to_train", dcr_synthetic, ns);
        distance_summary(section, "dcr_test_to_train", dcr_test, nt);
        rg_json_number(section, "exact_copy_share", (double)copies / ns);
        cJSON_AddNumberToObject(section, "exact_copies", (double)copies);
        rg_json_number(section, "nndr_median", rg_quantile(ratio, ns, 0.5));
        rg_json_number(section, "membership_inference_auc", rg_roc_auc(probe_distance, member, 2 * members));
        rg_json_number(section, "membership_inference_tpr_at_1pct_fpr",
                       rg_recall_at_fpr(probe_distance, member, 2 * members, 0.01));
        cJSON_AddNumberToObject(section, "membership_rows_per_class", (double)members);
        cJSON *sampling = cJSON_AddObjectToObject(section, "sampling");
        cJSON_AddNumberToObject(sampling, "synthetic_query_rows", (double)ns);
        cJSON_AddNumberToObject(sampling, "test_query_rows", (double)nt);
        cJSON_AddNumberToObject(sampling, "membership_rows_per_class", (double)members);
        cJSON_AddNumberToObject(sampling, "confidence", 0.95);
        rg_json_number(sampling, "synthetic_share_error", sampling_error(ns, data->rows[RG_SYNTHETIC]));
        rg_json_number(sampling, "test_share_error", sampling_error(nt, data->rows[RG_TEST]));
        size_t all_members = nr < data->rows[RG_TEST] ? nr : data->rows[RG_TEST];
        rg_json_number(sampling, "membership_auc_error", sampling_error(members, all_members));
        double top = fmax(rg_quantile(dcr_synthetic, ns, 0.99), rg_quantile(dcr_test, nt, 0.99));
        cJSON *h = cJSON_AddObjectToObject(section, "dcr_histogram");
        cJSON_AddNumberToObject(h, "max", top);
        histogram(h, "synthetic", dcr_synthetic, ns, top);
        histogram(h, "test", dcr_test, nt, top);
    }
    if (status == RISKGAN_OK) {
        rg_rng rng;
        rg_rng_seed(&rng, options->seed ^ 0x646f6d696173ULL);
        status = density_ratio_attack(train, nr, test, data->rows[RG_TEST], synthetic, data->rows[RG_SYNTHETIC],
                                      width, cap / 2, &rng, section);
    }
    free(order);
    free(train), free(test), free(synthetic), free(dcr_synthetic), free(second), free(dcr_test);
    free(probe), free(probe_distance), free(ratio), free(member);
    return status;
}
