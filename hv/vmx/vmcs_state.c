/*
 * Moving a VP's architectural state between struct vp_regs and the
 * current VMCS (Intel SDM Vol. 3C 25.4 "Guest-state area"), and the
 * CR0/CR4 shadowing that lets a guest see its own values while VMX forces
 * some bits (25.6.6 "Guest/Host Masks and Read Shadows").
 */
#include "hv/vmx/vmx_internal.h"
#include "hv/vmx/vmcs_fields.h"
#include "hv/vmx/vmx_insn.h"
#include "hv/vmx/vmx_caps.h"
#include "arch/boot_defs.h"
#include "arch/cpu.h"

#define CR0_PE_PG (CR0_PE | CR0_PG)
#define EFER_LMA (1ull << 10)

static const uint32_t seg_sel[SEG_COUNT] = {
	VMCS_GUEST_ES_SEL, VMCS_GUEST_CS_SEL, VMCS_GUEST_SS_SEL, VMCS_GUEST_DS_SEL,
	VMCS_GUEST_FS_SEL, VMCS_GUEST_GS_SEL, VMCS_GUEST_LDTR_SEL, VMCS_GUEST_TR_SEL,
};
static const uint32_t seg_base[SEG_COUNT] = {
	VMCS_GUEST_ES_BASE, VMCS_GUEST_CS_BASE, VMCS_GUEST_SS_BASE, VMCS_GUEST_DS_BASE,
	VMCS_GUEST_FS_BASE, VMCS_GUEST_GS_BASE, VMCS_GUEST_LDTR_BASE, VMCS_GUEST_TR_BASE,
};
static const uint32_t seg_limit[SEG_COUNT] = {
	VMCS_GUEST_ES_LIMIT, VMCS_GUEST_CS_LIMIT, VMCS_GUEST_SS_LIMIT, VMCS_GUEST_DS_LIMIT,
	VMCS_GUEST_FS_LIMIT, VMCS_GUEST_GS_LIMIT, VMCS_GUEST_LDTR_LIMIT, VMCS_GUEST_TR_LIMIT,
};
static const uint32_t seg_ar[SEG_COUNT] = {
	VMCS_GUEST_ES_AR, VMCS_GUEST_CS_AR, VMCS_GUEST_SS_AR, VMCS_GUEST_DS_AR,
	VMCS_GUEST_FS_AR, VMCS_GUEST_GS_AR, VMCS_GUEST_LDTR_AR, VMCS_GUEST_TR_AR,
};

/* VMX marks a null segment "unusable" (AR bit 16), not "not present". */
#define AR_UNUSABLE (1u << 16)

uint64_t vmx_cr0_mask(void)
{
	/* Bits VMX forces either way, except PE/PG (unrestricted guest). */
	return (vmx_caps.cr0_fixed0 | ~vmx_caps.cr0_fixed1) & ~(uint64_t)CR0_PE_PG;
}

uint64_t vmx_cr4_mask(void)
{
	return vmx_caps.cr4_fixed0 | ~vmx_caps.cr4_fixed1;
}

uint64_t vmx_real_cr0(uint64_t guest)
{
	uint64_t fixed0 = vmx_caps.cr0_fixed0 & ~(uint64_t)CR0_PE_PG;
	return (guest | fixed0) & (vmx_caps.cr0_fixed1 | CR0_PE_PG);
}

uint64_t vmx_real_cr4(uint64_t guest)
{
	return (guest | vmx_caps.cr4_fixed0) & vmx_caps.cr4_fixed1;
}

void vmx_update_entry_mode(uint64_t efer)
{
	uint32_t entry = vmx_caps.entry;
	if (efer & EFER_LMA)
		entry |= ENTRY_IA32E_MODE_GUEST;
	vmwrite(VMCS_ENTRY_CONTROLS, entry);
}

void vmx_write_guest_state(const struct vp_regs *r)
{
	for (int s = 0; s < SEG_COUNT; s++) {
		const struct vp_segment *g = &r->seg[s];
		uint32_t ar = g->attributes & 0xf0ff;
		/* A segment that is not present is unusable to VMX; TR and CS
		 * must stay usable (SDM 26.3.1.2). */
		if (!(ar & 0x80) && s != SEG_TR && s != SEG_CS)
			ar |= AR_UNUSABLE;
		vmwrite(seg_sel[s], g->selector);
		vmwrite(seg_base[s], g->base);
		vmwrite(seg_limit[s], g->limit);
		vmwrite(seg_ar[s], ar);
	}
	vmwrite(VMCS_GUEST_GDTR_BASE, r->gdtr.base);
	vmwrite(VMCS_GUEST_GDTR_LIMIT, r->gdtr.limit);
	vmwrite(VMCS_GUEST_IDTR_BASE, r->idtr.base);
	vmwrite(VMCS_GUEST_IDTR_LIMIT, r->idtr.limit);

	vmwrite(VMCS_CR0_READ_SHADOW, r->cr0);
	vmwrite(VMCS_GUEST_CR0, vmx_real_cr0(r->cr0));
	vmwrite(VMCS_CR4_READ_SHADOW, r->cr4);
	vmwrite(VMCS_GUEST_CR4, vmx_real_cr4(r->cr4));
	vmwrite(VMCS_GUEST_CR3, r->cr3);
	vmwrite(VMCS_GUEST_DR7, r->dr7);
	vmwrite(VMCS_GUEST_RSP, r->gpr[GPR_RSP]);
	vmwrite(VMCS_GUEST_RIP, r->rip);
	vmwrite(VMCS_GUEST_RFLAGS, r->rflags);
	vmwrite(VMCS_GUEST_EFER, r->efer);
	vmwrite(VMCS_GUEST_PAT, r->pat);
	vmwrite(VMCS_GUEST_SYSENTER_CS, r->sysenter_cs);
	vmwrite(VMCS_GUEST_SYSENTER_EIP, r->sysenter_eip);
	vmwrite(VMCS_GUEST_SYSENTER_ESP, r->sysenter_esp);
	vmwrite(VMCS_GUEST_DEBUGCTL, 0);
	vmwrite(VMCS_GUEST_PENDING_DBG, r->pending_debug);
	vmwrite(VMCS_GUEST_INTERRUPTIBILITY,
		((r->interrupt_state & 1) ? INTERRUPTIBILITY_STI : 0) |
			((r->interrupt_state & 2) ? INTERRUPTIBILITY_NMI : 0));
	vmwrite(VMCS_GUEST_ACTIVITY_STATE, ACTIVITY_ACTIVE);
	vmx_update_entry_mode(r->efer);

	/* HvRegisterPendingInterruption maps onto the VM-entry interruption
	 * information (TLFS data-types 8.3; SDM 25.8.3). */
	uint64_t pi = r->pending_interruption;
	if (pi & 1) {
		uint32_t info = INTR_INFO_VALID | (uint32_t)((pi >> 16) & 0xff) |
				(uint32_t)(((pi >> 1) & 7) << 8) |
				((pi & (1u << 4)) ? INTR_INFO_DELIVER_CODE : 0);
		vmwrite(VMCS_ENTRY_INTR_INFO, info);
		vmwrite(VMCS_ENTRY_EXCEPTION_ERRCODE, pi >> 32);
		vmwrite(VMCS_ENTRY_INSTRUCTION_LEN, (pi >> 5) & 0xf);
	} else {
		vmwrite(VMCS_ENTRY_INTR_INFO, 0);
	}
}

void vmx_read_guest_state(struct vp_regs *r)
{
	for (int s = 0; s < SEG_COUNT; s++) {
		struct vp_segment *g = &r->seg[s];
		uint32_t ar = (uint32_t)vmread(seg_ar[s]);
		g->selector = (uint16_t)vmread(seg_sel[s]);
		g->base = vmread(seg_base[s]);
		g->limit = (uint32_t)vmread(seg_limit[s]);
		/* Report an unusable segment as not present. */
		g->attributes = (uint16_t)((ar & AR_UNUSABLE) ? (ar & 0xf07f) : (ar & 0xf0ff));
	}
	r->gdtr.base = vmread(VMCS_GUEST_GDTR_BASE);
	r->gdtr.limit = (uint16_t)vmread(VMCS_GUEST_GDTR_LIMIT);
	r->idtr.base = vmread(VMCS_GUEST_IDTR_BASE);
	r->idtr.limit = (uint16_t)vmread(VMCS_GUEST_IDTR_LIMIT);

	uint64_t m0 = vmx_cr0_mask(), m4 = vmx_cr4_mask();
	r->cr0 = (vmread(VMCS_GUEST_CR0) & ~m0) | (vmread(VMCS_CR0_READ_SHADOW) & m0);
	r->cr4 = (vmread(VMCS_GUEST_CR4) & ~m4) | (vmread(VMCS_CR4_READ_SHADOW) & m4);
	r->cr3 = vmread(VMCS_GUEST_CR3);
	r->dr7 = vmread(VMCS_GUEST_DR7);
	r->gpr[GPR_RSP] = vmread(VMCS_GUEST_RSP);
	r->rip = vmread(VMCS_GUEST_RIP);
	r->rflags = vmread(VMCS_GUEST_RFLAGS);
	r->efer = vmread(VMCS_GUEST_EFER);
	r->pat = vmread(VMCS_GUEST_PAT);
	r->sysenter_cs = vmread(VMCS_GUEST_SYSENTER_CS);
	r->sysenter_eip = vmread(VMCS_GUEST_SYSENTER_EIP);
	r->sysenter_esp = vmread(VMCS_GUEST_SYSENTER_ESP);
	r->pending_debug = vmread(VMCS_GUEST_PENDING_DBG);
	uint32_t intr = (uint32_t)vmread(VMCS_GUEST_INTERRUPTIBILITY);
	r->interrupt_state = ((intr & (INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS)) ? 1 : 0) |
			     ((intr & INTERRUPTIBILITY_NMI) ? 2 : 0);

	/* The event the next entry will inject: one whose delivery the exit
	 * interrupted (vmx_decode_exit re-queued it from the IDT-vectoring
	 * information, SDM 28.2.4), or one a refused entry never delivered
	 * (arch_vp_run put it back).  Every other exit clears the valid bit. */
	uint32_t info = (uint32_t)vmread(VMCS_ENTRY_INTR_INFO);
	if (info & INTR_INFO_VALID) {
		uint64_t type = (info >> 8) & 7;
		r->pending_interruption = 1 | (type << 1) |
					  ((info & INTR_INFO_DELIVER_CODE) ? 1u << 4 : 0) |
					  (type >= 4 ? (vmread(VMCS_ENTRY_INSTRUCTION_LEN) & 0xf) << 5 : 0) |
					  ((uint64_t)(info & 0xff) << 16) |
					  ((uint64_t)(uint32_t)vmread(VMCS_ENTRY_EXCEPTION_ERRCODE) << 32);
	} else {
		r->pending_interruption = 0;
	}
}
