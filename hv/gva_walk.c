/*
 * Guest page-table walk: see gva_walk.h for the contract.  Intel SDM
 * Vol. 3A chapter 4 "Paging"; table numbers below are from that chapter.
 */
#include "hv/gva_walk.h"
#include "lib/bug.h"

#define CR0_WP    (1ull << 16)
#define CR0_PG    (1ull << 31)
#define CR4_PSE   (1ull << 4)
#define CR4_PAE   (1ull << 5)
#define CR4_LA57  (1ull << 12)
#define CR4_SMEP  (1ull << 20)
#define CR4_SMAP  (1ull << 21)
#define EFER_LME  (1ull << 8)
#define EFER_NXE  (1ull << 11)
#define RFLAGS_AC (1ull << 18)

#define PTE_P  (1ull << 0)
#define PTE_RW (1ull << 1)
#define PTE_US (1ull << 2)
#define PTE_A  (1ull << 5)
#define PTE_D  (1ull << 6)
#define PTE_PS (1ull << 7)
#define PTE_XD (1ull << 63)

enum mode { MODE_32, MODE_PAE, MODE_4L, MODE_5L };

struct walk {
	enum mode mode;
	unsigned levels; /* top level number: 2, 3, 4 or 5 */
	unsigned esize;  /* entry bytes: 4 or 8 */
	unsigned m;      /* MAXPHYADDR */
	bool nxe;        /* XD bit in use (never with 32-bit paging) */
};

/* Mask of bits hi:lo; empty when lo > hi. */
static uint64_t bits(unsigned hi, unsigned lo)
{
	if (lo > hi)
		return 0;
	return (hi == 63 ? ~0ull : (1ull << (hi + 1)) - 1) & ~((1ull << lo) - 1);
}

static unsigned level_shift(const struct walk *w, unsigned l)
{
	return w->mode == MODE_32 ? 12 + 10 * (l - 1) : 12 + 9 * (l - 1);
}

static uint64_t index_mask(const struct walk *w, unsigned l)
{
	if (w->mode == MODE_32)
		return 0x3ff;
	return w->mode == MODE_PAE && l == 3 ? 0x3 : 0x1ff;
}

/* Physical-address bits of an entry that references a table or 4 KiB page. */
static uint64_t addr_mask(const struct walk *w)
{
	return w->mode == MODE_32 ? 0xfffff000ull : bits(w->m - 1, 12);
}

/* Whether bit 7 (PS) makes this level a leaf. */
static bool ps_honored(const struct walk *w, unsigned l, uint64_t cr4)
{
	switch (w->mode) {
	case MODE_32:
		return l == 2 && (cr4 & CR4_PSE);
	case MODE_PAE:
		return l == 2;
	default:
		return l == 2 || l == 3; /* 2 MiB and 1 GiB pages */
	}
}

/* Reserved bits (SDM 4.3 Table 4-4, 4.4 Tables 4-8..4-11, 4.5 Tables 4-15..4-20). */
static uint64_t reserved(const struct walk *w, unsigned l, bool leaf)
{
	if (w->mode == MODE_32) {
		/* 4 MiB page (PSE-36): bits (M'-20):13 hold address bits
		 * (M'-1):32 with M' = min(MAXPHYADDR, 40); bits 21:(M'-19) reserved. */
		unsigned m = w->m < 40 ? w->m : 40;
		return leaf && l == 2 ? bits(21, m - 19) : 0;
	}
	if (w->mode == MODE_PAE && l == 3) /* PDPTE */
		return bits(63, w->m) | bits(8, 5) | bits(2, 1);
	uint64_t r = w->nxe ? 0 : PTE_XD;
	if (w->mode == MODE_PAE)
		r |= bits(62, w->m);
	else
		r |= bits(51, w->m) | (l >= 4 ? PTE_PS : 0); /* 62:52 are ignored */
	if (leaf && l == 2)
		r |= bits(20, 13);
	if (leaf && l == 3)
		r |= bits(29, 13);
	return r;
}

/* Physical base of the page a leaf at `shift` maps. */
static uint64_t leaf_base(const struct walk *w, uint64_t ent, unsigned shift)
{
	if (w->mode == MODE_32 && shift == 22) {
		unsigned m = w->m < 40 ? w->m : 40;
		uint64_t high = m > 32 ? (ent >> 13) & bits(m - 33, 0) : 0;
		return (ent & 0xffc00000ull) | high << 32;
	}
	return ent & addr_mask(w) & ~bits(shift - 1, 0);
}

/*
 * Combined access rights (SDM 4.6): us/rw are true when U/S resp. R/W is
 * set at every level, xd when XD is set at some level (with NXE).
 */
static bool allowed(const struct gva_walk_regs *r, uint64_t flags, bool us, bool rw, bool xd)
{
	bool rd = flags & GVA_WALK_VALIDATE_READ, wr = flags & GVA_WALK_VALIDATE_WRITE;
	bool ex = flags & GVA_WALK_VALIDATE_EXECUTE, exempt = flags & GVA_WALK_PRIVILEGE_EXEMPT;
	bool user, sup;

	if (exempt) {
		user = false;
		sup = true;
	} else if (flags & (GVA_WALK_USER_ACCESS | GVA_WALK_SUPERVISOR_ACCESS)) {
		user = flags & GVA_WALK_USER_ACCESS;
		sup = flags & GVA_WALK_SUPERVISOR_ACCESS;
	} else {
		user = r->cpl == 3;
		sup = !user;
	}
	if (ex && xd)
		return false;
	/* User mode: only user-mode addresses, writes need R/W everywhere. */
	if (user && (!us || (wr && !rw)))
		return false;
	if (!sup)
		return true;
	/* Supervisor writes to read-only pages fault only with CR0.WP. */
	if (wr && !rw && (r->cr0 & CR0_WP))
		return false;
	if (exempt || !us)
		return true;
	/* Supervisor access to a user-mode address: SMEP, SMAP. */
	if (ex && (r->cr4 & CR4_SMEP))
		return false;
	bool smap = (r->cr4 & CR4_SMAP) && !(flags & GVA_WALK_OVERRIDE_SMAP) &&
		    ((flags & GVA_WALK_ENFORCE_SMAP) || !(r->rflags & RFLAGS_AC));
	return !((rd || wr) && smap);
}

/* Set A/D: write byte 0 of the entry only (A is bit 5, D bit 6). */
static bool write_flags(const struct gva_walk_mem *mem, uint64_t addr, uint64_t ent)
{
	uint8_t b = (uint8_t)ent;
	return mem->write_gpa && mem->write_gpa(mem->ctx, addr, &b, 1);
}

static uint32_t finish(struct gva_walk_result *out, uint32_t code, uint64_t gpa)
{
	out->code = code;
	out->gpa = gpa;
	if (code != GVA_WALK_SUCCESS)
		out->page_shift = 0;
	return code;
}

/* Paging mode (SDM 4.1.1 Table 4-1), or false if gva is outside its range. */
static bool select_mode(const struct gva_walk_regs *r, uint64_t gva, struct walk *w)
{
	w->m = r->maxphyaddr;
	w->nxe = r->efer & EFER_NXE;
	w->esize = 8;
	if (!(r->cr4 & CR4_PAE)) {
		*w = (struct walk){ MODE_32, 2, 4, r->maxphyaddr, false };
		return !(gva >> 32);
	}
	if (!(r->efer & EFER_LME)) {
		w->mode = MODE_PAE;
		w->levels = 3;
		return !(gva >> 32);
	}
	bool la57 = r->cr4 & CR4_LA57;
	w->mode = la57 ? MODE_5L : MODE_4L;
	w->levels = la57 ? 5 : 4;
	/* Canonical: bits 63:(N-1) all equal, N = 57 or 48. */
	int64_t high = (int64_t)gva >> (la57 ? 56 : 47);
	return high == 0 || high == -1;
}

static uint64_t top_table(const struct walk *w, uint64_t cr3)
{
	if (w->mode == MODE_PAE)
		return cr3 & 0xffffffe0ull; /* 32-byte aligned PDPT */
	return cr3 & addr_mask(w);
}

uint32_t gva_walk(const struct gva_walk_regs *regs, uint64_t gva, uint64_t flags,
		  const struct gva_walk_mem *mem, struct gva_walk_result *out)
{
	struct walk w;
	bool us = true, rw = true, xd = false;
	bool set_bits = flags & GVA_WALK_SET_PAGE_TABLE_BITS;
	uint64_t leaf_addr = 0, leaf_ent = 0, gpa = 0;

	BUG_ON(regs->maxphyaddr < 32 || regs->maxphyaddr > 52);
	*out = (struct gva_walk_result){ 0 };
	if (!(regs->cr0 & CR0_PG)) {
		out->page_shift = 12;
		return finish(out, GVA_WALK_SUCCESS, gva);
	}
	if (!select_mode(regs, gva, &w))
		return finish(out, GVA_WALK_PAGE_NOT_PRESENT, 0);

	uint64_t table = top_table(&w, regs->cr3);
	for (unsigned l = w.levels;; l--) {
		unsigned shift = level_shift(&w, l);
		uint64_t addr = table + ((gva >> shift) & index_mask(&w, l)) * w.esize;
		uint64_t ent = 0; /* little-endian: a 4-byte read fills the low half */

		out->level = l;
		if (!mem->read_gpa(mem->ctx, addr, &ent, w.esize))
			return finish(out, GVA_WALK_GPA_UNMAPPED, addr);
		if (!(ent & PTE_P))
			return finish(out, GVA_WALK_PAGE_NOT_PRESENT, 0);
		bool leaf = l == 1 || (ps_honored(&w, l, regs->cr4) && (ent & PTE_PS));
		if (ent & reserved(&w, l, leaf))
			return finish(out, GVA_WALK_INVALID_PT_FLAGS, 0);
		/* PAE PDPTEs carry no rights and no accessed flag (Table 4-8). */
		if (!(w.mode == MODE_PAE && l == 3)) {
			us = us && (ent & PTE_US);
			rw = rw && (ent & PTE_RW);
			xd = xd || (w.nxe && (ent & PTE_XD));
			if (set_bits && !(ent & PTE_A)) {
				ent |= PTE_A;
				if (!write_flags(mem, addr, ent))
					return finish(out, GVA_WALK_GPA_NO_WRITE_ACCESS, addr);
			}
		}
		if (leaf) {
			gpa = leaf_base(&w, ent, shift) | (gva & bits(shift - 1, 0));
			out->page_shift = shift;
			leaf_addr = addr;
			leaf_ent = ent;
			break;
		}
		table = ent & addr_mask(&w);
	}

	if (!allowed(regs, flags, us, rw, xd))
		return finish(out, GVA_WALK_PRIVILEGE_VIOLATION, 0);
	if (set_bits && (flags & GVA_WALK_VALIDATE_WRITE) && !(leaf_ent & PTE_D) &&
	    !write_flags(mem, leaf_addr, leaf_ent | PTE_D))
		return finish(out, GVA_WALK_GPA_NO_WRITE_ACCESS, leaf_addr);
	return finish(out, GVA_WALK_SUCCESS, gpa);
}
