/*
 * Host unit-test harness: cmocka plus helpers shared by the test files.
 *
 * bug_fail() (kernel/lib/bug.h) is provided by harness.c and reports
 * through cmocka's mock_assert(), so expect_assert_failure(expr) catches a
 * BUG_ON and an unexpected BUG_ON fails the current test.
 */
#ifndef UNIHV_TESTS_UNIT_HARNESS_H
#define UNIHV_TESTS_UNIT_HARNESS_H

/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

/* err is a non-NULL error string mentioning needle. */
#define assert_error(err, needle)                                              \
	do {                                                                   \
		const char *e_ = (err);                                        \
		assert_non_null(e_);                                           \
		if (!strstr(e_, needle))                                       \
			fail_msg("error \"%s\" does not mention \"%s\"", e_, needle); \
	} while (0)

/*
 * A window of fake "physical" memory: addresses [base, base + size) map
 * onto buf; anything else (or any range running out of it) is unreadable.
 * Pass a struct fake_phys * as ctx to fake_phys_map.
 */
struct fake_phys {
	uint64_t base;
	uint8_t *buf;
	size_t size;
	unsigned maps; /* calls to fake_phys_map */
};

const void *fake_phys_map(uint64_t pa, size_t len, void *ctx);

/* Host pointer for fake physical address pa (the test must stay in range). */
void *fake_phys_ptr(struct fake_phys *fp, uint64_t pa);

/* Small deterministic PRNG (xorshift64*) for randomized tests. */
struct test_rng {
	uint64_t s;
};

void test_rng_seed(struct test_rng *r, uint64_t seed);
uint64_t test_rng_next(struct test_rng *r);
/* Uniform-ish in [0, n), n > 0. */
uint64_t test_rng_below(struct test_rng *r, uint64_t n);

#endif
