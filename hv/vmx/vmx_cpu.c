/*
 * Turning VMX on (Intel SDM Vol. 3C 24.7 "Enabling and entering VMX
 * operation", 24.8 "Restrictions on VMX operation") and choosing the
 * controls every VMCS uses (appendix A.3-A.5).
 */
#include <string.h>
#include "hv/arch.h"
#include "hv/vmx/vmx_caps.h"
#include "hv/vmx/vmcs_fields.h"
#include "hv/vmx/vmx_insn.h"
#include "arch/boot_defs.h"
#include "arch/cpu.h"
#include "lib/spinlock.h"
#include "mm/pmm.h"
#include "smp/percpu.h"
#include "time/clock.h"

/* Longest stay in the guest before the hypervisor looks at its work. */
#define VMX_TIME_SLICE_HZ 100

#define FC_LOCKED 1ull
#define FC_VMX_OUTSIDE_SMX 4ull

struct vmx_caps vmx_caps;
uint64_t vmx_io_bitmap_a, vmx_io_bitmap_b, vmx_msr_bitmap;

static bool caps_ready;
static bool boot_cpu_enabled;
static struct spinlock caps_lock = SPINLOCK_INIT;
static uint64_t vmxon_region[MAX_CPUS];

/* MSRs the guest reads and writes directly: the VMCS switches them
 * (FS/GS base, SYSENTER, EFER, PAT) or hv/vmx switches them around runs
 * (KERNEL_GS_BASE, STAR, LSTAR, CSTAR, SFMASK, TSC_AUX). */
static const uint32_t passthrough_msrs[] = {
	0x174, 0x175, 0x176, 0x277,
	0xc0000080, 0xc0000081, 0xc0000082, 0xc0000083, 0xc0000084,
	0xc0000100, 0xc0000101, 0xc0000102, 0xc0000103,
};

/*
 * Combine wanted control bits with what the CPU allows: allowed-0 bits
 * (low half) must be 1, allowed-1 bits (high half) may be 1.  Fails when a
 * required bit cannot be set.
 */
static bool adjust_controls(uint32_t required, uint32_t optional, uint32_t msr, uint32_t *out)
{
	uint64_t cap = rdmsr(msr);
	uint32_t must = (uint32_t)cap, may = (uint32_t)(cap >> 32);
	uint32_t v = (required | (optional & may) | must) & may;

	*out = v;
	return (v & required) == required;
}

static void msr_bitmap_allow(uint8_t *bm, uint32_t msr)
{
	uint32_t base = msr >= 0xc0000000 ? 1024 : 0;
	uint32_t bit = msr & 0x1fff;

	bm[base + bit / 8] &= (uint8_t)~(1u << (bit % 8));        /* read */
	bm[2048 + base + bit / 8] &= (uint8_t)~(1u << (bit % 8)); /* write */
}

static const char *read_caps(void)
{
	uint64_t basic = rdmsr(MSR_VMX_BASIC);
	bool true_ctls = (basic & VMX_BASIC_TRUE_CTLS) != 0;
	struct vmx_caps c;

	memset(&c, 0, sizeof(c));
	c.revision = (uint32_t)basic & 0x7fffffff;
	/* The preemption timer bounds every stay in the guest: Bochs 2.7 does
	 * not exit on an external interrupt while the guest has RFLAGS.IF=0,
	 * so without it a guest spinning with interrupts off could not be
	 * canceled there. */
	if (!adjust_controls(PIN_EXTERNAL_INTERRUPT_EXITING | PIN_NMI_EXITING,
			     PIN_VIRTUAL_NMIS | PIN_PREEMPTION_TIMER,
			     true_ctls ? MSR_VMX_TRUE_PINBASED : MSR_VMX_PINBASED, &c.pin))
		return "pin-based controls lack external-interrupt or NMI exiting";
	/* CR8 accesses exit: the guest's TPR must never reach the real CR8,
	 * where it would mask the host's interrupts (and with them the
	 * exits that keep the hypervisor in control). */
	if (!adjust_controls(PROC_HLT_EXITING | PROC_USE_IO_BITMAPS | PROC_USE_MSR_BITMAPS |
				     PROC_SECONDARY_CONTROLS | PROC_CR8_LOAD_EXITING |
				     PROC_CR8_STORE_EXITING,
			     0, true_ctls ? MSR_VMX_TRUE_PROCBASED : MSR_VMX_PROCBASED, &c.proc))
		return "processor-based controls lack HLT or CR8 exiting, bitmaps or secondary controls";
	if (c.proc & (PROC_CR3_LOAD_EXITING | PROC_CR3_STORE_EXITING))
		return "CR3 exiting cannot be turned off";
	if (!adjust_controls(PROC2_ENABLE_EPT | PROC2_ENABLE_VPID | PROC2_UNRESTRICTED_GUEST,
			     PROC2_ENABLE_RDTSCP | PROC2_ENABLE_INVPCID, MSR_VMX_PROCBASED2, &c.proc2))
		return "no EPT, VPID or unrestricted guest";
	if (!adjust_controls(EXIT_HOST_ADDRESS_SPACE_SIZE | EXIT_SAVE_EFER | EXIT_LOAD_EFER |
				     EXIT_SAVE_PAT | EXIT_LOAD_PAT | EXIT_SAVE_DEBUG_CONTROLS,
			     0, true_ctls ? MSR_VMX_TRUE_EXIT : MSR_VMX_EXIT, &c.exit))
		return "VM-exit controls lack EFER/PAT switching";
	if (c.exit & EXIT_ACK_INTERRUPT_ON_EXIT)
		return "acknowledge-interrupt-on-exit is forced on";
	if (!adjust_controls(ENTRY_LOAD_EFER | ENTRY_LOAD_PAT | ENTRY_LOAD_DEBUG_CONTROLS, 0,
			     true_ctls ? MSR_VMX_TRUE_ENTRY : MSR_VMX_ENTRY, &c.entry))
		return "VM-entry controls lack EFER/PAT loading";
	c.entry &= ~ENTRY_IA32E_MODE_GUEST; /* set per entry from EFER.LMA */
	c.cr0_fixed0 = rdmsr(MSR_VMX_CR0_FIXED0);
	c.cr0_fixed1 = rdmsr(MSR_VMX_CR0_FIXED1);
	c.cr4_fixed0 = rdmsr(MSR_VMX_CR4_FIXED0);
	c.cr4_fixed1 = rdmsr(MSR_VMX_CR4_FIXED1);
	c.ept_vpid = rdmsr(MSR_VMX_EPT_VPID_CAP);
	if (!(c.ept_vpid & EPT_CAP_WALK_LENGTH_4) || !(c.ept_vpid & EPT_CAP_MEMTYPE_WB))
		return "EPT lacks 4-level walks or write-back memory";
	if (!(c.ept_vpid & EPT_CAP_INVEPT) || !(c.ept_vpid & EPT_CAP_INVEPT_SINGLE))
		return "no single-context INVEPT";
	c.ept_ad = (c.ept_vpid & EPT_CAP_AD_BITS) != 0;
	if (c.pin & PIN_PREEMPTION_TIMER) {
		/* The timer counts TSC >> IA32_VMX_MISC[4:0] (SDM 26.5.1). */
		uint64_t slice = (clock_tsc_hz() / VMX_TIME_SLICE_HZ) >> (rdmsr(MSR_VMX_MISC) & 0x1f);
		c.preemption_slice = slice > 0xffffffffull ? 0xffffffffu : slice ? (uint32_t)slice : 1;
	}
	c.invvpid = (c.ept_vpid & VPID_CAP_INVVPID) && (c.ept_vpid & VPID_CAP_INVVPID_SINGLE);

	uint64_t pages = pmm_alloc_pages(3, 1);
	if (!pages)
		return "no memory for the I/O and MSR bitmaps";
	vmx_io_bitmap_a = pages;
	vmx_io_bitmap_b = pages + 4096;
	vmx_msr_bitmap = pages + 8192;
	memset((void *)(uintptr_t)pages, 0xff, 3 * 4096); /* every port and MSR exits */
	for (unsigned i = 0; i < sizeof(passthrough_msrs) / sizeof(passthrough_msrs[0]); i++)
		msr_bitmap_allow((uint8_t *)(uintptr_t)vmx_msr_bitmap, passthrough_msrs[i]);
	vmx_caps = c;
	return NULL;
}

bool arch_cpu_enable(const char **why)
{
	unsigned cpu = this_cpu_index();

	if (!(cpuid(1, 0).ecx & CPUID1_ECX_VMX)) {
		*why = "CPU does not report VMX";
		return false;
	}
	uint64_t fc = rdmsr(MSR_FEATURE_CONTROL);
	if (!(fc & FC_LOCKED)) {
		/* Firmware left it open: enable VMX outside SMX and lock. */
		wrmsr(MSR_FEATURE_CONTROL, fc | FC_LOCKED | FC_VMX_OUTSIDE_SMX);
	} else if (!(fc & FC_VMX_OUTSIDE_SMX)) {
		*why = "VMX disabled by firmware (IA32_FEATURE_CONTROL locked)";
		return false;
	}

	spin_lock(&caps_lock);
	const char *err = caps_ready ? NULL : read_caps();
	if (!err)
		caps_ready = true;
	spin_unlock(&caps_lock);
	if (err) {
		*why = err;
		return false;
	}

	/* CR0/CR4 must satisfy the fixed bits in VMX operation (SDM 24.8). */
	write_cr0((read_cr0() | vmx_caps.cr0_fixed0) & vmx_caps.cr0_fixed1);
	write_cr4((read_cr4() | vmx_caps.cr4_fixed0 | CR4_VMXE) & vmx_caps.cr4_fixed1);

	if (!vmxon_region[cpu]) {
		vmxon_region[cpu] = pmm_alloc_pages(1, 1);
		if (!vmxon_region[cpu]) {
			*why = "no memory for the VMXON region";
			return false;
		}
	}
	*(uint32_t *)(uintptr_t)vmxon_region[cpu] = vmx_caps.revision;
	if (!vmxon(vmxon_region[cpu])) {
		*why = "VMXON failed";
		return false;
	}
	/* Forget any translation tagged by a VPID or EPTP from before. */
	invept(INVEPT_ALL_CONTEXTS, 0);
	if (vmx_caps.invvpid)
		invvpid(INVVPID_ALL_CONTEXTS, 0);
	if (cpu == 0)
		boot_cpu_enabled = true;
	*why = "VMX on";
	return true;
}

bool arch_available(void)
{
	return boot_cpu_enabled;
}

uint64_t arch_guest_cr4_allowed(void)
{
	return vmx_caps.cr4_fixed1 & ~(uint64_t)CR4_VMXE;
}

uint64_t arch_ept_pointer(uint64_t pml4_phys)
{
	/* WB (6) | walk length 4 (3 << 3) | A/D enable (bit 6), SDM 25.6.11. */
	return pml4_phys | 6 | (3 << 3) | (vmx_caps.ept_ad ? 1u << 6 : 0);
}

void arch_flush_ept(uint64_t eptp)
{
	invept(INVEPT_SINGLE_CONTEXT, eptp);
}
