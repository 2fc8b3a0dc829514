/* record_pack.c — packing records into bytes and reading them back as a row source. */
#include "record_pack.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"

static int reserve(rg_record_pack *p, size_t more)
{
    if (p->length + more <= p->capacity)
        return 1;
    size_t capacity = (p->length + more) * 2;
    char *grown = realloc(p->data, capacity);
    if (!grown)
        return 0;
    p->data = grown, p->capacity = capacity;
    return 1;
}

static void put_u32(rg_record_pack *p, uint32_t value)
{
    memcpy(p->data + p->length, &value, sizeof value);
    p->length += sizeof value;
}

int rg_record_pack_add(rg_record_pack *p, const rg_field *fields, size_t count)
{
    size_t bytes = sizeof(uint32_t);
    for (size_t i = 0; i < count; i++)
        bytes += 1 + sizeof(uint32_t) + fields[i].length;
    if (!reserve(p, bytes))
        return 0;
    put_u32(p, (uint32_t)count);
    for (size_t i = 0; i < count; i++) {
        p->data[p->length++] = (char)(fields[i].null != 0);
        put_u32(p, (uint32_t)fields[i].length);
        memcpy(p->data + p->length, fields[i].text, fields[i].length);
        p->length += fields[i].length;
    }
    return 1;
}

void rg_record_pack_free(rg_record_pack *p)
{
    free(p->data);
    memset(p, 0, sizeof *p);
}

typedef struct {
    const char *data;
    size_t length;
} packed;

typedef struct {
    const packed *source;
    size_t at, record;
    rg_field *fields;
    size_t room;
} packed_cursor;

static riskgan_status open_pass(void *state, rg_row_cursor **out)
{
    packed_cursor *c = rg_calloc(1, sizeof *c);
    if (!c)
        return RISKGAN_ERR_NO_MEMORY;
    c->source = state;
    *out = (rg_row_cursor *)c;
    return RISKGAN_OK;
}

static uint32_t get_u32(const char *at)
{
    uint32_t value;
    memcpy(&value, at, sizeof value);
    return value;
}

static riskgan_status next_record(rg_row_cursor *cursor, const rg_field **fields, size_t *count)
{
    packed_cursor *c = (packed_cursor *)cursor;
    *count = 0;
    if (c->at >= c->source->length)
        return RISKGAN_OK;
    const char *at = c->source->data + c->at;
    size_t n = get_u32(at);
    at += sizeof(uint32_t);
    if (n > c->room) {
        rg_field *grown = realloc(c->fields, n * sizeof *grown);
        if (!grown)
            return RISKGAN_ERR_NO_MEMORY;
        c->fields = grown, c->room = n;
    }
    for (size_t i = 0; i < n; i++) {
        int null = *at++;
        size_t length = get_u32(at);
        at += sizeof(uint32_t);
        c->fields[i] = (rg_field){at, length, 0, null};
        at += length;
    }
    c->at = (size_t)(at - c->source->data);
    c->record++;
    *fields = c->fields, *count = n;
    return RISKGAN_OK;
}

static size_t record_number(const rg_row_cursor *cursor)
{
    const packed_cursor *c = (const packed_cursor *)cursor;
    return c->record ? c->record - 1 : 0;
}

static void close_pass(rg_row_cursor *cursor)
{
    packed_cursor *c = (packed_cursor *)cursor;
    free(c->fields);
    free(c);
}

static const rg_row_source_ops packed_ops = {open_pass, next_record, record_number, close_pass};

static void release(rg_row_source *source)
{
    free(source->state);
    source->state = NULL;
}

riskgan_status rg_record_source_init(const char *data, size_t length, const rg_row_source *like,
                                     rg_row_source *source)
{
    *source = *like;
    packed *state = rg_calloc(1, sizeof *state);
    if (!state)
        return RISKGAN_ERR_NO_MEMORY;
    *state = (packed){data, length};
    source->ops = &packed_ops;
    source->state = state;
    source->release = release;
    return RISKGAN_OK;
}
