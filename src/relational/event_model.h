/* event_model.h — the sequence generator of a child table: a parent's events one after another,
 * each column of an event drawn by its own head (event_heads.h) from the parent's row, the
 * sequence so far (position, the previous event, time since it, the running balance, the last
 * event of the same kind) and the event's columns already drawn. Derived columns follow their
 * rule exactly: the index from the drawn gaps (never before the parent's date), the running
 * balance from the amounts. Design and variants: docs/relational.md. */
#ifndef RISKGAN_RELATIONAL_EVENT_MODEL_H
#define RISKGAN_RELATIONAL_EVENT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "../core/binary_io.h"
#include "../core/rng.h"
#include "../data/datetime.h"
#include "../data/number_text.h"
#include "../learn/features.h"
#include "event_heads.h"
#include "parent_head.h"
#include "riskgan.h"

/* What the model knows of a column of the child table, to write generated rows like it. */
typedef enum {
    RG_EVENT_KEY = 0,      /* the primary key: fresh values */
    RG_EVENT_PARENT_KEY,   /* the foreign key: the generated parent's key */
    RG_EVENT_INDEX,        /* the sequence index: from the gaps */
    RG_EVENT_BALANCE,      /* the running balance: from the amounts */
    RG_EVENT_HEAD,         /* drawn by a head */
    RG_EVENT_FRESH_ID      /* another identifier: fresh values */
} rg_event_role;

typedef struct {
    char *name;
    riskgan_column_type type;
    int decimals;
    rg_datetime_format datetime;
    rg_event_role role;
    int head;              /* RG_EVENT_HEAD: its head */
    double fresh_start;    /* keys and identifiers of numbers: fresh values count from past the
                              largest real one */
} rg_event_column;

enum { RG_MAX_DAY_RULES = 64, RG_MAX_RESIDUALS = 4, RG_MAX_COMBINATIONS = 4096 };
/* A category column of more levels than RG_KIND_MOST_LEVELS (a partner bank) tells kinds of
 * events apart only by being present (RG_ANY_LEVEL) or missing: the clocks and combinations. */
enum { RG_KIND_MOST_LEVELS = 9, RG_ANY_LEVEL = -2 };
enum { RG_PARENT_MONTHS = 8 }; /* inputs of the month since the parent's date */

typedef struct {
    rg_event_column *columns;
    size_t column_count;
    size_t heads;
    rg_head head[RG_MAX_HEADS];        /* gap heads first (when there is an index), then categories, then numbers */
    size_t first_category, categories, first_number, numbers;
    int has_index, index_is_date;
    double window_end;                 /* the index's last value in the data: no event after it */
    int open_ended;                    /* the data's sequences run to the window's end: a generated
                                          one does too (its drawn length only sets its pace) */
    int has_parent_date;               /* first gaps count from the parent's date, else from origin */
    double origin;                     /* the index's first value in the data */
    int dated_parents_active;          /* every parent dated within the window has events (a bank
                                          account opened in it has its first deposit): generated
                                          ones do too */
    int length_per_month;              /* the length head draws events per 30 days the parent is
                                          in the window (open-ended sequences of dated parents: a
                                          count then follows the parent's date exactly) */
    char *parent_date;                 /* the parent's date column (NULL: none) */
    char *count_column;                /* the parent's column holding each parent's number of events */
    int has_balance;                   /* column roles RG_EVENT_BALANCE/amount/sign form a rule */
    int amount_head, sign_head;        /* heads of the amount and the sign category */
    char **credits;                    /* the sign's values that add the amount */
    double balance_floor, balance_ceiling; /* the data's least and largest balance: amounts keep
                                              generated balances between them */
    size_t credit_count;
    rg_feature_encoder parent_features;
    rg_parent_head length;             /* each parent's number of events */
    rg_parent_head level;              /* with a running balance: the level it keeps (its mean) */
    rg_parent_head low, high;          /* and its band once settled (from the sixth event): least
                                          and largest balance over the level (DoppelGANger's
                                          min and max attributes) */
    size_t clocks;                     /* kinds of events whose time since the last one every head
                                          reads (event_clocks.h) */
    int16_t clock[RG_MAX_CLOCKS][RG_MAX_CATEGORY_HEADS]; /* each kind's category tokens (-1: any) */
    size_t echoes;                     /* clocks whose kind of event comes back a month later, on
                                          the same day (event_echoes.h): the later-gap head's echo
                                          tokens, one each */
    uint8_t echo_clock[RG_MAX_CLOCKS]; /* each echo's clock */
    size_t day_rules;                  /* prefixes of the categories with days of the month they
                                          never fall on (event_days.h) */
    struct {
        uint8_t depth;                 /* how many category heads the prefix covers */
        int16_t level[RG_MAX_CATEGORY_HEADS];
        uint32_t forbidden;            /* bit d - 1: never on day d */
    } day_rule[RG_MAX_DAY_RULES];
    size_t residual_kinds;             /* clock kinds whose balance habitually moves by a little
                                          more or less than the amount (event_residuals.h) */
    struct {
        uint8_t clock, count;
        double value[RG_MAX_RESIDUALS], share[RG_MAX_RESIDUALS];
    } residual[RG_MAX_CLOCKS];
    size_t combinations;               /* the combinations of category tokens events come in
                                          (event_combinations.h; 0: any) */
    int16_t (*combination)[RG_MAX_CATEGORY_HEADS];
    uint32_t scheduled;                /* bit c: clock c is due every month (event_schedule.h) */
    uint32_t due_at_month_end;         /* bit c: on the month's last day, else on the day of its
                                          last event */
    int position_flags;                /* every head reads whether the event is the sequence's
                                          second, third or fourth (Berka: no interest before the
                                          third event) */
    int band_inputs;                   /* every head reads how far the balance is from its band's
                                          floor and ceiling (with a running balance; DoppelGANger
                                          conditions features on the min and max attributes) */
    int parent_months;                 /* every head reads the months from the parent's date to
                                          the event (month starts passed), one-hot: 0-5, 6-11, 12
                                          on (dated parents, a date index; Berka: fees and
                                          household orders start in an account's fifth month,
                                          which the days' logarithm blurred) */
    size_t context_width, input_width;
    int hidden;
} rg_event_model;

typedef struct {
    int epochs;            /* passes over the events (0: chosen by the number of events) */
    int hidden;            /* hidden width of every head (0: 128) */
    int batch;             /* events per step (0: 256) */
    double learning_rate;  /* 0: 1e-3 */
    size_t min_parents;    /* a value seen under fewer parents is never stored (5) */
    int adversarial_rounds; /* rounds of adversarial fine-tuning after maximum likelihood (0: none) */
    int monthly_echoes;    /* echo tokens for kinds that come back a month later (event_echoes.h) */
    int days_of_month;     /* kinds keep the days of the month the data has them on (event_days.h) */
    int monthly_kinds;     /* kinds due every month are never skipped (event_schedule.h) */
    int kinds_first;       /* an event's categories before its gap (needs dates; not with echoes) */
    uint64_t seed;
    void (*progress)(const char *message, void *user);
    void *progress_user;
    volatile int *stop;
} rg_event_fit_options;

void rg_event_model_free(rg_event_model *model);
/* Where fresh values of identifier column j of `table` (named `table_name`) count from: 1, or
 * past the largest real whole value; fails naming the table and column when real values reach
 * RG_FRESH_LIMIT. */
riskgan_status rg_event_column_fresh_start(rg_event_column *column, const riskgan_table *table, size_t j,
                                           const char *table_name);
/* Whether an event's category tokens are of clock c's kind. */
int rg_event_clock_matches(const rg_event_model *model, size_t c, const int16_t *level);
/* The first clock whose kind an event's category tokens are of (model->clocks: none). */
size_t rg_event_first_clock(const rg_event_model *model, const int16_t *level);
/* A column's description in a model file, and back (a malformed one sets reader->failure;
 * `heads`: how many heads a column may name). */
void rg_event_column_write(const rg_event_column *column, rg_writer *writer);
void rg_event_column_read(rg_event_column *column, rg_reader *reader, size_t heads);
void rg_event_model_write(const rg_event_model *model, rg_writer *writer);
riskgan_status rg_event_model_read(rg_event_model *model, rg_reader *reader, uint32_t version);

#endif
