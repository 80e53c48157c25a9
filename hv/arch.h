/*
 * What hv/ needs from a hardware virtualisation backend.  The VT-x backend
 * (hv/vmx/) implements it; an SVM backend would implement the same.  hv/
 * never includes a backend header directly.
 */
#ifndef UNIHV_HV_ARCH_H
#define UNIHV_HV_ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/exit.h"
#include "hv/vp_regs.h"

struct vp;

/*
 * Probe and enable virtualisation on the calling CPU (VMXON).  Call on every
 * CPU that will run VPs, with interrupts off.  Returns true when the CPU
 * can run guests; otherwise *why says why, and every VP operation fails
 * with a status rather than crashing.
 */
bool arch_cpu_enable(const char **why);
/* True once arch_cpu_enable succeeded on the boot CPU. */
bool arch_available(void);

/* Backend state of one VP: lives inside struct vp. */
struct arch_vp {
	uint64_t vmcs_phys;   /* one page from the partition's pool */
	uint16_t vpid;
	int cpu;              /* CPU whose VMCS cache holds it, -1 if none */
	bool launched;
	bool regs_in_vmcs;    /* vp->regs is stale: the VMCS holds the truth */
	bool interrupt_window; /* interrupt-window exiting is on in the VMCS */
	uint64_t cr0_shadow_mask, cr4_shadow_mask;
};

/* Pages the backend needs per VP from the partition pool. */
#define ARCH_VP_PAGES 1

/*
 * Set up the backend part of vp with the given zeroed page(s).  Returns
 * false when the hardware lacks something (no VPID left).  hv/vp.c only.
 */
bool arch_vp_init(struct vp *vp, uint64_t page_phys);
void arch_vp_destroy(struct vp *vp);

/*
 * Run vp on the calling CPU from vp->regs (or the VMCS, if it already holds
 * the state) until an exit hv/ must see; fills *exit.  Interrupts are off
 * on entry and on return.  The state stays in the VMCS: call
 * arch_vp_save_regs before reading vp->regs.
 */
void arch_vp_run(struct vp *vp, struct hv_exit *exit);

/* Copy the VMCS state into vp->regs (no-op when already there). */
void arch_vp_save_regs(struct vp *vp);
/* vp->regs changed: write them to the VMCS before the next entry. */
void arch_vp_regs_changed(struct vp *vp);
/* Take the VP off this CPU's VMCS cache (VMCLEAR) so any CPU may run it. */
void arch_vp_release(struct vp *vp);

/* Drop every linear and combined translation cached for vp on the calling
 * CPU (INVVPID single context); the run loop calls it before an entry. */
void arch_vp_flush_guest_tlb(struct vp *vp);

/* Skip the instruction that exited (advance RIP by its length). */
void arch_vp_skip_instruction(struct vp *vp, const struct hv_exit *exit);
/* Read or write one GPR while the state is in the VMCS. */
uint64_t arch_vp_get_gpr(struct vp *vp, enum vp_gpr r);
void arch_vp_set_gpr(struct vp *vp, enum vp_gpr r, uint64_t v);

/* What the hypercall ABI needs to know about the caller (TLFS 4). */
struct arch_call_context {
	unsigned cpl;
	bool protected_mode; /* CR0.PE */
	bool virtual_8086;   /* RFLAGS.VM */
	bool long64;         /* EFER.LMA and CS.L: the 64-bit convention */
};
/* Read it for a VP stopped at an exit (state in the VMCS). */
void arch_vp_call_context(struct vp *vp, struct arch_call_context *c);
/* Inject a hardware exception at the next entry (state in the VMCS). */
void arch_vp_inject_exception(struct vp *vp, uint8_t vector, bool has_error, uint32_t error);

/*
 * Virtual interrupt delivery (hv/vp.c run loop).  arch_vp_prepare loads
 * vp's state into the hardware of the calling CPU, as arch_vp_run does
 * first (idempotent); the others need it done.
 * arch_vp_interruptible: RFLAGS.IF=1, no STI/MOV-SS blocking and no event
 * already set for injection at the next entry.
 * arch_vp_inject_interrupt: inject vector as an external interrupt.
 * arch_vp_interrupt_window: exit (HV_EXIT_INTERRUPT_WINDOW) as soon as the
 * guest can take an interrupt, or stop doing so.
 */
void arch_vp_prepare(struct vp *vp);
bool arch_vp_interrupts_enabled(struct vp *vp); /* RFLAGS.IF */
bool arch_vp_interruptible(struct vp *vp);
void arch_vp_inject_interrupt(struct vp *vp, uint8_t vector);
void arch_vp_interrupt_window(struct vp *vp, bool on);

/* CR4 bits a guest may set on this hardware (VMXE excluded). */
uint64_t arch_guest_cr4_allowed(void);

/* EPT pointer for a partition's tables (hv/ept.h builds them). */
uint64_t arch_ept_pointer(uint64_t pml4_phys);
/* Invalidate every cached translation derived from this EPT pointer on the
 * calling CPU. */
void arch_flush_ept(uint64_t eptp);

#endif
