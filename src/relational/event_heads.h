/* event_heads.h — the columns of a child table's events as the event model generates them, one
 * head each, in order: the gap before the event (days since the previous event, or since the
 * parent's date for a first event), then its categories, then its numbers. Every head turns a
 * value into one of a few tokens (a category level; an exact frequent number; a bin of
 * numbers; "missing"; "as the last event of this kind") and a token back into a value. A
 * number head also learns how round its column's values are (multiples of 100, whole, one
 * decimal...): its bin tokens are (bin, roundness) pairs, so a drawn value is as round as the
 * real values of its kind (cash withdrawals in hundreds, interest in tenths). */
#ifndef RISKGAN_RELATIONAL_EVENT_HEADS_H
#define RISKGAN_RELATIONAL_EVENT_HEADS_H

#include <stddef.h>
#include <stdint.h>

#include "../core/rng.h"
#include "../nn/mlp.h"
#include "riskgan.h"

typedef enum { RG_HEAD_FIRST_GAP = 0, RG_HEAD_GAP, RG_HEAD_CATEGORY, RG_HEAD_NUMBER } rg_head_kind;

enum { RG_NO_TOKEN = 0xFFFF, RG_MAX_HEADS = 16, RG_MAX_CATEGORY_HEADS = 6, RG_MAX_NUMBER_HEADS = 6, RG_MAX_STEPS = 8,
       RG_MAX_CLOCKS = 10, RG_HEAD_MAX_EXACT = 48, RG_HEAD_MAX_LEVELS = 256 };

typedef struct {
    rg_head_kind kind;
    char *column;             /* the child table's column */
    /* categories: levels 0..levels-1 (texts), then the missing token, then (when `repeats`)
     * repeat: the level of the sequence's latest event with the same earlier categories */
    size_t levels;
    int repeats;
    char **level_names;
    /* numbers and gaps: exact values, then bins [edges[b], edges[b + 1]) (each `steps` tokens:
     * one per roundness), then missing, then repeat (numbers: the value of the last earlier
     * event with the same categories) or month end (gaps) */
    size_t exact_count;
    double *exact;
    size_t bins;
    double *edges;
    double *means;            /* each bin's mean value: draws within the bin average it */
    size_t steps;             /* roundness classes, coarsest first (1: values at the column's decimals) */
    double step[RG_MAX_STEPS]; /* class g: multiples of step[g] that are not of a coarser class's
                                  step; the last class holds every finer value (step 0: none) */
    int decimals;             /* numbers: the column's decimals (-1: shortest) */
    int integer;              /* numbers: whole; gaps always are */
    size_t outputs;           /* tokens */
    size_t missing, repeat;   /* their token numbers (RG_NO_TOKEN: none) */
    int missing_seen;         /* the data had missing values here (else none is generated) */
    int month_ends;           /* gaps: the data keeps month ends (statements, interest and fees
                                 fall there), so the head has a token for them */
    size_t month_end;         /* that token: "on the next last day of a month" (RG_NO_TOKEN: none) */
    size_t ratio_bins;        /* the amount of a running balance: tokens "this share of the balance
                                 before the event" (interest), after repeat; bins of shares */
    double *ratio_edges, *ratio_means;
    size_t first_ratio;
    double period;            /* gaps: days between anniversaries of the parent's date (0: none) */
    size_t anniversary;       /* gaps with a period: "on the next anniversary" (event_period.h) */
    size_t echoes, first_echo; /* later gaps: tokens "a month after the last event of kind k"
                                  (the model's echo clocks, event_echoes.h), from first_echo */
    rg_mlp net;               /* input -> hidden -> one logit per token */
} rg_head;

/* Fits a category head to the values (texts, NULL missing) of n events; a level seen in fewer
 * than min_parents different parents is never stored (it becomes missing). */
riskgan_status rg_head_fit_category(rg_head *head, const char *column, const char *const *values, const size_t *parent,
                                    size_t n, size_t min_parents);
/* Fits a number or gap head to n values (NaN missing): exact values that at least 1 % of the
 * events and min_parents parents share, then up to `bins` quantile bins of the rest. */
riskgan_status rg_head_fit_number(rg_head *head, rg_head_kind kind, const char *column, const double *values,
                                  const size_t *parent, size_t n, size_t bins, size_t min_parents, int decimals,
                                  int integer);
/* Learns the roundness classes of a number head from the values it was fitted to (NaN
 * missing): powers of ten from 1,000,000 down to the column's decimals, each class kept when
 * at least 2 % of the binned values fall in it. Changes the head's tokens: call it before the
 * head's network is made. */
void rg_head_learn_steps(rg_head *head, const double *values, size_t n);
/* Gives a number head tokens for shares of a base (the balance before the event) in up to 16
 * quantile bins of the positive `ratios`; changes its tokens (call before its network is made). */
riskgan_status rg_head_learn_ratios(rg_head *head, const double *ratios, size_t n);
uint16_t rg_head_ratio_token(const rg_head *head, double ratio);
int rg_head_is_ratio(const rg_head *head, uint16_t token);
/* A ratio token's value: its share (drawn within the bin, around its mean) of `base`, as round
 * as the head's finest roundness class. */
double rg_head_ratio_value(const rg_head *head, uint16_t token, double base, rg_rng *rng);
/* Gives a gap head a period of anniversaries (0: none), and with it the anniversary token. */
void rg_head_set_period(rg_head *head, double period);
/* Gives a later-gap head its echo tokens (0: none). */
void rg_head_set_echoes(rg_head *head, size_t echoes);
/* Which echo a token is: e + 1 for echo e's token, 0 for any other. */
size_t rg_head_echo_of(const rg_head *head, size_t token);
/* Gives a category head (or takes away) its repeat token; call before its network is made. */
void rg_head_set_repeats(rg_head *head, int repeats);
/* A category head's tokens that are levels (the missing one included): the width of its one-hot. */
static inline size_t rg_head_level_tokens(const rg_head *head)
{
    return head->levels + 1;
}
/* A gap head with (1) or without (0) its month-end token. */
void rg_head_set_month_ends(rg_head *head, int month_ends);
/* The token of a value: a category level (text; NULL missing), or for numbers the repeat
 * token when `repeats`, else the exact value, else the bin (NaN: missing). */
uint16_t rg_head_category_token(const rg_head *head, const char *text);
uint16_t rg_head_number_token(const rg_head *head, double value, int repeats);
/* A value for a token: within its bin (around the bin's mean), as round as its class, at the
 * head's decimals. */
double rg_head_number_value(const rg_head *head, uint16_t token, rg_rng *rng);
/* The index a gap head's number token puts an event on: `from` plus a gap drawn from the
 * token (days when `dates`, the index in seconds). A dated head with a month-end token never
 * puts one on a month's last day after a gap: the real events there were learned as that
 * token, so the gap is drawn again, or at last moved a day. */
double rg_head_gap_date(const rg_head *head, uint16_t token, double from, int dates, rg_rng *rng);
/* A token drawn from softmax(logits) over the head's tokens, leaving out `forbidden`
 * (RG_NO_TOKEN: none), the missing token when the data had no missing value, and tokens whose
 * values all exceed `limit` (INFINITY: no limit; when no token fits, the limit is dropped). */
uint16_t rg_head_draw(const rg_head *head, const float *logits, size_t forbidden, double limit, rg_rng *rng);
void rg_head_free(rg_head *head);
/* The token layout that follows from the head's levels, exact values, bins, roundness classes,
 * month ends, period, echoes and shares: missing, then repeat (numbers) or month end (gaps),
 * then the anniversary, then the echoes, then the shares. */
void rg_head_set_tokens(rg_head *head);

#endif
