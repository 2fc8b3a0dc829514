/* event_record.c — the state of a sequence, its events' records, and the heads' inputs. */
#include "event_record.h"

#include <math.h>
#include <string.h>

#include "event_period.h"

void rg_sequence_start(rg_sequence_state *s, double parent_date)
{
    memset(s, 0, sizeof *s);
    s->parent_date = parent_date;
    s->last_index = NAN;
    s->start = NAN;
    s->floor = s->ceiling = NAN;
    for (size_t c = 0; c < RG_MAX_CLOCKS; c++)
        s->clock_last[c] = NAN;
    for (size_t c = 0; c < RG_MAX_CATEGORY_HEADS; c++)
        s->last_level[c] = -1;
    for (size_t k = 0; k < RG_MAX_NUMBER_HEADS; k++)
        s->last_value[k] = NAN;
}

/* Index units as days for dates, as they are otherwise. */
static double in_days(const rg_event_model *m, double difference)
{
    return m->index_is_date ? difference / RG_SECONDS_PER_DAY : difference;
}

double rg_sequence_since_parent(const rg_event_model *m, const rg_sequence_state *s)
{
    return s->position == 0 || isnan(s->parent_date) ? 0 : in_days(m, s->last_index - s->parent_date);
}

double rg_event_months_in_window(const rg_event_model *m, double parent_date)
{
    double from = parent_date > m->origin ? parent_date : m->origin;
    return from > m->window_end ? NAN : (in_days(m, m->window_end - from) + 1) / 30.0;
}

double rg_sequence_echo_date(const rg_event_model *m, const rg_sequence_state *s, size_t e)
{
    double last = s->clock_last[m->echo_clock[e]];
    return isnan(last) ? NAN : rg_event_month_after(last);
}

double rg_sequence_gap_origin(const rg_event_model *m, const rg_sequence_state *s)
{
    if (s->position > 0)
        return s->last_index;
    return m->has_parent_date && !isnan(s->parent_date) ? s->parent_date : m->origin;
}

void rg_record_begin(const rg_event_model *m, const rg_sequence_state *s, uint32_t parent, uint32_t length,
                     rg_event_record *r)
{
    memset(r, 0, sizeof *r);
    r->parent = parent;
    r->position = s->position;
    r->length = length;
    r->balance_before = (float)s->balance;
    r->balance_level = (float)s->level;
    r->band_floor = (float)s->floor, r->band_ceiling = (float)s->ceiling;
    int first = s->position == 0;
    double from = m->has_parent_date && !isnan(s->parent_date) ? s->parent_date : m->origin;
    r->span = m->has_index && m->window_end > from ? (float)in_days(m, m->window_end - from) : 0;
    r->since_previous = first ? 0 : (float)s->last_gap;
    r->since_start = first ? 0 : (float)in_days(m, s->last_index - s->start);
    r->since_parent = (float)rg_sequence_since_parent(m, s);
    if (!first && m->index_is_date) {
        long long year;
        int month, day, days;
        rg_datetime_calendar(s->last_index, &year, &month, &day, &days);
        r->previous_day = (float)day;
        r->previous_month = (float)month;
    }
    for (size_t c = 0; c < m->categories; c++)
        r->previous_level[c] = s->last_level[c];
    for (size_t k = 0; k < m->numbers; k++)
        r->previous_value[k] = (float)s->last_value[k];
    r->has_kind = 0;
    for (size_t c = 0; c < m->clocks; c++)
        r->clock_since[c] = isnan(s->clock_last[c]) ? NAN : (float)in_days(m, s->last_index - s->clock_last[c]);
    for (size_t e = 0; e < m->echoes; e++) {
        double ahead = in_days(m, rg_sequence_echo_date(m, s, e) - s->last_index);
        r->echo_ahead[e] = ahead > 0 ? (float)ahead : NAN;
    }
}

void rg_record_set_index(const rg_event_model *m, const rg_sequence_state *s, double index, rg_event_record *r)
{
    r->gap = (float)in_days(m, index - rg_sequence_gap_origin(m, s));
    if (!m->index_is_date)
        return;
    long long year;
    int month, day, days;
    rg_datetime_calendar(index, &year, &month, &day, &days);
    r->day = (float)day;
    r->days_to_month_end = (float)(days - day);
    r->month = (float)month;
}

static size_t find_kind(const rg_event_model *m, const rg_sequence_state *s, const int16_t *level)
{
    for (size_t k = 0; k < s->kinds; k++)
        if (memcmp(s->kind[k].level, level, m->categories * sizeof *level) == 0)
            return k;
    return s->kinds;
}

/* Category c of the latest event whose categories before c are `level`'s (-1: none). */
static int16_t repeat_level(const rg_sequence_state *s, const int16_t *level, size_t c)
{
    long latest = -1;
    for (size_t k = 0; k < s->kinds; k++)
        if (memcmp(s->kind[k].level, level, c * sizeof *level) == 0 &&
            (latest < 0 || s->kind[k].position > s->kind[latest].position))
            latest = (long)k;
    return latest < 0 ? -1 : s->kind[latest].level[c];
}

void rg_record_set_again(const rg_event_model *m, const rg_sequence_state *s, rg_event_record *r, size_t c)
{
    int repeats = m->head[m->first_category + c].repeat != RG_NO_TOKEN;
    r->again[c] = repeats ? repeat_level(s, r->level, c) : -1;
}

void rg_record_set_kind(const rg_event_model *m, const rg_sequence_state *s, rg_event_record *r)
{
    size_t k = find_kind(m, s, r->level);
    r->has_kind = k < s->kinds;
    r->kind_slot = (uint8_t)(r->has_kind ? k : 0);
    if (!r->has_kind) {
        for (size_t n = 0; n < m->numbers; n++)
            r->kind_value[n] = NAN;
        return;
    }
    double index = m->has_index ? s->last_index : 0;
    r->kind_since = m->has_index ? (float)in_days(m, index - s->kind[k].index) : 0;
    r->kind_count = (float)s->kind[k].count;
    for (size_t n = 0; n < m->numbers; n++)
        r->kind_value[n] = (float)s->kind[k].value[n];
}

void rg_sequence_advance(const rg_event_model *m, rg_sequence_state *s, const rg_event_record *r,
                         const double *values, double index, double balance)
{
    if (s->position == 0)
        s->start = index;
    s->last_index = index;
    s->last_gap = r->gap;
    s->balance = balance;
    for (size_t c = 0; c < m->categories; c++)
        s->last_level[c] = r->level[c];
    for (size_t n = 0; n < m->numbers; n++)
        s->last_value[n] = values[n];
    for (size_t c = 0; c < m->clocks; c++)
        if (rg_event_clock_matches(m, c, r->level))
            s->clock_last[c] = index;
    size_t k = find_kind(m, s, r->level);
    if (k == s->kinds && s->kinds < RG_KIND_MEMORY)
        memcpy(s->kind[s->kinds++].level, r->level, sizeof r->level);
    if (k < RG_KIND_MEMORY) {
        s->kind[k].index = index;
        s->kind[k].count++;
        s->kind[k].position = s->position;
        for (size_t n = 0; n < m->numbers; n++)
            s->kind[k].value[n] = values[n];
    }
    s->position++;
}

/* A number squeezed to a small range, keeping its sign: log(1 + |x|) / 10. */
static float squeeze(double x)
{
    return isnan(x) ? 0.0f : (float)(copysign(log1p(fabs(x)), x) / 10.0);
}

static float scaled_log(double days, double scale)
{
    return (float)(log1p(fabs(days)) / scale);
}

static int has_period(const rg_event_model *m)
{
    return m->has_index && m->head[1].period > 0;
}

size_t rg_event_input_width(const rg_event_model *m)
{
    size_t width = m->parent_features.width + 4 + 3 * (size_t)m->position_flags + 5 + 1 + 2 + 2 + 6 + 3 +
                   3 * m->clocks + 3 * m->echoes + has_period(m) + 3 * (size_t)m->band_inputs +
                   RG_PARENT_MONTHS * (size_t)m->parent_months;
    for (size_t c = 0; c < m->categories; c++)
        width += 2 * rg_head_level_tokens(&m->head[m->first_category + c]) + 1; /* previous (+ none), current */
    for (size_t c = 0; c < m->categories; c++) /* what a repeat would draw (+ none) */
        if (m->head[m->first_category + c].repeat != RG_NO_TOKEN)
            width += rg_head_level_tokens(&m->head[m->first_category + c]) + 1;
    width += 2 * m->numbers + 2 * m->numbers + 2 * m->numbers;   /* previous, kind, current */
    return width;
}

/* One-hot of a token among `outputs` (+ a "none" slot when with_none); returns the width. */
static size_t one_hot(float *out, int token, size_t outputs, int with_none)
{
    size_t width = outputs + (size_t)with_none;
    if (token < 0 && with_none)
        out[outputs] = 1;
    else if (token >= 0 && (size_t)token < outputs)
        out[token] = 1;
    return width;
}

/* Months from the parent's date to the event (for a gap head, to the previous event), 0 to 12:
 * none while fewer days have passed than the event's day of the month (both in one month), then
 * one more per 30.44 days before the month's first day. A first event's gap head, with no
 * previous event (day 0), reads 1. */
static int months_since_parent(const rg_event_model *m, const rg_event_record *r, size_t head)
{
    int own = head >= m->first_category;
    double days = r->since_parent + (own ? r->gap : 0), day = own ? r->day : r->previous_day;
    if (!(days >= 0))
        return 0; /* NaN: none known */
    if (days >= 400)
        return 12;
    int month = days < day ? 0 : 1 + (int)((days - day) / 30.44);
    return month > 12 ? 12 : month;
}

void rg_event_input(const rg_event_model *m, const rg_event_record *r, const float *parent_features, size_t head,
                    float *out)
{
    size_t width = rg_event_input_width(m), at = m->parent_features.width;
    memset(out + at, 0, (width - at) * sizeof *out);
    if (parent_features)
        memcpy(out, parent_features, at * sizeof *out);
    out[at++] = scaled_log(r->position, 5); /* where in the sequence, and its length and pace: known */
    out[at++] = scaled_log(r->length, 5);   /* from the start, never how far behind or ahead it is */
    out[at++] = scaled_log(r->span, 6);
    out[at++] = r->position == 0;
    for (uint32_t k = 1; m->position_flags && k <= 3; k++) /* the first events follow rules of their own */
        out[at++] = r->position == k;
    for (size_t c = 0; c < m->categories; c++)
        at += one_hot(out + at, r->previous_level[c], rg_head_level_tokens(&m->head[m->first_category + c]), 1);
    for (size_t n = 0; n < m->numbers; n++) {
        out[at++] = squeeze(r->previous_value[n]);
        out[at++] = isnan(r->previous_value[n]);
    }
    out[at++] = scaled_log(r->since_previous, 5);
    out[at++] = scaled_log(r->since_start, 6);
    out[at++] = scaled_log(r->since_parent, 6);
    out[at++] = r->previous_day / 31.0f;
    out[at++] = r->previous_month / 12.0f;
    out[at++] = squeeze(r->balance_before);
    out[at++] = scaled_log(r->length / (1.0 + r->span), 1);
    out[at++] = (float)(r->length / (1.0 + r->span));
    out[at++] = squeeze(r->balance_level); /* the balance against its level: what makes it revert */
    out[at++] = (float)tanh((r->balance_before - r->balance_level) / (fabs(r->balance_level) + 1000.0));
    if (m->band_inputs) { /* room to the band's floor and ceiling: a balance at its floor is topped up */
        int band = !isnan(r->band_floor) && !isnan(r->band_ceiling);
        double scale = fabs(r->balance_level) + 1000.0;
        out[at++] = band;
        out[at++] = band ? (float)tanh((r->balance_before - r->band_floor) / scale) : 0;
        out[at++] = band ? (float)tanh((r->band_ceiling - r->balance_before) / scale) : 0;
    }
    if (m->parent_months) {
        int month = months_since_parent(m, r, head);
        out[at + (month < 6 ? month : month < 12 ? 6 : 7)] = 1;
        at += RG_PARENT_MONTHS;
    }
    if (has_period(m)) /* how far the previous event is from the next anniversary of the parent's date */
        out[at++] = r->position == 0 ? 1.0f
                                     : (float)((rg_event_next_anniversary(r->since_parent, m->head[1].period) -
                                                r->since_parent) / m->head[1].period);
    for (size_t c = 0; c < m->clocks; c++) { /* when each common kind of event last happened */
        double since = r->clock_since[c];
        out[at++] = !isnan(since);
        out[at++] = isnan(since) ? 0 : scaled_log(since, 5);
        out[at++] = isnan(since) ? 0 : (float)(fmin(since, 93) / 31);
    }
    for (size_t e = 0; e < m->echoes; e++, at += 3) { /* when each monthly kind is due, and whether it is now */
        double ahead = r->echo_ahead[e];
        out[at] = !isnan(ahead);
        out[at + 1] = isnan(ahead) ? 0 : (float)(fmin(ahead, 62) / 31);
        out[at + 2] = head >= m->first_category && r->echo == e + 1;
    }
    if (m->has_index && head >= m->first_category) { /* the event's own date */
        out[at + 0] = scaled_log(r->gap, 5);
        out[at + 1] = r->day / 31.0f;
        out[at + 2] = r->days_to_month_end / 31.0f;
        out[at + 3] = m->index_is_date && r->days_to_month_end == 0;
        out[at + 4] = (float)sin(2 * M_PI * r->month / 12.0);
        out[at + 5] = (float)cos(2 * M_PI * r->month / 12.0);
    }
    at += 6;
    for (size_t c = 0; c < m->categories; c++) {
        size_t outputs = rg_head_level_tokens(&m->head[m->first_category + c]);
        if (head > m->first_category + c)
            one_hot(out + at, r->level[c], outputs, 0);
        at += outputs;
    }
    for (size_t c = 0; c < m->categories; c++) {
        const rg_head *category = &m->head[m->first_category + c];
        if (category->repeat == RG_NO_TOKEN)
            continue;
        if (head >= m->first_category + c)
            one_hot(out + at, r->again[c], rg_head_level_tokens(category), 1);
        at += rg_head_level_tokens(category) + 1;
    }
    if (head >= m->first_number && r->has_kind) {
        out[at + 0] = scaled_log(r->kind_since, 5);
        out[at + 1] = 1;
        out[at + 2] = scaled_log(r->kind_count, 5);
        for (size_t n = 0; n < m->numbers; n++) {
            out[at + 3 + 2 * n] = squeeze(r->kind_value[n]);
            out[at + 4 + 2 * n] = isnan(r->kind_value[n]);
        }
    }
    at += 3 + 2 * m->numbers;
    for (size_t n = 0; n < m->numbers; n++, at += 2)
        if (head > m->first_number + n) {
            out[at] = squeeze(r->value[n]);
            out[at + 1] = isnan(r->value[n]);
        }
}
