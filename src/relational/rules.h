/* rules.h — what holds across the rows of a child table: a running balance (balance =
 * previous balance + or - amount, the sign from a category), events in order of their index,
 * no event dated before its parent's date. Detected from the data (or declared in the
 * metadata), measured as the share of rows that keep each, for real and generated data. */
#ifndef RISKGAN_RELATIONAL_RULES_H
#define RISKGAN_RELATIONAL_RULES_H

#include <stddef.h>

#include "dataset.h"
#include "sequences.h"

typedef struct {
    long balance, amount, sign;  /* columns of the child table; balance < 0: no such rule */
    size_t levels;               /* categories of the sign column */
    char **credit_names;         /* the sign column's values that add the amount */
    size_t credit_count;
    int declared;                /* from the metadata, not detected */
} rg_balance_rule;

typedef struct {
    double balance;        /* events after the first: balance = previous balance +- amount */
    double first_balance;  /* first events: balance = +- amount (an account starts at zero) */
    double ordered;        /* events whose index is not before the previous one, in file order */
    double after_parent;   /* rows whose index is not before their parent's date (NaN: none) */
    size_t events, sequences;
} rg_rule_shares;

/* The running balance of table `child`: the metadata's rule, else the best one the data
 * keeps in at least half of its events (balance < 0 when none). */
riskgan_status rg_balance_rule_find(const riskgan_dataset *dataset, size_t child, const rg_sequences *sequences,
                                    rg_balance_rule *out);
void rg_balance_rule_free(rg_balance_rule *rule);
/* Puts the events of each sequence that share an index value (same-day transactions, which a
 * bank lists in any order) in the order that keeps the running balance best: every order of
 * up to 7 such events is tried, larger groups are ordered greedily. `index` is the sequence
 * index column (-1: nothing to reorder). */
void rg_balance_rule_chain(const riskgan_table *table, long index, const rg_balance_rule *rule, rg_sequences *sequences);
/* Whether category `text` of the sign column adds the amount. */
int rg_balance_rule_credits(const rg_balance_rule *rule, const char *text);
/* The amount row `row` of `table` adds to the balance (the sign from its category). */
double rg_balance_rule_signed_amount(const riskgan_table *table, const rg_balance_rule *rule, size_t row);
/* The parent's date column a child's index is compared with (-1: none): the parent's first
 * date column, when the child's index is a date. */
long rg_parent_date_column(const riskgan_dataset *dataset, size_t child);
/* The shares of rows of `child` that keep each rule (rule may have balance < 0). */
void rg_rules_measure(const riskgan_dataset *dataset, size_t child, const rg_sequences *sequences,
                      const rg_balance_rule *rule, rg_rule_shares *out);

#endif
