/*
 * WHv register names (WHV_REGISTER_NAME numbering) and the TLFS
 * HV_REGISTER_NAME values the RPC carries (include/unihv/hv_regs.h), with
 * the short names hvctl accepts.
 */
#include <string.h>
#include <strings.h>
#include "unihv/hv_regs.h"
#include "internal.h"

struct reg_map {
	UNIHV_REGISTER_NAME whv;
	uint32_t hv;
	const char *name;
};

static const struct reg_map regs[] = {
	{ WHvX64RegisterRax, HV_X64_REGISTER_RAX, "rax" },
	{ WHvX64RegisterRcx, HV_X64_REGISTER_RCX, "rcx" },
	{ WHvX64RegisterRdx, HV_X64_REGISTER_RDX, "rdx" },
	{ WHvX64RegisterRbx, HV_X64_REGISTER_RBX, "rbx" },
	{ WHvX64RegisterRsp, HV_X64_REGISTER_RSP, "rsp" },
	{ WHvX64RegisterRbp, HV_X64_REGISTER_RBP, "rbp" },
	{ WHvX64RegisterRsi, HV_X64_REGISTER_RSI, "rsi" },
	{ WHvX64RegisterRdi, HV_X64_REGISTER_RDI, "rdi" },
	{ WHvX64RegisterR8, HV_X64_REGISTER_R8, "r8" },
	{ WHvX64RegisterR9, HV_X64_REGISTER_R9, "r9" },
	{ WHvX64RegisterR10, HV_X64_REGISTER_R10, "r10" },
	{ WHvX64RegisterR11, HV_X64_REGISTER_R11, "r11" },
	{ WHvX64RegisterR12, HV_X64_REGISTER_R12, "r12" },
	{ WHvX64RegisterR13, HV_X64_REGISTER_R13, "r13" },
	{ WHvX64RegisterR14, HV_X64_REGISTER_R14, "r14" },
	{ WHvX64RegisterR15, HV_X64_REGISTER_R15, "r15" },
	{ WHvX64RegisterRip, HV_X64_REGISTER_RIP, "rip" },
	{ WHvX64RegisterRflags, HV_X64_REGISTER_RFLAGS, "rflags" },
	{ WHvX64RegisterEs, HV_X64_REGISTER_ES, "es" },
	{ WHvX64RegisterCs, HV_X64_REGISTER_CS, "cs" },
	{ WHvX64RegisterSs, HV_X64_REGISTER_SS, "ss" },
	{ WHvX64RegisterDs, HV_X64_REGISTER_DS, "ds" },
	{ WHvX64RegisterFs, HV_X64_REGISTER_FS, "fs" },
	{ WHvX64RegisterGs, HV_X64_REGISTER_GS, "gs" },
	{ WHvX64RegisterLdtr, HV_X64_REGISTER_LDTR, "ldtr" },
	{ WHvX64RegisterTr, HV_X64_REGISTER_TR, "tr" },
	{ WHvX64RegisterIdtr, HV_X64_REGISTER_IDTR, "idtr" },
	{ WHvX64RegisterGdtr, HV_X64_REGISTER_GDTR, "gdtr" },
	{ WHvX64RegisterCr0, HV_X64_REGISTER_CR0, "cr0" },
	{ WHvX64RegisterCr2, HV_X64_REGISTER_CR2, "cr2" },
	{ WHvX64RegisterCr3, HV_X64_REGISTER_CR3, "cr3" },
	{ WHvX64RegisterCr4, HV_X64_REGISTER_CR4, "cr4" },
	{ WHvX64RegisterCr8, HV_X64_REGISTER_CR8, "cr8" },
	{ WHvX64RegisterDr0, HV_X64_REGISTER_DR0, "dr0" },
	{ WHvX64RegisterDr1, HV_X64_REGISTER_DR1, "dr1" },
	{ WHvX64RegisterDr2, HV_X64_REGISTER_DR2, "dr2" },
	{ WHvX64RegisterDr3, HV_X64_REGISTER_DR3, "dr3" },
	{ WHvX64RegisterDr6, HV_X64_REGISTER_DR6, "dr6" },
	{ WHvX64RegisterDr7, HV_X64_REGISTER_DR7, "dr7" },
	{ WHvX64RegisterXCr0, HV_X64_REGISTER_XFEM, "xcr0" },
	{ WHvX64RegisterFpControlStatus, HV_X64_REGISTER_FP_CONTROL_STATUS, "fpcs" },
	{ WHvX64RegisterXmmControlStatus, HV_X64_REGISTER_XMM_CONTROL_STATUS, "xmmcs" },
	{ WHvX64RegisterTsc, HV_X64_REGISTER_TSC, "tsc" },
	{ WHvX64RegisterEfer, HV_X64_REGISTER_EFER, "efer" },
	{ WHvX64RegisterKernelGsBase, HV_X64_REGISTER_KERNEL_GS_BASE, "kernel_gs_base" },
	{ WHvX64RegisterApicBase, HV_X64_REGISTER_APIC_BASE, "apic_base" },
	{ WHvX64RegisterPat, HV_X64_REGISTER_PAT, "pat" },
	{ WHvX64RegisterSysenterCs, HV_X64_REGISTER_SYSENTER_CS, "sysenter_cs" },
	{ WHvX64RegisterSysenterEip, HV_X64_REGISTER_SYSENTER_EIP, "sysenter_eip" },
	{ WHvX64RegisterSysenterEsp, HV_X64_REGISTER_SYSENTER_ESP, "sysenter_esp" },
	{ WHvX64RegisterStar, HV_X64_REGISTER_STAR, "star" },
	{ WHvX64RegisterLstar, HV_X64_REGISTER_LSTAR, "lstar" },
	{ WHvX64RegisterCstar, HV_X64_REGISTER_CSTAR, "cstar" },
	{ WHvX64RegisterSfmask, HV_X64_REGISTER_SFMASK, "sfmask" },
	{ WHvRegisterPendingInterruption, HV_REGISTER_PENDING_INTERRUPTION, "pending_interruption" },
	{ WHvRegisterInterruptState, HV_REGISTER_INTERRUPT_STATE, "interrupt_state" },
};

#define NREGS (sizeof(regs) / sizeof(regs[0]))

/* The ranges: Xmm0-15 and FpMmx0-7, named "xmmN" and "mmN". */
static const char *const xmm_names[16] = {
	"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
	"xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
};
static const char *const mmx_names[8] = { "mm0", "mm1", "mm2", "mm3", "mm4", "mm5", "mm6", "mm7" };

bool UnihvRegisterToHv(UNIHV_REGISTER_NAME name, uint32_t *hv_name)
{
	uint32_t n = (uint32_t)name;
	if (n >= WHvX64RegisterXmm0 && n <= WHvX64RegisterXmm15) {
		*hv_name = HV_X64_REGISTER_XMM(n - WHvX64RegisterXmm0);
		return true;
	}
	if (n >= WHvX64RegisterFpMmx0 && n <= WHvX64RegisterFpMmx7) {
		*hv_name = HV_X64_REGISTER_FP_MMX(n - WHvX64RegisterFpMmx0);
		return true;
	}
	for (size_t i = 0; i < NREGS; i++)
		if ((uint32_t)regs[i].whv == n) {
			*hv_name = regs[i].hv;
			return true;
		}
	return false;
}

bool UnihvRegisterFromString(const char *s, UNIHV_REGISTER_NAME *name)
{
	for (size_t i = 0; i < NREGS; i++)
		if (!strcasecmp(s, regs[i].name)) {
			*name = regs[i].whv;
			return true;
		}
	for (unsigned i = 0; i < 16; i++)
		if (!strcasecmp(s, xmm_names[i])) {
			*name = (UNIHV_REGISTER_NAME)(WHvX64RegisterXmm0 + i);
			return true;
		}
	for (unsigned i = 0; i < 8; i++)
		if (!strcasecmp(s, mmx_names[i])) {
			*name = (UNIHV_REGISTER_NAME)(WHvX64RegisterFpMmx0 + i);
			return true;
		}
	return false;
}

const char *UnihvRegisterString(UNIHV_REGISTER_NAME name)
{
	uint32_t n = (uint32_t)name;
	if (n >= WHvX64RegisterXmm0 && n <= WHvX64RegisterXmm15)
		return xmm_names[n - WHvX64RegisterXmm0];
	if (n >= WHvX64RegisterFpMmx0 && n <= WHvX64RegisterFpMmx7)
		return mmx_names[n - WHvX64RegisterFpMmx0];
	for (size_t i = 0; i < NREGS; i++)
		if ((uint32_t)regs[i].whv == n)
			return regs[i].name;
	return NULL;
}
