/*
 * Boot command line: whitespace-separated words, each "key" or
 * "key=value"; a value may be double-quoted to hold spaces.  A later word
 * overrides an earlier one with the same key.  Pure functions (host-tested).
 */
#ifndef UNIHV_BOOT_CMDLINE_H
#define UNIHV_BOOT_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Find the last word whose key is `key`.  On success copies its value
 * (empty for a bare "key") NUL-terminated into value (if value != NULL)
 * and returns true.  Returns false if absent or if the value does not fit
 * in value_size (including the NUL).
 */
bool cmdline_get(const char *cmdline, const char *key, char *value, size_t value_size);

/* True if `key` appears, with or without a value. */
bool cmdline_has(const char *cmdline, const char *key);

/*
 * Parse the value of `key` as an unsigned integer (strtoull base 0: decimal, 0x hex,
 * 0 octal; optional K/M/G binary suffix).  Returns true and sets *out when present
 * and well formed; false otherwise (*out untouched).
 */
bool cmdline_get_u64(const char *cmdline, const char *key, uint64_t *out);

#endif
