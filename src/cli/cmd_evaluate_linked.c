/* cmd_evaluate_linked.c — linked tables judged against the real ones: the library's report
 * written as JSON and HTML, and its headline numbers printed. */
#include "cmd_evaluate_linked.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"

static double number(const cJSON *item, const char *key)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(item, key);
    return cJSON_IsNumber(n) ? n->valuedouble : NAN;
}

/* Element i of a [real, synthetic] pair. */
static double pair(const cJSON *item, const char *key, int i)
{
    const cJSON *n = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(item, key), i);
    return cJSON_IsNumber(n) ? n->valuedouble : NAN;
}

static void print_child(const cJSON *c)
{
    const cJSON *rules = cJSON_GetObjectItemCaseSensitive(c, "rules"), *events = cJSON_GetObjectItemCaseSensitive(c, "events");
    printf("%s (child of %s)\n", c->string, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "parent")));
    printf("  children per parent   KS %.3f; none: real %.1f %%, synthetic %.1f %%; mean %.2f vs %.2f\n",
           number(c, "children_ks"), 100 * pair(c, "children_zero_share", 0), 100 * pair(c, "children_zero_share", 1),
           pair(c, "children_mean", 0), pair(c, "children_mean", 1));
    if (cJSON_GetObjectItemCaseSensitive(rules, "balance"))
        printf("  running balance       kept by %.1f %% of events (real %.1f %%); first events from zero %.1f %% (real "
               "%.1f %%)\n", 100 * pair(rules, "balance", 1), 100 * pair(rules, "balance", 0),
               100 * pair(rules, "first_balance", 1), 100 * pair(rules, "first_balance", 0));
    printf("  not before the parent %.1f %% of rows (real %.1f %%); in order %.1f %% (real %.1f %%)\n",
           100 * pair(rules, "after_parent", 1), 100 * pair(rules, "after_parent", 0), 100 * pair(rules, "ordered", 1),
           100 * pair(rules, "ordered", 0));
    const cJSON *first;
    cJSON_ArrayForEach(first, cJSON_GetObjectItemCaseSensitive(c, "first_events"))
        printf("  first event's %-8s '%s' in %.1f %% (real %.1f %%), agreement %.3f\n", first->string,
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(first, "most_common")),
               100 * pair(first, "share", 1), 100 * pair(first, "share", 0), number(first, "agreement"));
    printf("  events                accuracy %.3f (univariate %.3f, bivariate %.3f); detection AUC %.3f\n",
           number(events, "accuracy"), number(events, "univariate_accuracy"), number(events, "bivariate_accuracy"),
           number(events, "detection_auc"));
}

static void print_summary(const char *json)
{
    cJSON *root = cJSON_Parse(json);
    const cJSON *item;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "tables"))
        printf("%-12s rows %6.0f (real %6.0f)  column shapes %.3f  pair trends %.3f\n", item->string,
               number(item, "synthetic_rows"), number(item, "real_rows"), number(item, "column_shapes"),
               number(item, "pair_trends"));
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "children"))
        print_child(item);
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "profiles"))
        printf("%s profiles: detection AUC %.3f (%.0f columns); DCR median %.4f vs real %.4f; exact copies %.0f "
               "(real profiles equal to another real one: %.0f)\n",
               item->string, number(item, "detection_auc"), number(item, "columns"),
               number(item, "dcr_synthetic_median"), number(item, "dcr_real_median"),
               number(item, "exact_profile_copies"), number(item, "real_profile_twins"));
    const cJSON *privacy = cJSON_GetObjectItemCaseSensitive(root, "privacy");
    printf("leaks: %.0f real keys reused, %.0f rare real values generated\n", number(privacy, "real_keys_reused"),
           number(privacy, "rare_values_generated"));
    const cJSON *utility = cJSON_GetObjectItemCaseSensitive(root, "utility");
    if (utility)
        printf("utility (%s): TSTR %.3f, TRTR %.3f (XGBoost ROC-AUC on real parents)\n",
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(utility, "target")), number(utility, "tstr_auc"),
               number(utility, "trtr_auc"));
    cJSON_Delete(root);
}

/* DIR or DIR/metadata.json. */
static char *metadata_of(const char *path)
{
    size_t n = strlen(path);
    char *out = malloc(n + 16);
    if (out)
        snprintf(out, n + 16, "%s%s", path, n > 5 && strcmp(path + n - 5, ".json") == 0 ? "" : "/metadata.json");
    return out;
}

int evaluate_linked(const linked_evaluation *a)
{
    char *synthetic_metadata = metadata_of(a->synthetic), *json = NULL;
    riskgan_dataset *real = NULL, *synthetic = NULL;
    riskgan_status status = synthetic_metadata ? riskgan_dataset_read(a->metadata, &real) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = riskgan_dataset_read(synthetic_metadata, &synthetic);
    if (status == RISKGAN_OK)
        status = riskgan_relational_evaluate(real, synthetic, &a->options, &json);
    if (status == RISKGAN_OK && a->json)
        status = riskgan_write_file(a->json, json, strlen(json));
    if (status == RISKGAN_OK && a->html)
        status = riskgan_relational_report_html(json, real, synthetic, a->html);
    if (status == RISKGAN_OK)
        print_summary(json);
    riskgan_free(json);
    riskgan_dataset_free(real), riskgan_dataset_free(synthetic);
    free(synthetic_metadata);
    return status == RISKGAN_OK ? EXIT_OK : cli_library_error(status);
}
