/* ubjson_check.c — walks a UBJSON document (big-endian numbers, as XGBoost writes them),
 * checking every marker, length and count against the buffer. */
#include "ubjson_check.h"

#include <stdint.h>

enum { MAX_DEPTH = 64 };

typedef struct {
    const unsigned char *data;
    size_t length, position;
} cursor;

static int take(cursor *c, size_t bytes)
{
    if (bytes > c->length - c->position)
        return 0;
    c->position += bytes;
    return 1;
}

/* Bytes of a fixed-size value of this marker; 0 for a marker without a fixed size. */
static size_t fixed_size(unsigned char marker)
{
    switch (marker) {
    case 'Z': case 'N': case 'T': case 'F': return 0;
    case 'i': case 'U': case 'C': return 1;
    case 'I': return 2;
    case 'l': case 'd': return 4;
    case 'L': case 'D': return 8;
    default: return SIZE_MAX;
    }
}

/* An integer value (a length or a count) written with its own marker; -1 when malformed. */
static int64_t read_integer(cursor *c)
{
    if (!take(c, 1))
        return -1;
    unsigned char marker = c->data[c->position - 1];
    size_t size = marker == 'i' || marker == 'U' ? 1 : marker == 'I' ? 2 : marker == 'l' ? 4 : marker == 'L' ? 8 : 0;
    if (!size || !take(c, size))
        return -1;
    const unsigned char *p = c->data + c->position - size;
    uint64_t value = 0;
    for (size_t i = 0; i < size; i++)
        value = value << 8 | p[i];
    if (marker == 'i' && value > 127)
        return -1; /* negative lengths */
    if (size > 1 && (value >> (8 * size - 1)) & 1)
        return -1;
    return (int64_t)value;
}

static int skip_string(cursor *c)
{
    int64_t length = read_integer(c);
    return length >= 0 && take(c, (size_t)length);
}

static int skip_value(cursor *c, unsigned char marker, int depth);

/* The body of a container after its '[' or '{': optimized ($ type # count, # count) or a
 * sequence of values up to the closing marker. Objects have a key before every value. */
static int skip_container(cursor *c, int object, int depth)
{
    unsigned char type = 0;
    int64_t count = -1;
    if (c->position < c->length && c->data[c->position] == '$') {
        if (!take(c, 2))
            return 0;
        type = c->data[c->position - 1];
        if (c->position >= c->length || c->data[c->position] != '#')
            return 0; /* a type needs a count */
    }
    if (c->position < c->length && c->data[c->position] == '#') {
        take(c, 1);
        if ((count = read_integer(c)) < 0)
            return 0;
    }
    if (type && fixed_size(type) != SIZE_MAX && !object)
        return (uint64_t)count <= (c->length - c->position) / (fixed_size(type) ? fixed_size(type) : 1) &&
               take(c, (size_t)count * fixed_size(type));
    for (int64_t i = 0; count < 0 || i < count; i++) {
        if (count < 0 && c->position < c->length && c->data[c->position] == (object ? '}' : ']'))
            return take(c, 1);
        if (object && !skip_string(c))
            return 0;
        unsigned char marker = type;
        if (!marker) {
            if (!take(c, 1))
                return 0;
            marker = c->data[c->position - 1];
        }
        if (!skip_value(c, marker, depth + 1))
            return 0;
    }
    return 1;
}

static int skip_value(cursor *c, unsigned char marker, int depth)
{
    if (depth > MAX_DEPTH)
        return 0;
    if (marker == 'S' || marker == 'H')
        return skip_string(c);
    if (marker == '[' || marker == '{')
        return skip_container(c, marker == '{', depth);
    size_t size = fixed_size(marker);
    return size != SIZE_MAX && take(c, size);
}

int rg_ubjson_well_formed(const unsigned char *data, size_t length)
{
    cursor c = {data, length, 0};
    if (!take(&c, 1))
        return 0;
    return skip_value(&c, data[0], 0) && c.position == length;
}
