/* relational_evaluate.c — riskgan_relational_evaluate: per table fidelity, per child table its
 * children per parent, rules, first events, events' accuracy and detection; then the
 * entities (entity_checks.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/json.h"
#include "../core/memory.h"
#include "../core/threads.h"
#include "../data/table.h"
#include "../eval/eval_data.h"
#include "../eval/fidelity.h"
#include "../learn/metrics.h"
#include "accuracy.h"
#include "child_view.h"
#include "entity_checks.h"
#include "event_context.h"
#include "relational_model.h"

void riskgan_relational_evaluate_options_init(riskgan_relational_evaluate_options *o)
{
    memset(o, 0, sizeof *o);
    o->folds = 5;
    o->trees = 200;
    o->rare_count = 5;
}

/* Column shapes and pair trends of table i (keys left out). */
static riskgan_status table_fidelity(const riskgan_dataset *real, const riskgan_dataset *g, size_t i, size_t gi,
                                     cJSON *section)
{
    cJSON *entry = cJSON_AddObjectToObject(section, real->spec.tables[i].name);
    rg_json_number(entry, "real_rows", (double)real->tables[i]->rows);
    rg_json_number(entry, "synthetic_rows", (double)g->tables[gi]->rows);
    riskgan_table *view[2] = {NULL, NULL};
    riskgan_status status = rg_modelled_view(&real->spec, i, real->tables[i], &view[0]);
    if (status == RISKGAN_OK)
        status = rg_modelled_view(&g->spec, gi, g->tables[gi], &view[1]);
    if (status == RISKGAN_OK && view[0]->rows && view[1]->rows && view[0]->columns) {
        const riskgan_table *tables[RG_TABLES] = {view[0], view[0], view[1]};
        rg_eval_data data;
        double shapes = NAN, trends = NAN;
        status = rg_eval_data_build(tables, NULL, NULL, &data);
        if (status == RISKGAN_OK) {
            cJSON *detail = cJSON_CreateObject();
            status = detail ? rg_eval_fidelity(&data, detail, &shapes, &trends) : RISKGAN_ERR_NO_MEMORY;
            cJSON_Delete(detail);
            rg_eval_data_free(&data);
        }
        rg_json_number(entry, "column_shapes", shapes);
        rg_json_number(entry, "pair_trends", trends);
    }
    riskgan_table_free(view[0]), riskgan_table_free(view[1]);
    return status;
}

/* Children per parent: KS of the counts (zeros included), share of parents without any, mean. */
static void child_counts(const rg_child_view *v[2], cJSON *entry)
{
    double *count[2], zero[2], mean[2];
    for (int s = 0; s < 2; s++) {
        const rg_sequences *q = &v[s]->sequences;
        count[s] = rg_calloc(q->parents + 1, sizeof *count[s]);
        size_t none = 0, total = 0;
        for (size_t p = 0; count[s] && p < q->parents; p++) {
            size_t n = rg_sequence_length(q, p);
            count[s][p] = (double)n, none += n == 0, total += n;
        }
        zero[s] = q->parents ? (double)none / (double)q->parents : NAN;
        mean[s] = q->parents ? (double)total / (double)q->parents : NAN;
    }
    double p_value;
    double ks = count[0] && count[1] ? rg_ks_two_sample(count[0], v[0]->sequences.parents, count[1],
                                                       v[1]->sequences.parents, &p_value) : NAN;
    rg_json_number(entry, "children_ks", ks);
    rg_json_numbers(entry, "children_zero_share", zero, 2);
    rg_json_numbers(entry, "children_mean", mean, 2);
    free(count[0]), free(count[1]);
}

/* The share of rows keeping each rule, real then generated. */
static void rules(const rg_child_view *v[2], cJSON *entry)
{
    rg_rule_shares share[2];
    for (int s = 0; s < 2; s++)
        rg_rules_measure(v[s]->dataset, v[s]->child, &v[s]->sequences, &v[s]->rule, &share[s]);
    cJSON *section = cJSON_AddObjectToObject(entry, "rules");
    double balance[2] = {share[0].balance, share[1].balance}, first[2] = {share[0].first_balance, share[1].first_balance};
    double ordered[2] = {share[0].ordered, share[1].ordered}, after[2] = {share[0].after_parent, share[1].after_parent};
    if (v[0]->rule.balance >= 0) {
        rg_json_numbers(section, "balance", balance, 2);
        rg_json_numbers(section, "first_balance", first, 2);
    }
    rg_json_numbers(section, "ordered", ordered, 2);
    rg_json_numbers(section, "after_parent", after, 2);
}

/* The first event's value of category column j: the real data's most common one, its share
 * among real and generated first events, and 1 - TVD over every value. */
static void first_events(const rg_child_view *v[2], const char *column, cJSON *section)
{
    rg_dictionary levels;
    rg_dictionary_init(&levels);
    double *share[2] = {NULL, NULL};
    size_t firsts[2] = {0, 0};
    for (int s = 0; s < 2; s++) {
        const riskgan_table *t = v[s]->dataset->tables[v[s]->child];
        const rg_column *c = &t->column[riskgan_table_find_column(t, column)];
        const rg_sequences *q = &v[s]->sequences;
        share[s] = rg_calloc(t->rows + q->parents + 2, sizeof *share[s]);
        for (size_t p = 0; share[s] && p < q->parents; p++) {
            if (rg_sequence_length(q, p) == 0)
                continue;
            int32_t code = c->codes[q->row[q->start[p]]];
            const char *text = code < 0 ? "(missing)" : rg_dictionary_string(&c->categories, code);
            int32_t level = rg_dictionary_intern(&levels, text, strlen(text));
            if (level >= 0)
                share[s][level] += 1, firsts[s]++;
        }
    }
    if (share[0] && share[1] && firsts[0] && firsts[1]) {
        size_t top = 0;
        double distance = 0;
        for (size_t l = 0; l < levels.count; l++) {
            top = share[0][l] > share[0][top] ? l : top;
            distance += fabs(share[0][l] / (double)firsts[0] - share[1][l] / (double)firsts[1]);
        }
        cJSON *entry = cJSON_AddObjectToObject(section, column);
        cJSON_AddStringToObject(entry, "most_common", rg_dictionary_string(&levels, (int32_t)top));
        double shares[2] = {share[0][top] / (double)firsts[0], share[1][top] / (double)firsts[1]};
        rg_json_numbers(entry, "share", shares, 2);
        rg_json_number(entry, "agreement", 1 - distance / 2);
    }
    free(share[0]), free(share[1]);
    rg_dictionary_free(&levels);
}

/* The events with their context: accuracy of their own columns, detection on all. */
static riskgan_status events(const riskgan_dataset *real, const riskgan_dataset *g, size_t i, size_t gi,
                             const riskgan_relational_evaluate_options *o, cJSON *entry)
{
    riskgan_table *context[2] = {NULL, NULL};
    size_t own[2] = {0, 0};
    riskgan_status status = rg_event_context_build(real, i, &context[0], &own[0]);
    if (status == RISKGAN_OK)
        status = rg_event_context_build(g, gi, &context[1], &own[1]);
    rg_accuracy accuracy = {NAN, NAN, NAN};
    double auc = NAN;
    if (status == RISKGAN_OK)
        status = rg_accuracy_measure(context[0], context[1], own[0], &accuracy);
    if (status == RISKGAN_OK)
        status = rg_entity_detection(context[0], context[1], o, &auc);
    cJSON *section = cJSON_AddObjectToObject(entry, "events");
    rg_json_number(section, "accuracy", accuracy.accuracy);
    rg_json_number(section, "univariate_accuracy", accuracy.univariate);
    rg_json_number(section, "bivariate_accuracy", accuracy.bivariate);
    rg_json_number(section, "detection_auc", auc);
    riskgan_table_free(context[0]), riskgan_table_free(context[1]);
    return status;
}

static riskgan_status child_section(const riskgan_dataset *real, const riskgan_dataset *g, size_t i, size_t gi,
                                    const riskgan_relational_evaluate_options *o, cJSON *section)
{
    rg_child_view views[2];
    riskgan_status status = rg_child_view_open(real, i, &views[0]);
    if (status != RISKGAN_OK)
        return status;
    if ((status = rg_child_view_open(g, gi, &views[1])) != RISKGAN_OK) {
        rg_child_view_close(&views[0]);
        return status;
    }
    const rg_child_view *v[2] = {&views[0], &views[1]};
    cJSON *entry = cJSON_AddObjectToObject(section, real->spec.tables[i].name);
    cJSON_AddStringToObject(entry, "parent", real->spec.tables[views[0].parent].name);
    child_counts(v, entry);
    rules(v, entry);
    cJSON *firsts = cJSON_AddObjectToObject(entry, "first_events");
    const riskgan_table *t = real->tables[i];
    int keep[t->columns + 1];
    rg_modelled_columns(&real->spec, i, t, keep);
    for (size_t j = 0; j < t->columns; j++)
        if (keep[j] && !rg_column_is_numeric(&t->column[j]) &&
            riskgan_table_find_column(g->tables[gi], t->column[j].name) >= 0 &&
            !rg_column_is_numeric(&g->tables[gi]->column[riskgan_table_find_column(g->tables[gi], t->column[j].name)]))
            first_events(v, t->column[j].name, firsts);
    status = events(real, g, i, gi, o, entry);
    rg_child_view_close(&views[0]), rg_child_view_close(&views[1]);
    return status;
}

static riskgan_status evaluate(const riskgan_dataset *real, const riskgan_dataset *g,
                               const riskgan_relational_evaluate_options *o, cJSON *root)
{
    cJSON *tables = cJSON_AddObjectToObject(root, "tables"), *children = cJSON_AddObjectToObject(root, "children");
    riskgan_status status = RISKGAN_OK;
    for (size_t i = 0; i < real->spec.table_count && status == RISKGAN_OK; i++) {
        long gi = riskgan_dataset_find_table(g, real->spec.tables[i].name);
        if (gi < 0 || (rg_dataset_spec_parent(&real->spec, i) < 0) != (rg_dataset_spec_parent(&g->spec, (size_t)gi) < 0))
            return rg_fail(RISKGAN_ERR_SCHEMA, "the generated data has no table '%s' in the same place",
                           real->spec.tables[i].name);
        status = table_fidelity(real, g, i, (size_t)gi, tables);
        if (status == RISKGAN_OK && rg_dataset_spec_parent(&real->spec, i) >= 0)
            status = child_section(real, g, i, (size_t)gi, o, children);
    }
    if (status == RISKGAN_OK)
        status = rg_entity_profiles(real, g, o, cJSON_AddObjectToObject(root, "profiles"));
    cJSON *privacy = cJSON_AddObjectToObject(root, "privacy");
    if (status == RISKGAN_OK)
        rg_entity_leaks(real, g, o->rare_count, privacy);
    if (status == RISKGAN_OK)
        status = rg_entity_utility(real, g, o, root);
    return status;
}

riskgan_status riskgan_relational_evaluate(const riskgan_dataset *real, const riskgan_dataset *synthetic,
                                           const riskgan_relational_evaluate_options *o, char **json)
{
    *json = NULL;
    rg_thread_counts threads = rg_threads_push(o->threads);
    cJSON *root = cJSON_CreateObject();
    riskgan_status status = root ? evaluate(real, synthetic, o, root) : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK && !(*json = cJSON_Print(root)))
        status = RISKGAN_ERR_NO_MEMORY;
    cJSON_Delete(root);
    rg_threads_pop(threads);
    return status;
}
