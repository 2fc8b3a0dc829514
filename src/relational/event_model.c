/* event_model.c — an event model in a model file, every field checked on reading; and
 * freeing one. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/memory.h"
#include "../data/table.h"
#include "event_head_file.h"
#include "event_model.h"

void rg_event_model_free(rg_event_model *m)
{
    for (size_t j = 0; m->columns && j < m->column_count; j++)
        free(m->columns[j].name);
    for (size_t h = 0; h < m->heads; h++)
        rg_head_free(&m->head[h]);
    for (size_t i = 0; i < m->credit_count; i++)
        free(m->credits[i]);
    free(m->columns), free(m->credits), free(m->parent_date), free(m->count_column), free(m->combination);
    rg_features_free(&m->parent_features);
    rg_parent_head_free(&m->length);
    rg_parent_head_free(&m->level);
    rg_parent_head_free(&m->low);
    rg_parent_head_free(&m->high);
    memset(m, 0, sizeof *m);
}

void rg_event_column_write(const rg_event_column *c, rg_writer *w)
{
    rg_write_string(w, c->name);
    rg_write_u32(w, (uint32_t)c->type);
    rg_write_u32(w, (uint32_t)(c->decimals + 1));
    uint32_t format[7] = {c->datetime.order, (unsigned char)c->datetime.separator, c->datetime.padded,
                          c->datetime.time, (unsigned char)c->datetime.time_separator, c->datetime.zulu,
                          c->datetime.two_digit_year};
    for (int i = 0; i < 7; i++)
        rg_write_u32(w, format[i]);
    rg_write_u32(w, (uint32_t)c->role);
    rg_write_u32(w, (uint32_t)c->head);
    rg_write_f64(w, c->fresh_start);
}

riskgan_status rg_event_column_fresh_start(rg_event_column *e, const riskgan_table *t, size_t j, const char *name)
{
    const rg_column *c = &t->column[j];
    e->fresh_start = 1;
    for (size_t r = 0; rg_column_is_numeric(c) && r < t->rows; r++) {
        double x = c->numbers[r];
        if (fabs(x) >= RG_FRESH_LIMIT)
            return rg_fail(RISKGAN_ERR_SCHEMA,
                           "table '%s', column '%s': identifier %.17g is too large to count fresh ones past it "
                           "exactly (at most 2^52 as a number)", name, c->name, x);
        if (x >= e->fresh_start)
            e->fresh_start = floor(x) + 1;
    }
    return RISKGAN_OK;
}

int rg_event_clock_matches(const rg_event_model *m, size_t c, const int16_t *level)
{
    for (size_t k = 0; k < m->categories; k++)
        if (m->clock[c][k] >= 0 && m->clock[c][k] != level[k])
            return 0;
    return 1;
}

size_t rg_event_first_clock(const rg_event_model *m, const int16_t *level)
{
    size_t c = 0;
    while (c < m->clocks && !rg_event_clock_matches(m, c, level))
        c++;
    return c;
}

static void write_clocks(const rg_event_model *m, rg_writer *w)
{
    rg_write_u64(w, m->clocks);
    for (size_t c = 0; c < m->clocks; c++)
        for (size_t k = 0; k < m->categories; k++)
            rg_write_u32(w, (uint32_t)m->clock[c][k]);
}

/* The clocks (event_clocks.h; files of format 3 on, none before): each a category token per
 * category head. */
static void read_clocks(rg_event_model *m, rg_reader *r, uint32_t version)
{
    memset(m->clock, 0, sizeof m->clock);
    m->clocks = version < 3 ? 0 : rg_read_count(r, RG_MAX_CLOCKS);
    for (size_t c = 0; c < m->clocks && !r->failure; c++)
        for (size_t k = 0; k < m->categories; k++) {
            int32_t token = (int32_t)rg_read_u32(r);
            if (!r->failure && (!m->has_index || token < -1 || token >= (int32_t)rg_head_level_tokens(&m->head[m->first_category + k])))
                r->failure = "an event model's clock names no kind of event (corrupt file)";
            m->clock[c][k] = (int16_t)token;
        }
    if (r->failure)
        m->clocks = 0;
}

/* The echoes (files of format 7 on, none before): as many as the later-gap head's echo tokens,
 * each naming a clock. */
static void read_echoes(rg_event_model *m, rg_reader *r, uint32_t version)
{
    m->echoes = version < 7 ? 0 : rg_read_count(r, RG_MAX_CLOCKS);
    size_t tokens = m->has_index ? m->head[1].echoes : 0;
    if (!r->failure && m->echoes != tokens)
        r->failure = "an event model's echoes do not match its gap tokens (corrupt file)";
    for (size_t e = 0; e < m->echoes && !r->failure; e++) {
        uint32_t clock = rg_read_u32(r);
        if (!r->failure && clock >= m->clocks)
            r->failure = "an event model's echo names no clock (corrupt file)";
        m->echo_clock[e] = (uint8_t)clock;
    }
    if (r->failure)
        m->echoes = 0;
}

/* The days of the month prefixes of the categories never fall on (format 7 on, none before):
 * each a depth of 1 to the number of category heads, a token per head, and days. */
static void read_day_rules(rg_event_model *m, rg_reader *r, uint32_t version)
{
    m->day_rules = version < 7 ? 0 : rg_read_count(r, RG_MAX_DAY_RULES);
    if (!r->failure && m->day_rules && !m->index_is_date)
        r->failure = "an event model's days of the month are invalid (corrupt file)";
    for (size_t i = 0; i < m->day_rules && !r->failure; i++) {
        uint32_t depth = rg_read_u32(r);
        if (!r->failure && (depth < 1 || depth > m->categories))
            r->failure = "an event model's days of the month are invalid (corrupt file)";
        m->day_rule[i].depth = (uint8_t)depth;
        for (size_t k = 0; k < depth && !r->failure; k++) {
            int32_t token = (int32_t)rg_read_u32(r);
            if (!r->failure && (token < 0 || token >= (int32_t)rg_head_level_tokens(&m->head[m->first_category + k])))
                r->failure = "an event model's days of the month name no kind of event (corrupt file)";
            m->day_rule[i].level[k] = (int16_t)token;
        }
        m->day_rule[i].forbidden = rg_read_u32(r);
        if (!r->failure && m->day_rule[i].forbidden >> 31)
            r->failure = "an event model's days of the month are invalid (corrupt file)";
    }
    if (r->failure)
        m->day_rules = 0;
}

/* The residual kinds (files of version 8 on; before: none): each a clock, 1 to
 * RG_MAX_RESIDUALS finite non-zero values with shares in (0, 1] that sum to at most 1. */
static void read_residuals(rg_event_model *m, rg_reader *r, uint32_t version)
{
    m->residual_kinds = version < 8 || r->failure ? 0 : rg_read_count(r, RG_MAX_CLOCKS);
    if (!r->failure && m->residual_kinds && !m->has_balance)
        r->failure = "an event model's balance residuals are invalid (corrupt file)";
    for (size_t k = 0; k < m->residual_kinds && !r->failure; k++) {
        uint32_t clock = rg_read_u32(r), count = rg_read_u32(r);
        int valid = clock < m->clocks && count >= 1 && count <= RG_MAX_RESIDUALS;
        m->residual[k].clock = (uint8_t)clock, m->residual[k].count = valid ? (uint8_t)count : 0;
        double total = 0;
        for (size_t v = 0; valid && v < count && !r->failure; v++) {
            double value = rg_read_f64(r), share = rg_read_f64(r);
            valid = isfinite(value) && value != 0 && share > 0 && share <= 1 && (total += share) <= 1 + 1e-9;
            m->residual[k].value[v] = value, m->residual[k].share[v] = share;
        }
        if (!r->failure && !valid)
            r->failure = "an event model's balance residuals are invalid (corrupt file)";
    }
    if (r->failure)
        m->residual_kinds = 0;
}

/* The combinations of categories (files of version 8 on; before: none, any combination):
 * each a token of every category head. */
static riskgan_status read_combinations(rg_event_model *m, rg_reader *r, uint32_t version)
{
    m->combinations = version < 8 ? 0 : rg_read_count(r, RG_MAX_COMBINATIONS);
    if (r->failure || m->combinations == 0)
        return RISKGAN_OK;
    if (!(m->combination = rg_calloc(m->combinations, sizeof *m->combination)))
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t k = 0; k < m->combinations && !r->failure; k++)
        for (size_t c = 0; c < m->categories && !r->failure; c++) {
            int32_t token = (int32_t)rg_read_u32(r);
            const rg_head *head = &m->head[m->first_category + c];
            int any = token == RG_ANY_LEVEL && head->levels > RG_KIND_MOST_LEVELS;
            if (!r->failure && !any && (token < 0 || token >= (int32_t)rg_head_level_tokens(head)))
                r->failure = "an event model's combinations of categories are invalid (corrupt file)";
            m->combination[k][c] = (int16_t)token;
        }
    if (r->failure)
        m->combinations = 0;
    return RISKGAN_OK;
}

void rg_event_model_write(const rg_event_model *m, rg_writer *w)
{
    rg_write_u64(w, m->column_count);
    uint32_t shape[7] = {(uint32_t)m->heads, (uint32_t)m->first_category, (uint32_t)m->categories,
                         (uint32_t)m->first_number, (uint32_t)m->numbers, (uint32_t)m->hidden,
                         (uint32_t)m->input_width};
    for (int i = 0; i < 7; i++)
        rg_write_u32(w, shape[i]);
    uint32_t flags[7] = {(uint32_t)m->has_index, (uint32_t)m->index_is_date, (uint32_t)m->has_parent_date,
                         (uint32_t)m->has_balance, (uint32_t)m->amount_head, (uint32_t)m->sign_head,
                         (uint32_t)m->open_ended};
    for (int i = 0; i < 7; i++)
        rg_write_u32(w, flags[i]);
    for (size_t j = 0; j < m->column_count; j++)
        rg_event_column_write(&m->columns[j], w);
    rg_write_f64(w, m->balance_floor);
    rg_write_f64(w, m->balance_ceiling);
    rg_write_f64(w, m->window_end);
    rg_write_f64(w, m->origin);
    rg_write_string(w, m->parent_date);
    rg_write_string(w, m->count_column);
    rg_write_u64(w, m->credit_count);
    for (size_t i = 0; i < m->credit_count; i++)
        rg_write_string(w, m->credits[i]);
    rg_features_write(&m->parent_features, w);
    rg_parent_head_write(&m->length, w);
    if (m->has_balance) {
        rg_parent_head_write(&m->level, w);
        rg_parent_head_write(&m->low, w);
        rg_parent_head_write(&m->high, w);
    }
    for (size_t h = 0; h < m->heads; h++)
        rg_head_write(&m->head[h], w);
    write_clocks(m, w);
    rg_write_u32(w, (uint32_t)m->dated_parents_active);
    rg_write_u32(w, (uint32_t)m->length_per_month);
    rg_write_u64(w, m->echoes);
    for (size_t e = 0; e < m->echoes; e++)
        rg_write_u32(w, m->echo_clock[e]);
    rg_write_u64(w, m->day_rules);
    for (size_t r = 0; r < m->day_rules; r++) {
        rg_write_u32(w, m->day_rule[r].depth);
        for (size_t k = 0; k < m->day_rule[r].depth; k++)
            rg_write_u32(w, (uint32_t)m->day_rule[r].level[k]);
        rg_write_u32(w, m->day_rule[r].forbidden);
    }
    rg_write_u32(w, (uint32_t)m->position_flags);
    rg_write_u64(w, m->residual_kinds);
    for (size_t k = 0; k < m->residual_kinds; k++) {
        rg_write_u32(w, m->residual[k].clock);
        rg_write_u32(w, m->residual[k].count);
        for (size_t v = 0; v < m->residual[k].count; v++)
            rg_write_f64(w, m->residual[k].value[v]), rg_write_f64(w, m->residual[k].share[v]);
    }
    rg_write_u64(w, m->combinations);
    for (size_t k = 0; k < m->combinations; k++)
        for (size_t c = 0; c < m->categories; c++)
            rg_write_u32(w, (uint32_t)m->combination[k][c]);
    rg_write_u32(w, m->scheduled);
    rg_write_u32(w, m->due_at_month_end);
    rg_write_u32(w, (uint32_t)m->band_inputs);
    rg_write_u32(w, (uint32_t)m->parent_months);
}

void rg_event_column_read(rg_event_column *c, rg_reader *r, size_t heads)
{
    c->name = rg_read_string(r);
    uint32_t type = rg_read_u32(r);
    c->decimals = (int)rg_read_u32(r) - 1;
    uint32_t format[7];
    for (int i = 0; i < 7; i++)
        format[i] = rg_read_u32(r);
    c->datetime = (rg_datetime_format){(unsigned char)format[0], (char)format[1], (unsigned char)format[2],
                                       (unsigned char)format[3], (char)format[4], (unsigned char)format[5],
                                       (unsigned char)format[6]};
    uint32_t role = rg_read_u32(r), head = rg_read_u32(r);
    c->fresh_start = rg_read_f64(r);
    if (r->failure)
        return;
    c->type = (riskgan_column_type)type;
    c->role = (rg_event_role)role;
    c->head = (int)head;
    if (!c->name || type > RISKGAN_COLUMN_DATETIME || role > RG_EVENT_FRESH_ID || format[0] > 3 ||
        c->decimals < -1 || c->decimals > 1000 || (role == RG_EVENT_HEAD && head >= heads) ||
        !(fabs(c->fresh_start) < RG_FRESH_LIMIT))
        r->failure = "an event column is invalid (corrupt file)";
}

/* The numbers that shape the model agree with each other. */
static void check_shape(rg_event_model *m, rg_reader *r)
{
    if (r->failure)
        return;
    if (m->heads > RG_MAX_HEADS || m->categories > RG_MAX_CATEGORY_HEADS || m->numbers > RG_MAX_NUMBER_HEADS ||
        m->first_category != (m->has_index ? 2u : 0u) || m->first_number != m->first_category + m->categories ||
        m->heads != m->first_number + m->numbers || m->hidden < 1 || m->hidden > 4096 ||
        (m->has_balance && ((size_t)m->amount_head < m->first_number || (size_t)m->amount_head >= m->heads ||
                            (size_t)m->sign_head < m->first_category || (size_t)m->sign_head >= m->first_number)))
        r->failure = "the event model's shape is invalid (corrupt file)";
}

/* The clocks due every month (files of version 10 on; before: none): bits of clocks there
 * are, the month-end ones among them, with a date index. */
static void read_schedule(rg_event_model *m, rg_reader *r, uint32_t version)
{
    m->scheduled = version < 10 ? 0 : rg_read_u32(r);
    m->due_at_month_end = version < 10 ? 0 : rg_read_u32(r);
    uint32_t clocks = (1u << m->clocks) - 1; /* read_clocks keeps them to RG_MAX_CLOCKS */
    if (!r->failure && ((m->scheduled & ~clocks) || (m->due_at_month_end & ~m->scheduled) ||
                        (m->scheduled && !m->index_is_date)))
        r->failure = "an event model's monthly kinds are invalid (corrupt file)";
    if (r->failure)
        m->scheduled = m->due_at_month_end = 0;
}

static riskgan_status read_heads(rg_event_model *m, rg_reader *r, uint32_t version)
{
    riskgan_status status = RISKGAN_OK;
    for (size_t h = 0; h < m->heads && status == RISKGAN_OK && !r->failure; h++) {
        status = rg_head_read(&m->head[h], r, (int)m->input_width, version);
        rg_head_kind expected = m->has_index && h == 0 ? RG_HEAD_FIRST_GAP : m->has_index && h == 1 ? RG_HEAD_GAP
                                : h < m->first_number ? RG_HEAD_CATEGORY : RG_HEAD_NUMBER;
        if (status == RISKGAN_OK && !r->failure && m->head[h].kind != expected)
            r->failure = "an event head is of the wrong kind (corrupt file)";
    }
    return status;
}

riskgan_status rg_event_model_read(rg_event_model *m, rg_reader *r, uint32_t version)
{
    memset(m, 0, sizeof *m);
    m->column_count = rg_read_count(r, 4096);
    m->columns = rg_calloc(m->column_count + 1, sizeof *m->columns);
    if (!m->columns)
        return RISKGAN_ERR_NO_MEMORY;
    uint32_t shape[7], flags[7];
    for (int i = 0; i < 7; i++)
        shape[i] = rg_read_u32(r);
    m->heads = shape[0], m->first_category = shape[1], m->categories = shape[2];
    m->first_number = shape[3], m->numbers = shape[4], m->hidden = (int)shape[5], m->input_width = shape[6];
    for (int i = 0; i < 7; i++)
        flags[i] = rg_read_u32(r);
    m->has_index = flags[0] == 1, m->index_is_date = flags[1] == 1, m->has_parent_date = flags[2] == 1;
    m->open_ended = flags[6] == 1 && m->has_index;
    m->has_balance = flags[3] == 1, m->amount_head = (int)flags[4], m->sign_head = (int)flags[5];
    check_shape(m, r);
    if (r->failure)
        m->heads = 0; /* nothing of the heads is read: nothing to free */
    for (size_t j = 0; j < m->column_count && !r->failure; j++)
        rg_event_column_read(&m->columns[j], r, m->heads);
    m->balance_floor = rg_read_f64(r);
    m->balance_ceiling = rg_read_f64(r);
    if (!r->failure && m->has_balance && !(m->balance_floor <= m->balance_ceiling))
        r->failure = "the event model's range of balances is invalid (corrupt file)";
    m->window_end = rg_read_f64(r);
    m->origin = rg_read_f64(r);
    m->parent_date = rg_read_string(r);
    m->count_column = rg_read_string(r);
    m->credit_count = rg_read_count(r, 256);
    m->credits = rg_calloc(m->credit_count + 1, sizeof *m->credits);
    if (!m->credits)
        return RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; i < m->credit_count && !r->failure; i++)
        m->credits[i] = rg_read_string(r);
    if (!r->failure && (!m->count_column || (m->has_parent_date && !m->parent_date)))
        r->failure = "the event model names no count column (corrupt file)";
    riskgan_status status = r->failure ? RISKGAN_OK : rg_features_read(&m->parent_features, r);
    if (status == RISKGAN_OK && !r->failure)
        status = rg_parent_head_read(&m->length, r, version);
    if (status == RISKGAN_OK && !r->failure && m->has_balance)
        status = rg_parent_head_read(&m->level, r, version);
    if (status == RISKGAN_OK && !r->failure && m->has_balance)
        status = rg_parent_head_read(&m->low, r, version);
    if (status == RISKGAN_OK && !r->failure && m->has_balance)
        status = rg_parent_head_read(&m->high, r, version);
    if (status == RISKGAN_OK && !r->failure && (m->input_width < 1 || m->input_width > 1000000))
        r->failure = "the event model's input width is invalid (corrupt file)";
    if (status == RISKGAN_OK && !r->failure) {
        m->context_width = m->parent_features.width;
        status = read_heads(m, r, version);
    }
    for (size_t h = 0; status == RISKGAN_OK && !r->failure && h < m->heads; h++)
        if (m->head[h].kind == RG_HEAD_CATEGORY &&
            m->head[h].outputs != m->head[h].levels + 1 + (m->head[h].repeats != 0))
            r->failure = "an event head's tokens are invalid (corrupt file)";
    if (status == RISKGAN_OK && !r->failure)
        read_clocks(m, r, version);
    m->dated_parents_active = version >= 5 && !r->failure ? (int)rg_read_u32(r) : 0;
    m->length_per_month = version >= 6 && !r->failure ? (int)rg_read_u32(r) : 0;
    if (!r->failure && (m->dated_parents_active > 1 || m->length_per_month > 1 ||
                        (m->length_per_month && !(m->open_ended && m->has_parent_date))))
        r->failure = "an event model's flags are invalid (corrupt file)";
    if (status == RISKGAN_OK && !r->failure)
        read_echoes(m, r, version);
    if (status == RISKGAN_OK && !r->failure)
        read_day_rules(m, r, version);
    m->position_flags = version >= 8 && !r->failure ? (int)rg_read_u32(r) : 0;
    if (!r->failure && m->position_flags > 1)
        r->failure = "an event model's flags are invalid (corrupt file)";
    read_residuals(m, r, version);
    if (!r->failure)
        status = read_combinations(m, r, version);
    if (status == RISKGAN_OK && !r->failure)
        read_schedule(m, r, version);
    m->band_inputs = version >= 11 && !r->failure ? (int)rg_read_u32(r) : 0;
    m->parent_months = version >= 12 && !r->failure ? (int)rg_read_u32(r) : 0;
    if (!r->failure && (m->band_inputs > 1 || (m->band_inputs && !m->has_balance) || m->parent_months > 1 ||
                        (m->parent_months && !(m->has_parent_date && m->index_is_date))))
        r->failure = "an event model's flags are invalid (corrupt file)";
    return status;
}
