/* Host tests for kernel/mm/page_alloc.c. */
#include <string.h>
#include "harness.h"
#include "mm/page_alloc.h"

#define MAX_FRAMES 4096 /* 16 MiB of "physical memory" */
#define MIB (1ull << 20)

static uint64_t bitmap[MAX_FRAMES / 64 + 1];
static struct page_alloc pa;

/* A fresh allocator over [0, frames * 4 KiB), nothing free yet. */
static void init_frames(uint64_t frames)
{
	assert_true(frames <= MAX_FRAMES);
	memset(bitmap, 0, sizeof(bitmap));
	page_alloc_init(&pa, bitmap, frames * PAGE_SIZE);
}

static uint64_t count_free_bits(void)
{
	uint64_t n = 0;
	for (uint64_t f = 0; f < pa.nframes; f++)
		n += page_alloc_is_free(&pa, f * PAGE_SIZE);
	return n;
}

/*
 * Accounting invariant plus agreement between counters and bitmap, and the
 * expected counters.  Failures are reported at the caller's line.
 */
static void assert_stats_at(const char *file, int line, uint64_t total, uint64_t free,
			    uint64_t allocated, uint64_t reserved)
{
	struct page_alloc_stats s;
	page_alloc_get_stats(&pa, &s);
	_assert_int_equal(s.total, s.free + s.allocated + s.reserved, file, line);
	_assert_int_equal(s.free, count_free_bits(), file, line);
	_assert_int_equal(s.total, total, file, line);
	_assert_int_equal(s.free, free, file, line);
	_assert_int_equal(s.allocated, allocated, file, line);
	_assert_int_equal(s.reserved, reserved, file, line);
}
#define assert_stats(t, f, a, r) assert_stats_at(__FILE__, __LINE__, t, f, a, r)

/* Frames [first, first + n) are all free (want = true) or all not free. */
static void assert_frames(uint64_t first, uint64_t n, bool want)
{
	for (uint64_t f = first; f < first + n; f++)
		if (page_alloc_is_free(&pa, f * PAGE_SIZE) != want)
			fail_msg("frame %#llx is %sfree", (unsigned long long)f, want ? "not " : "");
}

/* Snapshot to check that a failed call changed nothing. */
struct snapshot {
	struct page_alloc pa;
	uint64_t bitmap[MAX_FRAMES / 64 + 1];
};
static struct snapshot snap;

static void take_snapshot(void)
{
	snap.pa = pa;
	memcpy(snap.bitmap, bitmap, sizeof(bitmap));
}

static void assert_unchanged(void)
{
	assert_memory_equal(&snap.pa, &pa, sizeof(pa));
	assert_memory_equal(snap.bitmap, bitmap, sizeof(bitmap));
}

static void test_bitmap_bytes(void **state)
{
	assert_int_equal(page_alloc_bitmap_bytes(0), 0);
	assert_int_equal(page_alloc_bitmap_bytes(1), 8);
	assert_int_equal(page_alloc_bitmap_bytes(PAGE_SIZE), 8);
	assert_int_equal(page_alloc_bitmap_bytes(64 * PAGE_SIZE), 8);
	assert_int_equal(page_alloc_bitmap_bytes(64 * PAGE_SIZE + 1), 16);
	assert_int_equal(page_alloc_bitmap_bytes(65 * PAGE_SIZE), 16);
	assert_int_equal(page_alloc_bitmap_bytes(4ull << 30), 131072);
	assert_int_equal(page_alloc_bitmap_bytes(1ull << 40), 32ull << 20);
}

static void test_init_everything_unavailable(void **state)
{
	uint64_t phys = 0x1234;

	memset(bitmap, 0, sizeof(bitmap));
	pa.search_hint = 99;
	page_alloc_init(&pa, bitmap, 100 * PAGE_SIZE + 1); /* partial last frame counts */
	assert_int_equal(pa.nframes, 101);
	assert_int_equal(pa.search_hint, 0);
	assert_stats(0, 0, 0, 0);
	assert_frames(0, 101, false);
	assert_false(page_alloc_alloc(&pa, 1, 1, &phys));
	assert_int_equal(phys, 0x1234);
	/* Only the bitmap's own size was written. */
	assert_int_equal(bitmap[1], UINT64_MAX);
	assert_int_equal(bitmap[2], 0);
}

static void test_add_free_range_whole_pages(void **state)
{
	init_frames(64);
	page_alloc_add_free_range(&pa, 0x1000, 0x4000);
	assert_stats(4, 4, 0, 0);
	assert_false(page_alloc_is_free(&pa, 0x0));
	assert_frames(1, 4, true);
	assert_true(page_alloc_is_free(&pa, 0x4fff));
	assert_false(page_alloc_is_free(&pa, 0x5000));
}

static void test_add_free_range_skips_partial_pages(void **state)
{
	init_frames(64);
	page_alloc_add_free_range(&pa, 0x1800, 0x2000); /* [0x1800, 0x3800) */
	assert_stats(1, 1, 0, 0);
	assert_frames(1, 1, false);
	assert_frames(2, 1, true);
	assert_frames(3, 1, false);
	page_alloc_add_free_range(&pa, 0x5001, 0xffe); /* inside one page */
	page_alloc_add_free_range(&pa, 0x6000, 0xfff); /* one byte short */
	page_alloc_add_free_range(&pa, 0x7000, 0);
	assert_stats(1, 1, 0, 0);
	page_alloc_add_free_range(&pa, 0x8fff, 0x1002); /* [0x8fff, 0xa001): frame 9 */
	assert_stats(2, 2, 0, 0);
	assert_frames(9, 1, true);
}

static void test_add_free_range_no_double_count(void **state)
{
	init_frames(64);
	page_alloc_add_free_range(&pa, 0x0, 0x8000);
	page_alloc_add_free_range(&pa, 0x0, 0x8000);
	assert_stats(8, 8, 0, 0);
	page_alloc_add_free_range(&pa, 0x4000, 0x8000); /* overlaps 4 frames */
	assert_stats(12, 12, 0, 0);
}

static void test_add_free_range_clipped_to_bitmap(void **state)
{
	init_frames(16);
	page_alloc_add_free_range(&pa, 0x0, 1ull << 30);
	assert_stats(16, 16, 0, 0);
	page_alloc_add_free_range(&pa, 1ull << 30, 1ull << 30);
	page_alloc_add_free_range(&pa, 0x10000, 0x1000); /* first frame past the end */
	assert_stats(16, 16, 0, 0);
	assert_false(page_alloc_is_free(&pa, 16 * PAGE_SIZE));
	assert_false(page_alloc_is_free(&pa, UINT64_MAX));
}

/* Ranges at the top of the 64-bit space lie beyond any bitmap. */
static void test_add_free_range_near_top_of_address_space(void **state)
{
	init_frames(16);
	page_alloc_add_free_range(&pa, UINT64_MAX - 0x800, 0x1000); /* wraps */
	assert_stats(0, 0, 0, 0);
	page_alloc_add_free_range(&pa, 0xfffffffffffff001ull, 0xffe);
	assert_stats(0, 0, 0, 0);
	page_alloc_add_free_range(&pa, 0x3000, UINT64_MAX); /* wraps: to the end */
	assert_stats(13, 13, 0, 0);
}

static void test_reserve_range(void **state)
{
	init_frames(64);
	page_alloc_add_free_range(&pa, 0x0, 0x20000); /* frames 0-31 */

	/* Any frame touched is taken, even by a single byte. */
	assert_int_equal(page_alloc_reserve_range(&pa, 0x1800, 1), 1);
	assert_frames(1, 1, false);
	assert_stats(32, 31, 0, 1);
	assert_int_equal(page_alloc_reserve_range(&pa, 0x2fff, 2), 2); /* frames 2 and 3 */
	assert_stats(32, 29, 0, 3);
	/* Taking it again takes nothing. */
	assert_int_equal(page_alloc_reserve_range(&pa, 0x1000, 0x3000), 0);
	assert_int_equal(page_alloc_reserve_range(&pa, 0x5000, 0), 0);
	/* Unmanaged frames are not counted. */
	assert_int_equal(page_alloc_reserve_range(&pa, 0x1e000, 0x100000), 2);
	assert_stats(32, 27, 0, 5);
	assert_frames(0, 1, true);
	assert_frames(4, 26, true);
}

static void test_reserve_range_leaves_allocated_frames(void **state)
{
	uint64_t phys;

	init_frames(64);
	page_alloc_add_free_range(&pa, 0x0, 0x10000);
	assert_true(page_alloc_alloc(&pa, 4, 1, &phys));
	assert_int_equal(phys, 0x0);
	assert_int_equal(page_alloc_reserve_range(&pa, 0x0, 0x8000), 4);
	assert_stats(16, 8, 4, 4);
	/* The allocated frames are still allocated, and can be freed. */
	page_alloc_free(&pa, 0x0, 4);
	assert_stats(16, 12, 0, 4);
	assert_frames(4, 4, false);
}

static void test_reserve_range_to_top_of_address_space(void **state)
{
	init_frames(64);
	page_alloc_add_free_range(&pa, 0x0, 64 * PAGE_SIZE);
	/* "Everything from 0x10000 up" and "everything". */
	assert_int_equal(page_alloc_reserve_range(&pa, 0x10000, UINT64_MAX), 48);
	assert_stats(64, 16, 0, 48);
	assert_int_equal(page_alloc_reserve_range(&pa, 0x0, UINT64_MAX), 16);
	assert_stats(64, 0, 0, 64);
}

static void test_alloc_lowest_first_and_accounting(void **state)
{
	uint64_t a, b;

	init_frames(64);
	page_alloc_add_free_range(&pa, 0x5000, 0x10000); /* frames 5-20 */
	assert_true(page_alloc_alloc(&pa, 1, 1, &a));
	assert_int_equal(a, 0x5000);
	assert_frames(5, 1, false);
	assert_stats(16, 15, 1, 0);
	assert_true(page_alloc_alloc(&pa, 3, 1, &b));
	assert_int_equal(b, 0x6000);
	assert_frames(6, 3, false);
	assert_frames(9, 12, true);
	assert_stats(16, 12, 4, 0);
}

static void test_alloc_contiguous_skips_short_runs(void **state)
{
	uint64_t phys;

	init_frames(64);
	page_alloc_add_free_range(&pa, 0x0, 0x10000);
	page_alloc_reserve_range(&pa, 0x3000, 1);  /* run 0-2 */
	page_alloc_reserve_range(&pa, 0x7000, 1);  /* run 4-6 */
	assert_true(page_alloc_alloc(&pa, 4, 1, &phys));
	assert_int_equal(phys, 0x8000);
	assert_true(page_alloc_alloc(&pa, 3, 1, &phys)); /* search goes on from the hint */
	assert_int_equal(phys, 0xc000);
	assert_true(page_alloc_alloc(&pa, 3, 1, &phys)); /* wraps to the first fit */
	assert_int_equal(phys, 0x0);
	assert_stats(16, 4, 10, 2);
}

static void test_alloc_alignment(void **state)
{
	uint64_t phys;

	init_frames(MAX_FRAMES);
	page_alloc_add_free_range(&pa, 0x1000, 16 * MIB - 0x1000);
	assert_true(page_alloc_alloc(&pa, 1, 512, &phys));
	assert_int_equal(phys, 2 * MIB);
	assert_true(page_alloc_alloc(&pa, 512, 512, &phys)); /* a 2 MiB page */
	assert_int_equal(phys, 4 * MIB);
	assert_frames(1024, 512, false);
	assert_true(page_alloc_alloc(&pa, 3, 4, &phys));
	assert_int_equal(phys % (4 * PAGE_SIZE), 0);
	assert_int_equal(phys, 6 * MIB);
	assert_true(page_alloc_alloc(&pa, 1, 2, &phys));
	assert_int_equal(phys, 6 * MIB + 4 * PAGE_SIZE);
	assert_stats(4095, 4095 - 517, 517, 0);
	/* Every aligned 2 MiB run but the first (not whole) and the ones at
	 * 2, 4 and 6 MiB is free: 4 more fit, then it stops. */
	for (int i = 0; i < 4; i++) {
		assert_true(page_alloc_alloc(&pa, 512, 512, &phys));
		assert_int_equal(phys % (2 * MIB), 0);
	}
	take_snapshot();
	assert_false(page_alloc_alloc(&pa, 512, 512, &phys));
	assert_unchanged();
	assert_true(page_alloc_alloc(&pa, 511, 1, &phys)); /* frames 1-511 */
	assert_int_equal(phys, PAGE_SIZE);
}

/* Skipping a fully used bitmap word must keep the candidate aligned. */
static void test_alloc_alignment_after_full_word(void **state)
{
	uint64_t phys;

	init_frames(512);
	page_alloc_add_free_range(&pa, 64 * PAGE_SIZE, 448 * PAGE_SIZE); /* frames 0-63 used */
	assert_true(page_alloc_alloc(&pa, 1, 128, &phys));
	assert_int_equal(phys, 128 * PAGE_SIZE);
	assert_true(page_alloc_alloc(&pa, 64, 256, &phys));
	assert_int_equal(phys, 256 * PAGE_SIZE);
	assert_true(page_alloc_alloc(&pa, 2, 64, &phys));
	assert_int_equal(phys, 320 * PAGE_SIZE);
	assert_stats(448, 448 - 67, 67, 0);
}

static void test_alloc_bad_arguments(void **state)
{
	uint64_t phys = 0xabc;

	init_frames(64);
	page_alloc_add_free_range(&pa, 0x0, 64 * PAGE_SIZE);
	take_snapshot();
	assert_false(page_alloc_alloc(&pa, 0, 1, &phys));
	assert_false(page_alloc_alloc(&pa, 1, 0, &phys));
	assert_false(page_alloc_alloc(&pa, 1, 3, &phys));
	assert_false(page_alloc_alloc(&pa, 1, 6, &phys));
	assert_false(page_alloc_alloc(&pa, 1, (1ull << 63) + 1, &phys));
	assert_false(page_alloc_alloc(&pa, 65, 1, &phys));
	assert_false(page_alloc_alloc(&pa, UINT64_MAX, 1, &phys));
	assert_int_equal(phys, 0xabc);
	assert_unchanged();
	/* A huge power-of-two alignment only fits at frame 0. */
	assert_true(page_alloc_alloc(&pa, 1, 1ull << 40, &phys));
	assert_int_equal(phys, 0);
}

static void test_exhaustion_changes_nothing(void **state)
{
	uint64_t phys;

	init_frames(100);
	page_alloc_add_free_range(&pa, 0x0, 100 * PAGE_SIZE);
	for (uint64_t i = 0; i < 100; i++) {
		assert_true(page_alloc_alloc(&pa, 1, 1, &phys));
		assert_int_equal(phys, i * PAGE_SIZE);
	}
	assert_stats(100, 0, 100, 0);
	phys = 0x5a5a;
	take_snapshot();
	assert_false(page_alloc_alloc(&pa, 1, 1, &phys));
	assert_int_equal(phys, 0x5a5a);
	assert_unchanged();
}

static void test_fragmented_alloc_fails_cleanly(void **state)
{
	uint64_t phys = 7;

	init_frames(128);
	page_alloc_add_free_range(&pa, 0x0, 128 * PAGE_SIZE);
	for (uint64_t f = 1; f < 128; f += 4) /* free runs of 3 at 4k+2 */
		page_alloc_reserve_range(&pa, f * PAGE_SIZE, PAGE_SIZE);
	assert_stats(128, 96, 0, 32);
	take_snapshot();
	assert_false(page_alloc_alloc(&pa, 4, 1, &phys));
	assert_false(page_alloc_alloc(&pa, 2, 4, &phys)); /* 4k is free, 4k+1 is not */
	assert_int_equal(phys, 7);
	assert_unchanged();
	assert_true(page_alloc_alloc(&pa, 3, 2, &phys));
	assert_int_equal(phys, 2 * PAGE_SIZE);
	assert_true(page_alloc_alloc(&pa, 1, 4, &phys));
	assert_int_equal(phys, 8 * PAGE_SIZE);
	assert_stats(128, 92, 4, 32);
}

static void test_free_and_reuse(void **state)
{
	uint64_t a, b, c;

	init_frames(8);
	page_alloc_add_free_range(&pa, 0x0, 8 * PAGE_SIZE);
	assert_true(page_alloc_alloc(&pa, 3, 1, &a));
	assert_true(page_alloc_alloc(&pa, 5, 1, &b));
	assert_int_equal(b, 3 * PAGE_SIZE);
	assert_false(page_alloc_alloc(&pa, 1, 1, &c));
	page_alloc_free(&pa, a, 3);
	assert_stats(8, 3, 5, 0);
	assert_frames(0, 3, true);
	assert_true(page_alloc_alloc(&pa, 3, 1, &c));
	assert_int_equal(c, a);
	page_alloc_free(&pa, b, 5);
	page_alloc_free(&pa, c, 3);
	assert_stats(8, 8, 0, 0);
	/* Freed pieces join back into one run. */
	assert_true(page_alloc_alloc(&pa, 8, 1, &a));
	assert_int_equal(a, 0);
	/* Partial frees of a multi-frame allocation are allowed. */
	page_alloc_free(&pa, 2 * PAGE_SIZE, 2);
	assert_stats(8, 2, 6, 0);
	assert_frames(2, 2, true);
}

static void test_search_hint_wraps_around(void **state)
{
	uint64_t phys;

	init_frames(64);
	page_alloc_add_free_range(&pa, 0x0, 64 * PAGE_SIZE);
	assert_true(page_alloc_alloc(&pa, 60, 1, &phys));
	page_alloc_free(&pa, 0x0, 10); /* free 0-9 and 60-63; hint at 60 */
	assert_true(page_alloc_alloc(&pa, 5, 1, &phys)); /* 60-63 too short: wraps */
	assert_int_equal(phys, 0x0);
	assert_true(page_alloc_alloc(&pa, 4, 1, &phys)); /* from the hint again */
	assert_int_equal(phys, 5 * PAGE_SIZE);
	assert_true(page_alloc_alloc(&pa, 4, 1, &phys));
	assert_int_equal(phys, 60 * PAGE_SIZE);
	assert_true(page_alloc_alloc(&pa, 1, 1, &phys)); /* hint at the end */
	assert_int_equal(phys, 9 * PAGE_SIZE);
	assert_stats(64, 0, 64, 0);
}

/* A run that starts below the hint and extends past it must be found. */
static void test_run_straddling_hint(void **state)
{
	uint64_t phys;

	init_frames(64);
	page_alloc_add_free_range(&pa, 0x0, 64 * PAGE_SIZE);
	assert_true(page_alloc_alloc(&pa, 10, 1, &phys)); /* hint = 10 */
	page_alloc_reserve_range(&pa, 15 * PAGE_SIZE, 49 * PAGE_SIZE); /* 10-14 free */
	page_alloc_free(&pa, 5 * PAGE_SIZE, 5);                  /* 5-14 free */
	assert_int_equal(pa.search_hint, 10);
	assert_true(page_alloc_alloc(&pa, 10, 1, &phys));
	assert_int_equal(phys, 5 * PAGE_SIZE);
	assert_stats(64, 0, 15, 49);
}

static void test_stale_hint_beyond_bitmap(void **state)
{
	uint64_t phys;

	init_frames(16);
	page_alloc_add_free_range(&pa, 0x0, 16 * PAGE_SIZE);
	pa.search_hint = 1000;
	assert_true(page_alloc_alloc(&pa, 16, 1, &phys));
	assert_int_equal(phys, 0);
}

static void test_free_double_free_bugs(void **state)
{
	uint64_t a, b, c, d;

	init_frames(64);
	page_alloc_add_free_range(&pa, 0x0, 64 * PAGE_SIZE);
	assert_true(page_alloc_alloc(&pa, 2, 1, &a));
	assert_true(page_alloc_alloc(&pa, 2, 1, &b));
	assert_true(page_alloc_alloc(&pa, 2, 1, &c));
	assert_true(page_alloc_alloc(&pa, 8, 1, &d));
	page_alloc_free(&pa, a, 2);
	expect_assert_failure(page_alloc_free(&pa, a, 2));
	expect_assert_failure(page_alloc_free(&pa, a + PAGE_SIZE, 1));
	/* A never-allocated free frame. */
	expect_assert_failure(page_alloc_free(&pa, 40 * PAGE_SIZE, 1));
	/* A range running from an allocated block into a free one. */
	page_alloc_free(&pa, c, 2);
	expect_assert_failure(page_alloc_free(&pa, b, 3));
}

static void test_free_bad_arguments_bug(void **state)
{
	uint64_t a;

	init_frames(64);
	page_alloc_add_free_range(&pa, 0x0, 64 * PAGE_SIZE);
	assert_true(page_alloc_alloc(&pa, 4, 1, &a));
	expect_assert_failure(page_alloc_free(&pa, a + 1, 1));         /* unaligned */
	expect_assert_failure(page_alloc_free(&pa, a + 0x800, 1));
	expect_assert_failure(page_alloc_free(&pa, a, 5));             /* more than allocated */
	expect_assert_failure(page_alloc_free(&pa, 64 * PAGE_SIZE, 1)); /* past the bitmap */
	expect_assert_failure(page_alloc_free(&pa, 63 * PAGE_SIZE, 2));
	expect_assert_failure(page_alloc_free(&pa, UINT64_MAX & ~(PAGE_SIZE - 1), 2)); /* wraps */
	/* None of those changed anything. */
	assert_stats(64, 60, 4, 0);
	assert_frames(0, 4, false);
}

/*
 * Random operations against a per-frame reference model.  Allocation must
 * succeed exactly when the model has an aligned free run of that length,
 * and every counter and bit must agree with the model after every step.
 */
enum { M_UNMANAGED, M_FREE, M_ALLOC, M_RESERVED };

struct live {
	uint64_t frame, count;
};

static bool model_has_run(const uint8_t *model, uint64_t n, uint64_t count, uint64_t align)
{
	for (uint64_t f = 0; f + count <= n; f += align) {
		uint64_t i = 0;
		while (i < count && model[f + i] == M_FREE)
			i++;
		if (i == count)
			return true;
	}
	return false;
}

static void check_model(const uint8_t *model, uint64_t n)
{
	uint64_t c[4] = { 0 };
	for (uint64_t f = 0; f < n; f++) {
		c[model[f]]++;
		if (page_alloc_is_free(&pa, f * PAGE_SIZE) != (model[f] == M_FREE))
			fail_msg("frame %#llx disagrees with the model", (unsigned long long)f);
	}
	assert_stats(c[M_FREE] + c[M_ALLOC] + c[M_RESERVED], c[M_FREE], c[M_ALLOC], c[M_RESERVED]);
}

static void test_random_against_model(void **state)
{
	static uint8_t model[MAX_FRAMES];
	static struct live live[MAX_FRAMES];
	const uint64_t n = 1000 + 37; /* not a multiple of 64 */
	struct test_rng rng;
	unsigned nlive = 0, allocs = 0, fails = 0;

	test_rng_seed(&rng, 0x9a6e5eed);
	init_frames(n);
	memset(model, M_UNMANAGED, sizeof(model));

	/* Boot: hand over usable memory in byte-granular, overlapping pieces
	 * (page_alloc_add_free_range comes before any reservation: it cannot
	 * tell an unmanaged frame from a reserved or allocated one). */
	for (int i = 0; i < 40; i++) {
		uint64_t base = test_rng_below(&rng, (n + 8) * PAGE_SIZE);
		uint64_t len = test_rng_below(&rng, 128 * PAGE_SIZE);
		page_alloc_add_free_range(&pa, base, len);
		for (uint64_t f = (base + PAGE_SIZE - 1) / PAGE_SIZE;
		     f < (base + len) / PAGE_SIZE && f < n; f++)
			model[f] = M_FREE;
		check_model(model, n);
	}
	assert_true(pa.total > n / 2);
	assert_true(pa.total < n);

	for (int step = 0; step < 20000; step++) {
		uint64_t r = test_rng_below(&rng, 100);
		if (r < 2) {
			uint64_t base = test_rng_below(&rng, (n + 8) * PAGE_SIZE);
			uint64_t len = test_rng_below(&rng, 4 * PAGE_SIZE);
			uint64_t expect = 0;
			if (len)
				for (uint64_t f = base / PAGE_SIZE;
				     f < (base + len + PAGE_SIZE - 1) / PAGE_SIZE && f < n; f++)
					if (model[f] == M_FREE) {
						model[f] = M_RESERVED;
						expect++;
					}
			assert_int_equal(page_alloc_reserve_range(&pa, base, len), expect);
		} else if (r < 55 || nlive == 0) {
			uint64_t count = 1 + test_rng_below(&rng, test_rng_below(&rng, 4) ? 8 : 80);
			uint64_t align = 1ull << test_rng_below(&rng, test_rng_below(&rng, 4) ? 2 : 10);
			uint64_t phys = UINT64_MAX;
			bool expect = model_has_run(model, n, count, align);
			bool got = page_alloc_alloc(&pa, count, align, &phys);
			assert_int_equal(got, expect);
			if (got) {
				uint64_t f = phys / PAGE_SIZE;
				assert_int_equal(phys % PAGE_SIZE, 0);
				assert_int_equal(f % align, 0);
				assert_true(f + count <= n);
				for (uint64_t i = 0; i < count; i++) {
					assert_int_equal(model[f + i], M_FREE);
					model[f + i] = M_ALLOC;
				}
				live[nlive++] = (struct live){ f, count };
				allocs++;
			} else {
				assert_int_equal(phys, UINT64_MAX);
				fails++;
			}
		} else {
			unsigned k = test_rng_below(&rng, nlive);
			page_alloc_free(&pa, live[k].frame * PAGE_SIZE, live[k].count);
			for (uint64_t i = 0; i < live[k].count; i++)
				model[live[k].frame + i] = M_FREE;
			live[k] = live[--nlive];
		}
		check_model(model, n);
	}
	/* The sequence exercised both outcomes. */
	assert_true(allocs > 1000);
	assert_true(fails > 100);

	while (nlive) {
		page_alloc_free(&pa, live[nlive - 1].frame * PAGE_SIZE, live[nlive - 1].count);
		for (uint64_t i = 0; i < live[nlive - 1].count; i++)
			model[live[nlive - 1].frame + i] = M_FREE;
		nlive--;
	}
	check_model(model, n);
	assert_int_equal(pa.allocated, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bitmap_bytes),
		cmocka_unit_test(test_init_everything_unavailable),
		cmocka_unit_test(test_add_free_range_whole_pages),
		cmocka_unit_test(test_add_free_range_skips_partial_pages),
		cmocka_unit_test(test_add_free_range_no_double_count),
		cmocka_unit_test(test_add_free_range_clipped_to_bitmap),
		cmocka_unit_test(test_add_free_range_near_top_of_address_space),
		cmocka_unit_test(test_reserve_range),
		cmocka_unit_test(test_reserve_range_leaves_allocated_frames),
		cmocka_unit_test(test_reserve_range_to_top_of_address_space),
		cmocka_unit_test(test_alloc_lowest_first_and_accounting),
		cmocka_unit_test(test_alloc_contiguous_skips_short_runs),
		cmocka_unit_test(test_alloc_alignment),
		cmocka_unit_test(test_alloc_alignment_after_full_word),
		cmocka_unit_test(test_alloc_bad_arguments),
		cmocka_unit_test(test_exhaustion_changes_nothing),
		cmocka_unit_test(test_fragmented_alloc_fails_cleanly),
		cmocka_unit_test(test_free_and_reuse),
		cmocka_unit_test(test_search_hint_wraps_around),
		cmocka_unit_test(test_run_straddling_hint),
		cmocka_unit_test(test_stale_hint_beyond_bitmap),
		cmocka_unit_test(test_free_double_free_bugs),
		cmocka_unit_test(test_free_bad_arguments_bug),
		cmocka_unit_test(test_random_against_model),
	};
	return cmocka_run_group_tests_name("test_page_alloc", tests, NULL, NULL);
}
