#include <string.h>
#include "arch/cpu_features.h"
#include "arch/cpu.h"

#define FC_LOCKED 1ull
#define FC_VMX_OUTSIDE_SMX 4ull

enum vmx_support cpu_vmx_support(const char **why)
{
	if (!(cpuid(1, 0).ecx & CPUID1_ECX_VMX)) {
		*why = "CPU does not report VMX";
		return VMX_UNSUPPORTED;
	}
	uint64_t fc = rdmsr(MSR_FEATURE_CONTROL);
	if ((fc & FC_LOCKED) && !(fc & FC_VMX_OUTSIDE_SMX)) {
		*why = "disabled by firmware (IA32_FEATURE_CONTROL locked)";
		return VMX_DISABLED_BY_FIRMWARE;
	}
	*why = (fc & FC_LOCKED) ? "enabled by firmware" : "feature control unlocked";
	return VMX_AVAILABLE;
}

void cpu_vendor(char out[13])
{
	struct cpuid_regs r = cpuid(0, 0);
	memcpy(out, &r.ebx, 4);
	memcpy(out + 4, &r.edx, 4);
	memcpy(out + 8, &r.ecx, 4);
	out[12] = '\0';
}

void cpu_brand(char out[49])
{
	out[0] = '\0';
	if (cpuid(0x80000000, 0).eax < 0x80000004)
		return;
	for (unsigned i = 0; i < 3; i++) {
		struct cpuid_regs r = cpuid(0x80000002 + i, 0);
		memcpy(out + 16 * i, &r, 16);
	}
	out[48] = '\0';
	/* Brand strings are often right-justified with spaces. */
	size_t skip = strspn(out, " ");
	memmove(out, out + skip, strlen(out + skip) + 1);
}

bool cpu_random_u64(unsigned long long *out)
{
	struct cpuid_regs r7 = cpuid(0, 0).eax >= 7 ? cpuid(7, 0) : (struct cpuid_regs){ 0 };
	bool has_rdseed = (r7.ebx >> 18) & 1;
	bool has_rdrand = (cpuid(1, 0).ecx & CPUID1_ECX_RDRAND) != 0;

	for (int tries = 0; tries < 32; tries++) {
		unsigned char ok = 0;
		if (has_rdseed)
			__asm__ volatile("rdseed %0; setc %1" : "=r"(*out), "=qm"(ok));
		if (!ok && has_rdrand)
			__asm__ volatile("rdrand %0; setc %1" : "=r"(*out), "=qm"(ok));
		if (ok)
			return true;
		if (!has_rdseed && !has_rdrand)
			return false;
	}
	return false;
}
