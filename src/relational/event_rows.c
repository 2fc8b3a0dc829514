/* event_rows.c — the drawn events of a child table as its rows: grouped by parent in their
 * order, each column in the form the real table has (keys fresh, the parent's key, category
 * texts interned in order of first appearance). */
#include "event_rows.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"
#include "../data/number_text.h"
#include "../data/table.h"

/* An empty table with the child table's columns, types and formats. */
static riskgan_status empty_table(const rg_event_model *m, size_t rows, riskgan_table **out)
{
    riskgan_status status = rg_table_new(m->column_count, out);
    for (size_t j = 0; j < m->column_count && status == RISKGAN_OK; j++) {
        const rg_event_column *c = &m->columns[j];
        status = rg_table_set_column(*out, j, c->name, c->type);
        rg_column *column = status == RISKGAN_OK ? &(*out)->column[j] : NULL;
        if (column) {
            column->decimals = c->decimals;
            if (c->type == RISKGAN_COLUMN_DATETIME)
                rg_column_set_datetime(column, &c->datetime);
            if (c->role == RG_EVENT_KEY || c->role == RG_EVENT_PARENT_KEY || c->role == RG_EVENT_FRESH_ID)
                column->role = RISKGAN_ROLE_IDENTIFIER;
        }
    }
    if (status == RISKGAN_OK)
        status = rg_table_reserve(*out, rows);
    return status;
}

/* A column's recent texts and their codes, by the text's address (a level name or a parent's
 * key, which stay put while rows are written), and the parent key it last read as a number:
 * most cells repeat them. */
enum { MEMO_SLOTS = 256 };
typedef struct {
    const char *text[MEMO_SLOTS];
    int32_t code[MEMO_SLOTS];
    const char *parsed;
    double number;
} column_memo;

/* The code of a text that stays put (interned on its first sight, so codes come in the order
 * of first appearance either way). */
static int32_t code_of(rg_column *column, column_memo *memo, const char *text)
{
    size_t slot = ((uintptr_t)text >> 3) % MEMO_SLOTS;
    if (memo->text[slot] == text)
        return memo->code[slot];
    int32_t code = rg_dictionary_intern(&column->categories, text, strlen(text));
    if (code >= 0)
        memo->text[slot] = text, memo->code[slot] = code;
    return code;
}

/* A parent's key as a number (NaN: not one). */
static double key_number(column_memo *memo, const char *key)
{
    if (memo->parsed != key) {
        int decimals;
        memo->parsed = key;
        if (!rg_parse_number(key, strlen(key), &memo->number, &decimals))
            memo->number = NAN;
    }
    return memo->number;
}

/* Cell (event e, column j) of the output. */
static riskgan_status set_cell(const rg_event_model *m, riskgan_table *t, size_t j, size_t row, const rg_drawn_event *e,
                               const char *parent_key, size_t ordinal, column_memo *memo)
{
    const rg_event_column *c = &m->columns[j];
    rg_column *column = &t->column[j];
    double number = NAN;
    const char *text = NULL;
    char buffer[64];
    switch (c->role) {
    case RG_EVENT_KEY:
    case RG_EVENT_FRESH_ID:
        number = c->fresh_start + (double)ordinal;
        if (!rg_column_is_numeric(column)) {
            snprintf(buffer, sizeof buffer, "S%zu", ordinal + 1);
            text = buffer;
        }
        break;
    case RG_EVENT_PARENT_KEY:
        text = parent_key;
        if (parent_key && rg_column_is_numeric(column))
            number = key_number(memo, parent_key);
        break;
    case RG_EVENT_INDEX:
        number = e->index;
        break;
    case RG_EVENT_BALANCE:
        number = e->balance;
        break;
    case RG_EVENT_HEAD:
        if ((size_t)c->head >= m->first_number) {
            number = e->value[(size_t)c->head - m->first_number];
        } else {
            const rg_head *head = &m->head[c->head];
            int16_t level = e->level[(size_t)c->head - m->first_category];
            text = level >= 0 && (size_t)level < head->levels ? head->level_names[level] : NULL;
        }
        break;
    }
    if (rg_column_is_numeric(column)) {
        column->numbers[row] = number;
        column->missing += isnan(number);
        return RISKGAN_OK;
    }
    column->codes[row] = !text             ? -1
                         : text == buffer ? rg_dictionary_intern(&column->categories, text, strlen(text))
                                          : code_of(column, memo, text);
    column->missing += !text;
    return text && column->codes[row] < 0 ? RISKGAN_ERR_NO_MEMORY : RISKGAN_OK;
}

riskgan_status rg_event_rows_write(const rg_event_model *m, const rg_drawn_event *events, size_t count,
                                   const char *const *parent_keys, riskgan_table **out)
{
    riskgan_status status = empty_table(m, count + 1, out);
    size_t *order = status == RISKGAN_OK ? rg_calloc(count + 1, sizeof *order) : NULL;
    size_t parents = 0;
    for (size_t i = 0; i < count; i++)
        parents = events[i].parent + 1 > parents ? events[i].parent + 1 : parents;
    size_t *start = order ? rg_calloc(parents + 2, sizeof *start) : NULL;
    column_memo *memo = start ? rg_calloc(m->column_count + 1, sizeof *memo) : NULL;
    if (status == RISKGAN_OK && (!order || !start || !memo))
        status = RISKGAN_ERR_NO_MEMORY;
    for (size_t i = 0; status == RISKGAN_OK && i < count; i++)
        start[events[i].parent + 1]++;
    for (size_t p = 0; status == RISKGAN_OK && p < parents; p++)
        start[p + 1] += start[p];
    for (size_t i = 0; status == RISKGAN_OK && i < count; i++) /* events are drawn in order per parent */
        order[start[events[i].parent]++] = i;
    for (size_t k = 0; status == RISKGAN_OK && k < count; k++) {
        const rg_drawn_event *e = &events[order[k]];
        for (size_t j = 0; j < m->column_count && status == RISKGAN_OK; j++)
            status = set_cell(m, *out, j, k, e, parent_keys[e->parent], k, &memo[j]);
    }
    if (status == RISKGAN_OK)
        (*out)->rows = count;
    free(order), free(start), free(memo);
    return status;
}
