/*
 * First layer of exit handling: decode a VMX exit (Intel SDM Vol. 3C
 * chapter 28 "VM exits", 28.2.1 exit qualifications) into a generic
 * struct hv_exit.  Exits that only exist because of how VT-x works (CR0/CR4
 * shadowing, XSETBV) are handled here and never reach hv/.
 */
#include <string.h>
#include "hv/vp.h"
#include "hv/vmx/vmx_internal.h"
#include "hv/vmx/vmcs_fields.h"
#include "hv/vmx/vmx_insn.h"
#include "arch/boot_defs.h"
#include "arch/cpu.h"
#include "core/panic.h"

#define EFER_LMA (1ull << 10)
#define XCR0_SUPPORTED 3ull /* x87 | SSE: the only state the image switches */

static void inject_gp(void)
{
	vmwrite(VMCS_ENTRY_INTR_INFO, INTR_INFO_VALID | INTR_TYPE_HW_EXCEPTION |
					      INTR_INFO_DELIVER_CODE | 13);
	vmwrite(VMCS_ENTRY_EXCEPTION_ERRCODE, 0);
}

static void skip(const struct hv_exit *e)
{
	vmwrite(VMCS_GUEST_RIP, vmread(VMCS_GUEST_RIP) + e->instruction_length);
}

static uint64_t read_gpr(struct vp *vp, unsigned n)
{
	return n == GPR_RSP ? vmread(VMCS_GUEST_RSP) : vp->regs.gpr[n];
}

static void write_gpr(struct vp *vp, unsigned n, uint64_t v)
{
	if (n == GPR_RSP)
		vmwrite(VMCS_GUEST_RSP, v);
	else
		vp->regs.gpr[n] = v;
}

/* The guest wrote CR0: keep its view in the read shadow, give VMX the
 * value with the forced bits, and follow long-mode activation
 * (SDM Vol. 3A 9.8.5). */
static bool guest_write_cr0(uint64_t v)
{
	uint64_t efer = vmread(VMCS_GUEST_EFER);

	if ((v & CR0_PG) && !(v & CR0_PE))
		return false;
	if ((v >> 32) != 0)
		return false;
	vmwrite(VMCS_CR0_READ_SHADOW, v);
	vmwrite(VMCS_GUEST_CR0, vmx_real_cr0(v));
	uint64_t lma = ((v & CR0_PG) && (efer & EFER_LME)) ? EFER_LMA : 0;
	if ((efer & EFER_LMA) != lma) {
		efer = (efer & ~EFER_LMA) | lma;
		vmwrite(VMCS_GUEST_EFER, efer);
		vmx_update_entry_mode(efer);
	}
	return true;
}

static bool guest_write_cr4(uint64_t v)
{
	if (v & CR4_VMXE)
		return false; /* no nested VMX */
	vmwrite(VMCS_CR4_READ_SHADOW, v);
	vmwrite(VMCS_GUEST_CR4, vmx_real_cr4(v));
	return true;
}

/* CR access (qualification: SDM table 28-3). */
static void handle_cr_access(struct vp *vp, const struct hv_exit *e)
{
	uint64_t q = e->raw_qualification;
	unsigned cr = q & 0xf, type = (q >> 4) & 3, gpr = (q >> 8) & 0xf;
	bool ok = true;

	switch (type) {
	case 0: /* MOV to CR */
		if (cr == 0)
			ok = guest_write_cr0(read_gpr(vp, gpr));
		else if (cr == 4)
			ok = guest_write_cr4(read_gpr(vp, gpr));
		else if (cr == 8 && read_gpr(vp, gpr) <= 15)
			vp->regs.cr8 = read_gpr(vp, gpr); /* TPR, kept in software */
		else
			ok = false;
		break;
	case 1: /* MOV from CR: only CR8 exits */
		if (cr == 8)
			write_gpr(vp, gpr, vp->regs.cr8);
		else
			ok = false;
		break;
	case 2: /* CLTS */
		ok = guest_write_cr0(vmread(VMCS_CR0_READ_SHADOW) & ~(uint64_t)CR0_TS);
		break;
	case 3: { /* LMSW: bits 3:0 of the source; PE cannot be cleared */
		uint64_t old = vmread(VMCS_CR0_READ_SHADOW);
		uint64_t src = (q >> 16) & 0xf;
		ok = guest_write_cr0((old & ~0xeull) | (src & 0xe) | ((old | src) & 1));
		break;
	}
	}
	if (ok)
		skip(e);
	else
		inject_gp();
}

/* XSETBV (SDM Vol. 2 XSETBV: #GP for a bad index or value). */
static void handle_xsetbv(struct vp *vp, const struct hv_exit *e)
{
	uint64_t v = (vp->regs.gpr[GPR_RDX] << 32) | (uint32_t)vp->regs.gpr[GPR_RAX];

	if ((uint32_t)vp->regs.gpr[GPR_RCX] != 0 || !(v & 1) || (v & ~XCR0_SUPPORTED)) {
		inject_gp();
		return;
	}
	vp->regs.xcr0 = v; /* x87|SSE only: what the host already runs with */
	skip(e);
}

/* Re-inject an event whose delivery the exit interrupted (SDM 28.2.4). */
static void reinject_vectoring_event(void)
{
	uint32_t idt = (uint32_t)vmread(VMCS_IDT_VECTORING_INFO);
	if (!(idt & INTR_INFO_VALID))
		return;
	vmwrite(VMCS_ENTRY_INTR_INFO, idt & ~(1u << 12));
	if (idt & INTR_INFO_DELIVER_CODE)
		vmwrite(VMCS_ENTRY_EXCEPTION_ERRCODE, vmread(VMCS_IDT_VECTORING_ERRCODE));
	vmwrite(VMCS_ENTRY_INSTRUCTION_LEN, vmread(VMCS_EXIT_INSTRUCTION_LEN));
}

bool vmx_decode_exit(struct vp *vp, struct hv_exit *e)
{
	uint32_t reason = (uint32_t)vmread(VMCS_EXIT_REASON);
	uint32_t basic = reason & 0xffff;

	/* Only the fields of the decoded kind are meaningful: no memset on
	 * this path, every exit passes here. */
	e->raw_reason = reason;
	e->raw_qualification = vmread(VMCS_EXIT_QUALIFICATION);
	e->instruction_length = (uint8_t)vmread(VMCS_EXIT_INSTRUCTION_LEN);

	if (reason & EXIT_REASON_ENTRY_FAILURE) {
		e->kind = HV_EXIT_INVALID_STATE;
		e->invalid.error = basic;
		return false;
	}
	reinject_vectoring_event();

	switch (basic) {
	case EXIT_REASON_EXCEPTION_NMI: {
		uint32_t info = (uint32_t)vmread(VMCS_EXIT_INTR_INFO);
		if (((info >> 8) & 7) == 2) {
			/* A host NMI: only panic sends those. */
			if (panic_in_progress())
				cpu_stop();
			e->kind = HV_EXIT_INTERRUPTED;
			return false;
		}
		e->kind = HV_EXIT_EXCEPTION;
		e->exception.vector = info & 0xff;
		e->exception.has_error_code = (info & INTR_INFO_DELIVER_CODE) != 0;
		/* Type 6 software exception (INT3, INTO), 5 privileged software
		 * exception (INT1): SDM 25.9.2, table 25-17. */
		e->exception.software = ((info >> 8) & 7) == 6 || ((info >> 8) & 7) == 5;
		e->exception.error_code = e->exception.has_error_code
			? (uint32_t)vmread(VMCS_EXIT_INTR_ERRCODE) : 0;
		return false;
	}
	case EXIT_REASON_EXTERNAL_INTERRUPT:
	case EXIT_REASON_PREEMPTION_TIMER:
		e->kind = HV_EXIT_INTERRUPTED;
		return false;
	case EXIT_REASON_TRIPLE_FAULT:
		e->kind = HV_EXIT_TRIPLE_FAULT;
		return false;
	case EXIT_REASON_INTERRUPT_WINDOW:
		e->kind = HV_EXIT_INTERRUPT_WINDOW;
		return false;
	case EXIT_REASON_CPUID:
		e->kind = HV_EXIT_CPUID;
		return false;
	case EXIT_REASON_HLT:
		e->kind = HV_EXIT_HLT;
		return false;
	case EXIT_REASON_VMCALL:
		e->kind = HV_EXIT_HYPERCALL;
		return false;
	case EXIT_REASON_IO_INSTRUCTION: {
		uint64_t q = e->raw_qualification;
		e->kind = HV_EXIT_IO;
		e->io.size = (uint8_t)((q & 7) + 1);
		e->io.write = !(q & 8);
		e->io.string = (q >> 4) & 1;
		e->io.rep = (q >> 5) & 1;
		e->io.port = (uint16_t)(q >> 16);
		return false;
	}
	case EXIT_REASON_RDMSR:
	case EXIT_REASON_WRMSR:
		e->kind = HV_EXIT_MSR;
		e->msr.index = (uint32_t)vp->regs.gpr[GPR_RCX];
		e->msr.write = basic == EXIT_REASON_WRMSR;
		return false;
	case EXIT_REASON_EPT_VIOLATION: {
		uint64_t q = e->raw_qualification;
		e->kind = HV_EXIT_MEMORY;
		e->mem.gpa = vmread(VMCS_GUEST_PHYSICAL_ADDRESS);
		e->mem.gva_valid = (q >> 7) & 1;
		e->mem.gva = e->mem.gva_valid ? vmread(VMCS_GUEST_LINEAR_ADDRESS) : 0;
		e->mem.access = (q & 4) ? HV_ACCESS_EXECUTE : (q & 2) ? HV_ACCESS_WRITE : HV_ACCESS_READ;
		e->mem.ept_rights = (uint8_t)((q >> 3) & 7);
		return false;
	}
	case EXIT_REASON_CR_ACCESS:
		handle_cr_access(vp, e);
		return true;
	case EXIT_REASON_XSETBV:
		handle_xsetbv(vp, e);
		return true;
	case EXIT_REASON_EPT_MISCONFIG:
		/* Our own tables are wrong: a hypervisor bug, not the guest's. */
		panic("EPT misconfiguration at GPA 0x%llx",
		      (unsigned long long)vmread(VMCS_GUEST_PHYSICAL_ADDRESS));
	default:
		e->kind = HV_EXIT_UNKNOWN;
		return false;
	}
}
