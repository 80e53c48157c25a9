#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "boot/cmdline.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Walk the words of cmdline.  For each, report the key span and the value
 * span (value_len is 0 and value_start NULL for a bare key).  Returns the
 * position after the word, or NULL at the end.
 */
struct word {
	const char *key;
	size_t key_len;
	const char *value;
	size_t value_len;
};

static const char *next_word(const char *p, struct word *w)
{
	while (*p && is_space(*p))
		p++;
	if (!*p)
		return NULL;
	w->key = p;
	while (*p && !is_space(*p) && *p != '=')
		p++;
	w->key_len = (size_t)(p - w->key);
	w->value = NULL;
	w->value_len = 0;
	if (*p != '=')
		return p;
	p++;
	if (*p == '"') {
		p++;
		w->value = p;
		while (*p && *p != '"')
			p++;
		w->value_len = (size_t)(p - w->value);
		if (*p == '"')
			p++;
	} else {
		w->value = p;
		while (*p && !is_space(*p))
			p++;
		w->value_len = (size_t)(p - w->value);
	}
	return p;
}

static bool find_last(const char *cmdline, const char *key, struct word *found)
{
	size_t klen = strlen(key);
	bool have = false;
	struct word w;

	if (!cmdline || klen == 0)
		return false;
	for (const char *p = cmdline; (p = next_word(p, &w)) != NULL;) {
		if (w.key_len == klen && memcmp(w.key, key, klen) == 0) {
			*found = w;
			have = true;
		}
	}
	return have;
}

bool cmdline_get(const char *cmdline, const char *key, char *value, size_t value_size)
{
	struct word w;

	if (!find_last(cmdline, key, &w))
		return false;
	if (!value)
		return true;
	if (w.value_len + 1 > value_size)
		return false;
	if (w.value_len)
		memcpy(value, w.value, w.value_len);
	value[w.value_len] = '\0';
	return true;
}

bool cmdline_has(const char *cmdline, const char *key)
{
	return cmdline_get(cmdline, key, NULL, 0);
}

bool cmdline_get_u64(const char *cmdline, const char *key, uint64_t *out)
{
	char buf[32];
	char *end;

	if (!cmdline_get(cmdline, key, buf, sizeof(buf)) || !(buf[0] >= '0' && buf[0] <= '9'))
		return false;
	errno = 0;
	unsigned long long v = strtoull(buf, &end, 0);
	if (errno)
		return false;
	unsigned shift = 0;
	switch (*end) {
	case '\0':
		break;
	case 'K': case 'k':
		shift = 10; end++; break;
	case 'M': case 'm':
		shift = 20; end++; break;
	case 'G': case 'g':
		shift = 30; end++; break;
	default:
		return false;
	}
	if (*end || (shift && v > (UINT64_MAX >> shift)))
		return false;
	*out = (uint64_t)v << shift;
	return true;
}
