/* ubjson_check.h — a structural check of a UBJSON document (the format XGBoost stores its
 * models in) before it is handed to XGBoost: XGBoost's reader trusts the lengths inside and
 * reads past the buffer on a forged one, so riskgan never gives it a document whose lengths,
 * nesting or markers are not sound. */
#ifndef RISKGAN_LEARN_UBJSON_CHECK_H
#define RISKGAN_LEARN_UBJSON_CHECK_H

#include <stddef.h>

/* 1 when data[0..length) is exactly one well-formed UBJSON value (nesting at most 64 deep,
 * every length and count inside the buffer), else 0. */
int rg_ubjson_well_formed(const unsigned char *data, size_t length);

#endif
