/* Host tests for hv/page_owner.c. */
#include "harness.h"
#include "hv/page_owner.h"

#define NFRAMES 256

static uint32_t storage[NFRAMES + 1]; /* +1: a guard that must stay untouched */
static struct page_owner_table t;

static void setup_table(void)
{
	storage[NFRAMES] = 0xdeadbeef;
	page_owner_init(&t, storage, NFRAMES);
}

static void assert_state(uint64_t pfn, enum page_owner_kind kind, uint32_t owner)
{
	enum page_owner_kind k;
	uint32_t o;
	page_owner_get(&t, pfn, &k, &o);
	assert_int_equal(k, kind);
	assert_int_equal(o, owner);
}

/* The per-kind counters agree with a scan and sum to nframes. */
static void assert_counters_consistent(void)
{
	uint64_t sum = 0, per_kind[PAGE_OWNER_KINDS] = { 0 };
	for (uint64_t i = 0; i < NFRAMES; i++) {
		enum page_owner_kind k;
		page_owner_get(&t, i, &k, NULL);
		per_kind[k]++;
	}
	for (unsigned k = 0; k < PAGE_OWNER_KINDS; k++) {
		assert_int_equal(page_owner_count(&t, k), per_kind[k]);
		sum += page_owner_count(&t, k);
	}
	assert_int_equal(sum, NFRAMES);
	assert_int_equal(storage[NFRAMES], 0xdeadbeef);
}

static void test_init(void **state)
{
	setup_table();
	assert_int_equal(page_owner_count(&t, PAGE_OWNER_NONE), NFRAMES);
	assert_int_equal(page_owner_count(&t, PAGE_OWNER_GUEST), 0);
	for (uint64_t i = 0; i < NFRAMES; i++)
		assert_state(i, PAGE_OWNER_NONE, 0);
	assert_int_equal(page_owner_scan(&t, PAGE_OWNER_NONE, 0), NFRAMES);
	assert_counters_consistent();
}

/* NONE -> ROOT -> POOL(5) -> GUEST(5) -> POOL(5) -> ROOT -> NONE. */
static void test_lifecycle(void **state)
{
	setup_table();
	assert_true(page_owner_transfer(&t, 10, PAGE_OWNER_NONE, 0, PAGE_OWNER_ROOT, 0));
	assert_state(10, PAGE_OWNER_ROOT, 0);
	assert_true(page_owner_transfer(&t, 10, PAGE_OWNER_ROOT, 0, PAGE_OWNER_POOL, 5));
	assert_state(10, PAGE_OWNER_POOL, 5);
	assert_int_equal(page_owner_count(&t, PAGE_OWNER_POOL), 1);
	assert_true(page_owner_transfer(&t, 10, PAGE_OWNER_POOL, 5, PAGE_OWNER_GUEST, 5));
	assert_state(10, PAGE_OWNER_GUEST, 5);
	assert_int_equal(page_owner_count(&t, PAGE_OWNER_POOL), 0);
	assert_int_equal(page_owner_count(&t, PAGE_OWNER_GUEST), 1);
	assert_int_equal(page_owner_scan(&t, PAGE_OWNER_GUEST, 5), 1);
	assert_int_equal(page_owner_scan(&t, PAGE_OWNER_GUEST, 6), 0);
	assert_true(page_owner_transfer(&t, 10, PAGE_OWNER_GUEST, 5, PAGE_OWNER_POOL, 5));
	assert_true(page_owner_transfer(&t, 10, PAGE_OWNER_POOL, 5, PAGE_OWNER_ROOT, 0));
	assert_true(page_owner_transfer(&t, 10, PAGE_OWNER_ROOT, 0, PAGE_OWNER_NONE, 0));
	assert_state(10, PAGE_OWNER_NONE, 0);
	assert_int_equal(page_owner_count(&t, PAGE_OWNER_NONE), NFRAMES);
	assert_int_equal(t.refused, 0);
	assert_counters_consistent();
}

/* A transfer from the wrong state changes nothing: no double mapping. */
static void test_refusals(void **state)
{
	setup_table();
	assert_true(page_owner_transfer(&t, 3, PAGE_OWNER_NONE, 0, PAGE_OWNER_POOL, 1));
	assert_true(page_owner_transfer(&t, 3, PAGE_OWNER_POOL, 1, PAGE_OWNER_GUEST, 1));
	/* Mapping it a second time (again from the pool) fails. */
	assert_false(page_owner_transfer(&t, 3, PAGE_OWNER_POOL, 1, PAGE_OWNER_GUEST, 1));
	/* Wrong owner, wrong kind. */
	assert_false(page_owner_transfer(&t, 3, PAGE_OWNER_GUEST, 2, PAGE_OWNER_POOL, 2));
	assert_false(page_owner_transfer(&t, 3, PAGE_OWNER_ROOT, 0, PAGE_OWNER_NONE, 0));
	/* A frame never handed out cannot be taken back from a partition. */
	assert_false(page_owner_transfer(&t, 4, PAGE_OWNER_POOL, 1, PAGE_OWNER_NONE, 0));
	assert_state(3, PAGE_OWNER_GUEST, 1);
	assert_state(4, PAGE_OWNER_NONE, 0);
	assert_int_equal(t.refused, 4);
	assert_counters_consistent();
}

static void test_out_of_range(void **state)
{
	setup_table();
	assert_state(NFRAMES, PAGE_OWNER_NONE, 0);
	assert_state(UINT64_MAX, PAGE_OWNER_NONE, 0);
	assert_false(page_owner_transfer(&t, NFRAMES, PAGE_OWNER_NONE, 0, PAGE_OWNER_ROOT, 0));
	assert_false(page_owner_transfer(&t, UINT64_MAX, PAGE_OWNER_NONE, 0, PAGE_OWNER_ROOT, 0));
	assert_true(page_owner_transfer(&t, NFRAMES - 1, PAGE_OWNER_NONE, 0, PAGE_OWNER_ROOT, 0));
	assert_int_equal(page_owner_count(&t, PAGE_OWNER_NONE), NFRAMES - 1);
	assert_counters_consistent();
}

static void test_owner_limits(void **state)
{
	setup_table();
	assert_true(page_owner_transfer(&t, 0, PAGE_OWNER_NONE, 0, PAGE_OWNER_POOL,
					PAGE_OWNER_INDEX_MAX));
	assert_state(0, PAGE_OWNER_POOL, PAGE_OWNER_INDEX_MAX);
	assert_int_equal(page_owner_scan(&t, PAGE_OWNER_POOL, PAGE_OWNER_INDEX_MAX), 1);
	/* Hypervisor bugs: owner too wide, NONE with an owner, bad kind. */
	expect_assert_failure(page_owner_transfer(&t, 1, PAGE_OWNER_NONE, 0, PAGE_OWNER_POOL,
						  PAGE_OWNER_INDEX_MAX + 1));
	expect_assert_failure(page_owner_transfer(&t, 1, PAGE_OWNER_NONE, 0, PAGE_OWNER_NONE, 7));
	expect_assert_failure(page_owner_transfer(&t, 1, PAGE_OWNER_NONE, 0,
						  (enum page_owner_kind)PAGE_OWNER_KINDS, 0));
	expect_assert_failure(page_owner_count(&t, (enum page_owner_kind)9));
	assert_state(1, PAGE_OWNER_NONE, 0);
	assert_counters_consistent();
}

/* Random transfers checked against a trivially correct model. */
static void test_random_against_model(void **state)
{
	static struct {
		enum page_owner_kind kind;
		uint32_t owner;
	} model[NFRAMES];
	struct test_rng rng;

	setup_table();
	memset(model, 0, sizeof(model));
	test_rng_seed(&rng, 12345);
	for (int step = 0; step < 20000; step++) {
		uint64_t pfn = test_rng_below(&rng, NFRAMES + 4); /* some out of range */
		enum page_owner_kind fk = test_rng_below(&rng, PAGE_OWNER_KINDS);
		enum page_owner_kind tk = test_rng_below(&rng, PAGE_OWNER_KINDS);
		uint32_t fo = fk == PAGE_OWNER_NONE ? 0 : (uint32_t)test_rng_below(&rng, 3);
		uint32_t to = tk == PAGE_OWNER_NONE ? 0 : (uint32_t)test_rng_below(&rng, 3);
		/* Half the time use the frame's real state so transfers succeed. */
		if (pfn < NFRAMES && test_rng_below(&rng, 2)) {
			fk = model[pfn].kind;
			fo = model[pfn].owner;
		}
		bool want = pfn < NFRAMES && model[pfn].kind == fk && model[pfn].owner == fo;
		assert_int_equal(page_owner_transfer(&t, pfn, fk, fo, tk, to), want);
		if (want) {
			model[pfn].kind = tk;
			model[pfn].owner = to;
		}
		if (step % 1000 == 0) {
			for (uint64_t i = 0; i < NFRAMES; i++)
				assert_state(i, model[i].kind, model[i].owner);
			assert_counters_consistent();
		}
	}
	for (unsigned k = 0; k < PAGE_OWNER_KINDS; k++)
		for (uint32_t o = 0; o < 3; o++) {
			if (k == PAGE_OWNER_NONE && o)
				continue;
			uint64_t n = 0;
			for (uint64_t i = 0; i < NFRAMES; i++)
				n += model[i].kind == k && model[i].owner == o;
			assert_int_equal(page_owner_scan(&t, k, o), n);
		}
	assert_counters_consistent();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_lifecycle),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_owner_limits),
		cmocka_unit_test(test_random_against_model),
	};
	return cmocka_run_group_tests_name("test_page_owner", tests, NULL, NULL);
}
