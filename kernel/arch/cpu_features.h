#ifndef UNIHV_ARCH_CPU_FEATURES_H
#define UNIHV_ARCH_CPU_FEATURES_H

#include <stdbool.h>

enum vmx_support {
	VMX_UNSUPPORTED,          /* CPUID.1:ECX.VMX clear (e.g. QEMU TCG) */
	VMX_DISABLED_BY_FIRMWARE, /* IA32_FEATURE_CONTROL locked without VMX */
	VMX_AVAILABLE,
};

/*
 * Can this CPU run VMX (Intel SDM Vol. 3C 23.7)?  *why describes the
 * answer in words for the console.  Any CPU.
 */
enum vmx_support cpu_vmx_support(const char **why);

/* "GenuineIntel" etc. and the brand string, for the banner. */
void cpu_vendor(char out[13]);
void cpu_brand(char out[49]);

/* Random 64-bit value from RDSEED/RDRAND; false when neither works. */
bool cpu_random_u64(unsigned long long *out);

#endif
