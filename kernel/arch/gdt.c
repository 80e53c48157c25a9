#include <string.h>
#include "arch/gdt.h"

struct __attribute__((packed)) descriptor_ptr {
	uint16_t limit;
	uint64_t base;
};

void gdt_load(struct cpu_gdt *g, const uint64_t ist_tops[IST_COUNT])
{
	uint64_t tss_base = (uint64_t)(uintptr_t)&g->tss;
	uint64_t tss_limit = sizeof(g->tss) - 1;

	memset(g, 0, sizeof(*g));
	g->entries[0] = 0;
	g->entries[1] = 0x00af9a000000ffffull; /* 64-bit code, DPL 0 */
	g->entries[2] = 0x00cf92000000ffffull; /* data, DPL 0 */
	/* 16-byte available 64-bit TSS descriptor (type 9, present). */
	g->entries[3] = (tss_limit & 0xffff) | ((tss_base & 0xffffff) << 16) |
			(0x89ull << 40) | (((tss_limit >> 16) & 0xf) << 48) |
			(((tss_base >> 24) & 0xff) << 56);
	g->entries[4] = tss_base >> 32;

	for (int i = 0; i < IST_COUNT; i++)
		g->tss.ist[i] = ist_tops[i];
	g->tss.iomap_base = sizeof(g->tss); /* no I/O permission bitmap */

	struct descriptor_ptr p = { sizeof(g->entries) - 1, (uint64_t)(uintptr_t)g->entries };
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "ltr %w3\n\t"
			 :
			 : "m"(p), "i"((uint64_t)GDT_KERNEL_CS), "r"((uint64_t)GDT_KERNEL_DS),
			   "r"((uint64_t)GDT_TSS)
			 : "rax", "memory");
}
