/* event_fit.c — fitting the event model of a child table: the roles of its columns, the heads'
 * tokens, the records of every real event (teacher forcing), then the heads' training
 * (event_training.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "dataset.h"
#include "event_adversarial.h"
#include "event_clocks.h"
#include "event_combinations.h"
#include "event_days.h"
#include "event_echoes.h"
#include "event_period.h"
#include "event_ratios.h"
#include "event_repeats.h"
#include "event_residuals.h"
#include "event_schedule.h"
#include "event_fit.h"
#include "event_record.h"
#include "event_training.h"
#include "rules.h"
#include "sequences.h"

/* The role of each column of the child table; heads for the categories, then the numbers. */
static riskgan_status assign_roles(rg_event_model *m, const riskgan_dataset *d, size_t child, const rg_balance_rule *rule)
{
    const riskgan_table *t = d->tables[child];
    const rg_table_spec *spec = &d->spec.tables[child];
    const rg_relationship *r = &d->spec.relationships[rg_dataset_spec_parent(&d->spec, child)];
    if (!(m->columns = rg_calloc(t->columns, sizeof *m->columns)))
        return RISKGAN_ERR_NO_MEMORY;
    m->column_count = t->columns;
    size_t categories = 0, numbers = 0;
    for (size_t j = 0; j < t->columns; j++) {
        const rg_column *c = &t->column[j];
        rg_event_column *e = &m->columns[j];
        long k = rg_table_spec_column(spec, c->name);
        e->type = c->type, e->decimals = c->decimals, e->datetime = c->datetime;
        if (!(e->name = rg_strdup(c->name)))
            return RISKGAN_ERR_NO_MEMORY;
        if (spec->primary_key && strcmp(c->name, spec->primary_key) == 0)
            e->role = RG_EVENT_KEY;
        else if (strcmp(c->name, r->child_key) == 0)
            e->role = RG_EVENT_PARENT_KEY;
        else if (spec->sequence_index && strcmp(c->name, spec->sequence_index) == 0 && rg_column_is_numeric(c))
            e->role = RG_EVENT_INDEX;
        else if ((long)j == rule->balance)
            e->role = RG_EVENT_BALANCE;
        else if (k >= 0 && spec->columns[k].sdtype == RG_SDTYPE_ID)
            e->role = RG_EVENT_FRESH_ID;
        else {
            e->role = RG_EVENT_HEAD;
            e->head = rg_column_is_numeric(c) ? -(int)++numbers : (int)categories++; /* numbers placed below */
        }
    }
    if (categories > RG_MAX_CATEGORY_HEADS || numbers > RG_MAX_NUMBER_HEADS)
        return rg_fail(RISKGAN_ERR_SCHEMA, "table '%s': the event model takes at most %d categorical and %d numeric "
                       "columns (it has %zu and %zu)", spec->name, RG_MAX_CATEGORY_HEADS, RG_MAX_NUMBER_HEADS, categories,
                       numbers);
    m->has_index = spec->sequence_index && riskgan_table_find_column(t, spec->sequence_index) >= 0 &&
                   rg_column_is_numeric(&t->column[riskgan_table_find_column(t, spec->sequence_index)]);
    m->first_category = m->has_index ? 2 : 0;
    m->categories = categories;
    m->first_number = m->first_category + categories;
    m->numbers = numbers;
    m->heads = m->first_number + numbers;
    for (size_t j = 0; j < t->columns; j++)
        if (m->columns[j].role == RG_EVENT_HEAD)
            m->columns[j].head = m->columns[j].head < 0 ? (int)m->first_number - m->columns[j].head - 1
                                                        : (int)m->first_category + m->columns[j].head;
    return RISKGAN_OK;
}

/* The index of event i of the sequences (in index units), and where its gap counts from. */
static double gap_origin(const rg_event_model *m, const double *index, const rg_sequences *s, size_t p, size_t i,
                         double parent_date)
{
    if (i > s->start[p])
        return index[s->row[i - 1]];
    return m->has_parent_date && !isnan(parent_date) ? parent_date : m->origin;
}

/* Do the events keep month ends: a date index with at least three times the share of events
 * on a month's last day that chance puts there (1 in 30.4)? */
static int keeps_month_ends(const rg_event_model *m, const riskgan_table *t, long index)
{
    if (!m->index_is_date)
        return 0;
    size_t dated = 0, last_day = 0;
    for (size_t r = 0; r < t->rows; r++) {
        double x = t->column[index].numbers[r];
        if (!isnan(x))
            dated++, last_day += rg_event_on_month_end(x);
    }
    return dated > 0 && (double)last_day >= 3.0 / 30.4 * (double)dated;
}

/* The gap heads: first events' gaps from the parent's date (or the origin), later ones' from
 * the previous event; a month-end token where the events keep month ends; a period of
 * anniversaries where the data has one. */
static riskgan_status fit_gap_heads(rg_event_model *m, const riskgan_table *t, long index, const rg_sequences *s,
                                    const double *parent_dates, size_t min_parents)
{
    size_t n = t->rows, firsts = 0, laters = 0;
    double *first = rg_calloc(n + 1, sizeof *first), *later = rg_calloc(n + 1, sizeof *later);
    size_t *first_parent = rg_calloc(n + 1, sizeof *first_parent), *later_parent = rg_calloc(n + 1, sizeof *later_parent);
    riskgan_status status = first && later && first_parent && later_parent ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    const double *x = t->column[index].numbers, scale = m->index_is_date ? RG_SECONDS_PER_DAY : 1.0;
    for (size_t p = 0; status == RISKGAN_OK && p < s->parents; p++)
        for (size_t i = s->start[p]; i < s->start[p + 1]; i++) {
            double gap = (x[s->row[i]] - gap_origin(m, x, s, p, i, parent_dates ? parent_dates[p] : NAN)) / scale;
            if (i == s->start[p])
                first[firsts] = gap, first_parent[firsts++] = p;
            else
                later[laters] = gap, later_parent[laters++] = p;
        }
    if (status == RISKGAN_OK)
        status = rg_head_fit_number(&m->head[0], RG_HEAD_FIRST_GAP, t->column[index].name, first, first_parent, firsts,
                                    24, min_parents, 0, 1);
    if (status == RISKGAN_OK)
        status = rg_head_fit_number(&m->head[1], RG_HEAD_GAP, t->column[index].name, later, later_parent, laters, 24,
                                    min_parents, 0, 1);
    int month_ends = keeps_month_ends(m, t, index);
    for (int h = 0; h < 2 && status == RISKGAN_OK; h++)
        rg_head_set_month_ends(&m->head[h], month_ends);
    if (status == RISKGAN_OK && m->index_is_date && parent_dates) {
        for (size_t p = 0; p < s->parents; p++) /* days after the parent's date, over `first` */
            for (size_t i = s->start[p]; i < s->start[p + 1]; i++)
                first[i] = (x[s->row[i]] - parent_dates[p]) / scale;
        double period = rg_event_period_choose(first, n);
        rg_head_set_period(&m->head[0], period);
        rg_head_set_period(&m->head[1], period);
    }
    free(first), free(later), free(first_parent), free(later_parent);
    return status;
}

/* The category and number heads, from the values in sequence order. */
static riskgan_status fit_value_heads(rg_event_model *m, const riskgan_table *t, const rg_sequences *s,
                                      size_t min_parents)
{
    size_t n = t->rows;
    const char **texts = rg_calloc(n + 1, sizeof *texts);
    double *numbers = rg_calloc(n + 1, sizeof *numbers);
    size_t *parent = rg_calloc(n + 1, sizeof *parent);
    riskgan_status status = texts && numbers && parent ? RISKGAN_OK : RISKGAN_ERR_NO_MEMORY;
    for (size_t p = 0; status == RISKGAN_OK && p < s->parents; p++)
        for (size_t i = s->start[p]; i < s->start[p + 1]; i++)
            parent[i] = p;
    for (size_t j = 0; status == RISKGAN_OK && j < m->column_count; j++) {
        const rg_event_column *e = &m->columns[j];
        if (e->role != RG_EVENT_HEAD)
            continue;
        const rg_column *c = &t->column[j];
        for (size_t i = 0; i < n; i++) {
            size_t row = s->row[i];
            if (rg_column_is_numeric(c))
                numbers[i] = c->numbers[row];
            else
                texts[i] = c->codes[row] < 0 ? NULL : rg_dictionary_string(&c->categories, c->codes[row]);
        }
        status = rg_column_is_numeric(c)
                     ? rg_head_fit_number(&m->head[e->head], RG_HEAD_NUMBER, c->name, numbers, parent, n, 32, min_parents,
                                          c->type == RISKGAN_COLUMN_INTEGER ? 0 : c->decimals,
                                          c->type == RISKGAN_COLUMN_INTEGER)
                     : rg_head_fit_category(&m->head[e->head], c->name, texts, parent, n, min_parents);
        if (status == RISKGAN_OK && rg_column_is_numeric(c))
            rg_head_learn_steps(&m->head[e->head], numbers, n);
    }
    free(texts), free(numbers), free(parent);
    return status;
}

/* The balance rule's amount and sign heads, and its credit values. */
static riskgan_status set_balance(rg_event_model *m, const riskgan_table *t, const rg_balance_rule *rule)
{
    if (rule->balance < 0 || m->columns[rule->amount].role != RG_EVENT_HEAD ||
        m->columns[rule->sign].role != RG_EVENT_HEAD)
        return RISKGAN_OK;
    m->has_balance = 1;
    m->amount_head = m->columns[rule->amount].head;
    m->sign_head = m->columns[rule->sign].head;
    m->balance_floor = INFINITY, m->balance_ceiling = -INFINITY;
    for (size_t r = 0; r < t->rows; r++) {
        double b = t->column[rule->balance].numbers[r];
        m->balance_floor = b < m->balance_floor ? b : m->balance_floor;
        m->balance_ceiling = b > m->balance_ceiling ? b : m->balance_ceiling;
    }
    m->credits = rg_calloc(rule->credit_count + 1, sizeof *m->credits);
    if (!m->credits)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; i < rule->credit_count; i++)
        if (!(m->credits[m->credit_count++] = rg_strdup(rule->credit_names[i])))
            return RISKGAN_ERR_NO_MEMORY;
    return RISKGAN_OK;
}

/* A real event's gap token, its index and kind known: on a month's end, on an anniversary of the
 * parent's date, a month after the last event of a monthly kind, or the gap's own value. */
static uint16_t gap_token(const rg_event_model *m, const rg_sequence_state *state, const rg_event_record *r, double at)
{
    const rg_head *gap = &m->head[state->position == 0 ? 0 : 1];
    if (gap->month_end != RG_NO_TOKEN && r->gap > 0 && r->days_to_month_end == 0)
        return (uint16_t)gap->month_end;
    double after_parent = (at - state->parent_date) / RG_SECONDS_PER_DAY;
    if (gap->period > 0 && !isnan(state->parent_date) &&
        rg_event_on_anniversary(rg_sequence_since_parent(m, state), after_parent, gap->period))
        return (uint16_t)gap->anniversary;
    uint16_t echo = rg_event_echo_token(m, state, r, at);
    return echo != RG_NO_TOKEN ? echo : rg_head_number_token(gap, r->gap, 0);
}

/* Event i's record (teacher forcing: the real values), and the sequence advanced past it. */
static void make_record(const rg_event_model *m, const riskgan_table *t, rg_sequence_state *state, size_t row,
                        uint32_t parent, uint32_t length, long index, long balance, const unsigned char *proportional,
                        rg_event_record *r)
{
    double values[RG_MAX_NUMBER_HEADS] = {0};
    rg_record_begin(m, state, parent, length, r);
    double at = index >= 0 ? t->column[index].numbers[row] : (double)state->position;
    if (m->has_index)
        rg_record_set_index(m, state, at, r);
    for (size_t j = 0; j < m->column_count; j++) {
        const rg_event_column *e = &m->columns[j];
        if (e->role != RG_EVENT_HEAD || (size_t)e->head >= m->first_number)
            continue;
        const rg_column *c = &t->column[j];
        const char *text = c->codes[row] < 0 ? NULL : rg_dictionary_string(&c->categories, c->codes[row]);
        r->token[e->head] = rg_head_category_token(&m->head[e->head], text);
        r->level[e->head - m->first_category] = (int16_t)r->token[e->head];
    }
    for (size_t c = 0; c < m->categories; c++) {
        rg_record_set_again(m, state, r, c);
        if (r->again[c] >= 0 && r->again[c] == r->level[c])
            r->token[m->first_category + c] = (uint16_t)m->head[m->first_category + c].repeat;
    }
    rg_record_set_kind(m, state, r);
    if (m->has_index) {
        uint16_t token = gap_token(m, state, r, at);
        r->token[state->position == 0 ? 0 : 1] = token;
        r->echo = state->position > 0 ? (uint8_t)rg_head_echo_of(&m->head[1], token) : 0;
    }
    for (size_t j = 0; j < m->column_count; j++) {
        const rg_event_column *e = &m->columns[j];
        if (e->role != RG_EVENT_HEAD || (size_t)e->head < m->first_number)
            continue;
        size_t n = (size_t)e->head - m->first_number;
        double v = t->column[j].numbers[row];
        r->value[n] = (float)v;
        values[n] = v;
        int repeats = r->has_kind && !isnan(v) && (float)v == r->kind_value[n];
        int share = proportional && proportional[row] && e->head == m->amount_head && !repeats;
        r->token[e->head] = share ? rg_head_ratio_token(&m->head[e->head], v / state->balance)
                                  : rg_head_number_token(&m->head[e->head], v, repeats);
    }
    rg_sequence_advance(m, state, r, values, at, balance >= 0 ? t->column[balance].numbers[row] : 0);
}

/* Each parent's level of balance (its events' mean balance; NaN without events), then from
 * its settling event on the least and the largest balance over the level (NaN: too few
 * events or no positive level): three arrays of s->parents. */
static double *sequence_levels(const riskgan_table *t, const rg_sequences *s, long balance)
{
    double *level = rg_calloc(3 * s->parents + 1, sizeof *level), *low = level + s->parents, *high = low + s->parents;
    for (size_t p = 0; level && p < s->parents; p++) {
        double sum = 0, least = INFINITY, most = -INFINITY;
        size_t n = 0;
        for (size_t i = s->start[p]; balance >= 0 && i < s->start[p + 1]; i++) {
            double b = t->column[balance].numbers[s->row[i]];
            if (isnan(b))
                continue;
            sum += b, n++;
            if (i - s->start[p] >= RG_SETTLED)
                least = b < least ? b : least, most = b > most ? b : most;
        }
        level[p] = n ? sum / (double)n : NAN;
        int band = n > 0 && level[p] > 0 && isfinite(least);
        low[p] = band ? least / level[p] : NAN;
        high[p] = band ? most / level[p] : NAN;
    }
    return level;
}

/* Open-ended sequences of dated parents, none with events dated after the window: lengths
 * are learned per month in the window, so a drawn count follows the parent's date. */
static int length_per_month(const rg_event_model *m, const rg_sequences *s, const double *parent_dates)
{
    if (!m->open_ended || !parent_dates)
        return 0;
    for (size_t p = 0; p < s->parents; p++)
        if (rg_sequence_length(s, p) > 0 && !(parent_dates[p] <= m->window_end))
            return 0;
    return 1;
}

/* What the length head learns per parent: its number of events, or that per month in the
 * window (NaN for parents dated after it: they have none). */
static double *length_values(const rg_event_model *m, const double *counts, const double *parent_dates, size_t n)
{
    double *value = rg_calloc(n + 1, sizeof *value);
    for (size_t p = 0; value && p < n; p++)
        value[p] = m->length_per_month ? counts[p] / rg_event_months_in_window(m, parent_dates[p]) : counts[p];
    return value;
}

/* The parent heads: each parent's number of events, and (with a balance) its level. */
static riskgan_status fit_parent_heads(rg_event_model *m, const riskgan_table *parents, const char *count_column,
                                       const double *parent_dates, const double *levels, const rg_event_fit_options *o)
{
    long count = riskgan_table_find_column(parents, count_column);
    if (count < 0 || !rg_column_is_numeric(&parents->column[count]))
        return rg_fail(RISKGAN_ERR_SCHEMA, "the parents have no number column '%s'", count_column);
    rg_parent_head_options h = {.name = count_column, .exclude = count, .integer = !m->length_per_month,
                                .decimals = m->length_per_month ? 2 : 0,
                                .min_parents = o->min_parents ? o->min_parents : 5, .seed = o->seed};
    double *lengths = length_values(m, parents->column[count].numbers, parent_dates, parents->rows);
    riskgan_status status = lengths ? rg_parent_head_fit(&m->length, parents, lengths, &h) : RISKGAN_ERR_NO_MEMORY;
    free(lengths);
    if (status != RISKGAN_OK || !m->has_balance)
        return status;
    h.name = "level of the balance", h.integer = 0, h.decimals = 2, h.seed = o->seed ^ 0x4c4556ull;
    status = rg_parent_head_fit(&m->level, parents, levels, &h);
    h.name = "least balance over the level", h.decimals = 3, h.seed = o->seed ^ 0x4c4f57ull;
    if (status == RISKGAN_OK)
        status = rg_parent_head_fit(&m->low, parents, levels + parents->rows, &h);
    h.name = "largest balance over the level", h.seed = o->seed ^ 0x484947ull;
    if (status == RISKGAN_OK)
        status = rg_parent_head_fit(&m->high, parents, levels + 2 * parents->rows, &h);
    return status;
}

static riskgan_status make_records(const rg_event_model *m, const riskgan_table *t, const rg_sequences *s, long index,
                                   long balance, const double *parent_dates, const double *levels,
                                   const unsigned char *proportional, rg_event_record **out)
{
    rg_event_record *records = rg_calloc(t->rows + 1, sizeof *records);
    if (!records)
        return RISKGAN_ERR_NO_MEMORY;
    rg_sequence_state state;
    for (size_t p = 0; p < s->parents; p++) {
        rg_sequence_start(&state, parent_dates ? parent_dates[p] : NAN);
        state.level = levels && !isnan(levels[p]) ? levels[p] : 0;
        if (m->band_inputs && levels && !isnan(levels[p]) && !isnan(levels[s->parents + p]))
            state.floor = levels[p] * levels[s->parents + p], state.ceiling = levels[p] * levels[2 * s->parents + p];
        uint32_t length = (uint32_t)rg_sequence_length(s, p);
        for (size_t i = s->start[p]; i < s->start[p + 1]; i++)
            make_record(m, t, &state, s->row[i], (uint32_t)p, length, index, balance, proportional, &records[i]);
    }
    *out = records;
    return RISKGAN_OK;
}

/* The parent's date column (the first date the parents have), its values, and where the
 * child's index starts and ends. */
static riskgan_status index_facts(rg_event_model *m, const riskgan_dataset *d, size_t child, const riskgan_table *parents,
                                  long index, double **parent_dates)
{
    *parent_dates = NULL;
    const riskgan_table *t = d->tables[child];
    if (!m->has_index)
        return RISKGAN_OK;
    m->index_is_date = t->column[index].type == RISKGAN_COLUMN_DATETIME;
    m->origin = INFINITY, m->window_end = -INFINITY;
    for (size_t r = 0; r < t->rows; r++) {
        double x = t->column[index].numbers[r];
        m->origin = x < m->origin ? x : m->origin;
        m->window_end = x > m->window_end ? x : m->window_end;
    }
    long date = rg_parent_date_column(d, child);
    if (date < 0)
        return RISKGAN_OK;
    const char *name = d->tables[(size_t)rg_dataset_spec_table(&d->spec, d->spec.relationships[
                                                                   rg_dataset_spec_parent(&d->spec, child)].parent)]
                           ->column[date].name;
    long column = riskgan_table_find_column(parents, name);
    if (column < 0)
        return RISKGAN_OK;
    m->has_parent_date = 1;
    if (!(m->parent_date = rg_strdup(name)) || !(*parent_dates = rg_calloc(parents->rows + 1, sizeof(double))))
        return RISKGAN_ERR_NO_MEMORY;
    memcpy(*parent_dates, parents->column[column].numbers, parents->rows * sizeof(double));
    return RISKGAN_OK;
}

/* Do the data's sequences run to the end of the window it covers (most of those with two
 * events or more end within a month, or a twentieth of the index's range, of it)? */
static int runs_to_window_end(const rg_event_model *m, const riskgan_table *t, long index, const rg_sequences *s)
{
    if (!m->has_index)
        return 0;
    double near = m->index_is_date ? 31 * RG_SECONDS_PER_DAY : (m->window_end - m->origin) / 20;
    size_t several = 0, to_end = 0;
    for (size_t p = 0; p < s->parents; p++) {
        if (rg_sequence_length(s, p) < 2)
            continue;
        several++;
        to_end += t->column[index].numbers[s->row[s->start[p + 1] - 1]] >= m->window_end - near;
    }
    return several > 0 && to_end * 2 >= several;
}

/* Does every parent dated within the data's window (at least 20 of them) have events, but
 * for at most 1 %? */
static int dated_parents_active(const rg_event_model *m, const rg_sequences *s, const double *parent_dates)
{
    if (!parent_dates || !m->has_index)
        return 0;
    size_t dated = 0, active = 0;
    for (size_t p = 0; p < s->parents; p++)
        if (parent_dates[p] <= m->window_end)
            dated++, active += rg_sequence_length(s, p) > 0;
    return dated >= 20 && (double)active >= 0.99 * (double)dated;
}

/* Fresh keys and identifiers start past the largest real one, so none can equal a real one. */
static riskgan_status fresh_starts(rg_event_model *m, const riskgan_table *t, const char *table_name)
{
    riskgan_status status = RISKGAN_OK;
    for (size_t j = 0; status == RISKGAN_OK && j < m->column_count; j++) {
        rg_event_column *e = &m->columns[j];
        e->fresh_start = 1;
        if (e->role == RG_EVENT_KEY || e->role == RG_EVENT_FRESH_ID)
            status = rg_event_column_fresh_start(e, t, j, table_name);
    }
    return status;
}

riskgan_status rg_event_model_fit(rg_event_model *m, const riskgan_dataset *d, size_t child, const riskgan_table *parents,
                                  const char *count_column, const rg_event_fit_options *o)
{
    memset(m, 0, sizeof *m);
    const riskgan_table *t = d->tables[child];
    const rg_table_spec *spec = &d->spec.tables[child];
    long index = spec->sequence_index ? riskgan_table_find_column(t, spec->sequence_index) : -1;
    rg_sequences s = {0};
    rg_balance_rule rule = {.balance = -1, .amount = -1, .sign = -1};
    double *parent_dates = NULL;
    rg_event_record *records = NULL;
    riskgan_status status = rg_sequences_build(t, d->parent_row[child], parents->rows, index, &s);
    if (status == RISKGAN_OK && (status = rg_balance_rule_find(d, child, &s, &rule)) == RISKGAN_OK)
        rg_balance_rule_chain(t, index, &rule, &s);
    if (status == RISKGAN_OK && !(m->count_column = rg_strdup(count_column)))
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = assign_roles(m, d, child, &rule);
    if (status == RISKGAN_OK)
        status = index_facts(m, d, child, parents, index, &parent_dates);
    if (status == RISKGAN_OK && m->has_index)
        status = fit_gap_heads(m, t, index, &s, parent_dates, o->min_parents ? o->min_parents : 5);
    if (status == RISKGAN_OK)
        status = fit_value_heads(m, t, &s, o->min_parents ? o->min_parents : 5);
    if (status == RISKGAN_OK)
        status = set_balance(m, t, &rule);
    if (status == RISKGAN_OK)
        status = rg_event_repeats_choose(m, t, &s);
    if (status == RISKGAN_OK)
        status = rg_event_clocks_choose(m, t);
    if (status == RISKGAN_OK)
        status = rg_event_combinations_fit(m, t, &s, o->min_parents ? o->min_parents : 5);
    if (status == RISKGAN_OK && m->has_balance)
        status = rg_event_residuals_fit(m, t, &s, &rule);
    if (status == RISKGAN_OK && m->has_index && o->monthly_echoes)
        status = rg_event_echoes_choose(m, t, index, &s);
    if (status == RISKGAN_OK && m->has_index && o->days_of_month)
        status = rg_event_days_choose(m, t, index);
    if (status == RISKGAN_OK && m->has_index && o->monthly_kinds)
        status = rg_event_schedule_choose(m, t, index, &s);
    unsigned char *proportional = NULL;
    if (status == RISKGAN_OK)
        status = rg_event_ratios_fit(m, t, &s, m->has_balance ? rule.balance : -1, &proportional);
    if (status == RISKGAN_OK) {
        status = fresh_starts(m, t, spec->name);
        m->open_ended = runs_to_window_end(m, t, index, &s);
        m->dated_parents_active = dated_parents_active(m, &s, parent_dates);
        m->length_per_month = length_per_month(m, &s, parent_dates);
        m->position_flags = 1;
        m->band_inputs = m->has_balance;
        m->parent_months = m->has_parent_date && m->index_is_date;
    }
    double *levels = status == RISKGAN_OK ? sequence_levels(t, &s, m->has_balance ? rule.balance : -1) : NULL;
    if (status == RISKGAN_OK && !levels)
        status = RISKGAN_ERR_NO_MEMORY;
    if (status == RISKGAN_OK)
        status = make_records(m, t, &s, m->has_index ? index : -1, m->has_balance ? rule.balance : -1, parent_dates,
                              levels, proportional, &records);
    if (status == RISKGAN_OK)
        status = rg_features_fit(&m->parent_features, parents, -1);
    if (status == RISKGAN_OK)
        status = fit_parent_heads(m, parents, count_column, parent_dates, levels, o);
    if (status == RISKGAN_OK)
        status = rg_event_model_train(m, records, t->rows, parents, o);
    if (status == RISKGAN_OK)
        status = rg_event_model_adversarial(m, records, t->rows, parents, o);
    free(records), free(parent_dates), free(levels), free(proportional);
    rg_sequences_free(&s);
    rg_balance_rule_free(&rule);
    if (status != RISKGAN_OK)
        rg_event_model_free(m);
    return status;
}
