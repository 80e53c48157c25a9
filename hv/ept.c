/*
 * EPT page tables: see ept.h for the contract.  Intel SDM Vol. 3C "The
 * Extended Page Table Mechanism (EPT)" (28.3; 28.2 in older editions).
 *
 * Invariants kept between calls (checked by the unit tests):
 *  - a non-leaf entry is (table phys | RWX), bit 7 clear; an entry is
 *    empty iff it is 0; leaves carry EPT_SW_LEAF, so they are never 0;
 *  - at the PD level bit 7 tells a 2 MiB leaf from a page-table pointer;
 *    every non-zero PT entry is a 4 KiB leaf; PML4/PDPT hold no leaves;
 *  - no table except the PML4 is ever empty (unmaps free empty tables),
 *    so ept_table_pages() returns to 1 when everything is unmapped.
 */
#include <string.h>
#include "hv/ept.h"
#include "lib/bug.h"

#define ENTRIES 512
#define TOP_LEVEL 4
#define TABLE_BYTES 4096
/* Intermediate entries grant everything: the access rights of a
 * translation are the AND along the walk, so the leaf decides. */
#define NONLEAF_RIGHTS EPT_PERM_RWX

static uint64_t *table(const struct ept *e, uint64_t phys)
{
	return e->ops.phys_to_virt(e->ops.ctx, phys);
}

static unsigned idx(uint64_t gpa, int level)
{
	return (gpa >> (12 + 9 * (level - 1))) & (ENTRIES - 1);
}

#define LEVEL_SIZE(level) ((level) == EPT_LEVEL_4K ? EPT_SIZE_4K : EPT_SIZE_2M)

/* Why atomic: the CPU walks these tables while we edit them; an entry
 * must change in one 8-byte store, after the table it points to is ready. */
static void set_entry(uint64_t *p, uint64_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

static uint64_t get_entry(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static bool is_leaf(uint64_t ent, int level)
{
	return ent && (level == EPT_LEVEL_4K || (ent & EPT_E_LARGE));
}

static bool table_empty(const uint64_t *t)
{
	for (unsigned i = 0; i < ENTRIES; i++)
		if (t[i])
			return false;
	return true;
}

static void report(uint64_t *old_hpa, bool *had_old, bool had, uint64_t hpa)
{
	if (old_hpa)
		*old_hpa = had ? hpa : 0;
	if (had_old)
		*had_old = had;
}

/* Write-only and (without the capability) execute-only leaves are EPT
 * misconfigurations (SDM "EPT Misconfigurations"). */
static bool perms_ok(const struct ept *e, unsigned perms)
{
	if (perms & ~EPT_PERM_RWX)
		return false;
	if ((perms & EPT_PERM_W) && !(perms & EPT_PERM_R))
		return false;
	return perms != EPT_PERM_X || e->exec_only;
}

static bool memtype_ok(unsigned mt) /* UC 0, WC 1, WT 4, WP 5, WB 6 */
{
	return mt <= EPT_MT_WB && mt != 2 && mt != 3;
}

/* gpa_limit is a multiple of 2 MiB, so an aligned gpa below it fits whole. */
static bool gpa_ok(const struct ept *e, uint64_t gpa, int level)
{
	return !(gpa & (LEVEL_SIZE(level) - 1)) && gpa < e->gpa_limit;
}

/*
 * Walk towards gpa without changing anything.  Stops at level `stop`, at
 * an empty entry or at a leaf; path[l] is the entry used at each level
 * from 4 down to the returned level.
 */
static int descend(const struct ept *e, uint64_t gpa, int stop, uint64_t **path)
{
	uint64_t *t = table(e, e->pml4);

	for (int l = TOP_LEVEL;; l--) {
		uint64_t *p = &t[idx(gpa, l)];
		uint64_t ent = get_entry(p);

		path[l] = p;
		if (l == stop || !ent || is_leaf(ent, l))
			return l;
		t = table(e, ent & EPT_E_ADDR);
	}
}

/* Tables a build() down to `level` needs: missing ones, or 1 to split. */
static unsigned needed(const struct ept *e, uint64_t gpa, int level)
{
	uint64_t *path[TOP_LEVEL + 1];
	int l = descend(e, gpa, level, path);

	if (l == level)
		return 0;
	return get_entry(path[l]) ? 1 : (unsigned)(l - level);
}

static void free_page(struct ept *e, uint64_t phys)
{
	e->ops.free_table(e->ops.ctx, phys);
	e->table_pages--;
}

/* n table pages, all or none. */
static int prealloc(struct ept *e, uint64_t *pages, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		pages[i] = e->ops.alloc_table(e->ops.ctx);
		if (!pages[i]) {
			while (i--)
				free_page(e, pages[i]);
			return EPT_ERR_NOMEM;
		}
		BUG_ON(pages[i] & (TABLE_BYTES - 1));
		e->table_pages++;
		/* Zeroed by contract; zero again anyway: a stale entry here would
		 * hand the guest an arbitrary host page. */
		memset(table(e, pages[i]), 0, TABLE_BYTES);
	}
	return EPT_OK;
}

/*
 * Replace the 2 MiB leaf at *pde by table pt holding the same 512 4 KiB
 * translations.  Retries if the CPU set A/D in the big leaf meanwhile, so
 * those flags are carried over.
 */
static void split(struct ept *e, uint64_t *pde, uint64_t pt)
{
	uint64_t *t = table(e, pt);
	uint64_t big = get_entry(pde);

	do {
		uint64_t attrs = big & ~(EPT_E_ADDR | EPT_E_LARGE);
		for (unsigned i = 0; i < ENTRIES; i++)
			set_entry(&t[i], ((big & EPT_E_ADDR) + i * EPT_SIZE_4K) | attrs);
	} while (!__atomic_compare_exchange_n(pde, &big, pt | NONLEAF_RIGHTS, false,
					      __ATOMIC_RELEASE, __ATOMIC_ACQUIRE));
	e->leaves_2m--;
	e->leaves_4k += ENTRIES;
	e->splits++;
}

/*
 * Walk down to `level`, linking the n preallocated pages as missing
 * tables or as the table of a split; returns the entry at `level`.
 */
static uint64_t *build(struct ept *e, uint64_t gpa, int level, const uint64_t *pages, unsigned n)
{
	unsigned used = 0;
	uint64_t *t = table(e, e->pml4);

	for (int l = TOP_LEVEL; l > level; l--) {
		uint64_t *p = &t[idx(gpa, l)];
		uint64_t ent = get_entry(p);

		if (!ent || is_leaf(ent, l)) {
			BUG_ON(used >= n);
			if (ent)
				split(e, p, pages[used++]);
			else
				set_entry(p, pages[used++] | NONLEAF_RIGHTS);
		}
		t = table(e, get_entry(p) & EPT_E_ADDR);
	}
	BUG_ON(used != n);
	return &t[idx(gpa, level)];
}

/* After path[l] was cleared: free tables left empty, bottom up. */
static void prune(struct ept *e, uint64_t gpa, uint64_t **path, int l)
{
	for (; l < TOP_LEVEL; l++) {
		if (!table_empty(path[l] - idx(gpa, l)))
			return;
		uint64_t phys = get_entry(path[l + 1]) & EPT_E_ADDR;
		set_entry(path[l + 1], 0);
		free_page(e, phys);
	}
}

static uint64_t *leaf_count(struct ept *e, int level)
{
	return level == EPT_LEVEL_4K ? &e->leaves_4k : &e->leaves_2m;
}

static int map(struct ept *e, uint64_t gpa, uint64_t hpa, unsigned perms, unsigned mt,
	       int level, uint64_t *old_hpa, bool *had_old)
{
	uint64_t size = LEVEL_SIZE(level), pages[TOP_LEVEL - 1], *path[TOP_LEVEL + 1];
	uint64_t empty_pt = 0;

	report(old_hpa, had_old, false, 0);
	if (!gpa_ok(e, gpa, level) || (hpa & (size - 1)) || hpa >= (1ull << 52) ||
	    !perms_ok(e, perms) || !memtype_ok(mt))
		return EPT_ERR_INVALID;
	if (level == EPT_LEVEL_2M && descend(e, gpa, level, path) == level) {
		uint64_t ent = get_entry(path[level]);
		if (ent && !is_leaf(ent, level)) {
			if (!table_empty(table(e, ent & EPT_E_ADDR)))
				return EPT_ERR_BUSY;
			empty_pt = ent & EPT_E_ADDR;
		}
	}
	unsigned n = needed(e, gpa, level);
	if (prealloc(e, pages, n) != EPT_OK)
		return EPT_ERR_NOMEM;

	uint64_t *p = build(e, gpa, level, pages, n);
	uint64_t old = get_entry(p);
	set_entry(p, hpa | perms | ((uint64_t)mt << EPT_E_MT_SHIFT) | EPT_SW_LEAF |
			     (level == EPT_LEVEL_2M ? EPT_E_LARGE : 0));
	if (empty_pt)
		free_page(e, empty_pt);
	else if (old)
		report(old_hpa, had_old, true, old & EPT_E_ADDR);
	if (!old || empty_pt)
		(*leaf_count(e, level))++;
	return EPT_OK;
}

int ept_map_4k(struct ept *e, uint64_t gpa, uint64_t hpa, unsigned perms, unsigned memtype,
	       uint64_t *old_hpa, bool *had_old)
{
	return map(e, gpa, hpa, perms, memtype, EPT_LEVEL_4K, old_hpa, had_old);
}

int ept_map_2m(struct ept *e, uint64_t gpa, uint64_t hpa, unsigned perms, unsigned memtype,
	       uint64_t *old_hpa, bool *had_old)
{
	return map(e, gpa, hpa, perms, memtype, EPT_LEVEL_2M, old_hpa, had_old);
}

/*
 * Find the leaf of `level` for gpa, splitting a covering 2 MiB leaf if a
 * 4 KiB one is wanted and split_ok.  Returns the entry pointer via *out.
 */
static int find_leaf(struct ept *e, uint64_t gpa, int level, bool split_ok,
		     uint64_t **path, uint64_t **out)
{
	int l = descend(e, gpa, level, path);
	uint64_t ent = get_entry(path[l]);
	uint64_t pt;

	if (!ent)
		return EPT_ERR_NOT_MAPPED;
	if (!is_leaf(ent, l))
		return EPT_ERR_BUSY; /* a PT of 4 KiB leaves where a 2 MiB leaf is asked */
	if (l > level) {
		if (!split_ok)
			return EPT_OK; /* caller is satisfied by the covering leaf */
		if (prealloc(e, &pt, 1) != EPT_OK)
			return EPT_ERR_NOMEM;
		split(e, path[l], pt);
		path[level] = &table(e, pt)[idx(gpa, level)];
		l = level;
	}
	*out = path[l];
	return EPT_OK;
}

static int unmap(struct ept *e, uint64_t gpa, int level, uint64_t *old_hpa, bool *had_old)
{
	uint64_t *path[TOP_LEVEL + 1], *p = NULL;

	report(old_hpa, had_old, false, 0);
	if (!gpa_ok(e, gpa, level))
		return EPT_ERR_INVALID;
	int rc = find_leaf(e, gpa, level, true, path, &p);
	if (rc != EPT_OK)
		return rc;
	uint64_t old = get_entry(p);
	set_entry(p, 0);
	(*leaf_count(e, level))--;
	report(old_hpa, had_old, true, old & EPT_E_ADDR);
	prune(e, gpa, path, level);
	return EPT_OK;
}

int ept_unmap_4k(struct ept *e, uint64_t gpa, uint64_t *old_hpa, bool *had_old)
{
	return unmap(e, gpa, EPT_LEVEL_4K, old_hpa, had_old);
}

int ept_unmap_2m(struct ept *e, uint64_t gpa, uint64_t *old_hpa, bool *had_old)
{
	return unmap(e, gpa, EPT_LEVEL_2M, old_hpa, had_old);
}

static int protect(struct ept *e, uint64_t gpa, unsigned perms, int level)
{
	uint64_t *path[TOP_LEVEL + 1], *p = NULL;

	if (!gpa_ok(e, gpa, level) || !perms_ok(e, perms))
		return EPT_ERR_INVALID;
	int l = descend(e, gpa, level, path);
	uint64_t ent = get_entry(path[l]);
	/* Same rights on a covering 2 MiB leaf: nothing to split. */
	bool split_ok = !(is_leaf(ent, l) && (ent & EPT_PERM_RWX) == perms);
	int rc = find_leaf(e, gpa, level, split_ok, path, &p);
	if (rc != EPT_OK || !p)
		return rc;
	/* CAS: keep A/D flags the CPU may set concurrently. */
	uint64_t old = get_entry(p);
	while (!__atomic_compare_exchange_n(p, &old, (old & ~(uint64_t)EPT_PERM_RWX) | perms,
					    false, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE))
		;
	return EPT_OK;
}

int ept_protect(struct ept *e, uint64_t gpa, unsigned perms)
{
	return protect(e, gpa, perms, EPT_LEVEL_4K);
}

int ept_protect_2m(struct ept *e, uint64_t gpa, unsigned perms)
{
	return protect(e, gpa, perms, EPT_LEVEL_2M);
}

int ept_lookup(const struct ept *e, uint64_t gpa, uint64_t *hpa, unsigned *perms,
	       unsigned *level)
{
	uint64_t *path[TOP_LEVEL + 1];

	if (gpa >= e->gpa_limit)
		return EPT_ERR_INVALID;
	int l = descend(e, gpa, EPT_LEVEL_4K, path);
	uint64_t ent = get_entry(path[l]);
	if (!ent)
		return EPT_ERR_NOT_MAPPED;
	uint64_t off = gpa & (LEVEL_SIZE(l) - 1);
	if (hpa)
		*hpa = (ent & EPT_E_ADDR & ~(LEVEL_SIZE(l) - 1)) | off;
	if (perms)
		*perms = ent & EPT_PERM_RWX;
	if (level)
		*level = (unsigned)l;
	return EPT_OK;
}

unsigned ept_tables_needed_for_4k(const struct ept *e, uint64_t gpa)
{
	return gpa_ok(e, gpa, EPT_LEVEL_4K) ? needed(e, gpa, EPT_LEVEL_4K) : 0;
}

unsigned ept_tables_needed_for_2m(const struct ept *e, uint64_t gpa)
{
	return gpa_ok(e, gpa, EPT_LEVEL_2M) ? needed(e, gpa, EPT_LEVEL_2M) : 0;
}

int ept_init(struct ept *e, const struct ept_ops *ops, unsigned gpa_width_bits)
{
	memset(e, 0, sizeof(*e));
	if (gpa_width_bits < 21 || gpa_width_bits > 48)
		return EPT_ERR_INVALID;
	e->ops = *ops;
	e->gpa_limit = 1ull << gpa_width_bits;
	return prealloc(e, &e->pml4, 1);
}

void ept_set_execute_only(struct ept *e, bool supported)
{
	e->exec_only = supported;
}

static void free_tree(struct ept *e, uint64_t phys, int level)
{
	uint64_t *t = table(e, phys);

	for (unsigned i = 0; level > EPT_LEVEL_4K && i < ENTRIES; i++)
		if (t[i] && !is_leaf(t[i], level))
			free_tree(e, t[i] & EPT_E_ADDR, level - 1);
	free_page(e, phys);
}

void ept_destroy(struct ept *e)
{
	if (e->pml4)
		free_tree(e, e->pml4, TOP_LEVEL);
	BUG_ON(e->table_pages != 0);
	e->pml4 = 0;
	e->leaves_4k = e->leaves_2m = 0;
}

uint64_t ept_pointer(const struct ept *e, bool enable_ad)
{
	return e->pml4 | EPT_MT_WB | (3u << 3) | (enable_ad ? 1u << 6 : 0);
}

static bool walk(const struct ept *e, uint64_t phys, int level, uint64_t base,
		 ept_leaf_fn fn, void *ctx)
{
	const uint64_t *t = table(e, phys);
	uint64_t span = 1ull << (12 + 9 * (level - 1));

	for (unsigned i = 0; i < ENTRIES; i++) {
		uint64_t ent = get_entry(&t[i]);
		uint64_t gpa = base + i * span;
		if (!ent)
			continue;
		if (is_leaf(ent, level)) {
			if (!fn(ctx, gpa, ent & EPT_E_ADDR & ~(span - 1), span))
				return false;
		} else if (level > EPT_LEVEL_4K && !walk(e, ent & EPT_E_ADDR, level - 1, gpa, fn, ctx)) {
			return false;
		}
	}
	return true;
}

void ept_for_each_leaf(const struct ept *e, ept_leaf_fn fn, void *ctx)
{
	if (e->pml4)
		walk(e, e->pml4, TOP_LEVEL, 0, fn, ctx);
}

uint64_t ept_table_pages(const struct ept *e)
{
	return e->table_pages;
}
