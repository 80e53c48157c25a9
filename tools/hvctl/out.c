/* hvctl output: a small JSON writer and the human key/value form. */
#include <stdio.h>
#include <string.h>
#include "out.h"

bool out_json;

#define DEPTH_MAX 8
static int depth;
static bool need_comma[DEPTH_MAX];

static void json_string(const char *s)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p < 0x20 || *p >= 0x7f)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

/* Comma and key before a member (key NULL: an array element). */
static void member(const char *key)
{
	if (need_comma[depth])
		putchar(',');
	need_comma[depth] = true;
	if (key) {
		json_string(key);
		putchar(':');
	}
}

static void open(char c)
{
	putchar(c);
	if (depth + 1 < DEPTH_MAX)
		depth++;
	need_comma[depth] = false;
}

static void close(char c)
{
	putchar(c);
	if (depth > 0)
		depth--;
}

void out_begin(const char *command)
{
	if (!out_json)
		return;
	depth = 0;
	need_comma[0] = false;
	open('{');
	member("ok");
	fputs("true", stdout);
	member("command");
	json_string(command);
	member("result");
	open('{');
}

void out_end(void)
{
	if (!out_json)
		return;
	while (depth > 0)
		close('}');
	putchar('\n');
	fflush(stdout);
}

void out_error(const char *command, const UNIHV_RESULT *r)
{
	/* The detail after "NAME: ", when the message starts with the name. */
	size_t n = strlen(r->name);
	const char *detail = r->message;
	if (!strncmp(detail, r->name, n) && detail[n] == ':')
		detail += n + 1 + (detail[n + 1] == ' ');
	else if (!strcmp(detail, r->name))
		detail = "";
	if (out_json) {
		depth = 0;
		need_comma[0] = false;
		open('{');
		member("ok");
		fputs("false", stdout);
		member("command");
		json_string(command);
		member("error");
		open('{');
		member("code");
		printf("%d", r->code);
		member("code_name");
		json_string(UnihvCodeName(r->code));
		member("name");
		json_string(r->name);
		member("message");
		json_string(r->message);
		out_end();
	} else {
		fprintf(stderr, "hvctl: %s: %s [%s]%s%s\n", command, r->name, UnihvCodeName(r->code),
			*detail ? ": " : "", detail);
	}
}

void out_u64(const char *key, uint64_t v)
{
	if (out_json) {
		member(key);
		printf("%llu", (unsigned long long)v);
	} else {
		printf("%-22s %llu\n", key, (unsigned long long)v);
	}
}

void out_i64(const char *key, int64_t v)
{
	if (out_json) {
		member(key);
		printf("%lld", (long long)v);
	} else {
		printf("%-22s %lld\n", key, (long long)v);
	}
}

void out_hex(const char *key, uint64_t v)
{
	if (out_json) {
		member(key);
		printf("\"0x%llx\"", (unsigned long long)v);
	} else {
		printf("%-22s 0x%llx\n", key, (unsigned long long)v);
	}
}

void out_str(const char *key, const char *s)
{
	if (out_json) {
		member(key);
		json_string(s);
	} else {
		printf("%-22s %s\n", key, s);
	}
}

void out_bool(const char *key, bool v)
{
	if (out_json) {
		member(key);
		fputs(v ? "true" : "false", stdout);
	} else {
		printf("%-22s %s\n", key, v ? "yes" : "no");
	}
}

void out_obj(const char *key)
{
	if (out_json) {
		member(key);
		open('{');
	}
}

void out_arr(const char *key)
{
	if (out_json) {
		member(key);
		open('[');
	}
}

void out_item(void)
{
	if (out_json) {
		member(NULL);
		open('{');
	}
}

void out_close_obj(void)
{
	if (out_json)
		close('}');
}

void out_close_arr(void)
{
	if (out_json)
		close(']');
}
