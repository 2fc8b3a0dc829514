/* string_dictionary.h — interning of category strings: text <-> dense code 0..n-1. */
#ifndef RISKGAN_DATA_STRING_DICTIONARY_H
#define RISKGAN_DATA_STRING_DICTIONARY_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *text;          /* all strings, each NUL-terminated */
    size_t text_used, text_capacity;
    size_t *offsets;     /* code -> offset into text */
    size_t count, offset_capacity;
    int32_t *slots;      /* open-addressing hash table of codes, -1 = empty */
    size_t slot_count;   /* power of two */
} rg_dictionary;

void rg_dictionary_init(rg_dictionary *dictionary);
void rg_dictionary_free(rg_dictionary *dictionary);
/* Code of the string, adding it if new. Returns -1 when out of memory. */
int32_t rg_dictionary_intern(rg_dictionary *dictionary, const char *text, size_t length);
/* Code of the string, or -1 if absent. */
int32_t rg_dictionary_find(const rg_dictionary *dictionary, const char *text, size_t length);
const char *rg_dictionary_string(const rg_dictionary *dictionary, int32_t code);

#endif
