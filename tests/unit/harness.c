#include <stdlib.h>
#include "harness.h"
#include "lib/bug.h"

_Noreturn void bug_fail(const char *cond, const char *file, int line)
{
	/* Longjmps back into cmocka: into expect_assert_failure() when the
	 * test expects a BUG_ON, otherwise out of the test as a failure. */
	mock_assert(0, cond, file, line);
	abort();
}

const void *fake_phys_map(uint64_t pa, size_t len, void *ctx)
{
	struct fake_phys *fp = ctx;

	fp->maps++;
	if (pa < fp->base || pa - fp->base > fp->size || len > fp->size - (pa - fp->base))
		return NULL;
	return fp->buf + (pa - fp->base);
}

void *fake_phys_ptr(struct fake_phys *fp, uint64_t pa)
{
	assert_true(pa >= fp->base && pa - fp->base < fp->size);
	return fp->buf + (pa - fp->base);
}

void test_rng_seed(struct test_rng *r, uint64_t seed)
{
	r->s = seed ? seed : 0x9e3779b97f4a7c15ull;
}

uint64_t test_rng_next(struct test_rng *r)
{
	uint64_t x = r->s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545f4914f6cdd1dull;
}

uint64_t test_rng_below(struct test_rng *r, uint64_t n)
{
	return test_rng_next(r) % n;
}
