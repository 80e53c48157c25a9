/*
 * A virtual processor's architectural state, independent of VT-x.  One
 * instance per virtual trust level later (VSM); the VT-x backend moves it
 * into and out of the VMCS.  Segment attributes use the TLFS
 * HV_X64_SEGMENT_REGISTER encoding (bits 7:0 type/S/DPL/P, 15:12
 * AVL/L/D/G), which is also the VMX access-rights layout.
 */
#ifndef UNIHV_HV_VP_REGS_H
#define UNIHV_HV_VP_REGS_H

#include <stdint.h>

enum vp_gpr {
	GPR_RAX, GPR_RCX, GPR_RDX, GPR_RBX, GPR_RSP, GPR_RBP, GPR_RSI, GPR_RDI,
	GPR_R8, GPR_R9, GPR_R10, GPR_R11, GPR_R12, GPR_R13, GPR_R14, GPR_R15,
	GPR_COUNT
};

enum vp_seg { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS, SEG_LDTR, SEG_TR, SEG_COUNT };

struct vp_segment {
	uint64_t base;
	uint32_t limit;
	uint16_t selector;
	uint16_t attributes;
};

struct vp_table {
	uint64_t base;
	uint16_t limit;
};

/* FXSAVE image (Intel SDM Vol. 1 table 10-2): x87, MMX and XMM state. */
struct vp_fx_state {
	uint16_t fcw, fsw;
	uint8_t ftw, reserved0;
	uint16_t fop;
	uint64_t fip, fdp;
	uint32_t mxcsr, mxcsr_mask;
	uint8_t st[8][16];
	uint8_t xmm[16][16];
	uint8_t reserved1[96];
} __attribute__((aligned(16)));

_Static_assert(sizeof(struct vp_fx_state) == 512, "FXSAVE area is 512 bytes");

struct vp_regs {
	uint64_t gpr[GPR_COUNT]; /* x86 encoding order: the entry stub relies on it */
	uint64_t rip, rflags;
	uint64_t cr0, cr2, cr3, cr4, cr8, xcr0;
	uint64_t dr[4], dr6, dr7;
	struct vp_segment seg[SEG_COUNT];
	struct vp_table gdtr, idtr;
	uint64_t efer, pat, apic_base, tsc_aux;
	uint64_t kernel_gs_base, star, lstar, cstar, sfmask;
	uint64_t sysenter_cs, sysenter_eip, sysenter_esp;
	uint64_t pending_interruption; /* HvRegisterPendingInterruption */
	uint64_t interrupt_state;      /* HvRegisterInterruptState */
	uint64_t pending_debug;        /* HvX64RegisterPendingDebugException */
	struct vp_fx_state fx;
};

/*
 * The architectural reset state (Intel SDM Vol. 3A 9.1.1, table 9-1): real
 * mode at F000:FFF0 with CS base 0xFFFF0000.  apic_id becomes the initial
 * APIC ID; bsp sets the BSP bit in IA32_APIC_BASE.
 */
void vp_regs_reset(struct vp_regs *r, int bsp);

#endif
