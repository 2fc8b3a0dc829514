/* rules.c — detecting and measuring the rules that hold across a child table's rows. */
#include "rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"

/* A balance and an amount agree to a cent (and to the rounding of large numbers). */
static int agrees(double a, double b)
{
    return fabs(a - b) <= 0.005 + 1e-12 * fabs(a);
}

/* Per category of the sign column: +1 when its events add the amount, -1 subtract, by votes. */
typedef struct {
    double share;
    int *sign;    /* per level */
} candidate;

static double number(const rg_column *c, size_t row)
{
    return c->numbers[row];
}

/* Votes each level's sign on consecutive events, then measures how many events keep it. */
static double score_candidate(const riskgan_table *t, const rg_sequences *s, long b, long a, long g, int *sign)
{
    const rg_column *balance = &t->column[b], *amount = &t->column[a], *group = &t->column[g];
    size_t levels = group->categories.count;
    long *votes = rg_calloc(2 * levels + 1, sizeof *votes);
    if (!votes)
        return 0;
    for (size_t p = 0; p < s->parents; p++)
        for (size_t i = s->start[p] + 1; i < s->start[p + 1]; i++) {
            size_t row = s->row[i], previous = s->row[i - 1];
            int32_t level = group->codes[row];
            double d = number(balance, row) - number(balance, previous), x = number(amount, row);
            if (level < 0 || isnan(d) || isnan(x) || x == 0)
                continue;
            votes[2 * level] += agrees(d, x);
            votes[2 * level + 1] += agrees(d, -x);
        }
    for (size_t l = 0; l < levels; l++)
        sign[l] = votes[2 * l] >= votes[2 * l + 1] ? 1 : -1;
    free(votes);
    size_t kept = 0, events = 0;
    for (size_t p = 0; p < s->parents; p++)
        for (size_t i = s->start[p] + 1; i < s->start[p + 1]; i++, events++) {
            size_t row = s->row[i], previous = s->row[i - 1];
            int32_t level = group->codes[row];
            kept += level >= 0 && agrees(number(balance, row), number(balance, previous) + sign[level] *
                                                                                           number(amount, row));
        }
    return events ? (double)kept / (double)events : 0;
}

static int candidate_columns(const rg_table_spec *spec, const riskgan_table *t, long j, int numeric)
{
    const char *name = t->column[j].name;
    long k = rg_table_spec_column(spec, name);
    if (k < 0 || spec->columns[k].sdtype == RG_SDTYPE_ID || spec->columns[k].sdtype == RG_SDTYPE_DATETIME)
        return 0;
    if (numeric)
        return t->column[j].type == RISKGAN_COLUMN_CONTINUOUS || t->column[j].type == RISKGAN_COLUMN_INTEGER;
    return t->column[j].type == RISKGAN_COLUMN_CATEGORICAL && t->column[j].categories.count <= 12;
}

/* Keeps the rule's credit levels as names (they outlive the table's codes). */
static riskgan_status set_rule(const riskgan_table *t, long b, long a, long g, const int *sign, rg_balance_rule *out)
{
    const rg_column *group = &t->column[g];
    out->balance = b, out->amount = a, out->sign = g;
    out->levels = group->categories.count;
    out->credit_names = rg_calloc(out->levels + 1, sizeof *out->credit_names);
    if (!out->credit_names)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t l = 0; l < out->levels; l++)
        if (sign[l] > 0 && !(out->credit_names[out->credit_count++] =
                                 rg_strdup(rg_dictionary_string(&group->categories, (int32_t)l))))
            return RISKGAN_ERR_NO_MEMORY;
    return RISKGAN_OK;
}

static riskgan_status declared_rule(const riskgan_dataset *d, size_t child, const rg_rule_spec *r, rg_balance_rule *out)
{
    const riskgan_table *t = d->tables[child];
    out->balance = riskgan_table_find_column(t, r->balance);
    out->amount = riskgan_table_find_column(t, r->amount);
    out->sign = riskgan_table_find_column(t, r->sign);
    out->declared = 1;
    if (out->balance < 0 || out->amount < 0 || out->sign < 0 || !rg_column_is_numeric(&t->column[out->balance]) ||
        !rg_column_is_numeric(&t->column[out->amount]) || rg_column_is_numeric(&t->column[out->sign]))
        return rg_fail(RISKGAN_ERR_SCHEMA, "table '%s': the running_balance rule needs numeric columns '%s' and '%s' "
                       "and a categorical column '%s'", d->spec.tables[child].name, r->balance, r->amount, r->sign);
    out->levels = t->column[out->sign].categories.count;
    out->credit_names = rg_calloc(r->credit_count + 1, sizeof *out->credit_names);
    if (!out->credit_names)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; i < r->credit_count; i++)
        if (!(out->credit_names[out->credit_count++] = rg_strdup(r->credits[i])))
            return RISKGAN_ERR_NO_MEMORY;
    return RISKGAN_OK;
}

riskgan_status rg_balance_rule_find(const riskgan_dataset *d, size_t child, const rg_sequences *s,
                                    rg_balance_rule *out)
{
    memset(out, 0, sizeof *out);
    out->balance = out->amount = out->sign = -1;
    const rg_table_spec *spec = &d->spec.tables[child];
    const riskgan_table *t = d->tables[child];
    for (size_t k = 0; k < spec->rule_count; k++)
        if (spec->rules[k].kind == RG_RULE_RUNNING_BALANCE)
            return declared_rule(d, child, &spec->rules[k], out);
    double best = 0.5;
    long chosen[3] = {-1, -1, -1};
    int *sign = rg_calloc(256, sizeof *sign), *best_sign = rg_calloc(256, sizeof *best_sign);
    for (long b = 0; sign && best_sign && b < (long)t->columns; b++)
        for (long a = 0; candidate_columns(spec, t, b, 1) && a < (long)t->columns; a++)
            for (long g = 0; a != b && candidate_columns(spec, t, a, 1) && g < (long)t->columns; g++) {
                if (!candidate_columns(spec, t, g, 0))
                    continue;
                double share = score_candidate(t, s, b, a, g, sign);
                if (share > best) {
                    best = share;
                    chosen[0] = b, chosen[1] = a, chosen[2] = g;
                    memcpy(best_sign, sign, 256 * sizeof *sign);
                }
            }
    riskgan_status status = sign && best_sign ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK && chosen[0] >= 0)
        status = set_rule(t, chosen[0], chosen[1], chosen[2], best_sign, out);
    free(sign), free(best_sign);
    return status;
}

void rg_balance_rule_free(rg_balance_rule *rule)
{
    for (size_t i = 0; i < rule->credit_count; i++)
        free(rule->credit_names[i]);
    free(rule->credit_names);
    memset(rule, 0, sizeof *rule);
    rule->balance = rule->amount = rule->sign = -1;
}

int rg_balance_rule_credits(const rg_balance_rule *rule, const char *text)
{
    for (size_t i = 0; text && i < rule->credit_count; i++)
        if (strcmp(rule->credit_names[i], text) == 0)
            return 1;
    return 0;
}

double rg_balance_rule_signed_amount(const riskgan_table *t, const rg_balance_rule *rule, size_t row)
{
    const rg_column *group = &t->column[rule->sign];
    int32_t code = group->codes[row];
    const char *text = code >= 0 ? rg_dictionary_string(&group->categories, code) : NULL;
    return (rg_balance_rule_credits(rule, text) ? 1 : -1) * number(&t->column[rule->amount], row);
}

enum { MAX_EXHAUSTIVE = 7 };

/* Events of rows[0..n) that keep the balance chain from `before` (NaN: a first event, from 0). */
static size_t chain_score(const riskgan_table *t, const rg_balance_rule *rule, const size_t *rows, size_t n,
                          double before)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        double start = isnan(before) && i == 0 ? 0 : i == 0 ? before : number(&t->column[rule->balance], rows[i - 1]);
        kept += agrees(number(&t->column[rule->balance], rows[i]), start + rg_balance_rule_signed_amount(t, rule, rows[i]));
    }
    return kept;
}

/* Heap's algorithm over the group, keeping the best order found in best[]. */
static void best_permutation(const riskgan_table *t, const rg_balance_rule *rule, size_t *rows, size_t n,
                             double before, size_t *best)
{
    size_t c[MAX_EXHAUSTIVE] = {0}, best_score = chain_score(t, rule, rows, n, before);
    memcpy(best, rows, n * sizeof *rows);
    for (size_t i = 1; i < n && best_score < n;) {
        if (c[i] < i) {
            size_t j = i % 2 ? c[i] : 0, swap = rows[j];
            rows[j] = rows[i], rows[i] = swap;
            size_t score = chain_score(t, rule, rows, n, before);
            if (score > best_score) {
                best_score = score;
                memcpy(best, rows, n * sizeof *rows);
            }
            c[i]++, i = 1;
        } else {
            c[i++] = 0;
        }
    }
    memcpy(rows, best, n * sizeof *rows);
}

/* Greedy: at each place, the first remaining event that continues the chain. */
static void greedy_order(const riskgan_table *t, const rg_balance_rule *rule, size_t *rows, size_t n, double before)
{
    for (size_t i = 0; i < n; i++) {
        double start = i == 0 ? (isnan(before) ? 0 : before) : number(&t->column[rule->balance], rows[i - 1]);
        for (size_t k = i; k < n; k++)
            if (agrees(number(&t->column[rule->balance], rows[k]), start + rg_balance_rule_signed_amount(t, rule, rows[k]))) {
                size_t swap = rows[i];
                rows[i] = rows[k], rows[k] = swap;
                break;
            }
    }
}

void rg_balance_rule_chain(const riskgan_table *t, long index, const rg_balance_rule *rule, rg_sequences *s)
{
    if (index < 0 || rule->balance < 0 || !rg_column_is_numeric(&t->column[index]))
        return;
    const double *x = t->column[index].numbers;
    size_t best[MAX_EXHAUSTIVE];
    for (size_t p = 0; p < s->parents; p++)
        for (size_t i = s->start[p]; i < s->start[p + 1];) {
            size_t end = i + 1;
            while (end < s->start[p + 1] && x[s->row[end]] == x[s->row[i]])
                end++;
            double before = i == s->start[p] ? NAN : number(&t->column[rule->balance], s->row[i - 1]);
            if (end - i > 1 && end - i <= MAX_EXHAUSTIVE)
                best_permutation(t, rule, s->row + i, end - i, before, best);
            else if (end - i > 1)
                greedy_order(t, rule, s->row + i, end - i, before);
            i = end;
        }
}

long rg_parent_date_column(const riskgan_dataset *d, size_t child)
{
    long k = rg_dataset_spec_parent(&d->spec, child);
    const char *index = d->spec.tables[child].sequence_index;
    long j = index ? riskgan_table_find_column(d->tables[child], index) : -1;
    if (k < 0 || j < 0 || d->tables[child]->column[j].type != RISKGAN_COLUMN_DATETIME)
        return -1;
    size_t parent = (size_t)rg_dataset_spec_table(&d->spec, d->spec.relationships[k].parent);
    for (size_t c = 0; c < d->tables[parent]->columns; c++)
        if (d->tables[parent]->column[c].type == RISKGAN_COLUMN_DATETIME)
            return (long)c;
    return -1;
}

/* Shares of the running balance: later events, and first events against zero. */
static void measure_balance(const riskgan_table *t, const rg_sequences *s, const rg_balance_rule *rule,
                            rg_rule_shares *out)
{
    size_t kept = 0, events = 0, first_kept = 0, firsts = 0;
    const rg_column *balance = &t->column[rule->balance];
    for (size_t p = 0; p < s->parents; p++)
        for (size_t i = s->start[p]; i < s->start[p + 1]; i++) {
            size_t row = s->row[i];
            double before = i == s->start[p] ? 0 : number(balance, s->row[i - 1]);
            int ok = agrees(number(balance, row), before + rg_balance_rule_signed_amount(t, rule, row));
            if (i == s->start[p])
                first_kept += ok, firsts++;
            else
                kept += ok, events++;
        }
    out->balance = events ? (double)kept / (double)events : NAN;
    out->first_balance = firsts ? (double)first_kept / (double)firsts : NAN;
}

void rg_rules_measure(const riskgan_dataset *d, size_t child, const rg_sequences *s, const rg_balance_rule *rule,
                      rg_rule_shares *out)
{
    const riskgan_table *t = d->tables[child];
    memset(out, 0, sizeof *out);
    out->balance = out->first_balance = out->ordered = out->after_parent = NAN;
    out->events = t->rows;
    for (size_t p = 0; p < s->parents; p++)
        out->sequences += s->start[p + 1] > s->start[p];
    if (rule && rule->balance >= 0)
        measure_balance(t, s, rule, out);
    const char *index_name = d->spec.tables[child].sequence_index;
    long index = index_name ? riskgan_table_find_column(t, index_name) : -1;
    if (index < 0 || !rg_column_is_numeric(&t->column[index]) || !d->parent_row[child])
        return;
    const double *x = t->column[index].numbers;
    const long *parent = d->parent_row[child];
    size_t ordered = 0, pairs = 0;
    long *last = rg_calloc(s->parents + 1, sizeof *last); /* file order: the previous row of each parent */
    for (size_t p = 0; last && p < s->parents; p++)
        last[p] = -1;
    for (size_t r = 0; last && r < t->rows; r++) {
        if (last[parent[r]] >= 0)
            ordered += x[r] >= x[last[parent[r]]], pairs++;
        last[parent[r]] = (long)r;
    }
    free(last);
    out->ordered = pairs ? (double)ordered / (double)pairs : NAN;
    long parent_date = rg_parent_date_column(d, child);
    if (parent_date < 0)
        return;
    size_t parent_table = (size_t)rg_dataset_spec_table(&d->spec, d->spec.relationships[rg_dataset_spec_parent(
                                                                          &d->spec, child)].parent);
    const double *opened = d->tables[parent_table]->column[parent_date].numbers;
    size_t after = 0;
    for (size_t r = 0; r < t->rows; r++)
        after += x[r] >= opened[parent[r]];
    out->after_parent = t->rows ? (double)after / (double)t->rows : NAN;
}
