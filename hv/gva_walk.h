/*
 * Guest page-table walk: translate a guest virtual address the way the
 * guest's own MMU would, for HvCallTranslateVirtualAddress (spec:
 * hypercalls.md 0x0052, data-types.md §16) and for instruction emulation.
 *
 * Intel SDM Vol. 3A chapter 4 "Paging": 32-bit paging (4.3, 4 MiB pages
 * with CR4.PSE, PSE-36 up to 40 address bits), PAE paging (4.4), 4-level
 * and 5-level paging (4.5, CR4.LA57); access rights as in 4.6 (U/S, R/W
 * with CR0.WP, XD with EFER.NXE, SMEP, SMAP); reserved bits as in 4.7.
 *
 * Pure logic: guest memory is reached only through the callbacks, each
 * paging-structure entry is read once (no double fetch).  Not modelled:
 * protection keys (CR4.PKE/PKS), shadow-stack accesses, HLAT, and the PAE
 * PDPTE registers (the PDPTEs are re-read from memory at CR3, not taken
 * from the values loaded at the last MOV CR3 / VM entry).  The final data
 * page is not checked against the partition's GPA map: the caller does
 * that if it needs to.
 */
#ifndef UNIHV_HV_GVA_WALK_H
#define UNIHV_HV_GVA_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* HV_TRANSLATE_GVA_CONTROL_FLAGS (data-types.md §16). */
#define GVA_WALK_VALIDATE_READ      0x001ull
#define GVA_WALK_VALIDATE_WRITE     0x002ull
#define GVA_WALK_VALIDATE_EXECUTE   0x004ull
#define GVA_WALK_PRIVILEGE_EXEMPT   0x008ull /* as CPL 0, no SMEP/SMAP */
#define GVA_WALK_SET_PAGE_TABLE_BITS 0x010ull /* set A (and D on write) */
#define GVA_WALK_TLB_FLUSH_INHIBIT  0x020ull /* ignored here (caller's job) */
#define GVA_WALK_SUPERVISOR_ACCESS  0x040ull
#define GVA_WALK_USER_ACCESS        0x080ull
#define GVA_WALK_ENFORCE_SMAP       0x100ull /* SMAP as with EFLAGS.AC = 0 */
#define GVA_WALK_OVERRIDE_SMAP      0x200ull /* SMAP as with EFLAGS.AC = 1 */
#define GVA_WALK_SHADOW_STACK       0x400ull /* ignored here */
#define GVA_WALK_INPUT_VTL_MASK     0xff00000000000000ull

/* HV_TRANSLATE_GVA_RESULT codes produced by the walk. */
#define GVA_WALK_SUCCESS              0u
#define GVA_WALK_PAGE_NOT_PRESENT     1u /* P = 0, or GVA beyond the mode's range */
#define GVA_WALK_PRIVILEGE_VIOLATION  2u
#define GVA_WALK_INVALID_PT_FLAGS     3u /* reserved bit set (incl. XD without NXE) */
#define GVA_WALK_GPA_UNMAPPED         4u /* a paging structure could not be read */
#define GVA_WALK_GPA_NO_WRITE_ACCESS  6u /* A/D update could not be written */

/* The VP state the walk depends on (read from the VMCS by the backend). */
struct gva_walk_regs {
	uint64_t cr0, cr3, cr4, efer;
	uint64_t rflags;     /* only AC (bit 18) is used: SMAP */
	unsigned cpl;        /* SS.DPL; 3 = user mode */
	unsigned maxphyaddr; /* guest MAXPHYADDR (CPUID 0x80000008 EAX[7:0]), 32..52 */
};

/* Guest-physical memory of the partition. false = GPA not accessible. */
struct gva_walk_mem {
	bool (*read_gpa)(void *ctx, uint64_t gpa, void *buf, size_t len);
	bool (*write_gpa)(void *ctx, uint64_t gpa, const void *buf, size_t len);
	void *ctx;
};

struct gva_walk_result {
	uint32_t code;       /* GVA_WALK_* result code (also the return value) */
	uint64_t gpa;        /* success: GPA of the byte at gva; GPA_UNMAPPED /
				GPA_NO_WRITE_ACCESS: GPA of the paging-structure
				entry that failed (>> 12 = the table page); else 0 */
	unsigned page_shift; /* success: 12, 21, 22 or 30 (page size); 0 otherwise */
	unsigned level;      /* paging level where the walk ended (1 = PT) */
};

/*
 * Translate gva for the VP state in *regs.
 *
 * flags: GVA_WALK_* control flags.  Accesses named by VALIDATE_* are
 * checked against the combined rights of every level; user or supervisor
 * mode comes from USER_ACCESS / SUPERVISOR_ACCESS (both: must pass both),
 * else from regs->cpl; PRIVILEGE_EXEMPT checks as CPL 0 without SMEP/SMAP
 * (R/W with CR0.WP and XD still apply).  SMAP follows RFLAGS.AC unless
 * OVERRIDE_SMAP (wins) or ENFORCE_SMAP.  Checking that at least one
 * VALIDATE_* bit is set and no reserved bit is set is the hypercall
 * handler's job.
 *
 * SET_PAGE_TABLE_BITS sets the accessed flag in every entry walked (as the
 * walk goes: not rolled back if it fails later) and the dirty flag in the
 * leaf when VALIDATE_WRITE is set and the access is allowed.  Only byte 0
 * of the entry is written (write_gpa with len 1), but that is not atomic
 * against the guest: call with the target VP not running, or accept that a
 * concurrent guest change of bits 7:0 of that entry can be lost.
 *
 * CR0.PG = 0: identity, always success.  Returns the result code, also
 * stored in out->code.  Callable from any hv/ context that can read guest
 * memory; regs->maxphyaddr outside 32..52 is a hypervisor bug (BUG_ON).
 */
uint32_t gva_walk(const struct gva_walk_regs *regs, uint64_t gva, uint64_t flags,
		  const struct gva_walk_mem *mem, struct gva_walk_result *out);

#endif
