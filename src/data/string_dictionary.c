/* string_dictionary.c — FNV-1a hashed, linear-probing string interning. */
#include "string_dictionary.h"

#include <stdlib.h>
#include <string.h>

#include "../core/memory.h"

static uint64_t hash_bytes(const char *text, size_t length)
{
    uint64_t hash = 1469598103934665603ULL;
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 1099511628211ULL;
    }
    return hash;
}

void rg_dictionary_init(rg_dictionary *dictionary) { memset(dictionary, 0, sizeof *dictionary); }

void rg_dictionary_free(rg_dictionary *dictionary)
{
    free(dictionary->text);
    free(dictionary->offsets);
    free(dictionary->slots);
    memset(dictionary, 0, sizeof *dictionary);
}

const char *rg_dictionary_string(const rg_dictionary *dictionary, int32_t code)
{
    return dictionary->text + dictionary->offsets[code];
}

static int equals(const rg_dictionary *dictionary, int32_t code, const char *text, size_t length)
{
    const char *stored = rg_dictionary_string(dictionary, code);
    return strncmp(stored, text, length) == 0 && stored[length] == '\0';
}

int32_t rg_dictionary_find(const rg_dictionary *dictionary, const char *text, size_t length)
{
    if (!dictionary->slot_count)
        return -1;
    size_t mask = dictionary->slot_count - 1;
    for (size_t i = hash_bytes(text, length) & mask;; i = (i + 1) & mask) {
        int32_t code = dictionary->slots[i];
        if (code < 0)
            return -1;
        if (equals(dictionary, code, text, length))
            return code;
    }
}

static int rehash(rg_dictionary *dictionary, size_t slot_count)
{
    int32_t *slots = malloc(slot_count * sizeof *slots);
    if (!slots)
        return 0;
    memset(slots, 0xff, slot_count * sizeof *slots);
    size_t mask = slot_count - 1;
    for (size_t code = 0; code < dictionary->count; code++) {
        const char *text = rg_dictionary_string(dictionary, (int32_t)code);
        size_t i = hash_bytes(text, strlen(text)) & mask;
        while (slots[i] >= 0)
            i = (i + 1) & mask;
        slots[i] = (int32_t)code;
    }
    free(dictionary->slots);
    dictionary->slots = slots;
    dictionary->slot_count = slot_count;
    return 1;
}

int32_t rg_dictionary_intern(rg_dictionary *dictionary, const char *text, size_t length)
{
    int32_t found = rg_dictionary_find(dictionary, text, length);
    if (found >= 0)
        return found;
    if (dictionary->count >= INT32_MAX - 1)
        return -1;
    if ((dictionary->count + 1) * 2 > dictionary->slot_count &&
        !rehash(dictionary, dictionary->slot_count ? dictionary->slot_count * 2 : 64))
        return -1;
    if (dictionary->text_used + length + 1 > dictionary->text_capacity) {
        size_t capacity = dictionary->text_capacity ? dictionary->text_capacity : 1024;
        while (capacity < dictionary->text_used + length + 1)
            capacity *= 2;
        char *grown = rg_realloc_array(dictionary->text, capacity, 1);
        if (!grown)
            return -1;
        dictionary->text = grown;
        dictionary->text_capacity = capacity;
    }
    if (dictionary->count == dictionary->offset_capacity) {
        size_t capacity = dictionary->offset_capacity ? dictionary->offset_capacity * 2 : 16;
        size_t *grown = rg_realloc_array(dictionary->offsets, capacity, sizeof *grown);
        if (!grown)
            return -1;
        dictionary->offsets = grown;
        dictionary->offset_capacity = capacity;
    }
    int32_t code = (int32_t)dictionary->count++;
    dictionary->offsets[code] = dictionary->text_used;
    memcpy(dictionary->text + dictionary->text_used, text, length);
    dictionary->text[dictionary->text_used + length] = '\0';
    dictionary->text_used += length + 1;
    size_t mask = dictionary->slot_count - 1;
    size_t i = hash_bytes(text, length) & mask;
    while (dictionary->slots[i] >= 0)
        i = (i + 1) & mask;
    dictionary->slots[i] = code;
    return code;
}
