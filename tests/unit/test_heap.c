/* Host tests for kernel/mm/heap.c. */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "mm/heap.h"

#define HDR 16 /* per-block header (heap.c) */
#define REGION_SIZE (64 * 1024)

static _Alignas(64) uint8_t region[REGION_SIZE];
static struct heap h;

static int setup(void **state)
{
	memset(region, 0xcc, sizeof(region));
	memset(&h, 0x5a, sizeof(h)); /* heap_init must clear it */
	heap_init(&h, NULL, NULL);
	return 0;
}

static bool in_region(const void *p, size_t size)
{
	return (const uint8_t *)p >= region && (const uint8_t *)p + size <= region + sizeof(region);
}

static void test_init_and_empty_heap(void **state)
{
	assert_null(h.free_list);
	assert_int_equal(h.bytes_total, 0);
	assert_int_equal(h.bytes_used, 0);
	assert_int_equal(h.allocations, 0);
	assert_null(h.grow);
	assert_null(heap_alloc(&h, 1));
	assert_int_equal(h.allocations, 0);
}

static void test_add_region_trims_to_alignment(void **state)
{
	/* [region+3, region+1003) -> [region+16, region+992) */
	heap_add_region(&h, region + 3, 1000);
	assert_int_equal(h.bytes_total, 976);
	assert_non_null(h.free_list);
	/* The largest single allocation is the region less one header. */
	void *p = heap_alloc(&h, 976 - HDR);
	assert_ptr_equal(p, region + 16 + HDR);
	assert_null(heap_alloc(&h, 1));
}

static void test_add_region_too_small_ignored(void **state)
{
	heap_add_region(&h, region, 31);
	heap_add_region(&h, region + 1, 46); /* [16, 47) -> 16 bytes */
	heap_add_region(&h, region + 100, 0);
	assert_int_equal(h.bytes_total, 0);
	assert_null(h.free_list);
	heap_add_region(&h, region + 64, 32); /* exactly one minimal block */
	assert_int_equal(h.bytes_total, 32);
	void *p = heap_alloc(&h, 16);
	assert_ptr_equal(p, region + 64 + HDR);
	assert_int_equal(heap_block_size(&h, p), 16);
}

static void test_alloc_alignment_and_size(void **state)
{
	heap_add_region(&h, region, sizeof(region));
	for (size_t size = 1; size <= 200; size++) {
		uint8_t *p = heap_alloc(&h, size);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % HEAP_ALIGN, 0);
		assert_true(in_region(p, size));
		size_t bs = heap_block_size(&h, p);
		assert_true(bs >= size);
		/* No more than alignment slack (blocks hold at least 16). */
		assert_true(bs < size + HEAP_ALIGN || bs == 16);
		memset(p, 0xee, bs);
	}
	assert_int_equal(h.allocations, 200);
}

static void test_alloc_counters(void **state)
{
	heap_add_region(&h, region, sizeof(region));
	void *a = heap_alloc(&h, 1);   /* 32-byte block */
	void *b = heap_alloc(&h, 17);  /* 48 */
	void *c = heap_alloc(&h, 100); /* 128 */
	assert_int_equal(h.allocations, 3);
	assert_int_equal(h.bytes_used, 32 + 48 + 128);
	assert_int_equal(h.bytes_total, REGION_SIZE);
	/* First fit from the low end, packed back to back. */
	assert_ptr_equal(a, region + HDR);
	assert_ptr_equal(b, region + 32 + HDR);
	assert_ptr_equal(c, region + 80 + HDR);
	heap_free(&h, b);
	assert_int_equal(h.bytes_used, 32 + 128);
	assert_int_equal(h.allocations, 2);
	heap_free(&h, a);
	heap_free(&h, c);
	assert_int_equal(h.bytes_used, 0);
	assert_int_equal(h.allocations, 0);
	assert_int_equal(h.bytes_total, REGION_SIZE);
}

static void test_alloc_zero_and_huge(void **state)
{
	heap_add_region(&h, region, sizeof(region));
	assert_null(heap_alloc(&h, 0));
	assert_null(heap_alloc(&h, SIZE_MAX));
	assert_null(heap_alloc(&h, SIZE_MAX - HDR + 1));
	assert_null(heap_alloc(&h, SIZE_MAX / 2 + 1));
	assert_null(heap_alloc(&h, REGION_SIZE));
	assert_int_equal(h.allocations, 0);
	assert_int_equal(h.bytes_used, 0);
	/* Still intact after the failures. */
	assert_non_null(heap_alloc(&h, REGION_SIZE - HDR));
}

static void test_free_null_is_ignored(void **state)
{
	heap_add_region(&h, region, sizeof(region));
	heap_free(&h, NULL);
	assert_int_equal(h.allocations, 0);
	assert_int_equal(h.bytes_used, 0);
}

static void test_first_fit_reuses_lowest_hole(void **state)
{
	heap_add_region(&h, region, sizeof(region));
	void *a = heap_alloc(&h, 64);
	void *b = heap_alloc(&h, 64);
	void *c = heap_alloc(&h, 64);
	(void)c;
	heap_free(&h, a);
	heap_free(&h, b); /* a+b coalesce: 160 bytes free at the start */
	void *d = heap_alloc(&h, 100);
	assert_ptr_equal(d, a);
	void *e = heap_alloc(&h, 16); /* the 32-byte remainder */
	assert_ptr_equal(e, (uint8_t *)a + 128);
	void *f = heap_alloc(&h, 16); /* after c */
	assert_ptr_equal(f, (uint8_t *)c + 80);
}

/* Free in every order: the free list must end up as one block. */
static void test_coalesce_all_orders(void **state)
{
	static const int orders[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
					  { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
	for (int o = 0; o < 6; o++) {
		heap_init(&h, NULL, NULL);
		heap_add_region(&h, region, 4096);
		void *p[3];
		p[0] = heap_alloc(&h, 1000);
		p[1] = heap_alloc(&h, 1000);
		p[2] = heap_alloc(&h, 4096 - 2 * 1024 - HDR); /* takes the rest exactly */
		assert_non_null(p[2]);
		assert_null(heap_alloc(&h, 1));
		for (int i = 0; i < 3; i++)
			heap_free(&h, p[orders[o][i]]);
		assert_int_equal(h.bytes_used, 0);
		assert_int_equal(h.allocations, 0);
		void *all = heap_alloc(&h, 4096 - HDR);
		assert_ptr_equal(all, region + HDR);
	}
}

static void test_no_split_below_minimum_block(void **state)
{
	heap_add_region(&h, region, 64);
	void *p = heap_alloc(&h, 20); /* needs 48; a 16-byte rest cannot be a block */
	assert_non_null(p);
	assert_int_equal(h.bytes_used, 64);
	assert_int_equal(heap_block_size(&h, p), 48);
	assert_null(heap_alloc(&h, 1));
	heap_free(&h, p);
	assert_int_equal(h.bytes_used, 0);
	assert_non_null(heap_alloc(&h, 48));
}

static void test_multiple_regions(void **state)
{
	/* Two disjoint regions; the higher one is added first. */
	heap_add_region(&h, region + 8192, 4096);
	heap_add_region(&h, region, 4096);
	assert_int_equal(h.bytes_total, 8192);
	void *a = heap_alloc(&h, 4096 - HDR);
	assert_ptr_equal(a, region + HDR); /* lowest address first */
	void *b = heap_alloc(&h, 4096 - HDR);
	assert_ptr_equal(b, region + 8192 + HDR);
	assert_null(heap_alloc(&h, 1));
	heap_free(&h, a);
	heap_free(&h, b);
	/* Not adjacent: no block spans both. */
	assert_null(heap_alloc(&h, 4096));
	/* Adding the gap joins all three into one block. */
	heap_add_region(&h, region + 4096, 4096);
	assert_ptr_equal(heap_alloc(&h, 3 * 4096 - HDR), region + HDR);
}

static void test_realloc_semantics(void **state)
{
	heap_add_region(&h, region, sizeof(region));
	/* NULL: like alloc. */
	uint8_t *p = heap_realloc(&h, NULL, 40);
	assert_non_null(p);
	assert_int_equal(h.allocations, 1);
	for (int i = 0; i < 40; i++)
		p[i] = (uint8_t)(i * 7 + 1);
	/* Shrinking or growing within the block keeps the pointer. */
	assert_ptr_equal(heap_realloc(&h, p, 10), p);
	assert_ptr_equal(heap_realloc(&h, p, heap_block_size(&h, p)), p);
	/* Growing moves and copies. */
	void *blocker = heap_alloc(&h, 16);
	uint8_t *q = heap_realloc(&h, p, 1000);
	assert_non_null(q);
	assert_ptr_not_equal(q, p);
	for (int i = 0; i < 40; i++)
		assert_int_equal(q[i], (uint8_t)(i * 7 + 1));
	assert_int_equal(h.allocations, 2);
	assert_int_equal(h.bytes_used, 32 + 1024); /* blocker + q; p was freed */
	/* Size 0: frees, returns NULL. */
	assert_null(heap_realloc(&h, q, 0));
	assert_int_equal(h.allocations, 1);
	heap_free(&h, blocker);
	assert_int_equal(h.bytes_used, 0);
	/* realloc(NULL, 0) allocates nothing. */
	assert_null(heap_realloc(&h, NULL, 0));
	assert_int_equal(h.allocations, 0);
}

static void test_realloc_failure_keeps_block(void **state)
{
	heap_add_region(&h, region, 1024);
	uint8_t *p = heap_alloc(&h, 100);
	memset(p, 0x42, 100);
	size_t used = h.bytes_used;
	assert_null(heap_realloc(&h, p, 2000));
	assert_null(heap_realloc(&h, p, SIZE_MAX));
	assert_int_equal(h.allocations, 1);
	assert_int_equal(h.bytes_used, used);
	for (int i = 0; i < 100; i++)
		assert_int_equal(p[i], 0x42);
	heap_free(&h, p); /* still a live block */
	assert_int_equal(h.allocations, 0);
}

/* A grow callback that hands out pieces of region, deliberately misaligned. */
struct grow_ctx {
	size_t next;      /* offset in region */
	size_t misalign;  /* added to each region's start */
	size_t extra;     /* bytes beyond min_bytes */
	unsigned calls;
	size_t last_min;
	bool fail;
};

static void *grow_cb(size_t min_bytes, size_t *got, void *ctx)
{
	struct grow_ctx *g = ctx;
	g->calls++;
	g->last_min = min_bytes;
	if (g->fail)
		return NULL;
	size_t size = min_bytes + g->extra;
	if (g->next + g->misalign + size > sizeof(region))
		return NULL;
	uint8_t *p = region + g->next + g->misalign;
	g->next += g->misalign + size + 64; /* a gap: regions never touch */
	*got = size;
	return p;
}

static void test_grow_on_exhaustion(void **state)
{
	struct grow_ctx g = { .misalign = 0 };
	heap_init(&h, grow_cb, &g);
	void *p = heap_alloc(&h, 100);
	assert_non_null(p);
	assert_true(in_region(p, 100));
	assert_int_equal(g.calls, 1);
	assert_true(g.last_min >= 100 + HDR);
	assert_int_equal(h.allocations, 1);
	assert_int_equal(h.bytes_total, g.next - 64);
	/* Freed memory is reused before asking for more. */
	heap_free(&h, p);
	void *q = heap_alloc(&h, 100);
	assert_ptr_equal(q, p);
	assert_int_equal(g.calls, 1);
}

/* A region of exactly min_bytes at the worst alignment must still do. */
static void test_grow_minimum_misaligned_region_suffices(void **state)
{
	static const size_t sizes[] = { 1, 15, 16, 17, 100, 1000, 4000 };
	for (size_t m = 1; m < HEAP_ALIGN; m += 7) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			struct grow_ctx g = { .misalign = m };
			heap_init(&h, grow_cb, &g);
			void *p = heap_alloc(&h, sizes[i]);
			if (!p)
				fail_msg("size %zu with a region misaligned by %zu failed", sizes[i], m);
			assert_int_equal(g.calls, 1);
			assert_int_equal((uintptr_t)p % HEAP_ALIGN, 0);
			assert_true(heap_block_size(&h, p) >= sizes[i]);
			memset(p, 0xab, sizes[i]);
		}
	}
}

static void test_grow_not_called_when_memory_suffices(void **state)
{
	struct grow_ctx g = { 0 };
	heap_init(&h, grow_cb, &g);
	heap_add_region(&h, region + 32768, 4096);
	assert_non_null(heap_alloc(&h, 1000));
	assert_int_equal(g.calls, 0);
	/* Size 0 and absurd sizes do not ask for memory. */
	assert_null(heap_alloc(&h, 0));
	assert_null(heap_alloc(&h, SIZE_MAX));
	assert_int_equal(g.calls, 0);
}

static void test_grow_failure_returns_null(void **state)
{
	struct grow_ctx g = { .fail = true };
	heap_init(&h, grow_cb, &g);
	heap_add_region(&h, region + 32768, 256);
	void *p = heap_alloc(&h, 100);
	assert_non_null(p);
	assert_null(heap_alloc(&h, 1000));
	assert_int_equal(g.calls, 1);
	assert_int_equal(h.allocations, 1);
	assert_int_equal(h.bytes_total, 256);
	assert_int_equal(h.bytes_used, 128);
	/* realloc through a failing grow keeps the block. */
	assert_null(heap_realloc(&h, p, 1000));
	assert_int_equal(h.allocations, 1);
}

static void test_double_free_bugs(void **state)
{
	heap_add_region(&h, region, sizeof(region));
	void *a = heap_alloc(&h, 64);
	void *b = heap_alloc(&h, 64);
	void *c = heap_alloc(&h, 64);
	heap_free(&h, b);
	expect_assert_failure(heap_free(&h, b));
	/* Freed and merged into its lower neighbour. */
	heap_free(&h, c);
	expect_assert_failure(heap_free(&h, c));
	assert_int_equal(h.allocations, 1);
	heap_free(&h, a);
	expect_assert_failure(heap_free(&h, a));
	assert_int_equal(h.allocations, 0);
	assert_int_equal(h.bytes_used, 0);
}

static void test_bad_pointers_bug(void **state)
{
	static _Alignas(16) uint8_t foreign[64];
	heap_add_region(&h, region, sizeof(region));
	uint8_t *p = heap_alloc(&h, 64);
	expect_assert_failure(heap_free(&h, p + 16)); /* inside a block */
	expect_assert_failure(heap_free(&h, p + 1));  /* misaligned */
	expect_assert_failure(heap_free(&h, foreign + 16));
	expect_assert_failure(heap_block_size(&h, p + 32));
	assert_int_equal(h.allocations, 1);
	heap_free(&h, p);
	expect_assert_failure(heap_block_size(&h, p));
	expect_assert_failure(heap_realloc(&h, p, 200));
}

static void test_overlapping_region_bugs(void **state)
{
	heap_add_region(&h, region, 4096);
	expect_assert_failure(heap_add_region(&h, region + 2048, 4096));
}

/*
 * Random alloc/free/realloc.  Every live block is filled with its own
 * pattern, checked before it is freed or moved; live blocks must never
 * overlap; counters must match the live set.
 */
#define MAX_LIVE 256
struct live {
	uint8_t *p;
	size_t size;
	uint8_t tag;
};

static void fill(struct live *l)
{
	for (size_t i = 0; i < l->size; i++)
		l->p[i] = (uint8_t)(l->tag + i * 31);
}

static void check_fill(const struct live *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (l->p[i] != (uint8_t)(l->tag + i * 31))
			fail_msg("block %p byte %zu was overwritten", (void *)l->p, i);
}

static int cmp_live(const void *a, const void *b)
{
	const struct live *x = a, *y = b;
	return x->p < y->p ? -1 : x->p > y->p;
}

static void check_live(struct live *live, unsigned n)
{
	static struct live sorted[MAX_LIVE];
	size_t used = 0;
	memcpy(sorted, live, n * sizeof(*live));
	qsort(sorted, n, sizeof(*sorted), cmp_live);
	for (unsigned i = 0; i < n; i++) {
		size_t bs = heap_block_size(&h, sorted[i].p);
		assert_true(bs >= sorted[i].size);
		assert_true(in_region(sorted[i].p - HDR, bs + HDR));
		used += bs + HDR;
		/* The next block's header starts at or after this block's end. */
		if (i + 1 < n)
			assert_true(sorted[i].p + bs <= sorted[i + 1].p - HDR);
	}
	assert_int_equal(h.allocations, n);
	assert_int_equal(h.bytes_used, used);
}

static void test_random_stress(void **state)
{
	static struct live live[MAX_LIVE];
	struct test_rng rng;
	unsigned n = 0, nulls = 0;
	uint8_t tag = 0;

	test_rng_seed(&rng, 0x4ea95eed);
	heap_add_region(&h, region, sizeof(region));

	for (int step = 0; step < 20000; step++) {
		uint64_t r = test_rng_below(&rng, 100);
		size_t size = test_rng_below(&rng, 8) ? 1 + test_rng_below(&rng, 128)
						      : 1 + test_rng_below(&rng, 4096);
		if (n > 0 && (r < 40 || n == MAX_LIVE)) {
			unsigned k = test_rng_below(&rng, n);
			check_fill(&live[k], live[k].size);
			heap_free(&h, live[k].p);
			live[k] = live[--n];
		} else if (n > 0 && r < 55) {
			unsigned k = test_rng_below(&rng, n);
			uint8_t *q = heap_realloc(&h, live[k].p, size);
			if (!q) {
				nulls++;
				check_fill(&live[k], live[k].size); /* untouched */
			} else {
				size_t keep = size < live[k].size ? size : live[k].size;
				live[k].p = q;
				check_fill(&live[k], keep);
				live[k].size = size;
				live[k].tag = ++tag;
				fill(&live[k]);
			}
		} else {
			uint8_t *p = heap_alloc(&h, size);
			if (!p) {
				nulls++;
			} else {
				assert_int_equal((uintptr_t)p % HEAP_ALIGN, 0);
				live[n] = (struct live){ p, size, ++tag };
				fill(&live[n]);
				n++;
			}
		}
		check_live(live, n);
	}
	assert_true(nulls > 0); /* the heap did run full at times */
	while (n) {
		check_fill(&live[n - 1], live[n - 1].size);
		heap_free(&h, live[--n].p);
	}
	assert_int_equal(h.allocations, 0);
	assert_int_equal(h.bytes_used, 0);
	/* Everything coalesced back into one block. */
	assert_ptr_equal(heap_alloc(&h, REGION_SIZE - HDR), region + HDR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_init_and_empty_heap, setup),
		cmocka_unit_test_setup(test_add_region_trims_to_alignment, setup),
		cmocka_unit_test_setup(test_add_region_too_small_ignored, setup),
		cmocka_unit_test_setup(test_alloc_alignment_and_size, setup),
		cmocka_unit_test_setup(test_alloc_counters, setup),
		cmocka_unit_test_setup(test_alloc_zero_and_huge, setup),
		cmocka_unit_test_setup(test_free_null_is_ignored, setup),
		cmocka_unit_test_setup(test_first_fit_reuses_lowest_hole, setup),
		cmocka_unit_test_setup(test_coalesce_all_orders, setup),
		cmocka_unit_test_setup(test_no_split_below_minimum_block, setup),
		cmocka_unit_test_setup(test_multiple_regions, setup),
		cmocka_unit_test_setup(test_realloc_semantics, setup),
		cmocka_unit_test_setup(test_realloc_failure_keeps_block, setup),
		cmocka_unit_test_setup(test_grow_on_exhaustion, setup),
		cmocka_unit_test_setup(test_grow_minimum_misaligned_region_suffices, setup),
		cmocka_unit_test_setup(test_grow_not_called_when_memory_suffices, setup),
		cmocka_unit_test_setup(test_grow_failure_returns_null, setup),
		cmocka_unit_test_setup(test_double_free_bugs, setup),
		cmocka_unit_test_setup(test_bad_pointers_bug, setup),
		cmocka_unit_test_setup(test_overlapping_region_bugs, setup),
		cmocka_unit_test_setup(test_random_stress, setup),
	};
	return cmocka_run_group_tests_name("test_heap", tests, NULL, NULL);
}
