/*
 * CPUID, owned MSRs and hypercall entry.  The TLFS enlightenments live
 * beside it: the hypervisor leaves 0x40000000-0x4FFFFFFF in
 * hv/enlight_cpuid.c, the synthetic MSRs 0x40000000-0x400000FF in
 * hv/synthetic_msr.c (TLFS "Feature and Interface Discovery", Appendix C).
 */
#include <string.h>
#include "hv/emulate.h"
#include "hv/vp.h"
#include "hv/arch.h"
#include "hv/enlight_cpuid.h"
#include "hv/synthetic_msr.h"
#include "unihv/hv_status.h"
#include "arch/cpu.h"

#define MSR_MTRRCAP 0xfe
#define MSR_MISC_ENABLE 0x1a0
#define MSR_MTRR_DEF_TYPE 0x2ff

static void set_result(struct vp *vp, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	vp->regs.gpr[GPR_RAX] = a;
	vp->regs.gpr[GPR_RBX] = b;
	vp->regs.gpr[GPR_RCX] = c;
	vp->regs.gpr[GPR_RDX] = d;
}

void emulate_cpuid_result(const struct vp *vp, uint32_t leaf, uint32_t sub, uint32_t out[4])
{
	struct cpuid_regs r;

	if (enlight_cpuid_in_range(leaf)) {
		enlight_cpuid(vp->partition, leaf, out); /* hv/enlight_cpuid.c */
		return;
	} else {
		r = cpuid(leaf, sub);
		switch (leaf) {
		case 1:
			/* No VMX, and no XSAVE: the hypervisor switches x87/SSE
			 * state with FXSAVE only, so guests use that too. */
			r.ecx &= ~(CPUID1_ECX_VMX | CPUID1_ECX_XSAVE | (1u << 27) /* OSXSAVE */ |
				   (1u << 28) /* AVX */ | (1u << 12) /* FMA */ | (1u << 29) /* F16C */);
			r.ecx |= CPUID1_ECX_HYPERVISOR;
			r.ebx = (r.ebx & 0x00ffffffu) | (vp->index << 24);
			break;
		case 7:
			if (sub == 0) {
				/* AVX2, AVX-512 families: state the hypervisor does not switch. */
				r.ebx &= ~((1u << 5) | (1u << 16) | (1u << 17) | (1u << 21) | (1u << 26) |
					   (1u << 27) | (1u << 28) | (1u << 30) | (1u << 31));
				r.ecx &= ~((1u << 1) | (1u << 6) | (1u << 11) | (1u << 12) | (1u << 14));
				r.edx &= ~((1u << 2) | (1u << 3) | (1u << 8) | (1u << 23));
			}
			break;
		case 0xd:
			r = (struct cpuid_regs){ 0, 0, 0, 0 }; /* no XSAVE */
			break;
		case 0xb:
		case 0x1f:
			r.edx = vp->index; /* x2APIC ID */
			break;
		default:
			break;
		}
	}
	out[0] = r.eax;
	out[1] = r.ebx;
	out[2] = r.ecx;
	out[3] = r.edx;
}

void emulate_cpuid(struct vp *vp, const struct hv_exit *e)
{
	uint32_t r[4];

	emulate_cpuid_result(vp, (uint32_t)vp->regs.gpr[GPR_RAX], (uint32_t)vp->regs.gpr[GPR_RCX], r);
	set_result(vp, r[0], r[1], r[2], r[3]);
	arch_vp_skip_instruction(vp, e);
}

bool emulate_msr(struct vp *vp, const struct hv_exit *e)
{
	uint64_t value = (vp->regs.gpr[GPR_RDX] << 32) | (uint32_t)vp->regs.gpr[GPR_RAX];
	uint64_t out = 0;

	if (synthetic_msr_in_range(e->msr.index))
		return synthetic_msr_access(vp, e); /* hv/synthetic_msr.c */
	switch (e->msr.index) {
	case MSR_APIC_BASE:
		if (e->msr.write)
			vp->regs.apic_base = value;
		else
			out = vp->regs.apic_base;
		break;
	case MSR_MTRRCAP:
		if (e->msr.write)
			return false;
		out = 0; /* no variable or fixed MTRRs: EPT sets the memory types */
		break;
	case MSR_MTRR_DEF_TYPE:
		if (!e->msr.write)
			out = 6; /* write-back, MTRRs disabled */
		break;
	case MSR_MISC_ENABLE:
		if (!e->msr.write)
			out = 1; /* fast strings */
		break;
	default:
		return false;
	}
	if (!e->msr.write) {
		vp->regs.gpr[GPR_RAX] = (uint32_t)out;
		vp->regs.gpr[GPR_RDX] = out >> 32;
	}
	arch_vp_skip_instruction(vp, e);
	return true;
}
