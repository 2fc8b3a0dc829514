/* describe.c — a dataset in words (`riskgan inspect --metadata`): its tables, how many children
 * each parent has, and the rules that hold across rows with the share of rows keeping them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../core/text.h"
#include "../data/table.h"
#include "dataset.h"
#include "rules.h"
#include "sequences.h"

static void describe_children(FILE *f, const riskgan_dataset *d, size_t child, const rg_sequences *s)
{
    size_t none = 0, most = 0;
    for (size_t p = 0; p < s->parents; p++) {
        size_t n = rg_sequence_length(s, p);
        none += n == 0;
        most = n > most ? n : most;
    }
    double mean = s->parents ? (double)d->tables[child]->rows / (double)s->parents : 0;
    fprintf(f, "  children per parent: mean %.2f, most %zu, %.1f %% of parents have none\n", mean, most,
            s->parents ? 100.0 * (double)none / (double)s->parents : 0);
}

static void describe_rules(FILE *f, const riskgan_dataset *d, size_t child, rg_sequences *s, long index)
{
    rg_balance_rule rule;
    if (rg_balance_rule_find(d, child, s, &rule) != RISKGAN_OK)
        return;
    rg_balance_rule_chain(d->tables[child], index, &rule, s);
    rg_rule_shares shares;
    rg_rules_measure(d, child, s, &rule, &shares);
    const riskgan_table *t = d->tables[child];
    if (rule.balance >= 0)
        fprintf(f, "  rule (%s): %s = previous %s + or - %s, the sign from %s (adds: %zu of %zu values): kept by "
                "%.1f %% of events, first events start from zero in %.1f %%\n", rule.declared ? "declared" : "detected",
                t->column[rule.balance].name, t->column[rule.balance].name, t->column[rule.amount].name,
                t->column[rule.sign].name, rule.credit_count, rule.levels, 100 * shares.balance,
                100 * shares.first_balance);
    if (!isnan(shares.ordered))
        fprintf(f, "  rule: events in order of %s: %.1f %% of consecutive events in the file\n",
                d->spec.tables[child].sequence_index, 100 * shares.ordered);
    if (!isnan(shares.after_parent))
        fprintf(f, "  rule: not before the parent's date: %.1f %% of rows\n", 100 * shares.after_parent);
    rg_balance_rule_free(&rule);
}

static void write_description(FILE *f, const void *object)
{
    const riskgan_dataset *d = object;
    for (size_t t = 0; t < d->spec.table_count; t++) {
        const rg_table_spec *spec = &d->spec.tables[t];
        fprintf(f, "%s: %zu rows, %zu columns%s%s", spec->name, d->tables[t]->rows, d->tables[t]->columns,
                spec->primary_key ? ", key " : "", spec->primary_key ? spec->primary_key : "");
        long k = rg_dataset_spec_parent(&d->spec, t);
        if (k < 0) {
            fprintf(f, " (a root table)\n");
            continue;
        }
        const rg_relationship *r = &d->spec.relationships[k];
        fprintf(f, ", child of %s through %s%s%s\n", r->parent, r->child_key,
                spec->sequence_index ? ", ordered by " : "", spec->sequence_index ? spec->sequence_index : "");
        size_t parent = (size_t)rg_dataset_spec_table(&d->spec, r->parent);
        long index = spec->sequence_index ? riskgan_table_find_column(d->tables[t], spec->sequence_index) : -1;
        rg_sequences s;
        if (rg_sequences_build(d->tables[t], d->parent_row[t], d->tables[parent]->rows, index, &s) != RISKGAN_OK)
            continue;
        describe_children(f, d, t, &s);
        describe_rules(f, d, t, &s, index);
        rg_sequences_free(&s);
    }
}

char *riskgan_dataset_describe(const riskgan_dataset *dataset)
{
    return rg_text_build(write_description, dataset);
}
