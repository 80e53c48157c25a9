/* Host tests for hv/reference_time.c (reference TSC page scale/offset). */
#include "harness.h"
#include "hv/reference_time.h"

/* The exact floor(10^7 * 2^64 / hz), with the host's 128-bit division. */
static uint64_t exact_scale(uint64_t hz)
{
	return (uint64_t)(((unsigned __int128)10000000u << 64) / hz);
}

static const uint64_t rates[] = {
	10000001ull,      /* just above 10 MHz: largest scale */
	20000000ull,      /* 2 ticks per unit: scale 2^63 */
	1000000000ull,    /* 1 GHz */
	2893442000ull,    /* an odd calibrated rate */
	3000000000ull,
	4294967296ull,    /* 2^32 Hz */
	5200000000ull,    /* above 2^32 Hz */
	1000000000000ull, /* 1 THz */
	UINT64_MAX,
};

static void test_scale_matches_formula(void **state)
{
	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		assert_int_equal(reference_tsc_scale(rates[i]), exact_scale(rates[i]));
	assert_int_equal(reference_tsc_scale(20000000ull), 1ull << 63);
	assert_int_equal(reference_tsc_scale(40000000ull), 1ull << 62);

	struct test_rng r;
	test_rng_seed(&r, 42);
	for (int i = 0; i < 10000; i++) {
		uint64_t hz = 10000001ull + test_rng_below(&r, 10000000000000ull);
		assert_int_equal(reference_tsc_scale(hz), exact_scale(hz));
	}
}

/* No representable scale: the page must stay invalid. */
static void test_scale_unrepresentable(void **state)
{
	assert_int_equal(reference_tsc_scale(0), 0);
	assert_int_equal(reference_tsc_scale(1), 0);
	assert_int_equal(reference_tsc_scale(9999999ull), 0);
	assert_int_equal(reference_tsc_scale(10000000ull), 0); /* scale would be 2^64 */
}

static void test_scaled_is_high_product(void **state)
{
	assert_int_equal(reference_tsc_scaled(0, UINT64_MAX), 0);
	assert_int_equal(reference_tsc_scaled(1ull << 32, 1ull << 32), 1);
	assert_int_equal(reference_tsc_scaled(UINT64_MAX, UINT64_MAX), UINT64_MAX - 1);
	assert_int_equal(reference_tsc_scaled(3, 1ull << 63), 1);
}

/* At the anchor TSC the page reads exactly the reference time it was
 * anchored to, and one second of TSC later 10^7 units more (to within the
 * scale's rounding, at most 1 unit per second here). */
static void test_offset_anchors_and_rate(void **state)
{
	const uint64_t tsc_now[] = { 0, 123456789ull, 0x0000123456789abcull,
				     0x7fffffffffffffffull, 0xfffffffff0000000ull };
	const uint64_t ref_now[] = { 0, 1, 987654321ull, 1ull << 40 };

	for (size_t h = 0; h < sizeof(rates) / sizeof(rates[0]) - 1; h++) {
		uint64_t hz = rates[h], scale = reference_tsc_scale(hz);
		for (size_t t = 0; t < sizeof(tsc_now) / sizeof(tsc_now[0]); t++)
			for (size_t k = 0; k < sizeof(ref_now) / sizeof(ref_now[0]); k++) {
				uint64_t tsc = tsc_now[t], ref = ref_now[k];
				int64_t off = reference_tsc_offset(tsc, scale, ref);
				assert_int_equal(reference_tsc_time(tsc, scale, off), ref);
				if (tsc > UINT64_MAX - hz)
					continue;
				uint64_t later = reference_tsc_time(tsc + hz, scale, off) - ref;
				assert_true(later >= 10000000u - 1 && later <= 10000000u + 1);
			}
	}
}

/* Monotonic in the TSC, and the guest's formula (high product plus offset,
 * wrapping) gives the same as reference_tsc_time. */
static void test_monotonic(void **state)
{
	uint64_t scale = reference_tsc_scale(2893442000ull);
	int64_t off = reference_tsc_offset(5000000000ull, scale, 42);
	uint64_t prev = 0;
	struct test_rng r;

	test_rng_seed(&r, 7);
	for (uint64_t tsc = 5000000000ull; tsc < 5000000000ull + 100000000ull;
	     tsc += 1 + test_rng_below(&r, 1000)) {
		uint64_t t = reference_tsc_time(tsc, scale, off);
		uint64_t guest = (uint64_t)(((unsigned __int128)tsc * scale) >> 64) + (uint64_t)off;
		assert_int_equal(t, guest);
		assert_true(t >= prev);
		prev = t;
	}
	assert_true(prev >= 42 + 100000000ull * 10000000ull / 2893442000ull - 1);
}

static void test_time_from_ns(void **state)
{
	assert_int_equal(reference_time_from_ns(1000, 1000), 0);
	assert_int_equal(reference_time_from_ns(1099, 1000), 0);
	assert_int_equal(reference_time_from_ns(1100, 1000), 1);
	assert_int_equal(reference_time_from_ns(1000 + 1000000000ull, 1000), 10000000u);
	assert_int_equal(reference_time_from_ns(500, 1000), 0); /* a lagging CPU */
	assert_int_equal(reference_time_from_ns(UINT64_MAX, 0), UINT64_MAX / 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scale_matches_formula),
		cmocka_unit_test(test_scale_unrepresentable),
		cmocka_unit_test(test_scaled_is_high_product),
		cmocka_unit_test(test_offset_anchors_and_rate),
		cmocka_unit_test(test_monotonic),
		cmocka_unit_test(test_time_from_ns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
