/*
 * hvctl [-c host:port] [--pki DIR] [--server-name N] [--timeout MS]
 *       [--json] <noun> <verb> [args]
 * Global options, the command table, the session and result reporting.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hvctl.h"
#include "out.h"

struct command {
	const char *noun;
	const char *verb;   /* NULL: the noun alone */
	hvctl_cmd_fn fn;
	const char *usage;  /* arguments after noun and verb */
};

static const struct command commands[] = {
	{ "status", NULL, cmd_status, "" },
	{ "version", NULL, cmd_version, "" },
	{ "capability", NULL, cmd_capability, "NAME|CODE" },
	{ "audit", NULL, cmd_audit, "[--after SEQ] [--max N]" },
	{ "partition", "create", cmd_partition_create, "[--flags N]" },
	{ "partition", "list", cmd_partition_list, "" },
	{ "partition", "setup", cmd_partition_setup, "ID" },
	{ "partition", "delete", cmd_partition_delete, "ID" },
	{ "partition", "set-prop", cmd_partition_set_prop, "ID PROPERTY VALUE" },
	{ "partition", "get-prop", cmd_partition_get_prop, "ID PROPERTY" },
	{ "mem", "deposit", cmd_mem_deposit, "ID PAGES" },
	{ "mem", "withdraw", cmd_mem_withdraw, "ID PAGES" },
	{ "mem", "balance", cmd_mem_balance, "ID" },
	{ "mem", "map", cmd_mem_map, "ID GPA SIZE [--flags rwx]" },
	{ "mem", "unmap", cmd_mem_unmap, "ID GPA SIZE" },
	{ "gpa", "read", cmd_gpa_read, "ID GPA SIZE [--file F]" },
	{ "gpa", "write", cmd_gpa_write, "ID GPA --file F | --hex BYTES" },
	{ "gva", "translate", cmd_gva_translate, "ID VP GVA [--flags rwx|N]" },
	{ "vp", "create", cmd_vp_create, "ID VP" },
	{ "vp", "delete", cmd_vp_delete, "ID VP" },
	{ "vp", "get-regs", cmd_vp_get_regs, "ID VP [NAME,NAME,...]" },
	{ "vp", "set-regs", cmd_vp_set_regs, "ID VP NAME=VALUE[,NAME=VALUE...]" },
	{ "vp", "run", cmd_vp_run, "ID VP [--timeout MS]" },
	{ "vp", "cancel", cmd_vp_cancel, "ID VP" },
	{ "vp", "interrupt", cmd_vp_interrupt, "ID VP VECTOR" },
	{ "port", "create", cmd_port_create,
	  "ID PORT --type message|event --peer PARTITION [--vp N] [--sint N] [--flag N] [--flags N]" },
	{ "port", "connect", cmd_port_connect, "CONN_PARTITION CONN_ID PORT_PARTITION PORT_ID" },
	{ "port", "delete", cmd_port_delete, "ID PORT" },
	{ "pki", "init", cmd_pki_init,
	  "[--dir DIR] [--server-name N] [--client NAME:ROLE ...] [--network dhcp|IP/N,gw=G] [--force]" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: hvctl [-c HOST:PORT] [--pki DIR] [--client NAME] [--server-name NAME]\n"
		   "             [--timeout MS] [--json] NOUN [VERB] [ARGS]\n\n"
		   "defaults: -c $UNIHV_ADDR or 127.0.0.1:7443; --pki $UNIHV_PKI or build/pki;\n"
		   "          --client client: the session uses <pki>/NAME.crt, <pki>/NAME.key\n"
		   "          and <pki>/ca.crt; --server-name: also check the server's name\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %s%s%s %s\n", commands[i].noun, commands[i].verb ? " " : "",
			commands[i].verb ? commands[i].verb : "", commands[i].usage);
	fprintf(f, "\nexit status: 0 success, 1 the call failed, 2 usage, 3 no session\n"
		   "see docs/management.md\n");
}

static const struct command *find(const char *noun, const char *verb)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].noun, noun) &&
		    (!commands[i].verb || (verb && !strcmp(commands[i].verb, verb))))
			return &commands[i];
	return NULL;
}

bool parse_u64(const char *s, uint64_t *v)
{
	char *end;
	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 0);
	if (errno || *end)
		return false;
	*v = x;
	return true;
}

bool parse_u32(const char *s, uint32_t *v)
{
	uint64_t x;
	if (!parse_u64(s, &x) || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

bool parse_size(const char *s, uint64_t *v)
{
	char buf[64];
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n + 1);
	unsigned shift = 0;
	switch (buf[n - 1]) {
	case 'k': case 'K': shift = 10; break;
	case 'm': case 'M': shift = 20; break;
	case 'g': case 'G': shift = 30; break;
	}
	if (shift)
		buf[n - 1] = '\0';
	uint64_t x;
	if (!parse_u64(buf, &x) || x > (UINT64_MAX >> shift))
		return false;
	*v = x << shift;
	return true;
}

int hvctl_usage(struct hvctl *h, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "hvctl: %s: ", h->command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char name[64];
		snprintf(name, sizeof(name), "%s%s%s", commands[i].noun, commands[i].verb ? " " : "",
			 commands[i].verb ? commands[i].verb : "");
		if (!strcmp(name, h->command))
			fprintf(stderr, "usage: hvctl %s %s\n", name, commands[i].usage);
	}
	return HVCTL_EXIT_USAGE;
}

static bool connection_error(const UNIHV_RESULT *r)
{
	return !strcmp(r->name, "UNIHV_E_CONNECT") || !strcmp(r->name, "UNIHV_E_TLS") ||
	       !strcmp(r->name, "UNIHV_E_CONFIG") || !strcmp(r->name, "UNIHV_E_CONNECTION") ||
	       !strcmp(r->name, "UNIHV_E_CLOSED") || !strcmp(r->name, "UNIHV_E_TIMEOUT");
}

int hvctl_result(struct hvctl *h, const UNIHV_RESULT *r)
{
	if (UnihvSucceeded(r))
		return HVCTL_EXIT_OK;
	out_error(h->command, r);
	return connection_error(r) ? HVCTL_EXIT_CONNECT : HVCTL_EXIT_FAILED;
}

UNIHV_CONNECTION *hvctl_connect(struct hvctl *h)
{
	if (h->conn)
		return h->conn;
	char ca[4096], cert[4096], key[4096];
	snprintf(ca, sizeof(ca), "%s/ca.crt", h->pki_dir);
	snprintf(cert, sizeof(cert), "%s/%s.crt", h->pki_dir, h->client);
	snprintf(key, sizeof(key), "%s/%s.key", h->pki_dir, h->client);
	UNIHV_CONNECT_OPTIONS o = {
		.address = h->address,
		.ca_file = ca,
		.cert_file = cert,
		.key_file = key,
		.server_name = h->server_name,
		.timeout_ms = h->timeout_ms,
	};
	UNIHV_RESULT r = UnihvConnect(&o, &h->conn);
	if (!UnihvSucceeded(&r)) {
		out_error(h->command, &r);
		return NULL;
	}
	return h->conn;
}

int main(int argc, char **argv)
{
	struct hvctl h = {
		.address = getenv("UNIHV_ADDR") ? getenv("UNIHV_ADDR") : "127.0.0.1:7443",
		.pki_dir = getenv("UNIHV_PKI") ? getenv("UNIHV_PKI") : "build/pki",
		.client = "client",
	};
	static const struct option opts[] = {
		{ "connect", required_argument, NULL, 'c' },
		{ "pki", required_argument, NULL, 'p' },
		{ "server-name", required_argument, NULL, 's' },
		{ "client", required_argument, NULL, 'C' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int c;
	/* "+": options end at the noun; the commands parse the rest. */
	while ((c = getopt_long(argc, argv, "+c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': h.address = optarg; break;
		case 'p': h.pki_dir = optarg; break;
		case 's': h.server_name = optarg; break;
		case 'C': h.client = optarg; break;
		case 'j': out_json = true; break;
		case 't':
			if (!parse_u32(optarg, &h.timeout_ms)) {
				fprintf(stderr, "hvctl: bad --timeout '%s'\n", optarg);
				return HVCTL_EXIT_USAGE;
			}
			break;
		case 'h': usage(stdout); return HVCTL_EXIT_OK;
		default: usage(stderr); return HVCTL_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return HVCTL_EXIT_USAGE;
	}
	const char *noun = argv[optind];
	const char *verb = optind + 1 < argc ? argv[optind + 1] : NULL;
	const struct command *cmd = find(noun, verb);
	if (!cmd) {
		fprintf(stderr, "hvctl: unknown command '%s%s%s'\n", noun, verb ? " " : "",
			verb ? verb : "");
		usage(stderr);
		return HVCTL_EXIT_USAGE;
	}
	char name[64];
	snprintf(name, sizeof(name), "%s%s%s", cmd->noun, cmd->verb ? " " : "",
		 cmd->verb ? cmd->verb : "");
	h.command = name;
	int first = optind + (cmd->verb ? 2 : 1);
	/* Commands parse their own options with getopt: start it afresh. */
	optind = 0;
	int status = cmd->fn(&h, argc - first + 1, argv + first - 1);
	UnihvDisconnect(h.conn);
	return status;
}
