/*
 * hvctl: the command-line client of the unihv management API.  main.c
 * parses the global options and finds the command; cmd_*.c implement the
 * nouns; names.c maps symbolic names to codes.
 */
#ifndef UNIHV_TOOLS_HVCTL_HVCTL_H
#define UNIHV_TOOLS_HVCTL_HVCTL_H

#include <stdbool.h>
#include <stdint.h>
#include "unihv.h"

/* Exit statuses (docs/management.md). */
#define HVCTL_EXIT_OK 0
#define HVCTL_EXIT_FAILED 1   /* the appliance (or libunihv) returned an error */
#define HVCTL_EXIT_USAGE 2    /* bad command line */
#define HVCTL_EXIT_CONNECT 3  /* no session: connection, TLS or PKI files */

struct hvctl {
	const char *address;     /* -c, $UNIHV_ADDR, 127.0.0.1:7443 */
	const char *pki_dir;     /* --pki, $UNIHV_PKI, build/pki */
	const char *client;      /* --client: <pki>/NAME.crt and .key ("client") */
	const char *server_name; /* --server-name: check the server's name */
	uint32_t timeout_ms;     /* --timeout */
	const char *command;     /* "noun verb", for messages */
	UNIHV_CONNECTION *conn;  /* opened by hvctl_connect */
};

/* The session, opened on first use; NULL after printing why it failed. */
UNIHV_CONNECTION *hvctl_connect(struct hvctl *h);

/* Report r: 0 on success, else print the error and return the exit
 * status (HVCTL_EXIT_FAILED, or HVCTL_EXIT_CONNECT for a lost session). */
int hvctl_result(struct hvctl *h, const UNIHV_RESULT *r);

/* Print "hvctl: <command>: <message>" and a usage hint; HVCTL_EXIT_USAGE. */
int hvctl_usage(struct hvctl *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Numbers: decimal or 0x hex (u32 rejects values above UINT32_MAX).
 * parse_size also takes a K, M or G suffix (binary units). */
bool parse_u64(const char *s, uint64_t *v);
bool parse_u32(const char *s, uint32_t *v);
bool parse_size(const char *s, uint64_t *v);

/* A command: argv[0] is the command's last word (the verb, or the noun
 * alone), its arguments follow; getopt is reset (optind 0). */
typedef int (*hvctl_cmd_fn)(struct hvctl *h, int argc, char **argv);

/* Commands, one per noun/verb (cmd_*.c). */
int cmd_status(struct hvctl *h, int argc, char **argv);
int cmd_version(struct hvctl *h, int argc, char **argv);
int cmd_capability(struct hvctl *h, int argc, char **argv);
int cmd_audit(struct hvctl *h, int argc, char **argv);
int cmd_partition_create(struct hvctl *h, int argc, char **argv);
int cmd_partition_list(struct hvctl *h, int argc, char **argv);
int cmd_partition_setup(struct hvctl *h, int argc, char **argv);
int cmd_partition_delete(struct hvctl *h, int argc, char **argv);
int cmd_partition_set_prop(struct hvctl *h, int argc, char **argv);
int cmd_partition_get_prop(struct hvctl *h, int argc, char **argv);
int cmd_mem_deposit(struct hvctl *h, int argc, char **argv);
int cmd_mem_withdraw(struct hvctl *h, int argc, char **argv);
int cmd_mem_balance(struct hvctl *h, int argc, char **argv);
int cmd_mem_map(struct hvctl *h, int argc, char **argv);
int cmd_mem_unmap(struct hvctl *h, int argc, char **argv);
int cmd_gpa_read(struct hvctl *h, int argc, char **argv);
int cmd_gpa_write(struct hvctl *h, int argc, char **argv);
int cmd_gva_translate(struct hvctl *h, int argc, char **argv);
int cmd_vp_create(struct hvctl *h, int argc, char **argv);
int cmd_vp_delete(struct hvctl *h, int argc, char **argv);
int cmd_vp_get_regs(struct hvctl *h, int argc, char **argv);
int cmd_vp_set_regs(struct hvctl *h, int argc, char **argv);
int cmd_vp_run(struct hvctl *h, int argc, char **argv);
int cmd_vp_cancel(struct hvctl *h, int argc, char **argv);
int cmd_vp_interrupt(struct hvctl *h, int argc, char **argv);
int cmd_port_create(struct hvctl *h, int argc, char **argv);
int cmd_port_connect(struct hvctl *h, int argc, char **argv);
int cmd_port_delete(struct hvctl *h, int argc, char **argv);
int cmd_pki_init(struct hvctl *h, int argc, char **argv);

/* ---- names.c ---- */

/* WHV_CAPABILITY_CODE for "processor-vendor" or a number; false if neither. */
bool capability_code(const char *s, uint32_t *code);
const char *capability_name(uint32_t code); /* NULL when unnamed */

/* HV_PARTITION_PROPERTY_CODE for "cpu-weight" or a number. */
bool property_code(const char *s, uint32_t *code);
const char *property_name(uint32_t code);

/* WHV_RUN_VP_EXIT_REASON name ("X64Halt"), "unknown" when unnamed. */
const char *exit_reason_name(uint32_t reason);

/* Print the known names of a table to stderr (for usage messages). */
void list_capabilities(void);
void list_properties(void);

/* ---- progress.c ---- */

/* A progress callback for UnihvReadGpa/UnihvWriteGpa drawing a bar on
 * stderr when it is a terminal and the transfer spans several chunks;
 * context is a const char * label.  progress_done ends the line. */
void progress_bar(void *context, uint64_t done, uint64_t total);
void progress_done(void);

#endif
