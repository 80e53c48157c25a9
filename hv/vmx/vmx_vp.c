/*
 * Running a VP under VT-x: VMCS set-up (Intel SDM Vol. 3C chapter 25),
 * host state (25.5), the entry/exit loop, and moving the VP between CPUs
 * (VMCLEAR, 25.11.1).
 */
#include <string.h>
#include "hv/arch.h"
#include "hv/vp.h"
#include "hv/partition.h"
#include "hv/vmx/vmx_internal.h"
#include "hv/vmx/vmx_caps.h"
#include "hv/vmx/vmcs_fields.h"
#include "hv/vmx/vmx_insn.h"
#include "arch/cpu.h"
#include "arch/gdt.h"
#include "lib/bug.h"
#include "smp/percpu.h"

#define MSR_PAT 0x277
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_CSTAR 0xc0000083
#define MSR_SFMASK 0xc0000084
#define MSR_TSC_AUX 0xc0000103

static uint64_t current_vmcs[MAX_CPUS];
static volatile uint16_t next_vpid = 1;

struct __attribute__((packed)) dtr {
	uint16_t limit;
	uint64_t base;
};

bool arch_vp_init(struct vp *vp, uint64_t page_phys)
{
	uint16_t vpid = __atomic_fetch_add(&next_vpid, 1, __ATOMIC_RELAXED);

	if (vpid == 0)
		return false; /* 65535 VPs created since boot */
	memset(&vp->arch, 0, sizeof(vp->arch));
	vp->arch.vmcs_phys = page_phys;
	vp->arch.vpid = vpid;
	vp->arch.cpu = -1;
	*(uint32_t *)(uintptr_t)page_phys = vmx_caps.revision;
	return true;
}

void arch_vp_destroy(struct vp *vp)
{
	arch_vp_release(vp);
	if (vmx_caps.invvpid)
		invvpid(INVVPID_SINGLE_CONTEXT, vp->arch.vpid);
}

/* Host state for this CPU (SDM 25.5, checked at entry by 26.2.3). */
static void write_host_state(void)
{
	struct dtr gdtr, idtr;
	__asm__ volatile("sgdt %0; sidt %1" : "=m"(gdtr), "=m"(idtr));
	const uint64_t *gdt = (const uint64_t *)(uintptr_t)gdtr.base;
	uint64_t tss = ((gdt[3] >> 16) & 0xffffff) | (((gdt[3] >> 56) & 0xff) << 24) |
		       (gdt[4] << 32);

	vmwrite(VMCS_HOST_CR0, read_cr0());
	vmwrite(VMCS_HOST_CR3, read_cr3());
	vmwrite(VMCS_HOST_CR4, read_cr4());
	vmwrite(VMCS_HOST_CS_SEL, GDT_KERNEL_CS);
	vmwrite(VMCS_HOST_SS_SEL, GDT_KERNEL_DS);
	vmwrite(VMCS_HOST_DS_SEL, GDT_KERNEL_DS);
	vmwrite(VMCS_HOST_ES_SEL, GDT_KERNEL_DS);
	vmwrite(VMCS_HOST_FS_SEL, 0);
	vmwrite(VMCS_HOST_GS_SEL, 0);
	vmwrite(VMCS_HOST_TR_SEL, GDT_TSS);
	vmwrite(VMCS_HOST_FS_BASE, rdmsr(MSR_FS_BASE));
	vmwrite(VMCS_HOST_GS_BASE, rdmsr(MSR_GS_BASE));
	vmwrite(VMCS_HOST_TR_BASE, tss);
	vmwrite(VMCS_HOST_GDTR_BASE, gdtr.base);
	vmwrite(VMCS_HOST_IDTR_BASE, idtr.base);
	vmwrite(VMCS_HOST_SYSENTER_CS, 0);
	vmwrite(VMCS_HOST_SYSENTER_ESP, 0);
	vmwrite(VMCS_HOST_SYSENTER_EIP, 0);
	vmwrite(VMCS_HOST_EFER, rdmsr(0xc0000080));
	vmwrite(VMCS_HOST_PAT, rdmsr(MSR_PAT));
	vmwrite(VMCS_HOST_RIP, (uint64_t)(uintptr_t)vmx_exit_landing);
}

static void write_controls(struct vp *vp)
{
	vmwrite(VMCS_PIN_CONTROLS, vmx_caps.pin);
	vmwrite(VMCS_PROC_CONTROLS, vmx_caps.proc);
	vp->arch.interrupt_window = false;
	vmwrite(VMCS_PROC_CONTROLS2, vmx_caps.proc2);
	vmwrite(VMCS_EXIT_CONTROLS, vmx_caps.exit);
	vmwrite(VMCS_ENTRY_CONTROLS, vmx_caps.entry);
	vmwrite(VMCS_EXCEPTION_BITMAP, vp->partition->exception_bitmap);
	vmwrite(VMCS_PF_ERROR_MASK, 0);
	vmwrite(VMCS_PF_ERROR_MATCH, 0);
	vmwrite(VMCS_CR3_TARGET_COUNT, 0);
	vmwrite(VMCS_EXIT_MSR_STORE_COUNT, 0);
	vmwrite(VMCS_EXIT_MSR_LOAD_COUNT, 0);
	vmwrite(VMCS_ENTRY_MSR_LOAD_COUNT, 0);
	vmwrite(VMCS_IO_BITMAP_A, vmx_io_bitmap_a);
	vmwrite(VMCS_IO_BITMAP_B, vmx_io_bitmap_b);
	vmwrite(VMCS_MSR_BITMAP, vmx_msr_bitmap);
	vmwrite(VMCS_CR0_GUEST_HOST_MASK, vmx_cr0_mask());
	vmwrite(VMCS_CR4_GUEST_HOST_MASK, vmx_cr4_mask());
	vmwrite(VMCS_LINK_POINTER, ~0ull);
	vmwrite(VMCS_VPID, vp->arch.vpid);
	vmwrite(VMCS_EPT_POINTER, vp->partition->eptp);
	vmwrite(VMCS_TSC_OFFSET, 0);
	if (vmx_caps.pin & PIN_PREEMPTION_TIMER)
		vmwrite(VMCS_PREEMPTION_TIMER_VALUE, vmx_caps.preemption_slice);
}

/* State the guest uses directly but the VMCS does not switch. */
static void load_guest_msrs(const struct vp_regs *r)
{
	wrmsr(MSR_KERNEL_GS_BASE, r->kernel_gs_base);
	wrmsr(MSR_STAR, r->star);
	wrmsr(MSR_LSTAR, r->lstar);
	wrmsr(MSR_CSTAR, r->cstar);
	wrmsr(MSR_SFMASK, r->sfmask);
	wrmsr(MSR_TSC_AUX, r->tsc_aux);
	/* CR2 is not in the VMCS: the host never faults, so the guest's value
	 * can stay in the register while the VP is loaded here. */
	write_cr2(r->cr2);
	__asm__ volatile("mov %0, %%dr0; mov %1, %%dr1; mov %2, %%dr2; mov %3, %%dr3; mov %4, %%dr6"
			 : : "r"(r->dr[0]), "r"(r->dr[1]), "r"(r->dr[2]), "r"(r->dr[3]), "r"(r->dr6));
}

static void save_guest_msrs(struct vp_regs *r)
{
	r->kernel_gs_base = rdmsr(MSR_KERNEL_GS_BASE);
	r->star = rdmsr(MSR_STAR);
	r->lstar = rdmsr(MSR_LSTAR);
	r->cstar = rdmsr(MSR_CSTAR);
	r->sfmask = rdmsr(MSR_SFMASK);
	r->tsc_aux = rdmsr(MSR_TSC_AUX);
	r->cr2 = read_cr2();
	__asm__ volatile("mov %%dr0, %0; mov %%dr1, %1; mov %%dr2, %2; mov %%dr3, %3; mov %%dr6, %4"
			 : "=r"(r->dr[0]), "=r"(r->dr[1]), "=r"(r->dr[2]), "=r"(r->dr[3]), "=r"(r->dr6));
}

/* Make vp's VMCS current on this CPU, with full state on first use here. */
static void load_vmcs(struct vp *vp)
{
	unsigned cpu = this_cpu_index();

	if (vp->arch.cpu == (int)cpu) {
		if (current_vmcs[cpu] != vp->arch.vmcs_phys) {
			BUG_ON(!vmptrld(vp->arch.vmcs_phys));
			current_vmcs[cpu] = vp->arch.vmcs_phys;
		}
		return;
	}
	/* A VP moves between CPUs only after arch_vp_release. */
	BUG_ON(vp->arch.cpu != -1);
	BUG_ON(!vmclear(vp->arch.vmcs_phys));
	BUG_ON(!vmptrld(vp->arch.vmcs_phys));
	current_vmcs[cpu] = vp->arch.vmcs_phys;
	vp->arch.cpu = (int)cpu;
	vp->arch.launched = false;
	/* This CPU may still cache linear translations tagged with this VPID
	 * from an earlier stay of the VP here (SDM 29.4.3.1): drop them. */
	if (vmx_caps.invvpid)
		invvpid(INVVPID_SINGLE_CONTEXT, vp->arch.vpid);
	write_controls(vp);
	write_host_state();
}

void arch_vp_release(struct vp *vp)
{
	if (vp->arch.cpu < 0)
		return;
	BUG_ON(vp->arch.cpu != (int)this_cpu_index());
	arch_vp_save_regs(vp);
	vmclear(vp->arch.vmcs_phys);
	current_vmcs[vp->arch.cpu] = 0;
	vp->arch.cpu = -1;
	vp->arch.launched = false;
	vp->arch.regs_in_vmcs = false;
	vp->arch.interrupt_window = false; /* the next load rewrites the controls */
}

void arch_vp_save_regs(struct vp *vp)
{
	if (!vp->arch.regs_in_vmcs)
		return;
	BUG_ON(vp->arch.cpu != (int)this_cpu_index());
	load_vmcs(vp);
	vmx_read_guest_state(&vp->regs);
	save_guest_msrs(&vp->regs);
	vp->arch.regs_in_vmcs = false;
}

void arch_vp_regs_changed(struct vp *vp)
{
	/* The caller changed vp->regs after saving them: load them again. */
	BUG_ON(vp->arch.regs_in_vmcs);
}

static void fx_save(struct vp_fx_state *s)
{
	__asm__ volatile("fxsave64 %0" : "=m"(*s));
}

static void fx_restore(const struct vp_fx_state *s)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(*s));
}

void arch_vp_prepare(struct vp *vp)
{
	load_vmcs(vp);
	if (!vp->arch.regs_in_vmcs) {
		vmwrite(VMCS_EPT_POINTER, vp->partition->eptp);
		vmwrite(VMCS_EXCEPTION_BITMAP, vp->partition->exception_bitmap);
		vmx_write_guest_state(&vp->regs);
		load_guest_msrs(&vp->regs);
		vp->arch.regs_in_vmcs = true;
	}
}

/* Virtual interrupts (SDM 26.3.1.5 checks on event injection, 25.4.2
 * interruptibility state, 26.7.5 interrupt-window exiting). */
bool arch_vp_interrupts_enabled(struct vp *vp)
{
	BUG_ON(!vp->arch.regs_in_vmcs);
	return (vmread(VMCS_GUEST_RFLAGS) >> 9) & 1;
}

bool arch_vp_interruptible(struct vp *vp)
{
	if (!arch_vp_interrupts_enabled(vp))
		return false;
	if (vmread(VMCS_GUEST_INTERRUPTIBILITY) & (INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS))
		return false;
	return !(vmread(VMCS_ENTRY_INTR_INFO) & INTR_INFO_VALID);
}

void arch_vp_inject_interrupt(struct vp *vp, uint8_t vector)
{
	BUG_ON(!vp->arch.regs_in_vmcs);
	vmwrite(VMCS_ENTRY_INTR_INFO, INTR_INFO_VALID | INTR_TYPE_EXTERNAL | vector);
}

void arch_vp_interrupt_window(struct vp *vp, bool on)
{
	/* The cached state keeps the common case (off, stays off) free of
	 * VMCS accesses: this runs before every entry. */
	if (on == vp->arch.interrupt_window)
		return;
	BUG_ON(vp->arch.cpu != (int)this_cpu_index());
	vmwrite(VMCS_PROC_CONTROLS, on ? vmx_caps.proc | PROC_INTERRUPT_WINDOW_EXITING : vmx_caps.proc);
	vp->arch.interrupt_window = on;
}

void arch_vp_run(struct vp *vp, struct hv_exit *exit)
{
	static struct vp_fx_state host_fx[MAX_CPUS];
	unsigned cpu = this_cpu_index();

	arch_vp_prepare(vp);
	fx_save(&host_fx[cpu]);
	fx_restore(&vp->regs.fx);
	for (;;) {
		partition_flush_tlb_if_needed(vp->partition);
		uint32_t inject = (uint32_t)vmread(VMCS_ENTRY_INTR_INFO);
		int failed = vmx_enter(vp->regs.gpr, vp->arch.launched);
		if (failed) {
			memset(exit, 0, sizeof(*exit));
			exit->kind = HV_EXIT_INVALID_STATE;
			exit->invalid.error = (uint32_t)vmread(VMCS_INSTRUCTION_ERROR);
			break;
		}
		vp->arch.launched = true;
		if (!vmx_decode_exit(vp, exit)) {
			/* A refused entry injected nothing: keep the event pending. */
			if (exit->kind == HV_EXIT_INVALID_STATE)
				vmwrite(VMCS_ENTRY_INTR_INFO, inject);
			break;
		}
	}
	fx_save(&vp->regs.fx);
	fx_restore(&host_fx[cpu]);
}

void arch_vp_flush_guest_tlb(struct vp *vp)
{
	/* With EPT on, a guest's linear translations are combined mappings
	 * (SDM 29.4.1): INVVPID drops this VPID's; without single-context
	 * INVVPID, INVEPT of the partition's EPTP drops them for every VPID. */
	if (vmx_caps.invvpid)
		invvpid(INVVPID_SINGLE_CONTEXT, vp->arch.vpid);
	else
		invept(INVEPT_SINGLE_CONTEXT, vp->partition->eptp);
}

void arch_vp_skip_instruction(struct vp *vp, const struct hv_exit *exit)
{
	BUG_ON(!vp->arch.regs_in_vmcs);
	vmwrite(VMCS_GUEST_RIP, vmread(VMCS_GUEST_RIP) + exit->instruction_length);
	/* Retiring an instruction ends an STI/MOV SS blocking shadow. */
	uint64_t intr = vmread(VMCS_GUEST_INTERRUPTIBILITY);
	if (intr & (INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS))
		vmwrite(VMCS_GUEST_INTERRUPTIBILITY,
			intr & ~(uint64_t)(INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS));
}

uint64_t arch_vp_get_gpr(struct vp *vp, enum vp_gpr r)
{
	if (r == GPR_RSP && vp->arch.regs_in_vmcs)
		return vmread(VMCS_GUEST_RSP);
	return vp->regs.gpr[r];
}

void arch_vp_set_gpr(struct vp *vp, enum vp_gpr r, uint64_t v)
{
	if (r == GPR_RSP && vp->arch.regs_in_vmcs)
		vmwrite(VMCS_GUEST_RSP, v);
	else
		vp->regs.gpr[r] = v;
}

void arch_vp_call_context(struct vp *vp, struct arch_call_context *c)
{
	BUG_ON(!vp->arch.regs_in_vmcs);
	uint64_t ss_ar = vmread(VMCS_GUEST_SS_AR), cs_ar = vmread(VMCS_GUEST_CS_AR);
	c->cpl = (unsigned)((ss_ar >> 5) & 3);
	c->protected_mode = (vmread(VMCS_CR0_READ_SHADOW) & 1) != 0;
	c->virtual_8086 = (vmread(VMCS_GUEST_RFLAGS) >> 17) & 1;
	c->long64 = ((vmread(VMCS_GUEST_EFER) >> 10) & 1) && ((cs_ar >> 13) & 1);
}

void arch_vp_inject_exception(struct vp *vp, uint8_t vector, bool has_error, uint32_t error)
{
	BUG_ON(!vp->arch.regs_in_vmcs);
	vmwrite(VMCS_ENTRY_INTR_INFO, INTR_INFO_VALID | INTR_TYPE_HW_EXCEPTION | vector |
					      (has_error ? INTR_INFO_DELIVER_CODE : 0));
	if (has_error)
		vmwrite(VMCS_ENTRY_EXCEPTION_ERRCODE, error);
}
