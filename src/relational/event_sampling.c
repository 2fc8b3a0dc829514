/* event_sampling.c — drawing every parent's events: all parents' i-th events together, head by
 * head (gap, categories, numbers), in blocks of parents with their own random streams; the
 * index and the running balance follow from the drawn gaps and amounts; a sequence ends at
 * its length or at the end of the window the data covers. The drawn events become a child
 * table's rows, or (for adversarial training) records with the tokens drawn. */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../core/threads.h"
#include "../data/number_text.h"
#include "../data/table.h"
#include "event_combinations.h"
#include "event_days.h"
#include "event_period.h"
#include "event_record.h"
#include "event_residuals.h"
#include "event_rows.h"
#include "event_schedule.h"
#include "event_sampling.h"

enum { BLOCK_PARENTS = 4096, MAX_EVENTS = 100000, DAY_REDRAWS = 3 };
static const double CEILING_SLACK = 0.25; /* of a band's width, above its top (balance_room) */
static const double MOVE_SCALE_DAYS = 3;  /* how far an event off its kind's days moves */

typedef struct {
    const rg_event_model *m;
    size_t parent_count;
    const float *features;      /* parents x parent feature width */
    size_t *lengths;            /* where each parent's sequence stops at the latest */
    unsigned char *must_start;  /* a parent dated within the window, where every such parent has events */
    size_t *drawn;              /* each parent's number of events as drawn: what its events see */
    double *parent_dates;
    double *level, *floor, *ceiling;  /* each parent's balance level and band (NaN: none) */
    size_t first;               /* the block being drawn starts at this parent: states and */
    rg_sequence_state *states;  /* records hold the block's parents only (p - first) */
    rg_event_record *records;
    double *index;              /* each parent's current event's index */
    uint32_t *active;           /* parents drawing their next event */
    uint32_t *again;            /* those drawing it again (a kind on a day it never falls on) */
    double *pending;            /* a drawn date held back for the next event while a kind due
                                   before it has its event (NaN: none) */
    uint8_t *due;               /* c + 1: the current event is scheduled clock c's, on its due
                                   date (event_schedule.h; 0: drawn) */
    size_t active_count;
    float *inputs;
    float *parts;               /* each head's first-layer share of the block's parents' columns
                                   (heads x block x hidden): computed once per parent */
    uint32_t *part_row;         /* the active parents' rows among the block's shares */
    size_t block, hidden;       /* parents a block holds at most; the widest first layer */
    double *values;             /* each parent's current event's numbers, exactly */
    rg_mlp_trace trace;
    rg_drawn_event *events;
    size_t event_count, event_capacity;
    int keep_records;           /* also keep every drawn event's record (rollouts) */
    rg_event_record *kept;
    size_t kept_count, kept_capacity;
} drawing;

static rg_sequence_state *state_of(const drawing *w, size_t p)
{
    return &w->states[p - w->first];
}

static rg_event_record *record_of(const drawing *w, size_t p)
{
    return &w->records[p - w->first];
}

/* Head h's logits for every active parent. */
static const float *head_logits(drawing *w, size_t h)
{
    const rg_event_model *m = w->m;
    const rg_mlp *net = &m->head[h].net;
    size_t width = m->input_width;
    for (size_t a = 0; a < w->active_count; a++) {
        uint32_t p = w->active[a];
        rg_event_input(m, record_of(w, p), NULL, h, w->inputs + a * width);
        w->part_row[a] = (uint32_t)(p - w->first);
    }
    return rg_mlp_forward_with_part(net, w->inputs, (int)m->parent_features.width, w->parts + h * w->block * w->hidden,
                                    w->part_row, (int)w->active_count, &w->trace);
}

/* Every head's first-layer share of the parents [first, end)'s columns. */
static void first_layer_parts(drawing *w, size_t first, size_t end)
{
    const rg_event_model *m = w->m;
    size_t features = m->parent_features.width;
    for (size_t h = 0; h < m->heads; h++)
        rg_mlp_first_layer_part(&m->head[h].net, w->features + first * features, (int)features, (int)(end - first),
                                w->parts + h * w->block * w->hidden);
}

/* A gap head's token, leaving out the echoes not due after `from` (none of their kind yet, or
 * their date not after it). */
static uint16_t draw_gap_token(const rg_event_model *m, size_t h, const rg_sequence_state *s, const float *logits,
                               size_t forbidden, double from, rg_rng *rng)
{
    const rg_head *head = &m->head[h];
    if (head->echoes == 0)
        return rg_head_draw(head, logits, forbidden, INFINITY, rng);
    float masked[head->outputs];
    memcpy(masked, logits, head->outputs * sizeof *masked);
    for (size_t e = 0; e < head->echoes; e++)
        if (!(rg_sequence_echo_date(m, s, e) > from))
            masked[head->first_echo + e] = -INFINITY;
    return rg_head_draw(head, masked, forbidden, INFINITY, rng);
}

/* The index of parent p's event drawn at `index` once the kinds due every month have theirs
 * (event_schedule.h): a date kept from an earlier draw comes first; a kind due before it has
 * its event on its due date, and the date waits for the next event. */
static double keep_schedule(drawing *w, uint32_t p, double from, double index)
{
    const rg_event_model *m = w->m;
    if (!isnan(w->pending[p]))
        index = w->pending[p], w->pending[p] = NAN;
    double due;
    size_t c = m->scheduled ? rg_sequence_first_due(m, state_of(w, p), from, index, &due) : m->clocks;
    w->due[p] = c < m->clocks ? (uint8_t)(c + 1) : 0;
    if (c < m->clocks)
        w->pending[p] = index, index = due;
    return index;
}

/* The gap head: each active event's index; events past the window end their sequence. */
static void draw_index(drawing *w, size_t position, rg_rng *rng)
{
    const rg_event_model *m = w->m;
    size_t h = position == 0 ? 0 : 1, kept = 0;
    const float *logits = head_logits(w, h);
    /* a model of an index of plain numbers from before month ends were learned (files of
     * version 5 and older) has a month-end token never trained: never drawn */
    size_t forbidden = m->index_is_date || m->head[h].month_end == RG_NO_TOKEN ? m->head[h].missing
                                                                              : m->head[h].month_end;
    for (size_t a = 0; a < w->active_count; a++) {
        uint32_t p = w->active[a];
        rg_sequence_state *s = state_of(w, p);
        double from = rg_sequence_gap_origin(m, s);
        uint16_t token = draw_gap_token(m, h, s, logits + a * m->head[h].outputs, forbidden, from, rng);
        size_t echo = rg_head_echo_of(&m->head[h], token);
        record_of(w, p)->token[h] = token;
        record_of(w, p)->echo = (uint8_t)echo;
        double index;
        if (echo) {
            index = rg_sequence_echo_date(m, s, echo - 1);
        } else if (token == m->head[h].month_end && m->index_is_date) {
            index = rg_event_month_end_after(from);
        } else if (token == m->head[h].anniversary && !isnan(s->parent_date)) {
            index = s->parent_date +
                    rg_event_next_anniversary(rg_sequence_since_parent(m, s), m->head[h].period) * RG_SECONDS_PER_DAY;
        } else {
            index = rg_head_gap_date(&m->head[h], token, from, m->index_is_date, rng);
        }
        if (position == 0 && index > m->window_end && w->must_start[p])
            index = from; /* its first event on its own date, as such parents' first events mostly are */
        index = keep_schedule(w, p, from, index);
        if (index > m->window_end) {
            w->lengths[p] = position; /* the data's window ends: so does the sequence */
            continue;
        }
        rg_record_set_index(m, s, index, record_of(w, p));
        w->index[p] = index;
        w->active[kept++] = p;
    }
    w->active_count = kept;
}

/* Whether the event's sign category adds its amount to the balance. */
static int event_credits(const rg_event_model *m, const rg_event_record *r)
{
    const rg_head *sign = &m->head[m->sign_head];
    int16_t level = r->level[m->sign_head - m->first_category];
    const char *text = level >= 0 && (size_t)level < sign->levels ? sign->level_names[level] : NULL;
    int credit = 0;
    for (size_t i = 0; text && i < m->credit_count; i++)
        credit |= strcmp(text, m->credits[i]) == 0;
    return credit;
}

/* How much the balance may rise (credit) or fall: to the range the data's balances cover and,
 * once settled, to the sequence's own band, its top loosened by a quarter of its width. A real
 * balance touches its band's top about once; a generated one at the top had every larger
 * credit held back (Berka seed 1: deposits' median 5,900, real 10,800; 6,800 loosened, 8,100
 * with no top, where balances drift up). */
static double balance_room(const rg_event_model *m, const rg_sequence_state *s, int credit)
{
    double balance = s->position == 0 ? 0 : s->balance;
    double floor = m->balance_floor, ceiling = m->balance_ceiling;
    if (s->position >= RG_SETTLED && !isnan(s->floor)) {
        double top = s->ceiling + CEILING_SLACK * (s->ceiling - s->floor);
        floor = s->floor > floor ? s->floor : floor;
        ceiling = top < ceiling ? top : ceiling;
    }
    double room = credit ? ceiling - balance : balance - floor;
    return room > 0 ? room : 0;
}

static double amount_limit(const rg_event_model *m, const rg_sequence_state *s, const rg_event_record *r)
{
    return balance_room(m, s, event_credits(m, r));
}

/* The sign's token: a debit only with room for a small amount (a tenth of the amounts are
 * smaller) to fall, a credit only with room to rise (when one of the two has room). */
static uint16_t draw_sign(const rg_event_model *m, const rg_sequence_state *s, const float *logits, rg_rng *rng)
{
    const rg_head *sign = &m->head[m->sign_head], *amount = &m->head[m->amount_head];
    double small = amount->bins ? amount->edges[amount->bins / 10] : 0;
    double up = balance_room(m, s, 1) - small, down = balance_room(m, s, 0) - small;
    float masked[sign->outputs];
    for (size_t k = 0; k < sign->outputs; k++) {
        int credit = 0;
        for (size_t i = 0; k < sign->levels && i < m->credit_count; i++)
            credit |= strcmp(sign->level_names[k], m->credits[i]) == 0;
        masked[k] = (up > 0 || down > 0) && (credit ? up : down) <= 0 ? -INFINITY : logits[k];
    }
    return rg_head_draw(sign, masked, RG_NO_TOKEN, INFINITY, rng);
}

/* The level category head c's token k stands for: itself, or for the repeat token the level
 * it repeats (`again`; -1: none). */
static int token_level(const rg_head *head, size_t k, int16_t again)
{
    return k == head->repeat ? again : (int)k;
}

/* Whether level `level` of category c may follow the event's earlier categories: on the event's
 * day of the month (event_days.h), or in a combination the data has (event_combinations.h). */
typedef int level_allowed(const rg_event_model *m, const rg_event_record *r, size_t c, int level);

static int on_its_day(const rg_event_model *m, const rg_event_record *r, size_t c, int level)
{
    int16_t prefix[RG_MAX_CATEGORY_HEADS];
    memcpy(prefix, r->level, sizeof prefix);
    prefix[c] = (int16_t)level;
    return !rg_event_day_forbidden(m, prefix, c + 1, (int)r->day);
}

static int in_a_combination(const rg_event_model *m, const rg_event_record *r, size_t c, int level)
{
    return rg_event_combination_allows(m, r->level, c, level);
}

/* Category head c's logits for an event, without the tokens whose level is not allowed
 * (unless that leaves none). */
static void mask_levels(const rg_event_model *m, size_t c, const rg_event_record *r, int16_t again,
                        level_allowed *allowed, const float *logits, float *out)
{
    const rg_head *head = &m->head[m->first_category + c];
    size_t left = 0;
    for (size_t k = 0; k < head->outputs; k++) {
        int level = token_level(head, k, again);
        out[k] = level >= 0 && allowed(m, r, c, level) ? logits[k] : -INFINITY;
        left += out[k] > -INFINITY;
    }
    if (left == 0)
        memcpy(out, logits, head->outputs * sizeof *out);
}

static void draw_categories(drawing *w, int mask, rg_rng *rng)
{
    const rg_event_model *m = w->m;
    for (size_t c = 0; c < m->categories; c++) {
        size_t h = m->first_category + c;
        const rg_head *head = &m->head[h];
        for (size_t a = 0; a < w->active_count; a++)
            rg_record_set_again(m, state_of(w, w->active[a]), record_of(w, w->active[a]), c);
        const float *logits = head_logits(w, h);
        float masked[head->outputs], combined[head->outputs];
        for (size_t a = 0; a < w->active_count; a++) {
            rg_event_record *r = record_of(w, w->active[a]);
            const rg_sequence_state *s = state_of(w, w->active[a]);
            int16_t again = r->again[c];
            const float *event_logits = logits + a * head->outputs;
            if (m->combinations) {
                mask_levels(m, c, r, again, in_a_combination, event_logits, combined);
                event_logits = combined;
            }
            if (mask) {
                mask_levels(m, c, r, again, on_its_day, event_logits, masked);
                event_logits = masked;
            }
            uint16_t token = m->has_balance && (int)h == m->sign_head
                                 ? draw_sign(m, s, event_logits, rng)
                                 : rg_head_draw(head, event_logits, again < 0 ? head->repeat : RG_NO_TOKEN, INFINITY, rng);
            r->level[c] = (int16_t)token_level(head, token, again), r->token[h] = token;
            int16_t kind = w->due[w->active[a]] ? m->clock[w->due[w->active[a]] - 1][c] : -1;
            if (kind >= 0)
                r->level[c] = kind, r->token[h] = (uint16_t)kind;
        }
    }
    for (size_t a = 0; a < w->active_count; a++)
        rg_record_set_kind(m, state_of(w, w->active[a]), record_of(w, w->active[a]));
}

/* Whether categories `level`, or a prefix of them, never fall on `day` of the month. */
static int off_day(const rg_event_model *m, const int16_t *level, int day)
{
    for (size_t depth = 1; depth <= m->categories; depth++)
        if (rg_event_day_forbidden(m, level, depth, day))
            return 1;
    return 0;
}

/* An event whose categories never fall on its day of the month moves to another day of its
 * month they fall on, not before the previous event (or the parent's date) nor past the window:
 * one of them drawn with weight exp(-shift / MOVE_SCALE_DAYS), the nearer likelier (1: moved;
 * 0: no such day). */
static int move_within_month(drawing *w, uint32_t p, rg_rng *rng)
{
    const rg_event_model *m = w->m;
    rg_sequence_state *s = state_of(w, p);
    rg_event_record *r = record_of(w, p);
    double from = rg_sequence_gap_origin(m, s);
    int shift[31], count = 0;
    double weight[31], total = 0;
    for (int d = 1 - (int)r->day; d <= (int)r->days_to_month_end; d++) {
        double index = w->index[p] + d * RG_SECONDS_PER_DAY;
        if (d != 0 && index >= from && index <= m->window_end && !off_day(m, r->level, (int)r->day + d)) {
            weight[count] = exp(-abs(d) / MOVE_SCALE_DAYS), total += weight[count];
            shift[count++] = d;
        }
    }
    if (count == 0)
        return 0;
    double u = rg_rng_uniform(rng) * total;
    int pick = 0;
    while (pick < count - 1 && (u -= weight[pick]) > 0)
        pick++;
    w->index[p] += shift[pick] * RG_SECONDS_PER_DAY;
    rg_record_set_index(m, s, w->index[p], r);
    return 1;
}

/* Moves the active events off their categories' days to a day of their month those fall on;
 * keeps in w->again those with no such day, returning their number. */
static size_t move_active_onto_their_days(drawing *w, rg_rng *rng)
{
    size_t again = 0;
    for (size_t a = 0; a < w->active_count; a++) {
        const rg_event_record *r = record_of(w, w->active[a]);
        if (off_day(w->m, r->level, (int)r->day) && !move_within_month(w, w->active[a], rng))
            w->again[again++] = w->active[a];
    }
    return again;
}

/* Events whose categories never fall on their day of the month (event_days.h) move to a day of
 * their month they fall on. Where the month has none left (the previous event came after them),
 * the event keeps its categories and draws its date again, up to DAY_REDRAWS times; then its
 * categories are drawn again without the levels its day forbids. Moving keeps the kind the model
 * drew: drawing the day and the kind again turned 12 % of a made-up bank's standing orders into
 * other events. An event whose new date is past the window ends its sequence. */
static void move_onto_their_days(drawing *w, size_t position, rg_rng *rng)
{
    uint32_t *all = w->active;
    size_t count = w->active_count, again = move_active_onto_their_days(w, rng);
    for (int redraw = 0; redraw < DAY_REDRAWS && again > 0 && w->m->has_index; redraw++) {
        w->active = w->again, w->active_count = again;
        draw_index(w, position, rng);
        again = move_active_onto_their_days(w, rng);
    }
    if (again > 0) {
        w->active = w->again, w->active_count = again;
        draw_categories(w, 1, rng);
    }
    size_t kept = 0;
    for (size_t a = 0; a < count; a++)
        if (w->lengths[all[a]] > position)
            all[kept++] = all[a];
    w->active = all, w->active_count = kept;
}

/* A value no larger than the limit, at the head's decimals. */
static double at_most(const rg_head *head, double value, double limit)
{
    if (!(value > limit))
        return value;
    double scale = head->decimals >= 0 ? pow(10, head->decimals) : 0;
    return scale > 0 ? floor(limit * scale + 1e-9) / scale : limit;
}

/* Numbers: a token's value, or the last value of the same kind for the repeat token; an amount
 * that moves a running balance keeps it within the data's range of balances. */
static void draw_numbers(drawing *w, rg_rng *rng)
{
    const rg_event_model *m = w->m;
    for (size_t n = 0; n < m->numbers; n++) {
        size_t h = m->first_number + n;
        const rg_head *head = &m->head[h];
        const float *logits = head_logits(w, h);
        for (size_t a = 0; a < w->active_count; a++) {
            rg_event_record *r = record_of(w, w->active[a]);
            const rg_sequence_state *s = state_of(w, w->active[a]);
            int can_repeat = r->has_kind && !isnan(r->kind_value[n]);
            double limit = m->has_balance && (int)h == m->amount_head ? amount_limit(m, s, r) : INFINITY;
            uint16_t token = rg_head_draw(head, logits + a * head->outputs, can_repeat ? RG_NO_TOKEN : head->repeat,
                                          limit, rng);
            r->token[h] = token;
            double v = token == head->repeat    ? s->kind[r->kind_slot].value[n]
                       : rg_head_is_ratio(head, token) ? rg_head_ratio_value(head, token, s->position ? s->balance : 0, rng)
                                                       : rg_head_number_value(head, token, rng);
            v = at_most(head, v, limit);
            w->values[(size_t)w->active[a] * RG_MAX_NUMBER_HEADS + n] = v;
            r->value[n] = (float)v;
        }
    }
}

/* The running balance after the event: the previous one plus or minus its amount and, after a
 * sequence's first event, its kind's habitual residual (event_residuals.h). */
static double next_balance(const rg_event_model *m, const rg_sequence_state *s, const rg_event_record *r,
                           const double *values, rg_rng *rng)
{
    if (!m->has_balance)
        return 0;
    int credit = event_credits(m, r);
    double amount = values[m->amount_head - m->first_number];
    double balance = (s->position == 0 ? 0 : s->balance) + (credit ? 1 : -1) * (isnan(amount) ? 0 : amount);
    if (s->position > 0)
        balance += rg_event_residual_draw(m, r->level, rng);
    for (size_t j = 0; j < m->column_count; j++)
        if (m->columns[j].role == RG_EVENT_BALANCE && m->columns[j].decimals >= 0)
            balance = rg_round_to_format(balance, m->columns[j].decimals);
    return balance;
}

/* The active parents' events, kept; their sequences move past them. */
/* Room in *array (of `size`-byte items, *capacity of them) for `needed` items: grown to twice
 * that and 1024 more when short. */
static riskgan_status make_room(void **array, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return RISKGAN_OK;
    size_t grown_capacity = needed * 2 + 1024;
    void *grown = rg_realloc_array(*array, grown_capacity, size);
    if (!grown)
        return RISKGAN_ERR_NO_MEMORY;
    *array = grown, *capacity = grown_capacity;
    return RISKGAN_OK;
}

/* The active parents' records as drawn, for a rollout. */
static riskgan_status keep_records(drawing *w)
{
    void *kept = w->kept;
    riskgan_status status = make_room(&kept, &w->kept_capacity, w->kept_count + w->active_count, sizeof *w->kept);
    w->kept = kept;
    if (status != RISKGAN_OK)
        return status;
    for (size_t a = 0; a < w->active_count; a++)
        w->kept[w->kept_count++] = *record_of(w, w->active[a]);
    return RISKGAN_OK;
}

static riskgan_status keep_events(drawing *w, rg_rng *rng)
{
    const rg_event_model *m = w->m;
    if (w->keep_records && keep_records(w) != RISKGAN_OK)
        return RISKGAN_ERR_NO_MEMORY;
    void *events = w->events;
    riskgan_status status = make_room(&events, &w->event_capacity, w->event_count + w->active_count, sizeof *w->events);
    w->events = events;
    if (status != RISKGAN_OK)
        return status;
    for (size_t a = 0; a < w->active_count; a++) {
        uint32_t p = w->active[a];
        rg_event_record *r = record_of(w, p);
        rg_sequence_state *s = state_of(w, p);
        rg_drawn_event *e = &w->events[w->event_count++];
        e->parent = p;
        e->index = m->has_index ? w->index[p] : (double)s->position;
        const double *values = w->values + (size_t)p * RG_MAX_NUMBER_HEADS;
        e->balance = next_balance(m, s, r, values, rng);
        memcpy(e->level, r->level, sizeof e->level);
        memcpy(e->value, values, sizeof e->value);
        rg_sequence_advance(m, s, r, values, e->index, e->balance);
    }
    return RISKGAN_OK;
}

/* Every event of the parents [first, end), position by position. */
static riskgan_status draw_block(drawing *w, size_t first, size_t end, rg_rng *rng)
{
    const rg_event_model *m = w->m;
    size_t longest = 0;
    w->first = first;
    first_layer_parts(w, first, end);
    for (size_t p = first; p < end; p++) {
        longest = w->lengths[p] > longest ? w->lengths[p] : longest;
        rg_sequence_state *s = state_of(w, p);
        rg_sequence_start(s, w->parent_dates[p]);
        s->level = w->level[p], s->floor = w->floor[p], s->ceiling = w->ceiling[p];
    }
    riskgan_status status = RISKGAN_OK;
    for (size_t position = 0; position < longest && status == RISKGAN_OK; position++) {
        w->active_count = 0;
        for (size_t p = first; p < end; p++)
            if (w->lengths[p] > position) {
                rg_record_begin(m, state_of(w, p), (uint32_t)p, (uint32_t)w->drawn[p], record_of(w, p));
                w->active[w->active_count++] = (uint32_t)p;
            }
        if (m->has_index)
            draw_index(w, position, rng);
        draw_categories(w, 0, rng);
        if (m->day_rules)
            move_onto_their_days(w, position, rng);
        draw_numbers(w, rng);
        status = keep_events(w, rng);
    }
    return status;
}

/* A parent's number of events from its length head's draw (per month in the window: times
 * its months there; a parent that must start has at least one). */
static size_t events_drawn(const rg_event_model *m, double drawn, double parent_date, int must_start)
{
    if (m->length_per_month)
        drawn *= rg_event_months_in_window(m, parent_date);
    size_t events = isnan(drawn) || drawn < 0.5 ? 0 : (size_t)llround(drawn);
    return events == 0 && must_start ? 1 : events;
}

/* Each parent's number of events (drawn from the parent's columns) and date. */
static riskgan_status parent_facts(drawing *w, const riskgan_table *parents, uint64_t seed)
{
    const rg_event_model *m = w->m;
    long date = m->parent_date ? riskgan_table_find_column(parents, m->parent_date) : -1;
    if (date >= 0 && !rg_column_is_numeric(&parents->column[date]))
        return rg_fail(RISKGAN_ERR_SCHEMA, "the parents' column '%s' is not a date", m->parent_date);
    rg_rng rng;
    rg_rng_seed(&rng, rg_hash64(seed ^ 0x4c454e47ull));
    size_t n = parents->rows;
    double *drawn = rg_calloc(4 * n + 1, sizeof *drawn), *levels = drawn + n, *low = levels + n, *high = low + n;
    for (size_t p = 0; p < n; p++)
        w->must_start[p] = m->dated_parents_active && date >= 0 && parents->column[date].numbers[p] <= m->window_end;
    riskgan_status status = drawn ? rg_parent_head_sample(&m->length, parents, &rng, w->must_start, drawn)
                                  : RISKGAN_ERR_NO_MEMORY;
    const rg_parent_head *heads[3] = {&m->level, &m->low, &m->high};
    for (int k = 0; k < 3 && status == RISKGAN_OK && m->has_balance; k++)
        status = rg_parent_head_sample(heads[k], parents, &rng, NULL, levels + (size_t)k * n);
    for (size_t p = 0; status == RISKGAN_OK && p < parents->rows; p++) {
        w->parent_dates[p] = date >= 0 ? parents->column[date].numbers[p] : NAN;
        w->lengths[p] = events_drawn(m, drawn[p], w->parent_dates[p], w->must_start[p]);
        w->drawn[p] = w->lengths[p];
        if (m->open_ended && w->lengths[p] > 0)
            w->lengths[p] = 4 * w->lengths[p] + 50;
        w->lengths[p] = w->lengths[p] > MAX_EVENTS ? MAX_EVENTS : w->lengths[p];
        double level = w->level[p] = m->has_balance && !isnan(levels[p]) ? levels[p] : 0;
        int band = m->has_balance && level > 0 && !isnan(low[p]) && !isnan(high[p]) && low[p] <= high[p];
        w->floor[p] = band ? level * low[p] : NAN;
        w->ceiling[p] = band ? level * high[p] : NAN;
    }
    free(drawn);
    return status;
}

/* A worker's own workspace for one block of parents at a time. */
static riskgan_status workspace_init(drawing *w, size_t parents)
{
    const rg_event_model *m = w->m;
    size_t block = parents < BLOCK_PARENTS ? parents + 1 : BLOCK_PARENTS;
    w->states = rg_calloc(block, sizeof *w->states);
    w->records = rg_calloc(block, sizeof *w->records);
    w->active = rg_calloc(block, sizeof *w->active);
    w->again = rg_calloc(block, sizeof *w->again);
    w->inputs = rg_calloc(block * m->input_width, sizeof *w->inputs);
    int widest = 1, first_widest = 1;
    for (size_t h = 0; h < m->heads; h++) {
        first_widest = m->head[h].net.dim[1] > first_widest ? m->head[h].net.dim[1] : first_widest;
        for (int l = 1; l <= m->head[h].net.layers; l++)
            widest = m->head[h].net.dim[l] > widest ? m->head[h].net.dim[l] : widest;
    }
    w->block = block, w->hidden = (size_t)first_widest;
    w->parts = rg_calloc(m->heads * block * w->hidden + 1, sizeof *w->parts);
    w->part_row = rg_calloc(block, sizeof *w->part_row);
    if (!w->states || !w->records || !w->active || !w->again || !w->inputs || !w->parts || !w->part_row)
        return RISKGAN_ERR_NO_MEMORY;
    rg_mlp shape = m->head[0].net;
    shape.dim[1] = shape.dim[2] = widest;
    return rg_mlp_trace_init(&w->trace, &shape, (int)block);
}

static void workspace_free(drawing *w)
{
    free(w->states), free(w->records), free(w->active), free(w->again), free(w->inputs), free(w->events), free(w->kept);
    free(w->parts), free(w->part_row);
    rg_mlp_trace_free(&w->trace);
    w->states = NULL, w->records = NULL, w->active = NULL, w->again = NULL, w->inputs = NULL, w->events = NULL;
    w->kept = NULL, w->parts = NULL, w->part_row = NULL;
}

/* What every parent's sequence starts from (shared by the workers, each writing only its own
 * block's parents). */
static riskgan_status drawing_init(drawing *w, const rg_event_model *m, const riskgan_table *parents, uint64_t seed)
{
    memset(w, 0, sizeof *w);
    w->m = m;
    w->parent_count = parents->rows;
    size_t n = parents->rows + 1;
    float *features = rg_calloc(n * m->parent_features.width + 1, sizeof *features);
    w->features = features;
    w->lengths = rg_calloc(n, sizeof *w->lengths);
    w->drawn = rg_calloc(n, sizeof *w->drawn);
    w->must_start = rg_calloc(n, 1);
    w->parent_dates = rg_calloc(n, sizeof *w->parent_dates);
    w->index = rg_calloc(n, sizeof *w->index);
    w->level = rg_calloc(3 * n, sizeof *w->level);
    w->floor = w->level ? w->level + n : NULL, w->ceiling = w->level ? w->level + 2 * n : NULL;
    w->values = rg_calloc(n * RG_MAX_NUMBER_HEADS, sizeof *w->values);
    w->due = rg_calloc(n, 1);
    w->pending = rg_calloc(n, sizeof *w->pending);
    for (size_t p = 0; w->pending && p < n; p++)
        w->pending[p] = NAN;
    if (!features || !w->lengths || !w->drawn || !w->must_start || !w->parent_dates || !w->level || !w->index ||
        !w->values || !w->due || !w->pending)
        return RISKGAN_ERR_NO_MEMORY;
    size_t unseen = 0;
    riskgan_status status = parents->rows ? rg_features_encode(&m->parent_features, parents, features, &unseen)
                                          : RISKGAN_OK;
    return status == RISKGAN_OK ? parent_facts(w, parents, seed) : status;
}

static void drawing_free(drawing *w)
{
    free((void *)w->features), free(w->lengths), free(w->drawn), free(w->parent_dates), free(w->level), free(w->index);
    free(w->values), free(w->must_start), free(w->due), free(w->pending);
    workspace_free(w);
}

/* The workers' events (and records), in one list: a parent's events stay in their order, and
 * records are put in order of their parent, so the result does not depend on which worker
 * drew which block. */
static riskgan_status gather(drawing *w, drawing *workers, int count)
{
    size_t events = 0, kept = 0;
    for (int t = 0; t < count; t++)
        events += workers[t].event_count, kept += workers[t].kept_count;
    w->events = rg_calloc(events + 1, sizeof *w->events);
    w->kept = rg_calloc(kept + 1, sizeof *w->kept);
    size_t *start = rg_calloc(w->parent_count + 2, sizeof *start);
    riskgan_status status = w->events && w->kept && start ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (int t = 0; status == RISKGAN_OK && t < count; t++) {
        if (workers[t].event_count) /* a worker may have drawn nothing (and holds no array) */
            memcpy(w->events + w->event_count, workers[t].events, workers[t].event_count * sizeof *w->events);
        w->event_count += workers[t].event_count;
        for (size_t i = 0; i < workers[t].kept_count; i++)
            start[workers[t].kept[i].parent + 1]++;
    }
    for (size_t p = 0; status == RISKGAN_OK && p < w->parent_count; p++)
        start[p + 1] += start[p];
    for (int t = 0; status == RISKGAN_OK && t < count; t++)
        for (size_t i = 0; i < workers[t].kept_count; i++)
            w->kept[start[workers[t].kept[i].parent]++] = workers[t].kept[i];
    w->kept_count = status == RISKGAN_OK ? kept : 0;
    free(start);
    return status;
}

/* Every parent's events: blocks of parents drawn by as many workers as there are threads
 * (each block has its own random stream, so the same seed and thread count give the same
 * events; OpenBLAS's products differ in their last bits between thread counts), each
 * network product on one BLAS thread. */
static riskgan_status draw_all(drawing *w, uint64_t seed)
{
    size_t blocks = (w->parent_count + BLOCK_PARENTS - 1) / BLOCK_PARENTS;
    int count = omp_get_max_threads();
    count = (size_t)count > blocks ? (int)blocks : count < 1 ? 1 : count;
    drawing *workers = rg_calloc((size_t)count + 1, sizeof *workers);
    riskgan_status *status = rg_calloc((size_t)count + 1, sizeof *status);
    if (!workers || !status) {
        free(workers), free(status);
        return RISKGAN_ERR_NO_MEMORY;
    }
    for (int t = 0; t < count; t++) {
        workers[t] = *w, workers[t].events = NULL, workers[t].kept = NULL;
        status[t] = workspace_init(&workers[t], w->parent_count);
    }
    int blas = count > 1 ? rg_blas_set_threads(1) : 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(count) if (count > 1)
    for (size_t block = 0; block < blocks; block++) {
        int t = omp_get_thread_num();
        if (status[t] != RISKGAN_OK)
            continue;
        rg_rng rng;
        rg_rng_seed(&rng, block ? rg_hash64(seed ^ rg_hash64(block)) : seed);
        size_t first = block * BLOCK_PARENTS, end = first + BLOCK_PARENTS;
        status[t] = draw_block(&workers[t], first, end < w->parent_count ? end : w->parent_count, &rng);
    }
    if (count > 1)
        rg_blas_set_threads(blas);
    riskgan_status result = RISKGAN_OK;
    for (int t = 0; t < count; t++)
        result = result == RISKGAN_OK ? status[t] : result;
    if (result == RISKGAN_OK)
        result = gather(w, workers, count);
    for (int t = 0; t < count; t++)
        workspace_free(&workers[t]);
    free(workers), free(status);
    return result;
}

riskgan_status rg_event_model_sample(const rg_event_model *m, const riskgan_table *parents,
                                     const char *const *parent_keys, uint64_t seed, riskgan_table **out)
{
    *out = NULL;
    drawing w;
    riskgan_status status = drawing_init(&w, m, parents, seed);
    if (status == RISKGAN_OK)
        status = draw_all(&w, seed);
    if (status == RISKGAN_OK)
        status = rg_event_rows_write(m, w.events, w.event_count, parent_keys, out);
    if (status != RISKGAN_OK) {
        riskgan_table_free(*out);
        *out = NULL;
    }
    drawing_free(&w);
    return status;
}

riskgan_status rg_event_model_rollout(const rg_event_model *m, const riskgan_table *parents, uint64_t seed,
                                      rg_event_record **records, size_t *count)
{
    *records = NULL, *count = 0;
    drawing w;
    riskgan_status status = drawing_init(&w, m, parents, seed);
    w.keep_records = 1;
    if (status == RISKGAN_OK)
        status = draw_all(&w, seed);
    if (status == RISKGAN_OK)
        *records = w.kept, *count = w.kept_count, w.kept = NULL;
    drawing_free(&w);
    return status;
}
