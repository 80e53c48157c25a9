#include "arch/fpu.h"
#include "arch/cpu.h"
#include "arch/boot_defs.h"
#include <stdbool.h>

#define XCR0_X87 1ull
#define XCR0_SSE 2ull

void fpu_init_cpu(void)
{
	uint64_t cr0 = read_cr0();
	cr0 &= ~(uint64_t)(CR0_EM | CR0_TS);
	cr0 |= CR0_MP | CR0_NE;
	write_cr0(cr0);

	uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
	bool xsave = (cpuid(1, 0).ecx & CPUID1_ECX_XSAVE) != 0;
	if (xsave)
		cr4 |= CR4_OSXSAVE;
	write_cr4(cr4);
	if (xsave) {
		uint64_t xcr0 = XCR0_X87 | XCR0_SSE;
		__asm__ volatile("xsetbv" : : "c"(0), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32)));
	}
	__asm__ volatile("fninit");
}
