/* Host tests for hv/gva_walk.c: page tables built in a fake guest memory. */
#include "harness.h"
#include "hv/gva_walk.h"

#define MEM_BASE 0x100000ull /* GPA of the first fake page (below 4 GiB) */
#define MEM_PAGES 64

#define P  0x1ull
#define RW 0x2ull
#define US 0x4ull
#define A  0x20ull
#define D  0x40ull
#define PS 0x80ull
#define XD (1ull << 63)
#define ADDR 0x000ffffffffff000ull

#define CR0_PE 0x1ull
#define CR0_WP (1ull << 16)
#define CR0_PG (1ull << 31)
#define CR4_PSE (1ull << 4)
#define CR4_PAE (1ull << 5)
#define CR4_LA57 (1ull << 12)
#define CR4_SMEP (1ull << 20)
#define CR4_SMAP (1ull << 21)
#define EFER_LONG 0x500ull /* LME | LMA */
#define EFER_NXE 0x800ull
#define AC (1ull << 18)

#define RD GVA_WALK_VALIDATE_READ
#define WR GVA_WALK_VALIDATE_WRITE
#define EX GVA_WALK_VALIDATE_EXECUTE

static uint8_t mem[MEM_PAGES * 4096];
static unsigned next_page;
static bool writes_fail;
static unsigned writes;
static uint64_t unreadable; /* a GPA page reads refuse (0: none) */

static bool in_mem(uint64_t gpa, size_t len)
{
	return gpa >= MEM_BASE && gpa - MEM_BASE <= sizeof(mem) && len <= sizeof(mem) - (gpa - MEM_BASE);
}

static bool rd_gpa(void *ctx, uint64_t gpa, void *buf, size_t len)
{
	assert_true(len == 4 || len == 8);
	assert_int_equal(gpa % len, 0); /* entries are naturally aligned */
	if (!in_mem(gpa, len) || (unreadable && gpa >> 12 == unreadable >> 12))
		return false;
	memcpy(buf, mem + (gpa - MEM_BASE), len);
	return true;
}

static bool wr_gpa(void *ctx, uint64_t gpa, const void *buf, size_t len)
{
	assert_int_equal(len, 1);
	if (writes_fail || !in_mem(gpa, len))
		return false;
	writes++;
	memcpy(mem + (gpa - MEM_BASE), buf, len);
	return true;
}

static const struct gva_walk_mem gm = { rd_gpa, wr_gpa, NULL };

static uint64_t new_page(void)
{
	assert_true(next_page < MEM_PAGES);
	return MEM_BASE + 4096ull * next_page++;
}

static uint64_t get64(uint64_t gpa)
{
	uint64_t v;
	memcpy(&v, mem + (gpa - MEM_BASE), 8);
	return v;
}

static void put64(uint64_t gpa, uint64_t v)
{
	memcpy(mem + (gpa - MEM_BASE), &v, 8);
}

static uint32_t get32(uint64_t gpa)
{
	uint32_t v;
	memcpy(&v, mem + (gpa - MEM_BASE), 4);
	return v;
}

static void put32(uint64_t gpa, uint32_t v)
{
	memcpy(mem + (gpa - MEM_BASE), &v, 4);
}

static int setup(void **state)
{
	memset(mem, 0, sizeof(mem));
	next_page = 0;
	writes_fail = false;
	writes = 0;
	unreadable = 0;
	return 0;
}

/* Address of the entry for gva at `level` in 8-byte-entry tables. */
static uint64_t slot(uint64_t table, uint64_t gva, int level, bool pae)
{
	uint64_t mask = pae && level == 3 ? 3 : 511;
	return table + ((gva >> (12 + 9 * (level - 1))) & mask) * 8;
}

/*
 * Map gva with a leaf at leaf_level in a `top`-level hierarchy at root,
 * creating tables (P|RW|US; PAE PDPTEs just P).  Returns the leaf's GPA.
 */
static uint64_t build64(uint64_t root, int top, bool pae, uint64_t gva, int leaf_level,
			uint64_t leaf)
{
	uint64_t table = root;
	for (int l = top; l > leaf_level; l--) {
		uint64_t a = slot(table, gva, l, pae), ent = get64(a);
		if (!(ent & P)) {
			ent = new_page() | (pae && l == 3 ? P : P | RW | US);
			put64(a, ent);
		}
		table = ent & ADDR;
	}
	uint64_t a = slot(table, gva, leaf_level, pae);
	put64(a, leaf);
	return a;
}

/* Address of the existing entry for gva at `level`. */
static uint64_t find64(uint64_t root, int top, bool pae, uint64_t gva, int level)
{
	uint64_t table = root;
	for (int l = top; l > level; l--)
		table = get64(slot(table, gva, l, pae)) & ADDR;
	return slot(table, gva, level, pae);
}

static uint64_t build32(uint64_t root, uint32_t gva, bool big, uint32_t leaf)
{
	uint64_t pde = root + ((gva >> 22) & 0x3ff) * 4;
	if (big) {
		put32(pde, leaf);
		return pde;
	}
	uint32_t ent = get32(pde);
	if (!(ent & P)) {
		ent = (uint32_t)new_page() | P | RW | US;
		put32(pde, ent);
	}
	uint64_t pte = (ent & ~0xfffu) + ((gva >> 12) & 0x3ff) * 4;
	put32(pte, leaf);
	return pte;
}

static struct gva_walk_regs long_regs(uint64_t cr3)
{
	return (struct gva_walk_regs){ .cr0 = CR0_PG | CR0_WP | CR0_PE, .cr3 = cr3, .cr4 = CR4_PAE,
				       .efer = EFER_LONG | EFER_NXE, .maxphyaddr = 46 };
}

static struct gva_walk_result res;

static uint32_t walk(const struct gva_walk_regs *r, uint64_t gva, uint64_t flags)
{
	uint32_t code = gva_walk(r, gva, flags, &gm, &res);
	assert_int_equal(code, res.code);
	return code;
}

static void expect_ok(const struct gva_walk_regs *r, uint64_t gva, uint64_t flags,
		      uint64_t gpa, unsigned shift)
{
	assert_int_equal(walk(r, gva, flags), GVA_WALK_SUCCESS);
	assert_int_equal(res.gpa, gpa);
	assert_int_equal(res.page_shift, shift);
}

static void test_paging_off(void **state)
{
	struct gva_walk_regs r = { .cr0 = CR0_PE, .maxphyaddr = 36 };
	expect_ok(&r, 0x12345678, RD | WR | EX, 0x12345678, 12);
	expect_ok(&r, 0x123456789abcull, RD, 0x123456789abcull, 12);
}

static const uint64_t GVA4 = 0x00007f8123456abcull; /* distinct index at every level */

static void test_4level_4k(void **state)
{
	uint64_t cr3 = new_page();
	struct gva_walk_regs r = long_regs(cr3 | 0x18); /* PWT/PCD bits ignored */
	build64(cr3, 4, false, GVA4, 1, 0x7654321000ull | P | RW | US);
	expect_ok(&r, GVA4, RD | WR | EX, 0x7654321abcull, 12);
	assert_int_equal(res.level, 1);
	/* The neighbour page is not present in the PT; another PML4 slot neither. */
	assert_int_equal(walk(&r, GVA4 + 0x1000, RD), GVA_WALK_PAGE_NOT_PRESENT);
	assert_int_equal(res.level, 1);
	assert_int_equal(res.gpa, 0);
	assert_int_equal(walk(&r, 0x1000, RD), GVA_WALK_PAGE_NOT_PRESENT);
	assert_int_equal(res.level, 4);
	assert_int_equal(writes, 0); /* no SET_PAGE_TABLE_BITS, no writes */
	/* Kernel half: canonical high address. */
	uint64_t hi = 0xffff800000201000ull;
	build64(cr3, 4, false, hi, 1, 0x5000 | P);
	expect_ok(&r, hi + 4, RD, 0x5004, 12);
	/* Non-canonical addresses are beyond range. */
	assert_int_equal(walk(&r, 0x0000800000000000ull, RD), GVA_WALK_PAGE_NOT_PRESENT);
	assert_int_equal(walk(&r, 0xfff0800000201000ull, RD), GVA_WALK_PAGE_NOT_PRESENT);
}

static void test_4level_large_pages(void **state)
{
	uint64_t cr3 = new_page();
	struct gva_walk_regs r = long_regs(cr3);
	uint64_t g2m = 0x40000000ull * 3 + 0x200000ull * 5, g1g = 0x40000000ull * 7;
	build64(cr3, 4, false, g2m, 2, 0x12345600000ull | P | RW | PS | (1 << 12) /* PAT */);
	build64(cr3, 4, false, g1g, 3, 0x80000000ull | P | PS);
	expect_ok(&r, g2m + 0x1abcde, RD, 0x123457abcdeull, 21);
	assert_int_equal(res.level, 2);
	expect_ok(&r, g1g + 0x3456789a, RD, 0xb456789aull, 30);
	assert_int_equal(res.level, 3);
}

static void test_5level(void **state)
{
	uint64_t cr3 = new_page();
	struct gva_walk_regs r = long_regs(cr3);
	uint64_t gva = 0x00ab4567890ab123ull; /* canonical with 57 bits, not with 48 */
	r.cr4 |= CR4_LA57;
	build64(cr3, 5, false, gva, 1, 0x3000 | P);
	expect_ok(&r, gva, RD, 0x3123, 12);
	assert_int_equal(walk(&r, 0x0100000000000000ull, RD), GVA_WALK_PAGE_NOT_PRESENT);
	assert_int_equal(walk(&r, gva | 0xfe00000000000000ull, RD), GVA_WALK_PAGE_NOT_PRESENT);
	/* Kernel half with 57 bits. */
	uint64_t hi = 0xff12345678901000ull;
	build64(cr3, 5, false, hi, 1, 0x4000 | P);
	expect_ok(&r, hi + 1, RD, 0x4001, 12);
	/* The same addresses are not canonical with 4-level paging. */
	r.cr4 &= ~CR4_LA57;
	assert_int_equal(walk(&r, gva, RD), GVA_WALK_PAGE_NOT_PRESENT);
	assert_int_equal(walk(&r, hi, RD), GVA_WALK_PAGE_NOT_PRESENT);
}

static void test_pae(void **state)
{
	uint64_t pdpt = new_page() + 0x20; /* only 32-byte alignment needed */
	struct gva_walk_regs r = { .cr0 = CR0_PG | CR0_PE, .cr3 = pdpt, .cr4 = CR4_PAE,
				   .efer = EFER_NXE, .maxphyaddr = 36 };
	build64(pdpt, 3, true, 0xc0801000, 1, 0x876543000ull | P | RW);
	build64(pdpt, 3, true, 0x40600000, 2, 0x3ffe00000ull | P | PS);
	expect_ok(&r, 0xc0801234, RD | WR, 0x876543234ull, 12);
	expect_ok(&r, 0x40612345, RD, 0x3ffe12345ull, 21);
	assert_int_equal(walk(&r, 0x1c0801000ull, RD), GVA_WALK_PAGE_NOT_PRESENT); /* > 4 GiB */
	assert_int_equal(walk(&r, 0x00801000, RD), GVA_WALK_PAGE_NOT_PRESENT);     /* PDPTE 0 */
	assert_int_equal(res.level, 3);
	/* PDPTE reserved bits: R/W (bit 1), bit 63, bits above MAXPHYADDR. */
	uint64_t pdpte = slot(pdpt, 0xc0801000, 3, true), v = get64(pdpte);
	put64(pdpte, v | RW);
	assert_int_equal(walk(&r, 0xc0801000, RD), GVA_WALK_INVALID_PT_FLAGS);
	put64(pdpte, v | (1ull << 40));
	assert_int_equal(walk(&r, 0xc0801000, RD), GVA_WALK_INVALID_PT_FLAGS);
	put64(pdpte, v);
	/* Bits 62:52 are reserved in PAE (ignored in 4-level). */
	uint64_t pte = find64(pdpt, 3, true, 0xc0801000, 1);
	put64(pte, get64(pte) | (1ull << 52));
	assert_int_equal(walk(&r, 0xc0801000, RD), GVA_WALK_INVALID_PT_FLAGS);
	assert_int_equal(res.level, 1);
	/* 2 MiB page: bits 20:13 reserved. */
	uint64_t pde = find64(pdpt, 3, true, 0x40600000, 2);
	put64(pde, get64(pde) | (1ull << 13));
	assert_int_equal(walk(&r, 0x40600000, RD), GVA_WALK_INVALID_PT_FLAGS);
}

static void test_32bit(void **state)
{
	uint64_t pd = new_page();
	struct gva_walk_regs r = { .cr0 = CR0_PG | CR0_PE, .cr3 = pd, .maxphyaddr = 36 };
	build32(pd, 0x80401000, false, 0x7654d000 | P | RW);
	expect_ok(&r, 0x80401abc, RD | WR, 0x7654dabc, 12);
	assert_int_equal(walk(&r, 0x100401000ull, RD), GVA_WALK_PAGE_NOT_PRESENT);
	/* Bit 63 does not exist: execute is always allowed, NXE ignored. */
	r.efer = EFER_NXE;
	expect_ok(&r, 0x80401abc, EX, 0x7654dabc, 12);

	/* 4 MiB pages only with CR4.PSE; PSE-36 address bits 35:32 in 16:13. */
	uint32_t big = 0x12c00000 | (0x5u << 13) | P | RW | PS;
	uint64_t pde = build32(pd, 0x40c00000, true, big);
	r.cr4 = CR4_PSE;
	expect_ok(&r, 0x40c12345, RD, 0x512c12345ull, 22);
	/* Bit 21 and bits above MAXPHYADDR (here bit 17 = address bit 36) reserved. */
	put32(pde, big | (1u << 21));
	assert_int_equal(walk(&r, 0x40c12345, RD), GVA_WALK_INVALID_PT_FLAGS);
	put32(pde, big | (1u << 17));
	assert_int_equal(walk(&r, 0x40c12345, RD), GVA_WALK_INVALID_PT_FLAGS);
	r.maxphyaddr = 40; /* now bit 17 is address bit 36 */
	put32(pde, big | (1u << 17));
	expect_ok(&r, 0x40c12345, RD, 0x1512c12345ull, 22);
	r.maxphyaddr = 32; /* no PSE-36 bits: 20:13 reserved */
	put32(pde, big);
	assert_int_equal(walk(&r, 0x40c12345, RD), GVA_WALK_INVALID_PT_FLAGS);
	put32(pde, 0x12c00000 | P | RW | PS);
	expect_ok(&r, 0x40c12345, RD, 0x12c12345ull, 22);

	/* Without PSE, PS is ignored: the PDE points to a page table. */
	uint64_t pt = new_page();
	put32(pde, (uint32_t)pt | P | RW | US | PS);
	put32(pt + ((0x40c12345 >> 12) & 0x3ff) * 4, 0x9000 | P);
	r.cr4 = 0;
	expect_ok(&r, 0x40c12345, RD, 0x9345, 12);
}

static void test_privilege(void **state)
{
	uint64_t cr3 = new_page();
	struct gva_walk_regs r = long_regs(cr3);
	const uint64_t user_rw = 0x10000, user_ro = 0x11000, sup = 0x12000, nx = 0x13000;
	build64(cr3, 4, false, user_rw, 1, 0x1000 | P | RW | US);
	build64(cr3, 4, false, user_ro, 1, 0x2000 | P | US);
	build64(cr3, 4, false, sup, 1, 0x3000 | P | RW);
	build64(cr3, 4, false, nx, 1, 0x4000 | P | RW | US | XD);

	/* User mode (CPL 3 or USER_ACCESS). */
	r.cpl = 3;
	assert_int_equal(walk(&r, user_rw, RD | WR | EX), GVA_WALK_SUCCESS);
	assert_int_equal(walk(&r, sup, RD), GVA_WALK_PRIVILEGE_VIOLATION);
	assert_int_equal(res.gpa, 0);
	assert_int_equal(walk(&r, user_ro, RD), GVA_WALK_SUCCESS);
	assert_int_equal(walk(&r, user_ro, WR), GVA_WALK_PRIVILEGE_VIOLATION);
	r.cr0 &= ~CR0_WP; /* WP does not matter for user mode */
	assert_int_equal(walk(&r, user_ro, WR), GVA_WALK_PRIVILEGE_VIOLATION);
	r.cr0 |= CR0_WP;
	assert_int_equal(walk(&r, nx, RD), GVA_WALK_SUCCESS);
	assert_int_equal(walk(&r, nx, EX), GVA_WALK_PRIVILEGE_VIOLATION);
	/* SUPERVISOR_ACCESS overrides CPL 3; PRIVILEGE_EXEMPT too. */
	assert_int_equal(walk(&r, sup, RD | GVA_WALK_SUPERVISOR_ACCESS), GVA_WALK_SUCCESS);
	assert_int_equal(walk(&r, sup, RD | GVA_WALK_PRIVILEGE_EXEMPT), GVA_WALK_SUCCESS);
	r.cpl = 0;
	assert_int_equal(walk(&r, sup, RD | GVA_WALK_USER_ACCESS), GVA_WALK_PRIVILEGE_VIOLATION);
	assert_int_equal(walk(&r, user_ro, WR | GVA_WALK_USER_ACCESS | GVA_WALK_SUPERVISOR_ACCESS),
			 GVA_WALK_PRIVILEGE_VIOLATION);

	/* Supervisor mode. */
	assert_int_equal(walk(&r, sup, RD | WR | EX), GVA_WALK_SUCCESS);
	assert_int_equal(walk(&r, user_rw, RD | WR | EX), GVA_WALK_SUCCESS); /* no SMEP/SMAP */
	assert_int_equal(walk(&r, user_ro, WR), GVA_WALK_PRIVILEGE_VIOLATION); /* WP = 1 */
	assert_int_equal(walk(&r, user_ro, WR | GVA_WALK_PRIVILEGE_EXEMPT), GVA_WALK_PRIVILEGE_VIOLATION);
	r.cr0 &= ~CR0_WP;
	assert_int_equal(walk(&r, user_ro, WR), GVA_WALK_SUCCESS);
	r.cr0 |= CR0_WP;
	assert_int_equal(walk(&r, nx, EX), GVA_WALK_PRIVILEGE_VIOLATION);
	assert_int_equal(walk(&r, nx, EX | GVA_WALK_PRIVILEGE_EXEMPT), GVA_WALK_PRIVILEGE_VIOLATION);

	/* R/W, U/S and XD combine over all levels: clear them in the PDE. */
	uint64_t pde = find64(cr3, 4, false, user_rw, 2), v = get64(pde);
	put64(pde, v & ~US);
	r.cpl = 3;
	assert_int_equal(walk(&r, user_rw, RD), GVA_WALK_PRIVILEGE_VIOLATION);
	r.cpl = 0;
	r.cr4 |= CR4_SMAP | CR4_SMEP; /* now a supervisor-mode address: no SMAP/SMEP */
	assert_int_equal(walk(&r, user_rw, RD | EX), GVA_WALK_SUCCESS);
	r.cr4 &= ~(CR4_SMAP | CR4_SMEP);
	put64(pde, v & ~RW);
	assert_int_equal(walk(&r, user_rw, WR), GVA_WALK_PRIVILEGE_VIOLATION);
	put64(pde, v | XD);
	assert_int_equal(walk(&r, user_rw, EX), GVA_WALK_PRIVILEGE_VIOLATION);
	assert_int_equal(walk(&r, user_rw, RD | WR), GVA_WALK_SUCCESS);
	/* XD with EFER.NXE = 0 is a reserved bit. */
	r.efer &= ~EFER_NXE;
	assert_int_equal(walk(&r, user_rw, RD), GVA_WALK_INVALID_PT_FLAGS);
	assert_int_equal(res.level, 2);
	put64(pde, v);
	assert_int_equal(walk(&r, user_rw, EX), GVA_WALK_SUCCESS);
	assert_int_equal(walk(&r, nx, RD), GVA_WALK_INVALID_PT_FLAGS);
}

static void test_smep_smap(void **state)
{
	uint64_t cr3 = new_page();
	struct gva_walk_regs r = long_regs(cr3);
	const uint64_t user = 0x10000, sup = 0x12000;
	build64(cr3, 4, false, user, 1, 0x1000 | P | RW | US);
	build64(cr3, 4, false, sup, 1, 0x3000 | P | RW);
	r.cr4 |= CR4_SMEP | CR4_SMAP;

	assert_int_equal(walk(&r, user, EX), GVA_WALK_PRIVILEGE_VIOLATION);    /* SMEP */
	assert_int_equal(walk(&r, user, RD), GVA_WALK_PRIVILEGE_VIOLATION);    /* SMAP, AC = 0 */
	assert_int_equal(walk(&r, user, WR), GVA_WALK_PRIVILEGE_VIOLATION);
	assert_int_equal(walk(&r, sup, RD | WR | EX), GVA_WALK_SUCCESS);
	assert_int_equal(walk(&r, user, RD | GVA_WALK_OVERRIDE_SMAP), GVA_WALK_SUCCESS);
	assert_int_equal(walk(&r, user, RD | GVA_WALK_PRIVILEGE_EXEMPT), GVA_WALK_SUCCESS);
	assert_int_equal(walk(&r, user, EX | GVA_WALK_PRIVILEGE_EXEMPT), GVA_WALK_SUCCESS);
	r.rflags = AC;
	assert_int_equal(walk(&r, user, RD | WR), GVA_WALK_SUCCESS);            /* AC = 1 */
	assert_int_equal(walk(&r, user, RD | GVA_WALK_ENFORCE_SMAP), GVA_WALK_PRIVILEGE_VIOLATION);
	assert_int_equal(walk(&r, user, EX), GVA_WALK_PRIVILEGE_VIOLATION);    /* SMEP ignores AC */
	/* User mode is not affected by SMEP/SMAP. */
	r.cpl = 3;
	r.rflags = 0;
	assert_int_equal(walk(&r, user, RD | WR | EX), GVA_WALK_SUCCESS);
}

static void test_reserved_bits_4level(void **state)
{
	uint64_t cr3 = new_page();
	struct gva_walk_regs r = long_regs(cr3);
	uint64_t pte = build64(cr3, 4, false, GVA4, 1, 0x5000 | P);
	uint64_t pml4e = slot(cr3, GVA4, 4, false), v = get64(pml4e);

	put64(pte, 0x5000 | P | (1ull << 46)); /* above MAXPHYADDR 46 */
	assert_int_equal(walk(&r, GVA4, RD), GVA_WALK_INVALID_PT_FLAGS);
	r.maxphyaddr = 52;
	expect_ok(&r, GVA4, RD, 0x400000005abcull, 12);
	r.maxphyaddr = 46;
	put64(pte, 0x5000 | P | (0x7ffull << 52) /* ignored (PK, software) */);
	expect_ok(&r, GVA4, RD, 0x5abc, 12);
	put64(pml4e, v | PS); /* PS is reserved in a PML4E */
	assert_int_equal(walk(&r, GVA4, RD), GVA_WALK_INVALID_PT_FLAGS);
	assert_int_equal(res.level, 4);
	/* A not-present entry is not checked for reserved bits. */
	put64(pml4e, (v | PS | (1ull << 50)) & ~P);
	assert_int_equal(walk(&r, GVA4, RD), GVA_WALK_PAGE_NOT_PRESENT);
	put64(pml4e, v);
	/* 1 GiB page: bits 29:13 reserved. */
	uint64_t pdpte = find64(cr3, 4, false, GVA4, 3);
	put64(pdpte, 0x40000000ull | P | PS | (1ull << 29));
	assert_int_equal(walk(&r, GVA4, RD), GVA_WALK_INVALID_PT_FLAGS);
	assert_int_equal(res.level, 3);
}

static void test_gpa_unmapped(void **state)
{
	uint64_t cr3 = new_page();
	struct gva_walk_regs r = long_regs(0x7000000000ull); /* CR3 outside memory */
	assert_int_equal(walk(&r, GVA4, RD), GVA_WALK_GPA_UNMAPPED);
	assert_int_equal(res.gpa, 0x7000000000ull + ((GVA4 >> 39) & 511) * 8);
	assert_int_equal(res.level, 4);

	r = long_regs(cr3);
	build64(cr3, 4, false, GVA4, 1, 0x5000 | P);
	uint64_t pde = find64(cr3, 4, false, GVA4, 2);
	uint64_t pt = get64(pde) & ADDR;
	unreadable = pt;
	assert_int_equal(walk(&r, GVA4, RD), GVA_WALK_GPA_UNMAPPED);
	assert_int_equal(res.gpa, pt + ((GVA4 >> 12) & 511) * 8);
	assert_int_equal(res.gpa >> 12, pt >> 12);
	assert_int_equal(res.level, 1);
	assert_int_equal(res.page_shift, 0);
}

static void test_accessed_dirty(void **state)
{
	uint64_t cr3 = new_page();
	struct gva_walk_regs r = long_regs(cr3);
	uint64_t pte = build64(cr3, 4, false, GVA4, 1, 0x5000 | P | RW);
	uint64_t e4 = find64(cr3, 4, false, GVA4, 4), e3 = find64(cr3, 4, false, GVA4, 3);
	uint64_t e2 = find64(cr3, 4, false, GVA4, 2);

	/* Without the flag nothing is written. */
	expect_ok(&r, GVA4, RD | WR, 0x5abc, 12);
	assert_int_equal(writes, 0);
	/* Read: A everywhere, no D. */
	expect_ok(&r, GVA4, RD | GVA_WALK_SET_PAGE_TABLE_BITS, 0x5abc, 12);
	assert_int_equal(writes, 4);
	assert_true(get64(e4) & A);
	assert_true(get64(e3) & A);
	assert_true(get64(e2) & A);
	assert_int_equal(get64(pte), 0x5000 | P | RW | A);
	/* Again: already set, no writes. */
	expect_ok(&r, GVA4, RD | GVA_WALK_SET_PAGE_TABLE_BITS, 0x5abc, 12);
	assert_int_equal(writes, 4);
	/* Write: D on the leaf only. */
	expect_ok(&r, GVA4, WR | GVA_WALK_SET_PAGE_TABLE_BITS, 0x5abc, 12);
	assert_int_equal(writes, 5);
	assert_int_equal(get64(pte), 0x5000 | P | RW | A | D);
	assert_false(get64(e2) & D);

	/* A failed write check sets A (not rolled back) but never D. */
	put64(pte, 0x5000 | P);
	put64(e2, get64(e2) & ~A);
	assert_int_equal(walk(&r, GVA4, WR | GVA_WALK_SET_PAGE_TABLE_BITS), GVA_WALK_PRIVILEGE_VIOLATION);
	assert_int_equal(get64(pte), 0x5000 | P | A);
	assert_true(get64(e2) & A);

	/* A table that cannot be written. */
	put64(pte, 0x5000 | P | RW);
	writes_fail = true;
	assert_int_equal(walk(&r, GVA4, RD | GVA_WALK_SET_PAGE_TABLE_BITS), GVA_WALK_GPA_NO_WRITE_ACCESS);
	assert_int_equal(res.gpa, pte);
	put64(pte, 0x5000 | P | RW | A);
	assert_int_equal(walk(&r, GVA4, WR | GVA_WALK_SET_PAGE_TABLE_BITS), GVA_WALK_GPA_NO_WRITE_ACCESS);
	assert_int_equal(res.gpa, pte);
	struct gva_walk_mem ro = { rd_gpa, NULL, NULL };
	put64(pte, 0x5000 | P | RW);
	assert_int_equal(gva_walk(&r, GVA4, RD | GVA_WALK_SET_PAGE_TABLE_BITS, &ro, &res),
			 GVA_WALK_GPA_NO_WRITE_ACCESS);
}

static void test_accessed_dirty_legacy(void **state)
{
	/* 32-bit: 4-byte entries, same A/D bits. */
	uint64_t pd = new_page();
	struct gva_walk_regs r = { .cr0 = CR0_PG | CR0_PE, .cr3 = pd, .maxphyaddr = 36 };
	uint64_t pte = build32(pd, 0x80401000, false, 0x7000 | P | RW);
	uint64_t pde = pd + (0x80401000 >> 22) * 4;
	expect_ok(&r, 0x80401000, WR | GVA_WALK_SET_PAGE_TABLE_BITS, 0x7000, 12);
	assert_int_equal(get32(pte), 0x7000 | P | RW | A | D);
	assert_true(get32(pde) & A);
	assert_false(get32(pde) & D);

	/* PAE: PDPTEs have no A flag and are never written. */
	uint64_t pdpt = new_page();
	struct gva_walk_regs p = { .cr0 = CR0_PG | CR0_PE, .cr3 = pdpt, .cr4 = CR4_PAE,
				   .maxphyaddr = 36 };
	build64(pdpt, 3, true, 0x40201000, 1, 0x8000 | P);
	uint64_t pdpte = slot(pdpt, 0x40201000, 3, true), before = get64(pdpte);
	expect_ok(&p, 0x40201000, RD | GVA_WALK_SET_PAGE_TABLE_BITS, 0x8000, 12);
	assert_int_equal(get64(pdpte), before);
	assert_true(get64(find64(pdpt, 3, true, 0x40201000, 2)) & A);
}

static void test_bad_maxphyaddr(void **state)
{
	struct gva_walk_regs r = long_regs(0);
	r.maxphyaddr = 53;
	expect_assert_failure(gva_walk(&r, 0, RD, &gm, &res));
	r.maxphyaddr = 31;
	expect_assert_failure(gva_walk(&r, 0, RD, &gm, &res));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_paging_off, setup),
		cmocka_unit_test_setup(test_4level_4k, setup),
		cmocka_unit_test_setup(test_4level_large_pages, setup),
		cmocka_unit_test_setup(test_5level, setup),
		cmocka_unit_test_setup(test_pae, setup),
		cmocka_unit_test_setup(test_32bit, setup),
		cmocka_unit_test_setup(test_privilege, setup),
		cmocka_unit_test_setup(test_smep_smap, setup),
		cmocka_unit_test_setup(test_reserved_bits_4level, setup),
		cmocka_unit_test_setup(test_gpa_unmapped, setup),
		cmocka_unit_test_setup(test_accessed_dirty, setup),
		cmocka_unit_test_setup(test_accessed_dirty_legacy, setup),
		cmocka_unit_test_setup(test_bad_maxphyaddr, setup),
	};
	return cmocka_run_group_tests_name("test_gva_walk", tests, NULL, NULL);
}
