/* Host tests for kernel/boot/cmdline.c. */
#include <string.h>
#include "harness.h"
#include "boot/cmdline.h"

#define SENTINEL 0xdeadbeefcafef00dull

/* cmdline_get into a fresh buffer pre-filled with junk; returns the result. */
static bool get(const char *cl, const char *key, char *buf, size_t size)
{
	memset(buf, 'X', size);
	return cmdline_get(cl, key, buf, size);
}

static void test_get_simple_values(void **state)
{
	char v[64];

	assert_true(get("console=serial loglevel=3 mem=512M", "console", v, sizeof(v)));
	assert_string_equal(v, "serial");
	assert_true(get("console=serial loglevel=3 mem=512M", "loglevel", v, sizeof(v)));
	assert_string_equal(v, "3");
	assert_true(get("console=serial loglevel=3 mem=512M", "mem", v, sizeof(v)));
	assert_string_equal(v, "512M");
}

static void test_get_bare_key_gives_empty_value(void **state)
{
	char v[16];

	assert_true(get("quiet debug", "quiet", v, sizeof(v)));
	assert_string_equal(v, "");
	assert_true(get("quiet debug", "debug", v, sizeof(v)));
	assert_string_equal(v, "");
}

static void test_get_empty_value_after_equals(void **state)
{
	char v[16];

	assert_true(get("a= b=2", "a", v, sizeof(v)));
	assert_string_equal(v, "");
	assert_true(get("a= b=2", "b", v, sizeof(v)));
	assert_string_equal(v, "2");
}

static void test_get_missing_key(void **state)
{
	char v[16];

	assert_false(get("console=serial quiet", "loglevel", v, sizeof(v)));
	assert_false(get("console=serial quiet", "serial", v, sizeof(v))); /* a value, not a key */
}

static void test_get_prefix_keys_do_not_match(void **state)
{
	char v[16];

	assert_false(get("testing=1", "test", v, sizeof(v)));
	assert_false(get("testing", "test", v, sizeof(v)));
	assert_false(get("tes=1", "test", v, sizeof(v)));
	assert_false(get("mytest=1", "test", v, sizeof(v)));
	assert_true(get("testing=2 test=1", "test", v, sizeof(v)));
	assert_string_equal(v, "1");
	assert_true(get("test=1 testing=2", "testing", v, sizeof(v)));
	assert_string_equal(v, "2");
	assert_true(get("testing=2 test=1", "testing", v, sizeof(v)));
	assert_string_equal(v, "2");
}

static void test_get_last_wins(void **state)
{
	char v[16];

	assert_true(get("a=1 b=2 a=3", "a", v, sizeof(v)));
	assert_string_equal(v, "3");
	assert_true(get("a=1 b=2 a=3", "b", v, sizeof(v)));
	assert_string_equal(v, "2");
	/* A later bare key overrides an earlier value, and vice versa. */
	assert_true(get("a=1 a", "a", v, sizeof(v)));
	assert_string_equal(v, "");
	assert_true(get("a a=5", "a", v, sizeof(v)));
	assert_string_equal(v, "5");
}

static void test_get_quoted_value_with_spaces(void **state)
{
	char v[32];
	const char *cl = "x=0 name=\"hello big world\" y=1";

	assert_true(get(cl, "name", v, sizeof(v)));
	assert_string_equal(v, "hello big world");
	assert_true(get(cl, "y", v, sizeof(v)));
	assert_string_equal(v, "1");
	assert_true(get(cl, "x", v, sizeof(v)));
	assert_string_equal(v, "0");
}

static void test_get_quoted_content_is_not_words(void **state)
{
	char v[32];
	const char *cl = "opt=\"inner=1 other\" tail";

	assert_false(get(cl, "inner", v, sizeof(v)));
	assert_false(get(cl, "other", v, sizeof(v)));
	assert_true(get(cl, "tail", v, sizeof(v)));
	assert_true(get(cl, "opt", v, sizeof(v)));
	assert_string_equal(v, "inner=1 other");
}

static void test_get_quoted_empty_and_unterminated(void **state)
{
	char v[32];

	assert_true(get("a=\"\" b=2", "a", v, sizeof(v)));
	assert_string_equal(v, "");
	assert_true(get("a=\"\" b=2", "b", v, sizeof(v)));
	assert_string_equal(v, "2");
	/* An unterminated quote runs to the end of the line. */
	assert_true(get("a=\"abc def", "a", v, sizeof(v)));
	assert_string_equal(v, "abc def");
}

static void test_get_value_may_contain_equals(void **state)
{
	char v[32];

	assert_true(get("root=UUID=1234-abcd ro", "root", v, sizeof(v)));
	assert_string_equal(v, "UUID=1234-abcd");
	assert_false(get("root=UUID=1234-abcd ro", "UUID", v, sizeof(v)));
}

static void test_get_all_whitespace_kinds(void **state)
{
	char v[16];
	const char *cl = " \t a=1\n\r b=2\t\tc  \n";

	assert_true(get(cl, "a", v, sizeof(v)));
	assert_string_equal(v, "1");
	assert_true(get(cl, "b", v, sizeof(v)));
	assert_string_equal(v, "2");
	assert_true(get(cl, "c", v, sizeof(v)));
	assert_string_equal(v, "");
}

static void test_get_buffer_exact_fit_and_too_small(void **state)
{
	char v[8];

	assert_true(get("k=abc", "k", v, 4)); /* 3 chars + NUL */
	assert_string_equal(v, "abc");
	assert_false(get("k=abc", "k", v, 3));
	assert_false(get("k=abcdefgh", "k", v, sizeof(v)));
	/* A quoted value is measured without its quotes. */
	assert_true(get("k=\"a b\"", "k", v, 4));
	assert_string_equal(v, "a b");
	assert_false(get("k=\"a b\"", "k", v, 3));
	/* A bare key still needs room for the NUL. */
	assert_true(get("k", "k", v, 1));
	assert_int_equal(v[0], '\0');
	assert_false(cmdline_get("k", "k", v, 0));
	/* Long value followed by a short one: the last one is what counts. */
	assert_true(get("k=abcdefghijkl k=ab", "k", v, 3));
	assert_string_equal(v, "ab");
	assert_false(get("k=ab k=abcdefghijkl", "k", v, sizeof(v)));
}

static void test_get_null_value_buffer_only_checks_presence(void **state)
{
	assert_true(cmdline_get("k=a_long_value_here", "k", NULL, 0));
	assert_true(cmdline_get("k", "k", NULL, 0));
	assert_false(cmdline_get("other=1", "k", NULL, 0));
}

static void test_get_degenerate_inputs(void **state)
{
	char v[16];

	assert_false(get(NULL, "k", v, sizeof(v)));
	assert_false(get("", "k", v, sizeof(v)));
	assert_false(get("   \t\n", "k", v, sizeof(v)));
	assert_false(get("k=1", "", v, sizeof(v)));
	assert_false(get("=1 =2", "", v, sizeof(v)));
	assert_false(cmdline_has(NULL, "k"));
	assert_false(cmdline_has("k", ""));
}

static void test_has(void **state)
{
	const char *cl = "quiet console=serial empty= q=\"a b\"";

	assert_true(cmdline_has(cl, "quiet"));
	assert_true(cmdline_has(cl, "console"));
	assert_true(cmdline_has(cl, "empty"));
	assert_true(cmdline_has(cl, "q"));
	assert_false(cmdline_has(cl, "serial"));
	assert_false(cmdline_has(cl, "quie"));
	assert_false(cmdline_has(cl, "quiet2"));
	assert_false(cmdline_has(cl, "cons"));
	assert_false(cmdline_has(cl, "b\""));
	/* Presence does not depend on the value's length. */
	assert_true(cmdline_has("big=0123456789012345678901234567890123456789012345678901234567890123456789",
				"big"));
}

static uint64_t u64_or_sentinel(const char *cl, const char *key, bool *ok)
{
	uint64_t v = SENTINEL;
	*ok = cmdline_get_u64(cl, key, &v);
	return v;
}

#define ASSERT_U64(cl, key, expect)                             \
	do {                                                    \
		bool ok_;                                       \
		uint64_t v_ = u64_or_sentinel(cl, key, &ok_);   \
		assert_true(ok_);                               \
		assert_int_equal(v_, (uint64_t)(expect));       \
	} while (0)

/* Rejected values must leave *out untouched. */
#define ASSERT_U64_BAD(cl, key)                                 \
	do {                                                    \
		bool ok_;                                       \
		uint64_t v_ = u64_or_sentinel(cl, key, &ok_);   \
		assert_false(ok_);                              \
		assert_int_equal(v_, SENTINEL);                 \
	} while (0)

static void test_u64_decimal(void **state)
{
	ASSERT_U64("n=0", "n", 0);
	ASSERT_U64("n=7", "n", 7);
	ASSERT_U64("x=1 n=12345 y=2", "n", 12345);
	ASSERT_U64("n=4294967296", "n", 4294967296ull);
}

static void test_u64_hex_and_octal(void **state)
{
	ASSERT_U64("n=0x1F", "n", 0x1f);
	ASSERT_U64("n=0XfF", "n", 0xff);
	ASSERT_U64("n=0x0", "n", 0);
	ASSERT_U64("n=0xfee00000", "n", 0xfee00000ull);
	ASSERT_U64("n=010", "n", 8);
	ASSERT_U64("n=0777", "n", 0777);
	ASSERT_U64_BAD("n=08", "n");  /* not octal */
	ASSERT_U64_BAD("n=0x", "n");  /* no digits */
	ASSERT_U64_BAD("n=0xg", "n");
}

static void test_u64_suffixes(void **state)
{
	ASSERT_U64("n=4K", "n", 4096);
	ASSERT_U64("n=4k", "n", 4096);
	ASSERT_U64("n=16M", "n", 16ull << 20);
	ASSERT_U64("n=16m", "n", 16ull << 20);
	ASSERT_U64("n=2G", "n", 2ull << 30);
	ASSERT_U64("n=3g", "n", 3ull << 30);
	ASSERT_U64("n=0x10M", "n", 16ull << 20);
	ASSERT_U64("n=0K", "n", 0);
	ASSERT_U64("n=010K", "n", 8ull << 10);
}

static void test_u64_limits_and_overflow(void **state)
{
	ASSERT_U64("n=18446744073709551615", "n", UINT64_MAX);
	ASSERT_U64("n=0xffffffffffffffff", "n", UINT64_MAX);
	ASSERT_U64_BAD("n=18446744073709551616", "n");
	ASSERT_U64_BAD("n=0x10000000000000000", "n");
	ASSERT_U64_BAD("n=99999999999999999999999", "n");
	/* Largest value each suffix can scale, and one more. */
	ASSERT_U64("n=17179869183G", "n", 17179869183ull << 30);
	ASSERT_U64_BAD("n=17179869184G", "n");
	ASSERT_U64("n=17592186044415M", "n", 17592186044415ull << 20);
	ASSERT_U64_BAD("n=17592186044416M", "n");
	ASSERT_U64("n=0x3fffffffffffffK", "n", 0x3fffffffffffffull << 10);
	ASSERT_U64_BAD("n=0x40000000000000K", "n");
	ASSERT_U64_BAD("n=18446744073709551615K", "n");
}

static void test_u64_garbage(void **state)
{
	static const char *const bad[] = {
		"n=abc", "n=12abc", "n=-1", "n=+1", "n=", "n", "n=4KB", "n=4T", "n=1.5G",
		"n=K", "n=\"4 2\"", "n=1_000", "n=4KK", "n=\" 4\"",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		bool ok;
		uint64_t v = u64_or_sentinel(bad[i], "n", &ok);
		if (ok || v != SENTINEL)
			fail_msg("\"%s\" was accepted (ok=%d, value %#llx)", bad[i], ok,
				 (unsigned long long)v);
	}
}

static void test_u64_missing_and_quoted(void **state)
{
	ASSERT_U64_BAD("m=1 nn=2", "n");
	ASSERT_U64_BAD(NULL, "n");
	ASSERT_U64("n=\"42\"", "n", 42);
	ASSERT_U64("n=\"1M\"", "n", 1ull << 20);
}

static void test_u64_last_wins(void **state)
{
	ASSERT_U64("n=1 n=2", "n", 2);
	ASSERT_U64("n=x n=3", "n", 3);
	/* The last one decides even when it is malformed. */
	ASSERT_U64_BAD("n=1 n=x", "n");
	ASSERT_U64_BAD("n=1 n", "n");
}

static void test_u64_long_values(void **state)
{
	/* 31 characters fit the parser's buffer, longer values do not. */
	ASSERT_U64("n=0000000000000000000000000000001", "n", 1);
	ASSERT_U64("n=0x0000000000000000000000000001K", "n", 1024);
	ASSERT_U64_BAD("n=00000000000000000000000000000001", "n");
	ASSERT_U64_BAD("n=000000000000000000000000000000000000000000000000001", "n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_simple_values),
		cmocka_unit_test(test_get_bare_key_gives_empty_value),
		cmocka_unit_test(test_get_empty_value_after_equals),
		cmocka_unit_test(test_get_missing_key),
		cmocka_unit_test(test_get_prefix_keys_do_not_match),
		cmocka_unit_test(test_get_last_wins),
		cmocka_unit_test(test_get_quoted_value_with_spaces),
		cmocka_unit_test(test_get_quoted_content_is_not_words),
		cmocka_unit_test(test_get_quoted_empty_and_unterminated),
		cmocka_unit_test(test_get_value_may_contain_equals),
		cmocka_unit_test(test_get_all_whitespace_kinds),
		cmocka_unit_test(test_get_buffer_exact_fit_and_too_small),
		cmocka_unit_test(test_get_null_value_buffer_only_checks_presence),
		cmocka_unit_test(test_get_degenerate_inputs),
		cmocka_unit_test(test_has),
		cmocka_unit_test(test_u64_decimal),
		cmocka_unit_test(test_u64_hex_and_octal),
		cmocka_unit_test(test_u64_suffixes),
		cmocka_unit_test(test_u64_limits_and_overflow),
		cmocka_unit_test(test_u64_garbage),
		cmocka_unit_test(test_u64_missing_and_quoted),
		cmocka_unit_test(test_u64_last_wins),
		cmocka_unit_test(test_u64_long_values),
	};
	return cmocka_run_group_tests_name("test_cmdline", tests, NULL, NULL);
}
