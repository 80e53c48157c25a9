/* Host tests for hv/ept.c over a fake physical memory of table pages. */
#include <stdlib.h>
#include "harness.h"
#include "hv/ept.h"

#define POOL_PAGES 64
#define POOL_BASE 0x40000000ull /* fake physical address of page 0 */
#define GIB (1ull << 30)

/* Fake table-page pool: phys = POOL_BASE + index * 4096. */
static struct {
	uint8_t mem[POOL_PAGES][4096] __attribute__((aligned(4096)));
	bool used[POOL_PAGES];
	long balance;   /* allocations minus frees */
	long fail_after; /* allocations still allowed; < 0: unlimited */
	unsigned allocs;
} pool;

static uint64_t fake_alloc(void *ctx)
{
	assert_ptr_equal(ctx, &pool);
	if (pool.fail_after == 0)
		return 0;
	for (unsigned i = 0; i < POOL_PAGES; i++) {
		if (!pool.used[i]) {
			pool.used[i] = true;
			pool.balance++;
			pool.allocs++;
			if (pool.fail_after > 0)
				pool.fail_after--;
			memset(pool.mem[i], 0xa5, 4096); /* ept.c must zero it anyway */
			return POOL_BASE + i * 4096ull;
		}
	}
	return 0;
}

static unsigned page_index(uint64_t phys)
{
	assert_true(phys >= POOL_BASE && (phys - POOL_BASE) / 4096 < POOL_PAGES);
	assert_int_equal(phys & 0xfff, 0);
	return (unsigned)((phys - POOL_BASE) / 4096);
}

static void fake_free(void *ctx, uint64_t phys)
{
	unsigned i = page_index(phys);
	assert_true(pool.used[i]); /* no double free, no foreign page */
	pool.used[i] = false;
	pool.balance--;
}

static void *fake_virt(void *ctx, uint64_t phys)
{
	return pool.mem[page_index(phys & ~0xfffull)] + (phys & 0xfff);
}

static const struct ept_ops ops = { fake_alloc, fake_free, fake_virt, &pool };
static struct ept e;

static int setup(void **state)
{
	memset(&pool, 0, sizeof(pool));
	pool.fail_after = -1;
	assert_int_equal(ept_init(&e, &ops, 48), EPT_OK);
	assert_int_equal(ept_table_pages(&e), 1);
	assert_int_equal(pool.balance, 1);
	return 0;
}

static void check_tree(void);

static int teardown(void **state)
{
	check_tree();
	ept_destroy(&e);
	assert_int_equal(ept_table_pages(&e), 0);
	assert_int_equal(pool.balance, 0);
	return 0;
}

/* Snapshot of everything a failed call must leave alone. */
static struct {
	uint8_t mem[POOL_PAGES][4096];
	bool used[POOL_PAGES];
	struct ept e;
} snap;

static void take_snapshot(void)
{
	memcpy(snap.mem, pool.mem, sizeof(snap.mem));
	memcpy(snap.used, pool.used, sizeof(snap.used));
	snap.e = e;
}

static void assert_unchanged(void)
{
	assert_memory_equal(snap.used, pool.used, sizeof(snap.used));
	/* Pages in use must be identical; free pages may be scribbled on. */
	for (unsigned i = 0; i < POOL_PAGES; i++)
		if (pool.used[i])
			assert_memory_equal(snap.mem[i], pool.mem[i], 4096);
	assert_memory_equal(&snap.e, &e, sizeof(e));
}

/* Raw entry that maps gpa at `level` (1 = PT, 2 = PD, ...). */
static uint64_t raw_entry(uint64_t gpa, int level)
{
	uint64_t t = e.pml4;
	for (int l = 4;; l--) {
		uint64_t ent = ((uint64_t *)fake_virt(NULL, t))[(gpa >> (12 + 9 * (l - 1))) & 511];
		if (l == level)
			return ent;
		assert_true(ent != 0);
		assert_int_equal(ent & 7, 7);       /* non-leaf: all rights */
		assert_int_equal(ent & (1 << 7), 0); /* not a page */
		t = ent & EPT_E_ADDR;
	}
}

static void assert_maps(uint64_t gpa, uint64_t hpa, unsigned perms, unsigned level)
{
	uint64_t h;
	unsigned p, l;
	assert_int_equal(ept_lookup(&e, gpa, &h, &p, &l), EPT_OK);
	assert_int_equal(h, hpa);
	assert_int_equal(p, perms);
	assert_int_equal(l, level);
}

static void assert_unmapped(uint64_t gpa)
{
	assert_int_equal(ept_lookup(&e, gpa, NULL, NULL, NULL), EPT_ERR_NOT_MAPPED);
}

#define RW (EPT_PERM_R | EPT_PERM_W)

/* ept_map_4k on e without reporting the old page. */
static int map4(uint64_t gpa, uint64_t hpa, unsigned perms, unsigned mt)
{
	return ept_map_4k(&e, gpa, hpa, perms, mt, NULL, NULL);
}

/* Walk the whole tree: counts tables and leaves; no table but the PML4 is empty. */
static void check_table(uint64_t phys, int level, uint64_t *tables, uint64_t *l4k, uint64_t *l2m)
{
	const uint64_t *t = fake_virt(NULL, phys);
	bool empty = true;

	(*tables)++;
	for (unsigned i = 0; i < 512; i++) {
		if (!t[i])
			continue;
		empty = false;
		if (level == 1) {
			assert_true(t[i] & EPT_SW_LEAF);
			(*l4k)++;
		} else if (level == 2 && (t[i] & EPT_E_LARGE)) {
			assert_true(t[i] & EPT_SW_LEAF);
			assert_int_equal(t[i] & 0x1ff000, 0);
			(*l2m)++;
		} else {
			assert_int_equal(t[i] & ~EPT_E_ADDR, 7);
			check_table(t[i] & EPT_E_ADDR, level - 1, tables, l4k, l2m);
		}
	}
	assert_true(level == 4 || !empty);
}

static void check_tree(void)
{
	uint64_t tables = 0, l4k = 0, l2m = 0;
	check_table(e.pml4, 4, &tables, &l4k, &l2m);
	assert_int_equal(tables, ept_table_pages(&e));
	assert_int_equal(pool.balance, (long)tables);
	assert_int_equal(l4k, e.leaves_4k);
	assert_int_equal(l2m, e.leaves_2m);
}

static void test_eptp(void **state)
{
	assert_int_equal(e.pml4 & 0xfff, 0);
	assert_int_equal(ept_pointer(&e, false), e.pml4 | 6 | (3 << 3));
	assert_int_equal(ept_pointer(&e, true), e.pml4 | 6 | (3 << 3) | (1 << 6));
	/* The PML4 was zeroed although the fake pool hands out 0xa5 pages. */
	for (unsigned i = 0; i < 512; i++)
		assert_int_equal(((uint64_t *)fake_virt(NULL, e.pml4))[i], 0);
}

static void test_map_lookup_replace_unmap(void **state)
{
	uint64_t old = 1;
	bool had = true;

	assert_int_equal(ept_tables_needed_for_4k(&e, 0x1000), 3);
	assert_int_equal(ept_map_4k(&e, 0x1000, 0x5000, RW, EPT_MT_WB, &old, &had), EPT_OK);
	assert_false(had);
	assert_int_equal(old, 0);
	assert_int_equal(ept_table_pages(&e), 4);
	assert_int_equal(ept_tables_needed_for_4k(&e, 0x1000), 0);
	assert_int_equal(ept_tables_needed_for_4k(&e, 0x200000), 1); /* new PT */
	assert_int_equal(ept_tables_needed_for_4k(&e, GIB), 2);       /* new PD + PT */
	assert_maps(0x1000, 0x5000, RW, EPT_LEVEL_4K);
	assert_maps(0x1abc, 0x5abc, RW, EPT_LEVEL_4K);
	assert_unmapped(0x2000);
	assert_unmapped(0);
	/* Leaf format: RW, WB in bits 5:3, ignore-PAT and bit 7 clear, address. */
	uint64_t ent = raw_entry(0x1000, 1);
	assert_int_equal(ent & 0x7, RW);
	assert_int_equal((ent >> 3) & 7, 6);
	assert_int_equal(ent & (3 << 6), 0);
	assert_int_equal(ent & EPT_E_ADDR, 0x5000);
	assert_int_equal(e.leaves_4k, 1);

	/* Replace: the old page is reported. */
	assert_int_equal(ept_map_4k(&e, 0x1000, 0x9000, EPT_PERM_RWX, EPT_MT_UC, &old, &had), EPT_OK);
	assert_true(had);
	assert_int_equal(old, 0x5000);
	assert_maps(0x1000, 0x9000, EPT_PERM_RWX, EPT_LEVEL_4K);
	assert_int_equal((raw_entry(0x1000, 1) >> 3) & 7, EPT_MT_UC);
	assert_int_equal(ept_table_pages(&e), 4);
	assert_int_equal(e.leaves_4k, 1);

	/* A second page in the same PT costs nothing; hpa 0 is a valid page. */
	assert_int_equal(ept_map_4k(&e, 0x3000, 0, EPT_PERM_R, EPT_MT_WB, NULL, NULL), EPT_OK);
	assert_maps(0x3000, 0, EPT_PERM_R, EPT_LEVEL_4K);
	assert_int_equal(ept_table_pages(&e), 4);

	assert_int_equal(ept_unmap_4k(&e, 0x1000, &old, &had), EPT_OK);
	assert_true(had);
	assert_int_equal(old, 0x9000);
	assert_unmapped(0x1000);
	assert_int_equal(ept_table_pages(&e), 4); /* 0x3000 keeps the PT */
	assert_int_equal(ept_unmap_4k(&e, 0x3000, &old, &had), EPT_OK);
	assert_int_equal(old, 0);
	assert_int_equal(ept_table_pages(&e), 1);
	assert_int_equal(e.leaves_4k, 0);
	assert_int_equal(ept_unmap_4k(&e, 0x3000, &old, &had), EPT_ERR_NOT_MAPPED);
	assert_false(had);
	assert_int_equal(pool.balance, 1);
}

static void test_high_addresses(void **state)
{
	uint64_t top = (1ull << 48) - 4096;
	assert_int_equal(ept_map_4k(&e, top, 0xfffffffff000ull, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	assert_maps(top + 0xfff, 0xffffffffffffull, RW, EPT_LEVEL_4K);
	assert_int_equal(ept_map_4k(&e, 0, 0x1000, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	assert_int_equal(ept_table_pages(&e), 7);
	assert_int_equal(ept_unmap_4k(&e, top, NULL, NULL), EPT_OK);
	assert_int_equal(ept_table_pages(&e), 4);
	assert_maps(0, 0x1000, RW, EPT_LEVEL_4K);
}

static void test_2m_map_replace_split(void **state)
{
	uint64_t old;
	bool had;
	const uint64_t gpa = 3 * EPT_SIZE_2M, hpa = 0x80000000ull;

	assert_int_equal(ept_tables_needed_for_2m(&e, gpa), 2);
	assert_int_equal(ept_map_2m(&e, gpa, hpa, RW, EPT_MT_WB, &old, &had), EPT_OK);
	assert_false(had);
	assert_int_equal(ept_table_pages(&e), 3); /* PML4, PDPT, PD */
	assert_int_equal(e.leaves_2m, 1);
	assert_maps(gpa + 0x12345, hpa + 0x12345, RW, EPT_LEVEL_2M);
	uint64_t pde = raw_entry(gpa, 2);
	assert_true(pde & (1 << 7));
	assert_int_equal((pde >> 3) & 7, 6);
	assert_int_equal(ept_tables_needed_for_4k(&e, gpa + 0x5000), 1); /* split */

	/* Replace the 2 MiB leaf. */
	assert_int_equal(ept_map_2m(&e, gpa, hpa + EPT_SIZE_2M, EPT_PERM_RWX, EPT_MT_WB, &old, &had),
			 EPT_OK);
	assert_true(had);
	assert_int_equal(old, hpa);
	const uint64_t big = hpa + EPT_SIZE_2M;

	/* A 4 KiB map inside splits: the rest keeps translating the same. */
	assert_int_equal(ept_map_4k(&e, gpa + 0x5000, 0x7000, EPT_PERM_R, EPT_MT_WB, &old, &had), EPT_OK);
	assert_true(had);
	assert_int_equal(old, big + 0x5000);
	assert_int_equal(ept_table_pages(&e), 4);
	assert_int_equal(e.splits, 1);
	assert_int_equal(e.leaves_2m, 0);
	assert_int_equal(e.leaves_4k, 512);
	assert_maps(gpa + 0x5000, 0x7000, EPT_PERM_R, EPT_LEVEL_4K);
	for (uint64_t off = 0; off < EPT_SIZE_2M; off += 0x1000)
		if (off != 0x5000)
			assert_maps(gpa + off + 8, big + off + 8, EPT_PERM_RWX, EPT_LEVEL_4K);
	assert_int_equal((raw_entry(gpa, 1) >> 3) & 7, 6);

	/* Now 4 KiB leaves are there: 2 MiB operations refuse. */
	assert_int_equal(ept_map_2m(&e, gpa, hpa, RW, EPT_MT_WB, &old, &had), EPT_ERR_BUSY);
	assert_false(had);
	assert_int_equal(ept_unmap_2m(&e, gpa, &old, &had), EPT_ERR_BUSY);
	assert_int_equal(ept_protect_2m(&e, gpa, EPT_PERM_R), EPT_ERR_BUSY);

	/* Unmap all 512: the PT and then the upper tables go away. */
	for (uint64_t off = 0; off < EPT_SIZE_2M; off += 0x1000) {
		assert_int_equal(ept_unmap_4k(&e, gpa + off, &old, &had), EPT_OK);
		assert_int_equal(old, off == 0x5000 ? 0x7000 : big + off);
	}
	assert_int_equal(ept_table_pages(&e), 1);
	assert_int_equal(e.leaves_4k, 0);

	/* 2 MiB unmap. */
	assert_int_equal(ept_map_2m(&e, gpa, hpa, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	assert_int_equal(ept_unmap_2m(&e, gpa + EPT_SIZE_2M, &old, &had), EPT_ERR_NOT_MAPPED);
	assert_int_equal(ept_unmap_2m(&e, gpa, &old, &had), EPT_OK);
	assert_true(had);
	assert_int_equal(old, hpa);
	assert_int_equal(ept_table_pages(&e), 1);
	assert_int_equal(e.leaves_2m, 0);
}

static void test_unmap_4k_splits(void **state)
{
	uint64_t old;
	bool had;

	assert_int_equal(ept_map_2m(&e, 0, 0x200000, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	assert_int_equal(ept_unmap_4k(&e, 0x1000, &old, &had), EPT_OK);
	assert_int_equal(old, 0x201000);
	assert_unmapped(0x1000);
	assert_maps(0x2000, 0x202000, RW, EPT_LEVEL_4K);
	assert_maps(0, 0x200000, RW, EPT_LEVEL_4K);
	assert_int_equal(e.leaves_4k, 511);
	assert_int_equal(ept_table_pages(&e), 4);
}

/* An empty PT in a 2 MiB slot (not produced by this module) is freed. */
static void test_map_2m_frees_empty_pt(void **state)
{
	assert_int_equal(ept_map_4k(&e, 0x1000, 0x1000, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	uint64_t pde = raw_entry(0, 2);
	((uint64_t *)fake_virt(NULL, pde & EPT_E_ADDR))[1] = 0; /* empty it by hand */
	e.leaves_4k = 0;
	assert_int_equal(ept_map_2m(&e, 0, 0x400000, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	assert_int_equal(ept_table_pages(&e), 3);
	assert_maps(0x1000, 0x401000, RW, EPT_LEVEL_2M);
}

static void test_protect(void **state)
{
	assert_int_equal(ept_protect(&e, 0x1000, EPT_PERM_R), EPT_ERR_NOT_MAPPED);
	assert_int_equal(ept_map_4k(&e, 0x1000, 0x5000, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	/* Protect keeps the A/D flags the CPU set. */
	uint64_t *pte = fake_virt(NULL, (raw_entry(0, 2) & EPT_E_ADDR) + 8);
	*pte |= EPT_E_A | EPT_E_D;
	assert_int_equal(ept_protect(&e, 0x1000, EPT_PERM_R), EPT_OK);
	assert_maps(0x1000, 0x5000, EPT_PERM_R, EPT_LEVEL_4K);
	assert_int_equal(*pte & (EPT_E_A | EPT_E_D), EPT_E_A | EPT_E_D);
	assert_int_equal((*pte >> 3) & 7, 6);
	/* No access: still mapped, hardware sees "not present". */
	assert_int_equal(ept_protect(&e, 0x1000, 0), EPT_OK);
	assert_maps(0x1000, 0x5000, 0, EPT_LEVEL_4K);
	assert_int_equal(*pte & 7, 0);
	assert_int_equal(ept_protect(&e, 0x1000, EPT_PERM_W), EPT_ERR_INVALID);

	/* 2 MiB: same rights -> no split; other rights -> split one page. */
	assert_int_equal(ept_map_2m(&e, EPT_SIZE_2M, 0x600000, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	uint64_t pages = ept_table_pages(&e);
	assert_int_equal(ept_protect(&e, EPT_SIZE_2M + 0x3000, RW), EPT_OK);
	assert_int_equal(ept_table_pages(&e), pages);
	assert_int_equal(ept_protect_2m(&e, EPT_SIZE_2M, EPT_PERM_RWX), EPT_OK);
	assert_maps(EPT_SIZE_2M + 0x3000, 0x603000, EPT_PERM_RWX, EPT_LEVEL_2M);
	assert_int_equal(ept_protect_2m(&e, 2 * EPT_SIZE_2M, EPT_PERM_R), EPT_ERR_NOT_MAPPED);
	assert_int_equal(ept_protect(&e, EPT_SIZE_2M + 0x3000, EPT_PERM_R), EPT_OK);
	assert_int_equal(ept_table_pages(&e), pages + 1);
	assert_maps(EPT_SIZE_2M + 0x3000, 0x603000, EPT_PERM_R, EPT_LEVEL_4K);
	assert_maps(EPT_SIZE_2M + 0x4000, 0x604000, EPT_PERM_RWX, EPT_LEVEL_4K);
	/* Misaligned 2 MiB protect. */
	assert_int_equal(ept_protect_2m(&e, EPT_SIZE_2M + 0x1000, EPT_PERM_R), EPT_ERR_INVALID);
}

/* A mapping with perms 0 is kept, reported and unmapped like any other. */
static void test_no_access_mapping(void **state)
{
	uint64_t old;
	bool had;

	assert_int_equal(ept_map_4k(&e, 0x7000, 0, 0, EPT_MT_WB, NULL, NULL), EPT_OK);
	assert_maps(0x7000, 0, 0, EPT_LEVEL_4K);
	assert_int_equal(raw_entry(0x7000, 1) & 7, 0);
	assert_int_equal(ept_map_4k(&e, 0x7000, 0x3000, RW, EPT_MT_WB, &old, &had), EPT_OK);
	assert_true(had);
	assert_int_equal(old, 0);
	assert_int_equal(ept_unmap_4k(&e, 0x7000, &old, &had), EPT_OK);
	assert_int_equal(old, 0x3000);
	assert_int_equal(ept_table_pages(&e), 1);
}

/* Every allocation point failing leaves the tables and pool unchanged. */
static void test_nomem_changes_nothing(void **state)
{
	uint64_t old = 7;
	bool had = true;

	for (long n = 0; n < 3; n++) {
		take_snapshot();
		pool.fail_after = n;
		assert_int_equal(ept_map_4k(&e, 0x1000, 0x5000, RW, EPT_MT_WB, &old, &had), EPT_ERR_NOMEM);
		assert_false(had);
		assert_unchanged();
		assert_int_equal(pool.balance, 1);
	}
	for (long n = 0; n < 2; n++) {
		take_snapshot();
		pool.fail_after = n;
		assert_int_equal(ept_map_2m(&e, 0, 0, RW, EPT_MT_WB, NULL, NULL), EPT_ERR_NOMEM);
		assert_unchanged();
	}
	pool.fail_after = -1;
	assert_int_equal(ept_map_2m(&e, 0, 0x200000, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	/* Splits need one page: map, unmap and protect inside the 2 MiB leaf. */
	take_snapshot();
	pool.fail_after = 0;
	assert_int_equal(ept_map_4k(&e, 0x1000, 0x5000, RW, EPT_MT_WB, &old, &had), EPT_ERR_NOMEM);
	assert_false(had);
	assert_int_equal(ept_unmap_4k(&e, 0x1000, &old, &had), EPT_ERR_NOMEM);
	assert_false(had);
	assert_int_equal(ept_protect(&e, 0x1000, EPT_PERM_R), EPT_ERR_NOMEM);
	assert_unchanged();
	assert_maps(0x1000, 0x201000, RW, EPT_LEVEL_2M);
	/* Calls that need no page still work with an empty pool. */
	assert_int_equal(ept_protect(&e, 0x1000, RW), EPT_OK);
	assert_int_equal(ept_map_2m(&e, 0, 0x400000, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	assert_int_equal(ept_unmap_2m(&e, 0, NULL, NULL), EPT_OK);
	assert_int_equal(ept_table_pages(&e), 1);
	pool.fail_after = -1;
}

static void test_invalid(void **state)
{
	uint64_t old = 7;
	bool had = true;
	struct ept e2;

	take_snapshot();
	assert_int_equal(ept_map_4k(&e, 0x1001, 0x5000, RW, EPT_MT_WB, &old, &had), EPT_ERR_INVALID);
	assert_false(had);
	assert_int_equal(old, 0);
	assert_int_equal(map4(0x1000, 0x5008, RW, EPT_MT_WB), EPT_ERR_INVALID);
	assert_int_equal(map4(1ull << 48, 0x5000, RW, EPT_MT_WB), EPT_ERR_INVALID);
	assert_int_equal(map4(0x1000, 1ull << 52, RW, EPT_MT_WB), EPT_ERR_INVALID);
	assert_int_equal(map4(0x1000, 0x5000, EPT_PERM_W, EPT_MT_WB), EPT_ERR_INVALID);
	assert_int_equal(map4(0x1000, 0x5000, EPT_PERM_W | EPT_PERM_X, EPT_MT_WB), EPT_ERR_INVALID);
	assert_int_equal(map4(0x1000, 0x5000, EPT_PERM_X, EPT_MT_WB), EPT_ERR_INVALID);
	assert_int_equal(map4(0x1000, 0x5000, 8, EPT_MT_WB), EPT_ERR_INVALID);
	for (unsigned mt = 2; mt < 9; mt++) {
		if (mt == 4 || mt == 5 || mt == 6)
			continue;
		assert_int_equal(map4(0x1000, 0x5000, RW, mt), EPT_ERR_INVALID);
	}
	assert_int_equal(ept_map_2m(&e, 0x1000, 0, RW, EPT_MT_WB, NULL, NULL), EPT_ERR_INVALID);
	assert_int_equal(ept_map_2m(&e, 0, 0x1000, RW, EPT_MT_WB, NULL, NULL), EPT_ERR_INVALID);
	assert_int_equal(ept_unmap_4k(&e, 0x1008, NULL, NULL), EPT_ERR_INVALID);
	assert_int_equal(ept_unmap_2m(&e, 0x1000, NULL, NULL), EPT_ERR_INVALID);
	assert_int_equal(ept_protect(&e, 1ull << 48, EPT_PERM_R), EPT_ERR_INVALID);
	assert_int_equal(ept_lookup(&e, 1ull << 48, NULL, NULL, NULL), EPT_ERR_INVALID);
	assert_int_equal(ept_tables_needed_for_4k(&e, 0x1008), 0);
	assert_unchanged();

	/* Execute-only only with the capability. */
	ept_set_execute_only(&e, true);
	assert_int_equal(map4(0x1000, 0x5000, EPT_PERM_X, EPT_MT_WB), EPT_OK);
	assert_maps(0x1000, 0x5000, EPT_PERM_X, EPT_LEVEL_4K);
	for (unsigned mt = 0; mt < 7; mt++)
		if (mt != 2 && mt != 3)
			assert_int_equal(map4(0x1000, 0x5000, RW, mt), EPT_OK);

	/* A narrower guest-physical width. */
	memset(&e2, 0, sizeof(e2));
	assert_int_equal(ept_init(&e2, &ops, 20), EPT_ERR_INVALID);
	assert_int_equal(ept_init(&e2, &ops, 49), EPT_ERR_INVALID);
	assert_int_equal(ept_init(&e2, &ops, 32), EPT_OK);
	assert_int_equal(ept_map_4k(&e2, 1ull << 32, 0, RW, EPT_MT_WB, NULL, NULL), EPT_ERR_INVALID);
	assert_int_equal(ept_map_2m(&e2, (1ull << 32) - EPT_SIZE_2M, 0, RW, EPT_MT_WB, NULL, NULL),
			 EPT_OK);
	assert_int_equal(ept_lookup(&e2, 1ull << 32, NULL, NULL, NULL), EPT_ERR_INVALID);
	ept_destroy(&e2);
	pool.fail_after = 0;
	assert_int_equal(ept_init(&e2, &ops, 32), EPT_ERR_NOMEM);
	ept_destroy(&e2); /* harmless on a failed init */
	pool.fail_after = -1;
}

/* Destroy with mappings left frees every table (teardown checks balance). */
static void test_destroy_with_mappings(void **state)
{
	for (uint64_t i = 0; i < 8; i++)
		assert_int_equal(ept_map_4k(&e, i * GIB + 0x1000, 0x1000, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	assert_int_equal(ept_map_2m(&e, 512 * GIB, 0, RW, EPT_MT_WB, NULL, NULL), EPT_OK);
	assert_int_equal(ept_table_pages(&e), 1 + 1 + 8 * 2 + 2);
	assert_int_equal(pool.balance, (long)ept_table_pages(&e));
}

/* Random 4 KiB / 2 MiB maps and unmaps in 8 MiB against a model. */
static void test_random_against_model(void **state)
{
	enum { PAGES = 2048 };
	static uint64_t model[PAGES];    /* hpa + 1, 0 = unmapped */
	static bool big_leaf[PAGES / 512]; /* range mapped by one 2 MiB leaf */
	struct test_rng rng;
	test_rng_seed(&rng, 77);
	memset(model, 0, sizeof(model));
	memset(big_leaf, 0, sizeof(big_leaf));

	for (int step = 0; step < 4000; step++) {
		unsigned pg = (unsigned)test_rng_below(&rng, PAGES);
		unsigned big = pg & ~511u;
		uint64_t hpa = test_rng_below(&rng, 1u << 20) << 12, old;
		bool had, any = false;
		int rc;
		for (unsigned i = 0; i < 512; i++)
			any |= model[big + i] != 0;
		switch (test_rng_below(&rng, 6)) {
		case 0:
		case 1:
			rc = ept_map_4k(&e, pg * 4096ull, hpa, RW, EPT_MT_WB, &old, &had);
			assert_int_equal(rc, EPT_OK);
			assert_int_equal(had, model[pg] != 0);
			if (had)
				assert_int_equal(old, model[pg] - 1);
			model[pg] = hpa + 1;
			big_leaf[big / 512] = false;
			break;
		case 2:
			rc = ept_unmap_4k(&e, pg * 4096ull, &old, &had);
			assert_int_equal(rc, model[pg] ? EPT_OK : EPT_ERR_NOT_MAPPED);
			if (had)
				assert_int_equal(old, model[pg] - 1);
			if (model[pg])
				big_leaf[big / 512] = false;
			model[pg] = 0;
			break;
		case 3: /* empty the whole 2 MiB range page by page */
			for (unsigned i = big; i < big + 512; i++) {
				rc = ept_unmap_4k(&e, i * 4096ull, &old, &had);
				assert_int_equal(rc, model[i] ? EPT_OK : EPT_ERR_NOT_MAPPED);
				model[i] = 0;
			}
			big_leaf[big / 512] = false;
			break;
		default: {
			uint64_t h2 = hpa & ~(EPT_SIZE_2M - 1);
			rc = ept_map_2m(&e, big * 4096ull, h2, RW, EPT_MT_WB, &old, &had);
			if (any && !big_leaf[big / 512]) {
				assert_int_equal(rc, EPT_ERR_BUSY);
				break;
			}
			assert_int_equal(rc, EPT_OK);
			assert_int_equal(had, any);
			if (had)
				assert_int_equal(old, model[big] - 1);
			for (unsigned i = 0; i < 512; i++)
				model[big + i] = h2 + i * 4096ull + 1;
			big_leaf[big / 512] = true;
		}
		}
		if (step % 200 == 0)
			check_tree();
		if (step % 200 == 0)
			for (unsigned i = 0; i < PAGES; i++) {
				uint64_t h;
				unsigned level;
				rc = ept_lookup(&e, i * 4096ull + 5, &h, NULL, &level);
				assert_int_equal(rc, model[i] ? EPT_OK : EPT_ERR_NOT_MAPPED);
				if (!model[i])
					continue;
				assert_int_equal(h, model[i] - 1 + 5);
				assert_int_equal(level, big_leaf[i / 512] ? EPT_LEVEL_2M : EPT_LEVEL_4K);
			}
	}
	assert_true(e.splits > 0);
	for (unsigned i = 0; i < PAGES; i++) {
		int rc = ept_unmap_4k(&e, i * 4096ull, NULL, NULL);
		assert_int_equal(rc, model[i] ? EPT_OK : EPT_ERR_NOT_MAPPED);
	}
	assert_int_equal(ept_table_pages(&e), 1);
	assert_int_equal(e.leaves_4k + e.leaves_2m, 0);
	assert_int_equal(pool.balance, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_eptp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_lookup_replace_unmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_high_addresses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_2m_map_replace_split, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_4k_splits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_2m_frees_empty_pt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_protect, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_access_mapping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nomem_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_destroy_with_mappings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_against_model, setup, teardown),
	};
	return cmocka_run_group_tests_name("test_ept", tests, NULL, NULL);
}
