/*
 * hvctl output: one JSON document per command with --json (schema in
 * docs/management.md), human-readable text otherwise.  The key/value
 * helpers write whichever form is selected; tables are printed by the
 * commands themselves in human mode.
 */
#ifndef UNIHV_TOOLS_HVCTL_OUT_H
#define UNIHV_TOOLS_HVCTL_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "unihv.h"

extern bool out_json; /* --json */

/* Start the success document of command ("partition create"):
 * {"ok":true,"command":...,"result":{  in JSON mode; nothing otherwise. */
void out_begin(const char *command);
/* Close it (JSON: "}}" and a newline). */
void out_end(void);

/* Print the failure of command: JSON {"ok":false,"command":..,"error":{..}}
 * on stdout, or "hvctl: NAME [CODE]: detail" on stderr. */
void out_error(const char *command, const UNIHV_RESULT *r);

/* A member of the current object (JSON) or a "key  value" line (human). */
void out_u64(const char *key, uint64_t v);
void out_i64(const char *key, int64_t v);
void out_hex(const char *key, uint64_t v);   /* JSON: the string "0x..." */
void out_str(const char *key, const char *s);
void out_bool(const char *key, bool v);

/* JSON structure (no effect in human mode): a named member that is an
 * object or array, an anonymous object inside an array, and their ends. */
void out_obj(const char *key);
void out_arr(const char *key);
void out_item(void);
void out_close_obj(void);
void out_close_arr(void);

#endif
