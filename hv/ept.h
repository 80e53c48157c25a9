/*
 * Intel EPT page tables for one guest-physical address space.  Intel SDM
 * Vol. 3C "The Extended Page Table Mechanism (EPT)" (28.3; 28.2 in older
 * editions); EPTP format: "Extended-Page-Table Pointer (EPTP)" (24.6.11).
 * Section numbers move between SDM editions: the titles are the anchors.
 *
 * 4-level tables, 4 KiB and 2 MiB leaves.  Pure logic: table pages come
 * from the caller (struct ept_ops) and are reached through phys_to_virt;
 * no locking (the caller holds the partition's memory lock for every call
 * on one struct ept); no TLB maintenance: after any call that removes,
 * narrows, redirects or splits a present mapping the caller must INVEPT
 * (single-context, this EPTP) on every CPU that may have used it before
 * the old page is reused (SDM "Operations that Invalidate Cached
 * Mappings", 28.4.3.1 in older editions).  Installing into an empty slot needs no invalidation.
 *
 * Entries are written with single 8-byte atomic stores and a new table is
 * filled before it is linked, so a CPU walking the tables concurrently
 * always sees either the old or the new translation.
 *
 * Table pages freed by a call (a table left empty by an unmap, an empty
 * page table replaced by a 2 MiB leaf) go back through free_table at
 * once, but a CPU's paging-structure cache may still point at them until
 * the INVEPT: the pool behind free_table must not hand them out again
 * before that INVEPT (do it before dropping the memory lock).
 *
 * Leaf entries carry a software bit (EPT_SW_LEAF, ignored by hardware) so
 * that a mapping with no access (perms 0: hardware treats the entry as
 * not present, SDM "EPT Translation Mechanism") keeps its host address
 * and still counts as mapped.
 */
#ifndef UNIHV_HV_EPT_H
#define UNIHV_HV_EPT_H

#include <stdbool.h>
#include <stdint.h>

/* Status codes. */
#define EPT_OK             0
#define EPT_ERR_NOMEM      1 /* the table-page pool is empty; nothing changed */
#define EPT_ERR_INVALID    2 /* bad alignment, address, perms or memtype */
#define EPT_ERR_NOT_MAPPED 3 /* no leaf of the requested size at that gpa */
#define EPT_ERR_BUSY       4 /* 2 MiB range still holds 4 KiB mappings */

/* Permissions, entry bits 2:0 (SDM "EPT Translation Mechanism"). */
#define EPT_PERM_R   0x1u
#define EPT_PERM_W   0x2u
#define EPT_PERM_X   0x4u
#define EPT_PERM_RWX 0x7u

/* Memory types, leaf bits 5:3 (SDM "EPT and Memory Typing"); 2, 3, 7 misconfigure. */
#define EPT_MT_UC 0u
#define EPT_MT_WC 1u
#define EPT_MT_WT 4u
#define EPT_MT_WP 5u
#define EPT_MT_WB 6u

/* Entry bits. */
#define EPT_E_MT_SHIFT 3
#define EPT_E_IPAT     (1ull << 6)  /* ignore guest PAT (left clear) */
#define EPT_E_LARGE    (1ull << 7)  /* PDE/PDPTE maps a page */
#define EPT_E_A        (1ull << 8)  /* accessed, if EPTP bit 6 */
#define EPT_E_D        (1ull << 9)  /* dirty (leaf), if EPTP bit 6 */
#define EPT_SW_LEAF    (1ull << 52) /* ignored by hardware: "this is our leaf" */
#define EPT_E_ADDR     0x000ffffffffff000ull

/* Leaf levels reported by ept_lookup. */
#define EPT_LEVEL_4K 1
#define EPT_LEVEL_2M 2

#define EPT_SIZE_4K (1ull << 12)
#define EPT_SIZE_2M (1ull << 21)

struct ept_ops {
	/* A zeroed, 4 KiB aligned page; its physical address, or 0 if none. */
	uint64_t (*alloc_table)(void *ctx);
	/* Give back a page from alloc_table. */
	void (*free_table)(void *ctx, uint64_t phys);
	/* Hypervisor pointer to physical address phys (identity map in the image). */
	void *(*phys_to_virt)(void *ctx, uint64_t phys);
	void *ctx;
};

struct ept {
	struct ept_ops ops;
	uint64_t pml4;        /* physical address of the PML4 */
	uint64_t gpa_limit;   /* 1 << gpa_width_bits */
	bool exec_only;       /* execute-only leaves allowed (VMX cap bit 0) */
	/* Counters. */
	uint64_t table_pages; /* table pages owned, PML4 included */
	uint64_t leaves_4k;   /* 4 KiB leaves present */
	uint64_t leaves_2m;   /* 2 MiB leaves present */
	uint64_t splits;      /* 2 MiB leaves split into 4 KiB leaves */
};

/*
 * Set up an empty address space of 2^gpa_width_bits bytes (21..48) and
 * allocate its PML4.  ops is copied.  EPT_ERR_INVALID for a bad width,
 * EPT_ERR_NOMEM if alloc_table fails.  Called by the partition when it is
 * created; pair with ept_destroy.
 */
int ept_init(struct ept *e, const struct ept_ops *ops, unsigned gpa_width_bits);

/*
 * Free every table page (the PML4 too).  Guest pages the leaves point at
 * belong to the caller and are not touched: release their ownership first
 * (ept_unmap_*) if they must be accounted.  The EPTP must no longer be in
 * use by any CPU (INVEPT done).
 */
void ept_destroy(struct ept *e);

/*
 * Allow execute-only leaves (perms == EPT_PERM_X): only if
 * IA32_VMX_EPT_VPID_CAP bit 0 is set (SDM Appendix A.10); otherwise such
 * an entry is an EPT misconfiguration (SDM "EPT Misconfigurations") and
 * ept_map_* / ept_protect* refuse it.  Default: not allowed.
 */
void ept_set_execute_only(struct ept *e, bool supported);

/*
 * Map the 4 KiB page at gpa to hpa with perms (EPT_PERM_*; W needs R; 0 =
 * mapped, no access) and memtype (EPT_MT_*).  hpa must be host RAM below
 * the CPU's MAXPHYADDR (only < 2^52 is checked here).  Replaces an
 * existing 4 KiB leaf; a 2 MiB leaf covering gpa is first split into 512
 * 4 KiB leaves with its attributes.  *had_old / *old_hpa (may be NULL) report the page
 * gpa mapped before (for a split 2 MiB leaf: that leaf's 4 KiB piece), so
 * the caller can release its ownership.  Needs up to
 * ept_tables_needed_for_4k() table pages; on EPT_ERR_NOMEM or
 * EPT_ERR_INVALID nothing changed.
 */
int ept_map_4k(struct ept *e, uint64_t gpa, uint64_t hpa, unsigned perms,
	       unsigned memtype, uint64_t *old_hpa, bool *had_old);

/*
 * Map the 2 MiB page at gpa (2 MiB aligned) to hpa (2 MiB aligned).
 * Replaces a 2 MiB leaf (reported like ept_map_4k); an empty page table
 * in the slot is freed; EPT_ERR_BUSY if any 4 KiB leaf is mapped in the
 * range (unmap those first to learn their pages).  Needs up to
 * ept_tables_needed_for_2m() table pages; on error nothing changed.
 */
int ept_map_2m(struct ept *e, uint64_t gpa, uint64_t hpa, unsigned perms,
	       unsigned memtype, uint64_t *old_hpa, bool *had_old);

/*
 * Remove the 4 KiB mapping at gpa, splitting a covering 2 MiB leaf first
 * (needs one table page: EPT_ERR_NOMEM changes nothing).  Reports the
 * removed page.  EPT_ERR_NOT_MAPPED (with *had_old = false) if nothing
 * maps gpa.  Tables left empty are freed.
 */
int ept_unmap_4k(struct ept *e, uint64_t gpa, uint64_t *old_hpa, bool *had_old);

/*
 * Remove the 2 MiB leaf at gpa (2 MiB aligned).  EPT_ERR_BUSY if the range
 * is mapped with 4 KiB leaves, EPT_ERR_NOT_MAPPED if nothing is mapped.
 */
int ept_unmap_2m(struct ept *e, uint64_t gpa, uint64_t *old_hpa, bool *had_old);

/*
 * Change the permissions of the 4 KiB page at gpa, splitting a covering
 * 2 MiB leaf if perms differ (one table page; EPT_ERR_NOMEM changes
 * nothing).  A/D bits and memtype are kept.  EPT_ERR_NOT_MAPPED if
 * nothing maps gpa.
 */
int ept_protect(struct ept *e, uint64_t gpa, unsigned perms);

/* Same for the whole 2 MiB leaf at gpa (2 MiB aligned); EPT_ERR_BUSY on 4 KiB leaves. */
int ept_protect_2m(struct ept *e, uint64_t gpa, unsigned perms);

/*
 * Translate gpa: *hpa = host physical address of that byte, *perms, and
 * *level (EPT_LEVEL_4K or EPT_LEVEL_2M); any out pointer may be NULL.
 * EPT_ERR_NOT_MAPPED if no leaf covers gpa, EPT_ERR_INVALID beyond the
 * address space.
 */
int ept_lookup(const struct ept *e, uint64_t gpa, uint64_t *hpa, unsigned *perms,
	       unsigned *level);

/*
 * Table pages ept_map_4k / ept_map_2m at gpa would allocate right now
 * (0..3 / 0..2; a split counts 1), so a caller can check its pool before
 * changing anything.  0 for an invalid gpa.
 */
unsigned ept_tables_needed_for_4k(const struct ept *e, uint64_t gpa);
unsigned ept_tables_needed_for_2m(const struct ept *e, uint64_t gpa);

/*
 * The VMCS EPT pointer (SDM "Extended-Page-Table Pointer (EPTP)"): memory
 * type WB in bits 2:0 (needs IA32_VMX_EPT_VPID_CAP bit 14), page-walk
 * length - 1 = 3 in bits 5:3 (cap bit 6), bit 6 enables accessed/dirty
 * flags (only if cap bit 21), PML4 physical address in bits 51:12.
 */
uint64_t ept_pointer(const struct ept *e, bool enable_ad);

/* Table pages currently owned (1 = just the PML4; 0 after ept_destroy). */
uint64_t ept_table_pages(const struct ept *e);

/*
 * Call fn for every leaf in ascending GPA order: its GPA, host physical
 * address and size (4 KiB or 2 MiB).  fn returns false to stop.  The
 * caller keeps the tables stable (the memory lock).
 */
typedef bool (*ept_leaf_fn)(void *ctx, uint64_t gpa, uint64_t hpa, uint64_t size);
void ept_for_each_leaf(const struct ept *e, ept_leaf_fn fn, void *ctx);

#endif
