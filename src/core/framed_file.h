/* framed_file.h — the frame around riskgan's binary files: 8-byte magic, format version,
 * byte-order mark, payload length, payload, FNV-1a checksum of the payload. Written
 * atomically; every frame field is validated on reading, with the reason on refusal. */
#ifndef RISKGAN_CORE_FRAMED_FILE_H
#define RISKGAN_CORE_FRAMED_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "binary_io.h"
#include "riskgan.h"

typedef void (*rg_payload_writer)(const void *object, rg_writer *writer);

riskgan_status rg_framed_write(const char *path, const char magic[8], uint32_t version, rg_payload_writer write,
                               const void *object);
/* Reads a whole file into *data (caller frees). */
riskgan_status rg_read_whole_file(const char *path, unsigned char **data, size_t *length);
/* Reads a stream to its end ("-" in rg_read_whole_file reads standard input). */
riskgan_status rg_read_stream(FILE *stream, const char *path, unsigned char **data, size_t *length);
/* Checks the frame of data[0..length) and points *payload at the payload. `what` names
 * the kind of file in messages ("riskgan model"); versions outside [oldest, version] are
 * refused with the reason (too old: fit again; too new: upgrade). */
riskgan_status rg_framed_open(const unsigned char *data, size_t length, const char *name, const char *what,
                              const char magic[8], uint32_t oldest, uint32_t version, rg_reader *payload);

/* The format version of a frame rg_framed_open accepted (for readers of several versions). */
uint32_t rg_framed_version(const unsigned char *data, size_t length);

/* One kind of framed file (a model, a detector, a market or risk model): how a payload
 * becomes an object. */
typedef struct {
    const char *what;           /* "riskgan model": in messages */
    const char *magic;          /* its 8 bytes */
    uint32_t oldest, version;   /* the format versions it reads */
    size_t object_size;         /* the object is allocated zeroed before read() */
    /* Reads the payload (a frame of `version`) into the object; a corrupt field sets
     * payload->failure (the reason) or returns a status with a message. */
    riskgan_status (*read)(rg_reader *payload, uint32_t version, void *object);
    void (*free)(void *object); /* frees a whole or partly read object */
} rg_framed_kind;

/* A new object from a framed file's bytes; `name` names it in messages ("model.rgan"). A
 * frame, a payload or a field that fails is refused as "NAME: not a usable WHAT: reason". */
riskgan_status rg_framed_load(const rg_framed_kind *kind, const void *data, size_t length, const char *name,
                              void **out);
/* The same from a file ("-": standard input). */
riskgan_status rg_framed_load_file(const rg_framed_kind *kind, const char *path, void **out);

#endif
