/* event_record.h — one event as the event model sees it: what was known before it (the
 * parent, its place in the sequence, the previous event, the time since it, the balance, the
 * last event of the same kind) and its own values; and the input vector each head reads from
 * it. The same records serve training (from real sequences) and generation (filled as the
 * heads draw). */
#ifndef RISKGAN_RELATIONAL_EVENT_RECORD_H
#define RISKGAN_RELATIONAL_EVENT_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "event_model.h"

typedef struct {
    uint32_t parent, position, length;
    float since_previous, since_start, since_parent; /* the previous event's gap, the days from the
                                                       first event and from the parent's date */
    float previous_day, previous_month;              /* calendar of the previous event */
    float balance_before;
    float balance_level;                             /* the balance's level for this sequence */
    float band_floor, band_ceiling;                  /* and its band (NaN: none) */
    float clock_since[RG_MAX_CLOCKS];                /* days from the last event of each of the
                                                       model's clock kinds to the previous event
                                                       (NaN: none yet) */
    float echo_ahead[RG_MAX_CLOCKS];                 /* days from the previous event to each echo's
                                                       date (NaN: none, or not after it: an event on
                                                       the date spends the echo) */
    uint8_t echo;                                    /* e + 1: this event is echo e's, drawn with
                                                       its token (0: none) */
    float span;                                      /* days from where the first gap counts to the
                                                       data's end: with the length, the pace */
    int16_t previous_level[RG_MAX_CATEGORY_HEADS];   /* -1: none, levels: missing token */
    float previous_value[RG_MAX_NUMBER_HEADS];       /* NaN: none or missing */
    float gap, day, days_to_month_end, month;        /* this event's index */
    int16_t level[RG_MAX_CATEGORY_HEADS];            /* this event's tokens of its categories */
    int16_t again[RG_MAX_CATEGORY_HEADS];            /* the level each category's repeat token
                                                       stands for (-1: none; set once the
                                                       earlier categories are known) */
    float value[RG_MAX_NUMBER_HEADS];                /* this event's numbers */
    int has_kind;                                    /* an earlier event had the same categories */
    uint8_t kind_slot;                               /* its place in the sequence state's kinds */
    float kind_since, kind_count;
    float kind_value[RG_MAX_NUMBER_HEADS];           /* that event's numbers */
    uint16_t token[RG_MAX_HEADS];                    /* training targets */
} rg_event_record;

enum { RG_KIND_MEMORY = 64, RG_SETTLED = 5 /* events before a balance settles in its band */ };

/* The history of one sequence while its events are read or drawn. */
typedef struct {
    double start, last_index, last_gap, balance, parent_date;
    double level;                     /* the level the balance keeps (0: no balance) */
    double floor, ceiling;            /* its band from the settling position on (NaN: none) */
    uint32_t position;
    int16_t last_level[RG_MAX_CATEGORY_HEADS];
    double clock_last[RG_MAX_CLOCKS]; /* the index of the last event of each clock's kind (NaN: none) */
    double last_value[RG_MAX_NUMBER_HEADS];
    size_t kinds;
    struct {
        int16_t level[RG_MAX_CATEGORY_HEADS];
        double index;
        uint32_t count, position; /* its events, and the place of the latest in the sequence */
        double value[RG_MAX_NUMBER_HEADS];
    } kind[RG_KIND_MEMORY];
} rg_sequence_state;

/* A fresh sequence (parent_date NaN: none). */
void rg_sequence_start(rg_sequence_state *state, double parent_date);
/* Days from the parent's date to the sequence's last event (0: no event yet, or no date). */
double rg_sequence_since_parent(const rg_event_model *model, const rg_sequence_state *state);
/* Where the next event's gap counts from: the sequence's last event, or for its first the
 * parent's date (the data's first index when there is none). */
double rg_sequence_gap_origin(const rg_event_model *model, const rg_sequence_state *state);
/* How many 30-day months of the window a parent dated `parent_date` is in (NaN: dated after
 * the window's last event). */
double rg_event_months_in_window(const rg_event_model *model, double parent_date);
/* The date of the model's echo e (event_echoes.h): a month after the sequence's last event of
 * its clock's kind (NaN: none yet). */
double rg_sequence_echo_date(const rg_event_model *model, const rg_sequence_state *state, size_t e);
/* The record's "before" fields, from the state. */
void rg_record_begin(const rg_event_model *model, const rg_sequence_state *state, uint32_t parent, uint32_t length,
                     rg_event_record *record);
/* The event's index is known: its gap and calendar. */
void rg_record_set_index(const rg_event_model *model, const rg_sequence_state *state, double index,
                         rg_event_record *record);
/* Category c's earlier categories are known (record->level): the level its repeat token
 * stands for (record->again[c]): category c of the sequence's latest event with the same
 * earlier categories (-1: none, or the head has no repeat token). */
void rg_record_set_again(const rg_event_model *model, const rg_sequence_state *state, rg_event_record *record,
                         size_t c);
/* The event's categories are known (record->level): the last event of the same kind. */
void rg_record_set_kind(const rg_event_model *model, const rg_sequence_state *state, rg_event_record *record);
/* The event is complete: it becomes the previous one (values: its numbers exactly). */
void rg_sequence_advance(const rg_event_model *model, rg_sequence_state *state, const rg_event_record *record,
                         const double *values, double index, double balance);
/* The width of every head's input, and head h's input for a record (heads after h see none
 * of the record's own later values); parent_features NULL leaves the parent's part (the
 * first parent_features.width entries) unwritten. */
size_t rg_event_input_width(const rg_event_model *model);
void rg_event_input(const rg_event_model *model, const rg_event_record *record, const float *parent_features,
                    size_t head, float *out);

#endif
