/* Host tests for kernel/mm/memmap.c. */
#include <string.h>
#include "harness.h"
#include "mm/memmap.h"

/* struct memmap is ~3 KiB: keep it off the stack. */
static struct memmap m;

static int setup(void **state)
{
	memset(&m, 0xa5, sizeof(m)); /* memmap_init must clear it */
	memmap_init(&m);
	return 0;
}

static void assert_entry(unsigned i, uint64_t base, uint64_t length, uint32_t type)
{
	assert_true(i < m.count);
	if (m.entries[i].base != base || m.entries[i].length != length || m.entries[i].type != type)
		fail_msg("entry %u is [%#llx +%#llx type %u], expected [%#llx +%#llx type %u]", i,
			 (unsigned long long)m.entries[i].base,
			 (unsigned long long)m.entries[i].length, m.entries[i].type,
			 (unsigned long long)base, (unsigned long long)length, type);
}

static void test_init_is_empty(void **state)
{
	assert_int_equal(m.count, 0);
	assert_false(m.overflow);
	assert_int_equal(memmap_total(&m, MEMMAP_USABLE), 0);
	assert_int_equal(memmap_usable_end(&m), 0);
	memmap_sanitize(&m);
	assert_int_equal(m.count, 0);
	assert_false(m.overflow);
}

static void test_add_records_in_order(void **state)
{
	assert_true(memmap_add(&m, 0x100000, 0x7f00000, MEMMAP_USABLE));
	assert_true(memmap_add(&m, 0, 0x9fc00, MEMMAP_USABLE));
	assert_true(memmap_add(&m, 0xfee00000, 0x1000, MEMMAP_RESERVED));
	assert_int_equal(m.count, 3);
	assert_entry(0, 0x100000, 0x7f00000, MEMMAP_USABLE);
	assert_entry(1, 0, 0x9fc00, MEMMAP_USABLE);
	assert_entry(2, 0xfee00000, 0x1000, MEMMAP_RESERVED);
	assert_false(m.overflow);
}

static void test_add_zero_length_ignored(void **state)
{
	assert_true(memmap_add(&m, 0x1000, 0, MEMMAP_USABLE));
	assert_true(memmap_add(&m, 0, 0, MEMMAP_BAD));
	assert_int_equal(m.count, 0);
	assert_true(memmap_add(&m, 0x1000, 1, MEMMAP_USABLE));
	assert_int_equal(m.count, 1);
	assert_entry(0, 0x1000, 1, MEMMAP_USABLE);
}

static void test_add_wrap_is_clipped(void **state)
{
	/* Runs 0x1000 bytes past 2^64. */
	assert_true(memmap_add(&m, UINT64_MAX - 0xfff, 0x2000, MEMMAP_RESERVED));
	assert_entry(0, UINT64_MAX - 0xfff, 0xfff, MEMMAP_RESERVED);
	/* Ends exactly at 2^64, which is not representable either. */
	assert_true(memmap_add(&m, 0xfffffffffffff000ull, 0x1000, MEMMAP_USABLE));
	assert_entry(1, 0xfffffffffffff000ull, 0xfff, MEMMAP_USABLE);
	assert_true(memmap_add(&m, 0x1000, UINT64_MAX, MEMMAP_USABLE));
	assert_entry(2, 0x1000, UINT64_MAX - 0x1000, MEMMAP_USABLE);
	/* Ending exactly at UINT64_MAX does not wrap and is kept as given. */
	assert_true(memmap_add(&m, 1, UINT64_MAX - 1, MEMMAP_BAD));
	assert_entry(3, 1, UINT64_MAX - 1, MEMMAP_BAD);
	for (unsigned i = 0; i < m.count; i++)
		assert_true(m.entries[i].base + m.entries[i].length >= m.entries[i].base);
}

/* A range that starts at the last byte is empty once clipped. */
static void test_add_wrap_to_nothing_is_ignored(void **state)
{
	assert_true(memmap_add(&m, UINT64_MAX, 1, MEMMAP_USABLE));
	assert_true(memmap_add(&m, UINT64_MAX, UINT64_MAX, MEMMAP_RESERVED));
	assert_int_equal(m.count, 0);
	assert_false(m.overflow);
}

static void test_add_unknown_type_is_reserved(void **state)
{
	static const uint32_t unknown[] = { 0, 6, 7, 12, 20, 0x80000000u, UINT32_MAX };
	static const uint32_t known[] = { MEMMAP_USABLE, MEMMAP_RESERVED, MEMMAP_ACPI_RECLAIMABLE,
					  MEMMAP_ACPI_NVS, MEMMAP_BAD };

	for (unsigned i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		assert_true(memmap_add(&m, i * 0x1000ull, 0x1000, unknown[i]));
		assert_int_equal(m.entries[m.count - 1].type, MEMMAP_RESERVED);
	}
	for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		assert_true(memmap_add(&m, 0x100000 + i * 0x1000ull, 0x1000, known[i]));
		assert_int_equal(m.entries[m.count - 1].type, known[i]);
	}
}

static void test_add_overflow(void **state)
{
	for (unsigned i = 0; i < MEMMAP_MAX_ENTRIES; i++)
		assert_true(memmap_add(&m, i * 0x2000ull, 0x1000, MEMMAP_USABLE));
	assert_int_equal(m.count, MEMMAP_MAX_ENTRIES);
	assert_false(m.overflow);

	assert_false(memmap_add(&m, 0x10000000, 0x1000, MEMMAP_RESERVED));
	assert_true(m.overflow);
	assert_int_equal(m.count, MEMMAP_MAX_ENTRIES);
	assert_entry(MEMMAP_MAX_ENTRIES - 1, (MEMMAP_MAX_ENTRIES - 1) * 0x2000ull, 0x1000,
		     MEMMAP_USABLE);
	/* A zero-length range is ignored, not dropped. */
	assert_true(memmap_add(&m, 0x20000000, 0, MEMMAP_RESERVED));
	assert_int_equal(m.count, MEMMAP_MAX_ENTRIES);

	/* Sanitizing does not forget that the map is incomplete. */
	memmap_sanitize(&m);
	assert_true(m.overflow);
	assert_int_equal(m.count, MEMMAP_MAX_ENTRIES);
}

static void test_sanitize_sorts(void **state)
{
	memmap_add(&m, 0x300000, 0x1000, MEMMAP_USABLE);
	memmap_add(&m, 0x100000, 0x1000, MEMMAP_RESERVED);
	memmap_add(&m, 0x200000, 0x1000, MEMMAP_ACPI_NVS);
	memmap_add(&m, 0x0, 0x1000, MEMMAP_BAD);
	memmap_sanitize(&m);
	assert_int_equal(m.count, 4);
	assert_entry(0, 0x0, 0x1000, MEMMAP_BAD);
	assert_entry(1, 0x100000, 0x1000, MEMMAP_RESERVED);
	assert_entry(2, 0x200000, 0x1000, MEMMAP_ACPI_NVS);
	assert_entry(3, 0x300000, 0x1000, MEMMAP_USABLE);
}

static void test_sanitize_merges_adjacent_same_type_only(void **state)
{
	memmap_add(&m, 0x2000, 0x1000, MEMMAP_USABLE);
	memmap_add(&m, 0x0, 0x1000, MEMMAP_USABLE);
	memmap_add(&m, 0x1000, 0x1000, MEMMAP_USABLE);
	memmap_add(&m, 0x3000, 0x1000, MEMMAP_ACPI_RECLAIMABLE);
	memmap_add(&m, 0x4000, 0x1000, MEMMAP_ACPI_RECLAIMABLE);
	memmap_add(&m, 0x5000, 0x1000, MEMMAP_USABLE);
	memmap_sanitize(&m);
	assert_int_equal(m.count, 3);
	assert_entry(0, 0x0, 0x3000, MEMMAP_USABLE);
	assert_entry(1, 0x3000, 0x2000, MEMMAP_ACPI_RECLAIMABLE);
	assert_entry(2, 0x5000, 0x1000, MEMMAP_USABLE);
}

static void test_sanitize_keeps_holes(void **state)
{
	memmap_add(&m, 0x0, 0x1000, MEMMAP_USABLE);
	memmap_add(&m, 0x2000, 0x1000, MEMMAP_USABLE);
	memmap_add(&m, 0x1001, 0xfff, MEMMAP_USABLE); /* leaves one byte open */
	memmap_sanitize(&m);
	assert_int_equal(m.count, 2);
	assert_entry(0, 0x0, 0x1000, MEMMAP_USABLE);
	assert_entry(1, 0x1001, 0x1fff, MEMMAP_USABLE);
	assert_int_equal(memmap_total(&m, MEMMAP_USABLE), 0x2fff);
}

static int rank(uint32_t t)
{
	switch (t) {
	case MEMMAP_USABLE: return 0;
	case MEMMAP_ACPI_RECLAIMABLE: return 1;
	case MEMMAP_ACPI_NVS: return 2;
	case MEMMAP_RESERVED: return 3;
	default: return 4;
	}
}

static const uint32_t all_types[] = { MEMMAP_USABLE, MEMMAP_ACPI_RECLAIMABLE, MEMMAP_ACPI_NVS,
				      MEMMAP_RESERVED, MEMMAP_BAD };

/* Every pair of types, nested both ways round and in both add orders. */
static void test_sanitize_overlap_precedence(void **state)
{
	/* Sanity of the table itself: strictly increasing ranks. */
	for (unsigned i = 1; i < 5; i++)
		assert_true(rank(all_types[i]) > rank(all_types[i - 1]));

	for (unsigned o = 0; o < 5; o++) {
		for (unsigned in = 0; in < 5; in++) {
			for (int order = 0; order < 2; order++) {
				uint32_t outer = all_types[o], inner = all_types[in];
				memmap_init(&m);
				if (order == 0) {
					memmap_add(&m, 0x0, 0x3000, outer);
					memmap_add(&m, 0x1000, 0x1000, inner);
				} else {
					memmap_add(&m, 0x1000, 0x1000, inner);
					memmap_add(&m, 0x0, 0x3000, outer);
				}
				memmap_sanitize(&m);
				if (o >= in) {
					assert_int_equal(m.count, 1);
					assert_entry(0, 0x0, 0x3000, outer);
				} else {
					assert_int_equal(m.count, 3);
					assert_entry(0, 0x0, 0x1000, outer);
					assert_entry(1, 0x1000, 0x1000, inner);
					assert_entry(2, 0x2000, 0x1000, outer);
				}
			}
		}
	}
}

static void test_sanitize_partial_overlap(void **state)
{
	memmap_add(&m, 0x0, 0x2000, MEMMAP_RESERVED);
	memmap_add(&m, 0x1000, 0x3000, MEMMAP_USABLE);
	memmap_add(&m, 0x3800, 0x1000, MEMMAP_ACPI_NVS);
	memmap_sanitize(&m);
	assert_int_equal(m.count, 3);
	assert_entry(0, 0x0, 0x2000, MEMMAP_RESERVED);
	assert_entry(1, 0x2000, 0x1800, MEMMAP_USABLE);
	assert_entry(2, 0x3800, 0x1000, MEMMAP_ACPI_NVS);
}

static void test_sanitize_duplicates_and_containment(void **state)
{
	memmap_add(&m, 0x0, 0x4000, MEMMAP_USABLE);
	memmap_add(&m, 0x0, 0x4000, MEMMAP_USABLE);
	memmap_add(&m, 0x1000, 0x1000, MEMMAP_USABLE);
	memmap_add(&m, 0x8000, 0x1000, MEMMAP_BAD);
	memmap_add(&m, 0x8000, 0x1000, MEMMAP_USABLE);
	memmap_sanitize(&m);
	assert_int_equal(m.count, 2);
	assert_entry(0, 0x0, 0x4000, MEMMAP_USABLE);
	assert_entry(1, 0x8000, 0x1000, MEMMAP_BAD);
	assert_int_equal(memmap_total(&m, MEMMAP_USABLE), 0x4000);
}

static void test_sanitize_same_type_overlap_merges(void **state)
{
	memmap_add(&m, 0x1000, 0x3000, MEMMAP_RESERVED);
	memmap_add(&m, 0x3000, 0x3000, MEMMAP_RESERVED);
	memmap_add(&m, 0x0, 0x1800, MEMMAP_RESERVED);
	memmap_sanitize(&m);
	assert_int_equal(m.count, 1);
	assert_entry(0, 0x0, 0x6000, MEMMAP_RESERVED);
}

static void test_sanitize_top_of_address_space(void **state)
{
	memmap_add(&m, 0xfffffffffff00000ull, 0x200000, MEMMAP_RESERVED); /* clipped */
	memmap_add(&m, 0xffffffff00000000ull, 0xfffffffffff00000ull - 0xffffffff00000000ull,
		   MEMMAP_USABLE);
	memmap_add(&m, 0xfffffffffff80000ull, 0x1000, MEMMAP_USABLE); /* inside reserved */
	memmap_sanitize(&m);
	assert_int_equal(m.count, 2);
	assert_entry(0, 0xffffffff00000000ull, 0xfffffffffff00000ull - 0xffffffff00000000ull,
		     MEMMAP_USABLE);
	assert_entry(1, 0xfffffffffff00000ull, UINT64_MAX - 0xfffffffffff00000ull, MEMMAP_RESERVED);
	assert_int_equal(memmap_usable_end(&m), 0xfffffffffff00000ull);
}

/* Splitting 128 entries can need more than 128: the lowest are kept. */
static void test_sanitize_split_overflow_keeps_lowest(void **state)
{
	memmap_add(&m, 0, 0x100000000ull, MEMMAP_USABLE);
	for (unsigned i = 0; i < MEMMAP_MAX_ENTRIES - 1; i++)
		assert_true(memmap_add(&m, i * 0x2000ull + 0x1000, 0x1000, MEMMAP_RESERVED));
	assert_false(m.overflow);
	memmap_sanitize(&m);
	assert_true(m.overflow);
	assert_int_equal(m.count, MEMMAP_MAX_ENTRIES);
	for (unsigned k = 0; k < MEMMAP_MAX_ENTRIES; k++)
		assert_entry(k, k * 0x1000ull, 0x1000, k % 2 ? MEMMAP_RESERVED : MEMMAP_USABLE);
}

/* The QEMU (SeaBIOS, 256 MiB) e820 map, shuffled, plus a duplicate. */
static void add_qemu_map_shuffled(void)
{
	memmap_add(&m, 0xfffc0000ull, 0x40000, MEMMAP_RESERVED);
	memmap_add(&m, 0x100000, 0xffe0000 - 0x100000, MEMMAP_USABLE);
	memmap_add(&m, 0x9fc00, 0x400, MEMMAP_RESERVED);
	memmap_add(&m, 0xffe0000, 0x20000, MEMMAP_RESERVED);
	memmap_add(&m, 0x0, 0x9fc00, MEMMAP_USABLE);
	memmap_add(&m, 0xf0000, 0x10000, MEMMAP_RESERVED);
}

static void assert_qemu_map(void)
{
	assert_int_equal(m.count, 6);
	assert_entry(0, 0x0, 0x9fc00, MEMMAP_USABLE);
	assert_entry(1, 0x9fc00, 0x400, MEMMAP_RESERVED);
	assert_entry(2, 0xf0000, 0x10000, MEMMAP_RESERVED);
	assert_entry(3, 0x100000, 0xfee0000, MEMMAP_USABLE);
	assert_entry(4, 0xffe0000, 0x20000, MEMMAP_RESERVED);
	assert_entry(5, 0xfffc0000ull, 0x40000, MEMMAP_RESERVED);
	assert_int_equal(memmap_total(&m, MEMMAP_USABLE), 0xff7fc00);
	assert_int_equal(memmap_total(&m, MEMMAP_RESERVED), 0x70400);
	assert_int_equal(memmap_total(&m, MEMMAP_ACPI_RECLAIMABLE), 0);
	assert_int_equal(memmap_total(&m, MEMMAP_ACPI_NVS), 0);
	assert_int_equal(memmap_total(&m, MEMMAP_BAD), 0);
	assert_int_equal(memmap_usable_end(&m), 0xffe0000);
	assert_false(m.overflow);
}

static void test_qemu_e820(void **state)
{
	add_qemu_map_shuffled();
	memmap_sanitize(&m);
	assert_qemu_map();
	/* Loaders repeat entries; it changes nothing. */
	memmap_add(&m, 0x0, 0x9fc00, MEMMAP_USABLE);
	memmap_add(&m, 0xf0000, 0x10000, MEMMAP_RESERVED);
	memmap_sanitize(&m);
	assert_qemu_map();
}

static void test_sanitize_idempotent(void **state)
{
	static struct memmap once;

	add_qemu_map_shuffled();
	memmap_add(&m, 0x9f000, 0x2000, MEMMAP_ACPI_NVS);
	memmap_add(&m, 0x7000000, 0x20000, MEMMAP_ACPI_RECLAIMABLE);
	memmap_add(&m, 0x7010000, 0x20000, MEMMAP_BAD);
	memmap_add(&m, 0x200000000ull, 0x40000000, MEMMAP_USABLE);
	memmap_sanitize(&m);
	once = m;
	memmap_sanitize(&m);
	assert_int_equal(m.count, once.count);
	assert_int_equal(m.overflow, once.overflow);
	assert_memory_equal(m.entries, once.entries, once.count * sizeof(once.entries[0]));
	assert_int_equal(memmap_usable_end(&m), 0x240000000ull);
}

static void test_totals_per_type(void **state)
{
	memmap_add(&m, 0x0, 0x1000, MEMMAP_USABLE);
	memmap_add(&m, 0x10000, 0x2000, MEMMAP_ACPI_RECLAIMABLE);
	memmap_add(&m, 0x20000, 0x3000, MEMMAP_ACPI_NVS);
	memmap_add(&m, 0x30000, 0x4000, MEMMAP_RESERVED);
	memmap_add(&m, 0x40000, 0x5000, MEMMAP_BAD);
	memmap_add(&m, 0x50000, 0x6000, 77); /* unknown: reserved */
	memmap_sanitize(&m);
	assert_int_equal(memmap_total(&m, MEMMAP_USABLE), 0x1000);
	assert_int_equal(memmap_total(&m, MEMMAP_ACPI_RECLAIMABLE), 0x2000);
	assert_int_equal(memmap_total(&m, MEMMAP_ACPI_NVS), 0x3000);
	assert_int_equal(memmap_total(&m, MEMMAP_RESERVED), 0xa000);
	assert_int_equal(memmap_total(&m, MEMMAP_BAD), 0x5000);
	assert_int_equal(memmap_total(&m, 77), 0);
}

static void test_usable_end(void **state)
{
	memmap_add(&m, 0x100000000ull, 0x1000, MEMMAP_RESERVED);
	assert_int_equal(memmap_usable_end(&m), 0); /* none usable */
	/* Unsorted: the highest end wins, not the last entry. */
	memmap_add(&m, 0x100000, 0x100000, MEMMAP_USABLE);
	memmap_add(&m, 0x0, 0x1000, MEMMAP_USABLE);
	memmap_add(&m, 0x80000000ull, 0x1000, MEMMAP_ACPI_NVS);
	assert_int_equal(memmap_usable_end(&m), 0x200000);
	memmap_sanitize(&m);
	assert_int_equal(memmap_usable_end(&m), 0x200000);
}

static void test_type_names(void **state)
{
	assert_string_equal(memmap_type_name(MEMMAP_USABLE), "usable");
	assert_string_equal(memmap_type_name(MEMMAP_RESERVED), "reserved");
	assert_string_equal(memmap_type_name(MEMMAP_ACPI_RECLAIMABLE), "ACPI reclaimable");
	assert_string_equal(memmap_type_name(MEMMAP_ACPI_NVS), "ACPI NVS");
	assert_string_equal(memmap_type_name(MEMMAP_BAD), "bad");
	assert_string_equal(memmap_type_name(0), "unknown");
	assert_string_equal(memmap_type_name(6), "unknown");
}

/*
 * Random maps over 200 units of 0x1000 bytes against a per-unit model: the
 * result must be sorted, disjoint, maximally merged, and give every unit the
 * highest-ranked type covering it.
 */
#define UNITS 200
static void test_sanitize_random_against_model(void **state)
{
	struct test_rng rng;
	test_rng_seed(&rng, 0x5eed0001);

	for (int round = 0; round < 500; round++) {
		int model[UNITS]; /* rank + 1, 0 = hole */
		memset(model, 0, sizeof(model));
		memmap_init(&m);
		unsigned n = 1 + test_rng_below(&rng, 40);
		for (unsigned i = 0; i < n; i++) {
			uint64_t b = test_rng_below(&rng, UNITS);
			uint64_t len = 1 + test_rng_below(&rng, UNITS - b);
			uint32_t t = all_types[test_rng_below(&rng, 5)];
			memmap_add(&m, b * 0x1000, len * 0x1000, t);
			for (uint64_t u = b; u < b + len; u++)
				if (model[u] < rank(t) + 1)
					model[u] = rank(t) + 1;
		}
		memmap_sanitize(&m);

		int got[UNITS];
		memset(got, 0, sizeof(got));
		for (unsigned i = 0; i < m.count; i++) {
			const struct memmap_entry *e = &m.entries[i];
			assert_int_equal(e->base % 0x1000, 0);
			assert_int_equal(e->length % 0x1000, 0);
			assert_true(e->length > 0);
			if (i > 0) {
				const struct memmap_entry *p = &m.entries[i - 1];
				assert_true(p->base + p->length <= e->base);
				/* Touching ranges of one type should have been merged. */
				assert_false(p->base + p->length == e->base && p->type == e->type);
			}
			for (uint64_t u = e->base / 0x1000; u < (e->base + e->length) / 0x1000; u++)
				got[u] = rank(e->type) + 1;
		}
		assert_memory_equal(got, model, sizeof(model));
		assert_false(m.overflow);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_init_is_empty, setup),
		cmocka_unit_test_setup(test_add_records_in_order, setup),
		cmocka_unit_test_setup(test_add_zero_length_ignored, setup),
		cmocka_unit_test_setup(test_add_wrap_is_clipped, setup),
		cmocka_unit_test_setup(test_add_wrap_to_nothing_is_ignored, setup),
		cmocka_unit_test_setup(test_add_unknown_type_is_reserved, setup),
		cmocka_unit_test_setup(test_add_overflow, setup),
		cmocka_unit_test_setup(test_sanitize_sorts, setup),
		cmocka_unit_test_setup(test_sanitize_merges_adjacent_same_type_only, setup),
		cmocka_unit_test_setup(test_sanitize_keeps_holes, setup),
		cmocka_unit_test_setup(test_sanitize_overlap_precedence, setup),
		cmocka_unit_test_setup(test_sanitize_partial_overlap, setup),
		cmocka_unit_test_setup(test_sanitize_duplicates_and_containment, setup),
		cmocka_unit_test_setup(test_sanitize_same_type_overlap_merges, setup),
		cmocka_unit_test_setup(test_sanitize_top_of_address_space, setup),
		cmocka_unit_test_setup(test_sanitize_split_overflow_keeps_lowest, setup),
		cmocka_unit_test_setup(test_qemu_e820, setup),
		cmocka_unit_test_setup(test_sanitize_idempotent, setup),
		cmocka_unit_test_setup(test_totals_per_type, setup),
		cmocka_unit_test_setup(test_usable_end, setup),
		cmocka_unit_test_setup(test_type_names, setup),
		cmocka_unit_test_setup(test_sanitize_random_against_model, setup),
	};
	return cmocka_run_group_tests_name("test_memmap", tests, NULL, NULL);
}
