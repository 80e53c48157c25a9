/*
 * Parser of the boot configuration bundle (see mgmt/config_bundle.h).
 * One pass over the lines; every error names its line.
 */
#define _GNU_SOURCE /* memmem, explicit_bzero */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mgmt/config_bundle.h"

#define MAX_WORDS 6
#define WORD_MAX 80

struct parser {
	struct mgmt_config *cfg;
	char *why;
	size_t why_size;
	unsigned line;
	/* Line where each single-valued setting was first given (0: not yet). */
	unsigned seen_version, seen_port, seen_sessions, seen_handshake, seen_idle, seen_network;
	unsigned seen_ca, seen_cert, seen_key;
};

static bool fail(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	int n = p->line ? snprintf(p->why, p->why_size, "bundle line %u: ", p->line)
			: snprintf(p->why, p->why_size, "bundle ");
	if (n < 0 || (size_t)n >= p->why_size)
		return false;
	va_start(ap, fmt);
	vsnprintf(p->why + n, p->why_size - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

const char *mgmt_config_role_name(enum mgmt_role role)
{
	return role == MGMT_ROLE_ADMIN ? "admin" : "read-only";
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Split line (len bytes, no newline) into at most MAX_WORDS words.
 * Returns the word count, or -1 with p->why set. */
static int split(struct parser *p, const char *line, size_t len, char words[MAX_WORDS][WORD_MAX])
{
	int n = 0;
	size_t i = 0;

	for (;;) {
		while (i < len && is_blank(line[i]))
			i++;
		if (i == len)
			return n;
		size_t start = i;
		while (i < len && !is_blank(line[i]))
			i++;
		if (n == MAX_WORDS) {
			fail(p, "too many words");
			return -1;
		}
		if (i - start >= WORD_MAX) {
			fail(p, "word '%.20s...' is too long", line + start);
			return -1;
		}
		memcpy(words[n], line + start, i - start);
		words[n][i - start] = '\0';
		n++;
	}
}

/* A decimal number in [lo, hi] (no sign, no leading zeros beyond "0"). */
static bool parse_number(struct parser *p, const char *key, const char *s, uint64_t lo, uint64_t hi,
			 uint64_t *out)
{
	uint64_t v = 0;
	size_t digits = strlen(s);

	if (digits == 0 || digits > 10 || (s[0] == '0' && digits > 1))
		goto bad;
	for (const char *c = s; *c; c++) {
		if (*c < '0' || *c > '9')
			goto bad;
		v = v * 10 + (uint64_t)(*c - '0');
	}
	if (v < lo || v > hi)
		goto bad;
	*out = v;
	return true;
bad:
	return fail(p, "%s '%s' is not a number from %llu to %llu", key, s, (unsigned long long)lo,
		    (unsigned long long)hi);
}

/* A setting that may appear once; *seen records where. */
static bool once(struct parser *p, const char *key, unsigned *seen)
{
	if (*seen)
		return fail(p, "%s given twice (first on line %u)", key, *seen);
	*seen = p->line;
	return true;
}

static bool number_setting(struct parser *p, char w[][WORD_MAX], int n, unsigned *seen,
			   uint64_t lo, uint64_t hi, uint64_t *out)
{
	if (!once(p, w[0], seen))
		return false;
	if (n != 2)
		return fail(p, "%s takes one number", w[0]);
	return parse_number(p, w[0], w[1], lo, hi, out);
}

/* "network dhcp" or "network A.B.C.D/N [gw A.B.C.D]". */
static bool network_setting(struct parser *p, char w[][WORD_MAX], int n)
{
	struct mgmt_config *cfg = p->cfg;

	if (!once(p, "network", &p->seen_network))
		return false;
	cfg->network_given = true;
	if (n == 2 && strcmp(w[1], "dhcp") == 0) {
		memset(&cfg->network, 0, sizeof(cfg->network));
		cfg->network.dhcp = true;
		return true;
	}
	if (!(n == 2 || (n == 4 && strcmp(w[2], "gw") == 0)) || !strchr(w[1], '/'))
		return fail(p, "network takes 'dhcp' or 'A.B.C.D/N' optionally followed by "
			       "'gw A.B.C.D'");
	const char *why = net_config_static(w[1], n == 4 ? w[3] : NULL, &cfg->network);
	if (why) {
		/* The sentences name the boot options (ip=, gw=); drop that prefix. */
		if (strncmp(why, "ip=: ", 5) == 0 || strncmp(why, "gw=: ", 5) == 0)
			why += 5;
		return fail(p, "network: %s", why);
	}
	return true;
}

/* A certificate CN as the bundle may name it: printable ASCII, no blanks. */
static bool valid_client_name(const char *s)
{
	for (; *s; s++)
		if (*s < 0x21 || *s > 0x7e)
			return false;
	return true;
}

static bool client_setting(struct parser *p, char w[][WORD_MAX], int n)
{
	struct mgmt_config *cfg = p->cfg;

	if (n != 3)
		return fail(p, "client takes a certificate name and a role (admin or read-only)");
	size_t len = strlen(w[1]);
	if (len >= MGMT_CLIENT_NAME_MAX)
		return fail(p, "client name '%s' is longer than %d bytes", w[1],
			    MGMT_CLIENT_NAME_MAX - 1);
	if (!valid_client_name(w[1]))
		return fail(p, "client name '%s' has a character that is not printable ASCII", w[1]);
	enum mgmt_role role;
	if (strcmp(w[2], "admin") == 0)
		role = MGMT_ROLE_ADMIN;
	else if (strcmp(w[2], "read-only") == 0)
		role = MGMT_ROLE_READ_ONLY;
	else
		return fail(p, "unknown role '%s' (admin or read-only)", w[2]);
	if (mgmt_config_find_client(cfg, w[1], len))
		return fail(p, "client '%s' is listed twice", w[1]);
	if (cfg->client_count == MGMT_MAX_CLIENTS)
		return fail(p, "more than %d clients", MGMT_MAX_CLIENTS);
	struct mgmt_client *c = &cfg->clients[cfg->client_count++];
	memcpy(c->name, w[1], len + 1);
	c->role = role;
	return true;
}

/* The block named by "begin NAME": which field, and where it was seen. */
static bool block_target(struct parser *p, const char *name, struct mgmt_pem **pem, unsigned **seen)
{
	if (strcmp(name, "ca") == 0) {
		*pem = &p->cfg->ca;
		*seen = &p->seen_ca;
	} else if (strcmp(name, "server_cert") == 0) {
		*pem = &p->cfg->server_cert;
		*seen = &p->seen_cert;
	} else if (strcmp(name, "server_key") == 0) {
		*pem = &p->cfg->server_key;
		*seen = &p->seen_key;
	} else {
		return fail(p, "unknown block '%s' (ca, server_cert or server_key)", name);
	}
	return true;
}

/* Next line of text[*pos..end): its start and length without the newline
 * (and without a CR before it).  False at the end. */
static bool next_line(const char *text, size_t end, size_t *pos, const char **line, size_t *len)
{
	if (*pos >= end)
		return false;
	const char *s = text + *pos;
	const char *nl = memchr(s, '\n', end - *pos);
	size_t n = nl ? (size_t)(nl - s) : end - *pos;
	*pos += n + (nl ? 1 : 0);
	if (n > 0 && s[n - 1] == '\r')
		n--;
	*line = s;
	*len = n;
	return true;
}

/*
 * The lines after "begin NAME" up to "end NAME" become a NUL-terminated
 * copy.  The block must hold PEM ("-----BEGIN ..." through "-----END ...").
 */
static bool read_block(struct parser *p, const char *name, const char *text, size_t end,
		       size_t *pos)
{
	struct mgmt_pem *pem = NULL;
	unsigned *seen = NULL, begin_line = p->line;
	const char *line;
	size_t len, start = *pos, stop = 0;
	char end_word[WORD_MAX + 4];

	if (!block_target(p, name, &pem, &seen))
		return false;
	if (!once(p, name, seen))
		return false;
	snprintf(end_word, sizeof(end_word), "end %s", name);
	for (;;) {
		size_t here = *pos;
		if (!next_line(text, end, pos, &line, &len)) {
			p->line = begin_line;
			return fail(p, "'begin %s' has no matching '%s'", name, end_word);
		}
		p->line++;
		size_t a = 0, b = len;
		while (a < b && is_blank(line[a]))
			a++;
		while (b > a && is_blank(line[b - 1]))
			b--;
		if (b - a == strlen(end_word) && memcmp(line + a, end_word, b - a) == 0) {
			stop = here;
			break;
		}
		if (b - a >= 6 && (memcmp(line + a, "begin ", 6) == 0 || memcmp(line + a, "end ", 4) == 0))
			return fail(p, "'%.*s' inside the %s block (which began on line %u)",
				    (int)(b - a), line + a, name, begin_line);
	}
	size_t n = stop - start;
	const char *body = text + start;
	const char *b = n ? memmem(body, n, "-----BEGIN ", 11) : NULL;
	const char *e = b ? memmem(b, n - (size_t)(b - body), "-----END ", 9) : NULL;
	if (!b || !e) {
		p->line = begin_line;
		return fail(p, "the %s block holds no PEM data (-----BEGIN ... -----END ...)", name);
	}
	pem->text = malloc(n + 1);
	if (!pem->text)
		return fail(p, "out of memory for the %s block", name);
	memcpy(pem->text, body, n);
	pem->text[n] = '\0';
	pem->len = n + 1;
	return true;
}

static bool parse_line(struct parser *p, char w[][WORD_MAX], int n, const char *text, size_t end,
		       size_t *pos)
{
	struct mgmt_config *cfg = p->cfg;
	uint64_t v;

	if (!p->seen_version) {
		if (strcmp(w[0], "unihv-config") != 0)
			return fail(p, "expected 'unihv-config 1' first, found '%s'", w[0]);
		if (n != 2 || strcmp(w[1], "1") != 0)
			return fail(p, "unsupported bundle version '%s' (this image reads version 1)",
				    n > 1 ? w[1] : "");
		p->seen_version = p->line;
		return true;
	}
	if (strcmp(w[0], "unihv-config") == 0)
		return fail(p, "unihv-config given twice (first on line %u)", p->seen_version);
	if (strcmp(w[0], "listen_port") == 0) {
		if (!number_setting(p, w, n, &p->seen_port, 1, 65535, &v))
			return false;
		cfg->listen_port = (uint16_t)v;
	} else if (strcmp(w[0], "max_sessions") == 0) {
		if (!number_setting(p, w, n, &p->seen_sessions, 1, MGMT_SESSIONS_LIMIT, &v))
			return false;
		cfg->max_sessions = (unsigned)v;
	} else if (strcmp(w[0], "handshake_timeout_ms") == 0) {
		if (!number_setting(p, w, n, &p->seen_handshake, 100, 600000, &v))
			return false;
		cfg->handshake_timeout_ms = (uint32_t)v;
	} else if (strcmp(w[0], "idle_timeout_ms") == 0) {
		if (!number_setting(p, w, n, &p->seen_idle, 1000, 86400000, &v))
			return false;
		cfg->idle_timeout_ms = (uint32_t)v;
	} else if (strcmp(w[0], "network") == 0) {
		return network_setting(p, w, n);
	} else if (strcmp(w[0], "client") == 0) {
		return client_setting(p, w, n);
	} else if (strcmp(w[0], "begin") == 0) {
		if (n != 2)
			return fail(p, "begin takes one block name (ca, server_cert or server_key)");
		return read_block(p, w[1], text, end, pos);
	} else if (strcmp(w[0], "end") == 0) {
		return fail(p, "'end' without 'begin'");
	} else {
		return fail(p, "unknown key '%s'", w[0]);
	}
	return true;
}

static void set_defaults(struct mgmt_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->listen_port = MGMT_DEFAULT_PORT;
	cfg->max_sessions = MGMT_DEFAULT_SESSIONS;
	cfg->handshake_timeout_ms = MGMT_DEFAULT_HANDSHAKE_MS;
	cfg->idle_timeout_ms = MGMT_DEFAULT_IDLE_MS;
	cfg->network.dhcp = true;
}

static bool check_complete(struct parser *p)
{
	p->line = 0;
	if (!p->seen_version)
		return fail(p, "is empty (expected 'unihv-config 1' first)");
	if (!p->seen_ca)
		return fail(p, "has no ca");
	if (!p->seen_cert)
		return fail(p, "has no server_cert");
	if (!p->seen_key)
		return fail(p, "has no server_key");
	if (p->cfg->client_count == 0)
		return fail(p, "lists no client");
	return true;
}

bool mgmt_config_parse(const char *text, size_t len, struct mgmt_config *out, char *why,
		       size_t why_size)
{
	struct parser p = { .cfg = out, .why = why, .why_size = why_size };
	char words[MAX_WORDS][WORD_MAX];
	const char *line;
	size_t n, pos = 0;
	bool ok = true;

	if (why_size)
		why[0] = '\0';
	set_defaults(out);
	while (len > 0 && text[len - 1] == '\0')
		len--;
	if (len > 0 && memchr(text, '\0', len)) {
		fail(&p, "holds a NUL byte: not a text file");
		return false;
	}
	while (ok && next_line(text, len, &pos, &line, &n)) {
		p.line++;
		size_t i = 0;
		while (i < n && is_blank(line[i]))
			i++;
		if (i == n || line[i] == '#')
			continue;
		int count = split(&p, line, n, words);
		ok = count > 0 && parse_line(&p, words, count, text, len, &pos);
	}
	if (ok)
		ok = check_complete(&p);
	if (!ok)
		mgmt_config_free(out);
	return ok;
}

static void free_pem(struct mgmt_pem *pem, bool wipe)
{
	if (pem->text && wipe)
		explicit_bzero(pem->text, pem->len);
	free(pem->text);
	pem->text = NULL;
	pem->len = 0;
}

void mgmt_config_drop_key(struct mgmt_config *cfg)
{
	free_pem(&cfg->server_key, true);
}

void mgmt_config_free(struct mgmt_config *cfg)
{
	free_pem(&cfg->ca, false);
	free_pem(&cfg->server_cert, false);
	free_pem(&cfg->server_key, true);
	memset(cfg, 0, sizeof(*cfg));
}

const struct mgmt_client *mgmt_config_find_client(const struct mgmt_config *cfg, const char *name,
						  size_t len)
{
	if (len >= MGMT_CLIENT_NAME_MAX)
		return NULL;
	for (unsigned i = 0; i < cfg->client_count; i++) {
		const struct mgmt_client *c = &cfg->clients[i];
		if (strlen(c->name) == len && memcmp(c->name, name, len) == 0)
			return c;
	}
	return NULL;
}
